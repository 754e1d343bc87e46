//! Keeping secrets and personal data out of logs.
//!
//! Generated models wrap fields marked `x-sensitive` (SSNs, tax ids, document numbers) in
//! [`Sensitive`], and the runtime keeps every credential in one too, so that a stray
//! `{:?}` in a log line prints `[redacted]` instead of the value. The wire format is not
//! affected: serde sees straight through the wrapper.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What [`Sensitive`] prints in place of its value.
pub const REDACTED: &str = "[redacted]";

/// A value that is sent and received as usual but never shown by `Debug` or `Display`.
///
/// Serializes and deserializes exactly as `T`. Reading the value is explicit
/// ([`expose`](Sensitive::expose), [`into_inner`](Sensitive::into_inner)), which makes
/// the places that handle the raw value easy to find in review.
///
/// ```
/// use specgen_runtime::Sensitive;
/// let ssn = Sensitive::new("123-45-6789".to_string());
/// assert_eq!(format!("{ssn:?}"), "[redacted]");
/// assert_eq!(ssn.expose(), "123-45-6789");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub const fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// Borrows the value; the caller takes over the duty not to log it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value; the caller takes over the duty not to log it.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

/// So a setter taking `impl Into<Sensitive<String>>` accepts a string literal.
impl From<&str> for Sensitive<String> {
    fn from(value: &str) -> Self {
        Sensitive(value.to_owned())
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Serialize> Serialize for Sensitive<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

/// Whether a header's value may carry a credential or a session, judged by its name.
///
/// Used only for `Debug` output: it errs on the side of hiding (any name mentioning auth,
/// cookie, token, key, secret, session, password or signature).
pub(crate) fn is_sensitive_header(name: &HeaderName) -> bool {
    const WORDS: [&str; 8] = [
        "auth",
        "cookie",
        "token",
        "key",
        "secret",
        "session",
        "password",
        "signature",
    ];
    let name = name.as_str();
    WORDS.iter().any(|w| name.contains(w))
}

/// `Debug` view of a header map that hides the values of credential-like headers.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_sensitive_header(name) || value.is_sensitive() {
                map.entry(&name.as_str(), &format_args!("{REDACTED}"));
            } else {
                match value.to_str() {
                    Ok(text) => map.entry(&name.as_str(), &text),
                    Err(_) => map.entry(&name.as_str(), &format_args!("<{} bytes>", value.len())),
                };
            }
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Sensitive::new("123-45-6789".to_string());
        assert_eq!(format!("{s:?}"), REDACTED);
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(format!("{:#?}", Some(&s)), "Some(\n    [redacted],\n)");
    }

    #[test]
    fn serde_is_transparent() {
        let s: Sensitive<String> = serde_json::from_str("\"123-45-6789\"").unwrap();
        assert_eq!(s.expose(), "123-45-6789");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"123-45-6789\"");
        let n: Sensitive<u32> = serde_json::from_str("42").unwrap();
        assert_eq!(n.into_inner(), 42);
        let none: Option<Sensitive<String>> = serde_json::from_str("null").unwrap();
        assert!(none.is_none());
    }

    #[test]
    fn comparisons_follow_the_inner_value() {
        let a = Sensitive::from(1);
        let b = Sensitive::new(2);
        assert!(a < b);
        assert_eq!(a, Sensitive::new(1));
        assert_eq!(Sensitive::<String>::default().expose(), "");
    }

    #[test]
    fn header_debug_hides_credentials() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_static("Bearer sekrit"));
        headers.insert("set-cookie", HeaderValue::from_static("sid=sekrit"));
        headers.insert("x-api-key", HeaderValue::from_static("sekrit"));
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        let out = format!("{:?}", RedactedHeaders(&headers));
        assert!(!out.contains("sekrit"), "{out}");
        assert!(out.contains("application/json"), "{out}");
    }
}
