//! The rules of `specgen check`: stable ids, default severities, one line each.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(text: &str) -> Result<Severity, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "allow" => Ok(Severity::Off),
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" | "deny" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected off, info, warning or error)"
            )),
        }
    }
}

pub struct Rule {
    pub id: &'static str,
    pub default: Severity,
    pub summary: &'static str,
}

const fn rule(id: &'static str, default: Severity, summary: &'static str) -> Rule {
    Rule {
        id,
        default,
        summary,
    }
}

use Severity::{Error, Warning};

pub const INVALID_DOCUMENT: &str = "invalid-document";
pub const GENERATION_FAILED: &str = "generation-failed";
pub const UNRESOLVED_REF: &str = "unresolved-ref";
pub const UNUSED_COMPONENT: &str = "unused-component";
pub const OPERATION_ID_MISSING: &str = "operation-id-missing";
pub const OPERATION_ID_DUPLICATE: &str = "operation-id-duplicate";
pub const OPERATION_ID_NOT_IDENTIFIER: &str = "operation-id-not-identifier";
pub const PATH_PARAM_UNDECLARED: &str = "path-param-undeclared";
pub const PATH_PARAM_UNUSED: &str = "path-param-unused";
pub const NO_SUCCESS_RESPONSE: &str = "no-success-response";
pub const SECURITY_SCHEME_UNDEFINED: &str = "security-scheme-undefined";
pub const SECURITY_SCOPE_UNDEFINED: &str = "security-scope-undefined";
pub const ENUM_VALUE_TYPE: &str = "enum-value-type";
pub const ENUM_VALUE_DUPLICATE: &str = "enum-value-duplicate";
pub const EXAMPLE_INVALID: &str = "example-invalid";
pub const EXAMPLE_UNDECLARED_PROPERTY: &str = "example-undeclared-property";
pub const SERVER_TRAILING_SLASH: &str = "server-trailing-slash";
pub const LOOSE_TYPE: &str = "loose-type";

/// Every rule, in the order `specgen check --list-rules` shows them.
pub const RULES: &[Rule] = &[
    rule(
        INVALID_DOCUMENT,
        Error,
        "the file is not a valid OpenAPI 3.0 document",
    ),
    rule(
        GENERATION_FAILED,
        Error,
        "the generator cannot turn the spec into Rust",
    ),
    rule(UNRESOLVED_REF, Error, "a `$ref` points nowhere"),
    rule(UNUSED_COMPONENT, Warning, "a component nothing refers to"),
    rule(
        OPERATION_ID_MISSING,
        Warning,
        "an operation without operationId (its method name is derived from the path)",
    ),
    rule(
        OPERATION_ID_DUPLICATE,
        Error,
        "two operations share an operationId",
    ),
    rule(
        OPERATION_ID_NOT_IDENTIFIER,
        Warning,
        "an operationId that is not identifier-safe (letters, digits, `_`)",
    ),
    rule(
        PATH_PARAM_UNDECLARED,
        Error,
        "a `{name}` in the path template without a path parameter",
    ),
    rule(
        PATH_PARAM_UNUSED,
        Error,
        "a path parameter that is not in the path template",
    ),
    rule(
        NO_SUCCESS_RESPONSE,
        Warning,
        "an operation without any 2xx response",
    ),
    rule(
        SECURITY_SCHEME_UNDEFINED,
        Error,
        "a security requirement names an undefined scheme",
    ),
    rule(
        SECURITY_SCOPE_UNDEFINED,
        Error,
        "a security requirement asks for a scope its scheme does not define",
    ),
    rule(
        ENUM_VALUE_TYPE,
        Error,
        "an enum value that does not have the schema's type",
    ),
    rule(ENUM_VALUE_DUPLICATE, Warning, "an enum value listed twice"),
    rule(
        EXAMPLE_INVALID,
        Error,
        "an example that does not validate against its schema",
    ),
    rule(
        EXAMPLE_UNDECLARED_PROPERTY,
        Warning,
        "an example with a property its schema does not declare",
    ),
    rule(
        SERVER_TRAILING_SLASH,
        Warning,
        "a server URL ending with `/` (paths start with one)",
    ),
    rule(
        LOOSE_TYPE,
        Warning,
        "a construct the generator can only type as serde_json::Value",
    ),
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}
