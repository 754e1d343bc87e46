//! The errors a call, the token endpoint and client construction can return.

use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::redact::RedactedHeaders;

/// How much of an undocumented response body [`Error::UnexpectedStatus`] keeps.
pub const MAX_ERROR_BODY_BYTES: usize = 4096;

/// Everything that can go wrong with one API call.
///
/// `E` is the operation's documented error type (generated: one variant per documented
/// error status). `Debug` never prints credentials: headers that look like credentials
/// are redacted and URLs in transport errors lose their query string (which may carry an
/// API key).
pub enum Error<E> {
    /// The request could not be sent or the response not read (DNS, connect, TLS, reset).
    Transport(reqwest::Error),
    /// The server did not answer within the configured timeout.
    Timeout,
    /// No usable credentials, or the token endpoint failed.
    Auth(AuthError),
    /// A documented error status; `body` is its typed body.
    Api {
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The decoded, typed error body.
        body: E,
    },
    /// A status the spec does not document for this operation.
    UnexpectedStatus {
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The body as text, cut to [`MAX_ERROR_BODY_BYTES`].
        body: String,
    },
    /// The response body does not match the spec.
    Decode {
        /// The response status.
        status: StatusCode,
        /// Where in the JSON document decoding failed, e.g. `person_details.date_of_birth`
        /// (`.` for the document itself).
        path: String,
        /// What was wrong there.
        message: String,
    },
    /// The request could not be built (a parameter or body failed to serialize, a path
    /// parameter was missing, a header value was invalid).
    InvalidRequest(String),
    /// A page of a [`Pages`](crate::Pages) stream returned a next cursor that was already
    /// followed: following it again would fetch the same pages forever, so the stream
    /// ends with this error after that page.
    RepeatedCursor {
        /// The cursor, cut to [`MAX_ERROR_BODY_BYTES`].
        cursor: String,
        /// Which page returned it (1 for the first page of the stream).
        page: usize,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Transport(e) => e.status(),
            Error::Timeout
            | Error::Auth(_)
            | Error::InvalidRequest(_)
            | Error::RepeatedCursor { .. } => None,
        }
    }

    /// The documented error body, for [`Error::Api`].
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Converts a transport error, telling timeouts apart and removing the URL's query
    /// string, which may carry an API key or personal data.
    pub(crate) fn from_reqwest(mut e: reqwest::Error) -> Self {
        if e.is_timeout() {
            return Error::Timeout;
        }
        if let Some(url) = e.url_mut() {
            url.set_query(None);
        }
        Error::Transport(e)
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Timeout => f.write_str("Timeout"),
            Error::Auth(e) => f.debug_tuple("Auth").field(e).finish(),
            Error::Api {
                status,
                headers,
                body,
            } => f
                .debug_struct("Api")
                .field("status", status)
                .field("headers", &RedactedHeaders(headers))
                .field("body", body)
                .finish(),
            Error::UnexpectedStatus {
                status,
                headers,
                body,
            } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("headers", &RedactedHeaders(headers))
                .field("body", body)
                .finish(),
            Error::Decode {
                status,
                path,
                message,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("path", path)
                .field("message", message)
                .finish(),
            Error::InvalidRequest(m) => f.debug_tuple("InvalidRequest").field(m).finish(),
            Error::RepeatedCursor { cursor, page } => f
                .debug_struct("RepeatedCursor")
                .field("cursor", cursor)
                .field("page", page)
                .finish(),
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::Timeout => f.write_str("request timed out"),
            Error::Auth(e) => write!(f, "authentication failed: {e}"),
            Error::Api { status, .. } => write!(f, "API error: HTTP {status}"),
            Error::UnexpectedStatus { status, body, .. } if body.is_empty() => {
                write!(f, "unexpected HTTP status {status}")
            }
            Error::UnexpectedStatus { status, body, .. } => {
                write!(f, "unexpected HTTP status {status}: {body}")
            }
            Error::Decode {
                status,
                path,
                message,
            } => write!(
                f,
                "response body (HTTP {status}) does not match the spec at {path}: {message}"
            ),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Error::RepeatedCursor { cursor, page } => write!(
                f,
                "page {page} returned the next cursor {cursor:?}, which was already followed: \
                 the server would send the same pages again"
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Auth(e) => Some(e),
            _ => None,
        }
    }
}

impl<E> From<AuthError> for Error<E> {
    fn from(e: AuthError) -> Self {
        Error::Auth(e)
    }
}

