//! Stage 4: every Rust identifier in the output is decided here, once, for the whole file.
//!
//! Rules, in order: case conversion with `heck`; symbols, ranges and sentences in enum values
//! turned into words (`"Under $50,000"` → `Under50000`, `"0-10 Transactions"` →
//! `From0To10Transactions`, `"+1"` → `Plus1`); keywords escaped (`r#type`, `self_`); a leading
//! digit prefixed; long sentences cut to their first words; then, within each scope, a later
//! duplicate gets the smallest free numeric suffix, in spec order — so the same spec always
//! gives the same names.

use std::collections::HashSet;

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::ir::{Ir, ParamLocation, StatusMatch, TypeKind};

/// The identifiers chosen for an [`Ir`], indexed like it.
#[derive(Debug, Clone, PartialEq)]
pub struct Names {
    /// Per type: its name.
    pub types: Vec<String>,
    /// Per type: struct field names, enum variant names or union variant names, in IR order.
    pub members: Vec<Vec<String>>,
    /// Per type: the variant that keeps an unknown enum value.
    pub fallbacks: Vec<String>,
    /// Per struct a request can carry ([`Ir::sent_types`]): per field, its chainable
    /// setter (`set_limit`), empty for a required field; empty for every other type.
    pub setters: Vec<Vec<String>>,
    pub operations: Vec<OperationNames>,
    /// Per server: the name of its URL constant.
    pub servers: Vec<String>,
    /// Per tag ([`Ir::tags`]): the cargo feature of a crate with one feature per tag.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperationNames {
    pub method: String,
    pub params_struct: String,
    /// Per parameter: its field in the params struct, or its argument name for path parameters.
    pub params: Vec<String>,
    /// Per parameter: its setter on the params struct, empty for a required or path one.
    pub setters: Vec<String>,
    pub success_enum: String,
    pub error_enum: String,
    /// Per response case: its variant in the success or the error enum.
    pub responses: Vec<String>,
    /// For an operation that pages: its methods streaming pages and items.
    pub paging: Option<PagingNames>,
}

/// The methods of a paginated operation: `list_identities_pages`, `list_identities_stream`.
#[derive(Debug, Clone, PartialEq)]
pub struct PagingNames {
    pub pages: String,
    pub stream: String,
}

/// Names reserved in the generated module's type namespace.
const RESERVED_TYPES: &[&str] = &["Client", "Self"];
/// Methods every generated client has besides its operations.
const RESERVED_METHODS: &[&str] = &["builder", "api_client", "from", "clone", "fmt"];

