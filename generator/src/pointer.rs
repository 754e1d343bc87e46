//! JSON pointers (RFC 6901) and the `$ref` fragments that carry them (RFC 3986).

/// Escapes one pointer segment: `~` → `~0`, `/` → `~1`.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one pointer segment.
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// A `$ref` fragment is a URI fragment: `#/components/schemas/Caf%C3%A9` names `Café`.
pub fn percent_decode(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_fragments_round_trip() {
        assert_eq!(escape("/pets/{id}~x"), "~1pets~1{id}~0x");
        assert_eq!(unescape(&escape("/pets/{id}~x")), "/pets/{id}~x");
        assert_eq!(
            percent_decode("/components/schemas/Caf%C3%A9%20x"),
            "/components/schemas/Café x"
        );
        assert_eq!(percent_decode("/bad%zz"), "/bad%zz");
    }
}