/// Why a request could not be authenticated.
///
/// Cloneable so that one failed token request can be reported to every caller that was
/// waiting for it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// The operation needs credentials that were not configured.
    MissingCredentials {
        /// The operation's id.
        operation: &'static str,
        /// The alternatives that would satisfy it, e.g. `"OAuth2" or "bearerAuth"`.
        required: String,
    },
    /// The token endpoint could not be reached or did not answer in time.
    TokenTransport(String),
    /// The token endpoint refused the request (e.g. `invalid_client`).
    TokenRejected {
        /// The token endpoint's status.
        status: StatusCode,
        /// Its body, cut to [`MAX_ERROR_BODY_BYTES`].
        body: String,
    },
    /// The token endpoint answered 2xx with something that is not a token response.
    InvalidTokenResponse(String),
    /// A caller-supplied [`TokenSource`](crate::TokenSource) failed.
    TokenSource(String),
    /// A credential cannot be sent as given (e.g. a control character in a token); the
    /// message names the scheme, never the value.
    InvalidCredential(String),
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::MissingCredentials {
                operation,
                required,
            } => write!(
                f,
                "operation `{operation}` requires credentials for {required}, and none are configured"
            ),
            AuthError::TokenTransport(m) => write!(f, "token request failed: {m}"),
            AuthError::TokenRejected { status, body } => {
                write!(f, "token endpoint answered HTTP {status}: {body}")
            }
            AuthError::InvalidTokenResponse(m) => write!(f, "invalid token response: {m}"),
            AuthError::TokenSource(m) => write!(f, "token source failed: {m}"),
            AuthError::InvalidCredential(m) => write!(f, "invalid credential: {m}"),
        }
    }
}

impl std::error::Error for AuthError {}

/// Why [`ClientBuilder::build`](crate::ClientBuilder::build) failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL (or a token URL) is not an absolute http(s) URL.
    InvalidUrl {
        /// What the URL was for, e.g. `"base URL"`.
        what: String,
        /// The URL as given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// Credentials were given for a scheme the API does not declare.
    UnknownScheme(String),
    /// Credentials of one kind were given for a scheme of another (e.g. an API key for an
    /// OAuth2 scheme).
    CredentialsMismatch {
        /// The scheme's name.
        scheme: String,
        /// What the scheme expects.
        expected: &'static str,
    },
    /// A convenience setter (e.g. `bearer_token`) found no scheme of its kind.
    NoSchemeOfKind(&'static str),
    /// The user agent is not a valid header value.
    InvalidUserAgent,
    /// A default header's name or value is not valid in HTTP (the name is given).
    InvalidHeader(String),
    /// A setting cannot be applied to a caller-supplied `reqwest::Client`.
    Unsupported(&'static str),
    /// reqwest could not build its client (e.g. TLS initialisation failed).
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidUrl { what, url, reason } => {
                write!(f, "invalid {what} {url:?}: {reason}")
            }
            BuildError::UnknownScheme(s) => {
                write!(f, "credentials given for unknown security scheme `{s}`")
            }
            BuildError::CredentialsMismatch { scheme, expected } => {
                write!(f, "security scheme `{scheme}` needs {expected}")
            }
            BuildError::NoSchemeOfKind(kind) => {
                write!(f, "this API declares no {kind} security scheme")
            }
            BuildError::InvalidUserAgent => f.write_str("user agent is not a valid header value"),
            BuildError::InvalidHeader(name) => {
                write!(f, "default header `{name}` is not a valid HTTP header")
            }
            BuildError::Unsupported(m) => f.write_str(m),
            BuildError::Http(e) => write!(f, "could not build the HTTP client: {e}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(e) => Some(e),
            _ => None,
        }
    }
}

/// Cuts text to at most `max` bytes on a char boundary, saying how much was dropped.
pub(crate) fn truncate_body(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}… [truncated, {} bytes in total]",
        &text[..end],
        text.len()
    )
}

/// Hides string values that serde quotes in its messages (`invalid type: string "…"`):
/// a value that failed to decode may be personal data, and this message ends up in logs.
pub(crate) fn scrub_serde_message(message: &str) -> String {
    const MARK: &str = "string \"";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len()..];
        // serde prints the value with Debug escaping, so the value ends at the first
        // quote that is not preceded by a backslash.
        let mut escaped = false;
        let mut close = None;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    close = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        match close {
            Some(i) => {
                out.push_str("a string (value hidden)");
                rest = &after[i + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_body("short", 10), "short");
        let long = "é".repeat(10); // 20 bytes
        let cut = truncate_body(&long, 5);
        assert!(cut.starts_with("éé…"), "{cut}");
        assert!(cut.contains("20 bytes"), "{cut}");
    }

    #[test]
    fn scrubs_quoted_values() {
        let m = r#"invalid type: string "123-45-\"6789", expected u32 at line 1 column 9"#;
        let s = scrub_serde_message(m);
        assert!(!s.contains("6789"), "{s}");
        assert!(
            s.starts_with("invalid type: a string (value hidden), expected u32"),
            "{s}"
        );
        assert_eq!(scrub_serde_message("premature end"), "premature end");
    }

    #[test]
    fn display_and_source() {
        let e: Error<()> = Error::Auth(AuthError::MissingCredentials {
            operation: "getIdentity",
            required: "`OAuth2`".into(),
        });
        let text = e.to_string();
        assert!(
            text.contains("getIdentity") && text.contains("`OAuth2`"),
            "{text}"
        );
        assert!(std::error::Error::source(&e).is_some());
        let e: Error<()> = Error::Decode {
            status: StatusCode::OK,
            path: "a.b".into(),
            message: "bad".into(),
        };
        assert!(e.to_string().contains("at a.b: bad"));
        assert_eq!(e.status(), Some(StatusCode::OK));
    }
}