pub(crate) fn assign(ir: &Ir) -> Names {
    let mut type_scope = Scope::with(RESERVED_TYPES);
    let mut types = vec![String::new(); ir.types.len()];
    // Names the spec gave claim first, so a derived name never takes them away.
    let order = ir
        .types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.named_in_spec)
        .chain(
            ir.types
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.named_in_spec),
        );
    for (index, def) in order {
        types[index] = type_scope.claim(&type_name(&def.name));
    }

    let sent = ir.sent_types();
    let mut members = Vec::with_capacity(ir.types.len());
    let mut fallbacks = Vec::with_capacity(ir.types.len());
    let mut setters = Vec::with_capacity(ir.types.len());
    for (def, sent) in ir.types.iter().zip(sent) {
        let mut struct_setters = Vec::new();
        let (names, fallback) = match &def.kind {
            TypeKind::Struct(s) => {
                let wire: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
                let mut names = field_names(&wire);
                if sent {
                    struct_setters = setter_names(&names, |i| !s.fields[i].required);
                }
                if s.additional.is_some() {
                    let mut scope =
                        Scope::with(&names.iter().map(String::as_str).collect::<Vec<_>>());
                    names.push(scope.claim("additional_properties"));
                }
                (names, String::new())
            }
            TypeKind::Enum(e) => {
                let mut scope = Scope::default();
                let names: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| scope.claim(&variant_name(v)))
                    .collect();
                let fallback = ["Unknown", "UnknownValue", "Unrecognized"]
                    .into_iter()
                    .find(|candidate| !scope.taken.contains(*candidate))
                    .map_or_else(|| scope.claim("Unknown"), str::to_string);
                (names, fallback)
            }
            TypeKind::Union(u) => {
                let mut scope = Scope::default();
                (
                    u.variants
                        .iter()
                        .map(|v| scope.claim(&type_name(std::slice::from_ref(&v.name))))
                        .collect(),
                    String::new(),
                )
            }
            TypeKind::Alias(_) => (Vec::new(), String::new()),
        };
        members.push(names);
        fallbacks.push(fallback);
        setters.push(struct_setters);
    }

    let mut method_scope = Scope::with(RESERVED_METHODS);
    let mut operations: Vec<OperationNames> = ir
        .operations
        .iter()
        .map(|op| {
            let base = type_name_stem(std::slice::from_ref(&op.name));
            let params: Vec<&str> = op.params.iter().map(|p| p.wire_name.as_str()).collect();
            let mut params = field_names(&params);
            let setters = setter_names(&params, |i| {
                !op.params[i].required && op.params[i].location != ParamLocation::Path
            });
            if op.body.is_some() {
                // The body argument sits beside path parameters.
                let path_params: Vec<usize> = (0..params.len())
                    .filter(|&i| op.params[i].location == ParamLocation::Path)
                    .collect();
                for i in path_params {
                    // Beside the method's own locals, too.
                    if ["body", "params", "request", "response"].contains(&params[i].as_str()) {
                        params[i].push_str("_param");
                    }
                }
            }
            let mut success_scope = Scope::default();
            let mut error_scope = Scope::default();
            let has_success = op.responses.iter().any(|r| r.status.is_success());
            let responses = op
                .responses
                .iter()
                .map(|r| {
                    let word = status_variant(r.status);
                    if r.status.is_success() || (!has_success && r.status == StatusMatch::Default) {
                        success_scope.claim(&word)
                    } else {
                        error_scope.claim(&word)
                    }
                })
                .collect();
            OperationNames {
                method: method_scope.claim(&ident_snake(&op.name)),
                params_struct: type_scope.claim(&format!("{base}Params")),
                params,
                setters,
                success_enum: type_scope.claim(&format!("{base}Success")),
                error_enum: type_scope.claim(&format!("{base}Error")),
                responses,
                paging: None,
            }
        })
        .collect();
    // After every operation's own method, so a derived name never takes one away.
    for (op, names) in ir.operations.iter().zip(&mut operations) {
        if op.paging.is_some() {
            // `r#type` → `type_pages`, `self_` → `self_pages`.
            let method = names.method.trim_start_matches("r#").trim_end_matches('_');
            names.paging = Some(PagingNames {
                pages: method_scope.claim(&format!("{method}_pages")),
                stream: method_scope.claim(&format!("{method}_stream")),
            });
        }
    }

    let mut server_scope = Scope::default();
    let servers = ir
        .servers
        .iter()
        .map(|s| {
            let words = s
                .description
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .unwrap_or(&s.url);
            let words = words
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            server_scope.claim(&constant_name(&first_words(words, 4)))
        })
        .collect();
    // `default` is cargo's own; the runtime is the crate's dependency.
    let mut feature_scope = Scope::with(&["default", "specgen-runtime"]);
    let features = ir
        .tags
        .iter()
        .map(|tag| feature_scope.claim(&feature_name(tag)))
        .collect();
    Names {
        types,
        members,
        fallbacks,
        setters,
        operations,
        servers,
        features,
    }
}

