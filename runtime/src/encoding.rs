//! Percent-encoding for the places a value goes into a URL, a form body or a cookie.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 unreserved characters. Strict on purpose: a path parameter
/// must stay one segment (`/` encoded) and a query value must not start a new pair
/// (`&`, `=`, `+` encoded).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What RFC 6265 does not allow in a cookie value, plus `%` so encoding stays reversible.
const COOKIE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Encodes a query or form name or value.
pub(crate) fn component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Encodes a path parameter as exactly one path segment; `None` for `.` and `..`, which
/// no encoding can keep from walking the path (URL parsers treat `%2E%2E` as `..` too).
pub(crate) fn path_segment(s: &str) -> Option<String> {
    match s {
        "." | ".." => None,
        _ => Some(component(s)),
    }
}

/// Encodes a cookie value.
pub(crate) fn cookie_value(s: &str) -> String {
    utf8_percent_encode(s, COOKIE).to_string()
}

/// `application/x-www-form-urlencoded` text of name/value pairs.
pub(crate) fn form_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", component(k), component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Flattens a serialized form body into pairs: scalars as text, arrays as repeated names
/// (OpenAPI's default `form` style with `explode: true`), nested objects as JSON text,
/// `null` left out.
pub(crate) fn form_from_json(value: &serde_json::Value) -> Result<Vec<(String, String)>, String> {
    use serde_json::Value;
    let object = value
        .as_object()
        .ok_or("a form body must serialize to an object")?;
    let scalar = |v: &Value| -> Option<String> {
        match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
                Some(v.to_string())
            }
        }
    };
    let mut pairs = Vec::new();
    for (name, v) in object {
        match v {
            Value::Array(items) => {
                pairs.extend(
                    items
                        .iter()
                        .filter_map(|i| Some((name.clone(), scalar(i)?))),
                );
            }
            other => pairs.extend(scalar(other).map(|s| (name.clone(), s))),
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_stay_single_segments() {
        assert_eq!(path_segment("a/b c?d#e").unwrap(), "a%2Fb%20c%3Fd%23e");
        assert_eq!(path_segment(".."), None);
        assert_eq!(path_segment("."), None);
        assert_eq!(path_segment("a.b-c_d~e").unwrap(), "a.b-c_d~e");
        assert_eq!(path_segment("é").unwrap(), "%C3%A9");
    }

    #[test]
    fn components_and_cookies() {
        assert_eq!(component("a&b=c+d"), "a%26b%3Dc%2Bd");
        assert_eq!(cookie_value("abc=; x"), "abc=%3B%20x");
    }

    #[test]
    fn forms_flatten() {
        let v = serde_json::json!({"a": "x y", "n": 1, "list": [1, "two"], "skip": null, "o": {"k": true}});
        // serde_json's map order depends on crate features elsewhere in the build.
        let mut pairs = form_from_json(&v).unwrap();
        pairs.sort();
        let text = form_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(text, "a=x%20y&list=1&list=two&n=1&o=%7B%22k%22%3Atrue%7D");
        assert!(form_from_json(&serde_json::json!([1])).is_err());
    }
}
