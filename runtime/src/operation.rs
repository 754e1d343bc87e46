//! What generated code declares about each operation and security scheme.

/// One API operation, declared by generated code as a `const`.
///
/// ```
/// use specgen_runtime::{reqwest, Operation};
/// const GET_IDENTITY: Operation = Operation {
///     id: "getIdentity",
///     method: reqwest::Method::GET,
///     path: "/identity/identities/{id}",
///     security: &[&[("OAuth2", &["identity:read_identity"])]],
/// };
/// ```
#[derive(Debug, Clone)]
pub struct Operation {
    /// The `operationId`, used in errors and for per-operation scope overrides.
    pub id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path template relative to the base URL, e.g. `/identity/identities/{id}`.
    pub path: &'static str,
    /// Alternatives (OR) of requirement sets (AND) of `(scheme name, scopes)`.
    ///
    /// `&[]` means no auth; an alternative that is `&[]` means anonymous access is allowed.
    pub security: &'static [&'static [(&'static str, &'static [&'static str])]],
}

impl Operation {
    /// Whether a retry may repeat this operation's side effects: the methods RFC 9110
    /// calls idempotent.
    pub fn is_idempotent(&self) -> bool {
        use reqwest::Method;
        [
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
            Method::TRACE,
        ]
        .contains(&self.method)
    }
}

/// The kind of a `securitySchemes` entry, as generated code registers it with
/// [`ClientBuilder::scheme`](crate::ClientBuilder::scheme).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// OAuth2 with the client credentials flow.
    OAuth2ClientCredentials {
        /// The flow's `tokenUrl` (absolute, or relative to the base URL).
        token_url: &'static str,
    },
    /// `type: http, scheme: bearer`.
    HttpBearer,
    /// `type: http, scheme: basic`.
    HttpBasic,
    /// `type: apiKey`.
    ApiKey {
        /// Where the key is sent.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
}

/// Where an API key is sent (`in:` of an `apiKey` scheme).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}