/// A set of names in one namespace; `claim` returns a free one.
#[derive(Default)]
struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    fn with(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn claim(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        // `r#type` → `type2`, not `r#type2`: a suffixed keyword is no keyword.
        let (raw, stem) = match wanted.strip_prefix("r#") {
            Some(stem) => (true, stem),
            None => (false, wanted.trim_end_matches('_')),
        };
        let separator = if stem.contains('_') || stem.chars().all(|c| !c.is_uppercase()) && !raw {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

/// Struct field names for wire names, in order; a wire name that already is the snake-case
/// form keeps it, so `error_code` stays `error_code` beside `errorCode` (`error_code_2`).
fn field_names(wire: &[&str]) -> Vec<String> {
    let wanted: Vec<String> = wire.iter().map(|w| ident_snake(w)).collect();
    let mut scope = Scope::default();
    let mut names = vec![String::new(); wire.len()];
    for (i, name) in wanted.iter().enumerate() {
        if *name == wire[i] {
            names[i] = scope.claim(name);
        }
    }
    for (i, name) in wanted.iter().enumerate() {
        if names[i].is_empty() {
            names[i] = scope.claim(name);
        }
    }
    names
}

/// The setter of each field that has one (`settable`), in the field's type's `impl`:
/// `set_` and the field's name without its keyword escape (`r#type` → `set_type`,
/// `self_` → `set_self`). Beside `new` and each other; field names live apart from methods,
/// so a field `new` or a field `set_x` beside `x` is no clash.
fn setter_names(fields: &[String], settable: impl Fn(usize) -> bool) -> Vec<String> {
    let mut scope = Scope::with(&["new"]);
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            if !settable(i) {
                return String::new();
            }
            let stem = field.trim_start_matches("r#").trim_matches('_');
            scope.claim(&format!("set_{stem}"))
        })
        .collect()
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A snake_case identifier for a field, parameter or method.
pub(crate) fn ident_snake(raw: &str) -> String {
    let spelled = spell_symbols(raw);
    let snake = spelled.to_snake_case();
    let snake = if snake.is_empty() {
        "field".to_string()
    } else {
        snake
    };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// An UpperCamelCase type name from words, most general first.
pub(crate) fn type_name(words: &[String]) -> String {
    escape_keyword(type_name_stem(words))
}

/// [`type_name`] before keyword escaping: the stem of `{stem}Params`, `{stem}Error`, which
/// are never keywords (`Self` must give `SelfError`, not `Self_Error`).
fn type_name_stem(words: &[String]) -> String {
    let joined: String = words
        .iter()
        .map(|w| spell_symbols(w).to_upper_camel_case())
        .collect();
    let name = if joined.is_empty() {
        "Type".to_string()
    } else {
        joined
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Type{name}")
    } else {
        name
    }
}

fn constant_name(raw: &str) -> String {
    let name = spell_symbols(raw).to_shouty_snake_case();
    let name = if name.is_empty() {
        "SERVER".to_string()
    } else {
        name
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    }
}

/// A cargo feature name for a tag: ASCII kebab case (`Pull Requests` → `pull-requests`).
/// It reaches the output only inside string literals (`feature = "…"`, the manifest).
pub(crate) fn feature_name(tag: &str) -> String {
    let name = spell_symbols(tag).to_kebab_case();
    if name.is_empty() {
        "tag".to_string()
    } else {
        name
    }
}

fn first_words(text: &str, count: usize) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}

/// An enum variant name for a wire value.
pub(crate) fn variant_name(value: &str) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return "Empty".into();
    }
    // "Employment Income: Includes salaries, …" and "Financial Services (Asset Mgmt., …)"
    // are named by their heading.
    let heading = match trimmed.find([':', '(']) {
        Some(cut) if trimmed[..cut].chars().any(char::is_alphabetic) => &trimmed[..cut],
        _ => trimmed,
    };
    let spelled = spell_symbols(heading);
    let words: Vec<String> = spelled
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let is_number = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    let mut words: Vec<String> = words.into_iter().take(6).collect();
    if words
        .first()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        let range = words.first().is_some_and(is_number)
            && words.get(1).is_some_and(|w| w == "to")
            && words.get(2).is_some_and(is_number);
        words.insert(0, if range { "from" } else { "value" }.to_string());
    }
    let name: String = words.iter().map(|w| w.to_upper_camel_case()).collect();
    if name.is_empty() {
        // Only symbols: name each one (`"?"` → `Question`, `"*"` → `Asterisk`), so the
        // variant says what it matches; a symbol without a name gets its code point.
        return trimmed
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match symbol_name(c) {
                Some(word) => word.to_string(),
                None => format!("U{:04X}", c as u32),
            })
            .collect();
    }
    escape_keyword(name)
}

