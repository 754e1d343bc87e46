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

use Severity::{Error, Info, Warning};

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
pub const PATH_IDENTICAL: &str = "path-identical";
pub const PATH_AMBIGUOUS: &str = "path-ambiguous";
pub const PATH_QUERY_STRING: &str = "path-query-string";
pub const PATH_TRAILING_SLASH: &str = "path-trailing-slash";
pub const PATH_TEMPLATE_INVALID: &str = "path-template-invalid";
pub const PARAMETER_DUPLICATE: &str = "parameter-duplicate";
pub const NO_4XX_RESPONSE: &str = "no-4xx-response";
pub const SECURITY_REQUIREMENT_EMPTY: &str = "security-requirement-empty";
pub const REQUIRED_PROPERTY_UNDEFINED: &str = "required-property-undefined";
pub const DEFAULT_INVALID: &str = "default-invalid";
pub const DISCRIMINATOR_MAPPING_INVALID: &str = "discriminator-mapping-invalid";
pub const DISCRIMINATOR_PROPERTY_MISSING: &str = "discriminator-property-missing";
pub const SCHEMA_TYPE_MISMATCH: &str = "schema-type-mismatch";
pub const REF_SIBLING_IGNORED: &str = "ref-sibling-ignored";
pub const SERVER_VARIABLE_INVALID: &str = "server-variable-invalid";

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
        PATH_IDENTICAL,
        Error,
        "two paths that differ only in their parameter names (`/a/{x}`, `/a/{y}`)",
    ),
    rule(
        PATH_AMBIGUOUS,
        Warning,
        "two paths that match the same URLs with none more literal (`/{kind}/me`, `/books/{id}`)",
    ),
    rule(
        PATH_QUERY_STRING,
        Error,
        "a path with a query string (`/pets?kind=dog`)",
    ),
    rule(PATH_TRAILING_SLASH, Warning, "a path ending with `/`"),
    rule(
        PATH_TEMPLATE_INVALID,
        Error,
        "a path template with `{}`, an unclosed brace or a parameter named twice",
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
        PARAMETER_DUPLICATE,
        Error,
        "one operation declares a parameter (same name and location) twice",
    ),
    rule(
        NO_SUCCESS_RESPONSE,
        Warning,
        "an operation without any 2xx response",
    ),
    rule(
        NO_4XX_RESPONSE,
        Info,
        "an operation without any 4xx response (its client errors are untyped)",
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
        SECURITY_REQUIREMENT_EMPTY,
        Warning,
        "a `security` list that names no scheme and overrides nothing (`[{}]`)",
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
        DEFAULT_INVALID,
        Error,
        "a `default` that does not validate against its schema or enum",
    ),
    rule(
        REQUIRED_PROPERTY_UNDEFINED,
        Warning,
        "a `required` property that the schema does not define",
    ),
    rule(
        DISCRIMINATOR_MAPPING_INVALID,
        Error,
        "a discriminator mapping to a schema that is not a member of the union",
    ),
    rule(
        DISCRIMINATOR_PROPERTY_MISSING,
        Error,
        "a discriminator member (or mapped schema) without the discriminator property",
    ),
    rule(
        SCHEMA_TYPE_MISMATCH,
        Error,
        "a schema whose keywords contradict its type (`type: object` with `items`)",
    ),
    rule(
        REF_SIBLING_IGNORED,
        Warning,
        "keywords beside a `$ref`, which OpenAPI 3.0 ignores (`nullable: true`)",
    ),
    rule(
        SERVER_TRAILING_SLASH,
        Warning,
        "a server URL ending with `/` (paths start with one)",
    ),
    rule(
        SERVER_VARIABLE_INVALID,
        Error,
        "a server URL variable that is undefined, or whose default is not in its enum",
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