fn symbol_name(c: char) -> Option<&'static str> {
    Some(match c {
        '!' => "Exclamation",
        '?' => "Question",
        '*' => "Asterisk",
        '#' => "Hash",
        '$' => "Dollar",
        '/' => "Slash",
        '\\' => "Backslash",
        '.' => "Dot",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '-' => "Minus",
        '_' => "Underscore",
        '~' => "Tilde",
        '^' => "Caret",
        '|' => "Pipe",
        '\'' => "Quote",
        '"' => "DoubleQuote",
        '`' => "Backtick",
        '(' => "LeftParen",
        ')' => "RightParen",
        '[' => "LeftBracket",
        ']' => "RightBracket",
        '{' => "LeftBrace",
        '}' => "RightBrace",
        _ => return None,
    })
}

/// Spells out symbols that carry meaning in enum values and names, and drops thousands
/// separators, so `"$50,001 - $100,000"` reads `50001 to 100000`.
fn spell_symbols(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len() + 8);
    let digit_before = |i: usize| {
        chars[..i]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace() && **c != '$')
            .is_some_and(|c| c.is_ascii_digit())
    };
    let digit_after = |i: usize| {
        chars[i + 1..]
            .iter()
            .find(|c| !c.is_whitespace() && **c != '$')
            .is_some_and(|c| c.is_ascii_digit())
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ',' if i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) => {}
            '-' if digit_before(i) && digit_after(i) => out.push_str(" to "),
            '-' if !digit_before(i)
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && out.trim().is_empty() =>
            {
                out.push_str(" minus ")
            }
            '+' => out.push_str(" plus "),
            '&' => out.push_str(" and "),
            '%' => out.push_str(" percent "),
            '@' => out.push_str(" at "),
            '<' => out.push_str(" lt "),
            '>' => out.push_str(" gt "),
            '=' => out.push_str(" eq "),
            '.' if i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
            {
                out.push_str(" point ")
            }
            // Identifiers stay ASCII: rustc warns on uncommon and confusable code points,
            // and generated code must build under `deny(warnings)`.
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

pub(crate) fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => status_reason(code),
        StatusMatch::Range(1) => "Informational".into(),
        StatusMatch::Range(2) => "Success".into(),
        StatusMatch::Range(3) => "Redirection".into(),
        StatusMatch::Range(4) => "ClientError".into(),
        StatusMatch::Range(5) => "ServerError".into(),
        StatusMatch::Range(digit) => format!("Status{digit}xx"),
        StatusMatch::Default => "Default".into(),
    }
}

/// The reason phrase of a status code as a type-name word.
pub(crate) fn status_reason(code: u16) -> String {
    let phrase = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        511 => "NetworkAuthenticationRequired",
        other => return format!("Status{other}"),
    };
    phrase.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ascii_whatever_the_spec_writes() {
        assert_eq!(ident_snake("prénom_𑐳"), "pr_nom");
        assert_eq!(ident_snake("名前"), "field");
        assert_eq!(type_name(&["Café".into(), "détails".into()]), "CafDTails");
        assert!(variant_name("Fiat𑐳𐔓ꔖy").is_ascii());
        assert!(variant_name("日本").is_ascii());
    }

    #[test]
    fn enum_values_become_readable_distinct_identifiers() {
        let cases = [
            ("Under $50,000", "Under50000"),
            ("$50,001 - $100,000", "From50001To100000"),
            ("$500,001 and over", "Value500001AndOver"),
            ("0-10 Transactions", "From0To10Transactions"),
            ("21+ Transactions", "Value21PlusTransactions"),
            ("3rd party", "Value3rdParty"),
            ("Other", "Other"),
            ("Other - Default", "OtherDefault"),
            (
                "Employment Income: Includes salaries, wages, and bonuses.",
                "EmploymentIncome",
            ),
            (
                "Financial Services (Asset Mgmt., Bank, Broker Dealer)",
                "FinancialServices",
            ),
            ("Crypto / Digital Assets", "CryptoDigitalAssets"),
            ("TIN_VERIFICATION_PENDING", "TinVerificationPending"),
            ("awaiting document upload", "AwaitingDocumentUpload"),
            ("+1", "Plus1"),
            ("-1", "Minus1"),
            ("", "Empty"),
            ("Self", "Self_"),
            ("???", "QuestionQuestionQuestion"),
            ("!", "Exclamation"),
            ("*", "Asterisk"),
            ("-", "Minus"),
            ("...", "DotDotDot"),
            ("\u{2192}", "U2192"),
        ];
        for (value, expected) in cases {
            assert_eq!(variant_name(value), expected, "for {value:?}");
        }
    }

    #[test]
    fn fields_escape_keywords_and_keep_exact_snake_names_on_collision() {
        assert_eq!(
            field_names(&["type", "self", "ref", "match", "2fa"]),
            ["r#type", "self_", "r#ref", "r#match", "_2fa"]
        );
        assert_eq!(
            field_names(&["errorCode", "error_code"]),
            ["error_code_2", "error_code"]
        );
        assert_eq!(
            field_names(&["passthrough_verifier_type'"]),
            ["passthrough_verifier_type"]
        );
    }

    #[test]
    fn setters_drop_keyword_escapes_and_never_collide() {
        let fields = field_names(&["type", "self", "new", "gift", "set_gift", "2fa", "id"]);
        assert_eq!(
            setter_names(&fields, |i| fields[i] != "id"),
            [
                "set_type",
                "set_self",
                "set_new",
                "set_gift",
                "set_set_gift",
                "set_2fa",
                ""
            ]
        );
        // `type` and `Type` are the fields `r#type` and `type2`: distinct setters.
        let fields = field_names(&["type", "Type", "self_", "self"]);
        let setters = setter_names(&fields, |_| true);
        let distinct: HashSet<&String> = setters.iter().collect();
        assert_eq!(distinct.len(), setters.len(), "{fields:?} → {setters:?}");
    }

    #[test]
    fn suffixes_are_stable_and_keywords_lose_their_raw_prefix() {
        let mut scope = Scope::default();
        assert_eq!(scope.claim("Pet"), "Pet");
        assert_eq!(scope.claim("Pet"), "Pet2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type2");
        assert_eq!(scope.claim("error_code"), "error_code");
        assert_eq!(scope.claim("error_code"), "error_code_2");
    }

    #[test]
    fn feature_names_are_cargo_feature_names() {
        assert_eq!(feature_name("repos"), "repos");
        assert_eq!(feature_name("Pull Requests"), "pull-requests");
        assert_eq!(feature_name("code-scanning"), "code-scanning");
        assert_eq!(feature_name("\"]))] evil"), "evil");
        assert_eq!(feature_name("Café & Bar"), "caf-and-bar");
        assert_eq!(feature_name("???"), "tag");
        for tag in ["a b", "x.y", "2fa", "名前"] {
            let name = feature_name(tag);
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{tag:?} → {name:?}"
            );
        }
    }

    #[test]
    fn type_names_join_place_words() {
        assert_eq!(
            type_name(&["Identity".into(), "status_details".into()]),
            "IdentityStatusDetails"
        );
        assert_eq!(
            type_name(&["UpdateKycIdentity".into(), "Request".into()]),
            "UpdateKycIdentityRequest"
        );
        assert_eq!(type_name(&["2fa".into()]), "Type2fa");
    }
}
