//! The only ways text reaches generated code.
//!
//! A spec is untrusted input, so the emitter never writes a plain `&str` or `String`: every
//! line it writes is [`Rust`], and a `Rust` value can only be made of
//!
//! - the emitter's own `&'static str` snippets (text written in this crate, not read from
//!   a spec; `String`s from a document cannot be `'static`),
//! - escaped string literals ([`Rust::literal`]),
//! - identifiers from the names stage ([`Rust::ident`], repaired should one be invalid),
//! - numbers, and the Rust paths of a `Config`, checked by [`rust_path`](super::rust_path),
//!
//! joined by [`rust!`]. None of these can hold a line break, so a line written with
//! [`Code::line`](super::code::Code::line) stays one line. Prose goes through
//! [`DocLines`](super::docs::DocLines), the one way to a comment.

use std::fmt;

use crate::names::is_keyword;

/// Generated Rust source text: one line's worth, holding spec text only in the forms above.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rust(String);

/// What [`rust!`] may join: [`Rust`] and the emitter's own `&'static str` snippets.
pub(crate) trait Fragment {
    fn text(&self) -> &str;
}

impl Fragment for Rust {
    fn text(&self) -> &str {
        &self.0
    }
}

impl Fragment for &'static str {
    fn text(&self) -> &str {
        debug_assert!(
            !self.contains(['\n', '\r']),
            "a snippet is one line: {self:?}"
        );
        self
    }
}

impl<T: Fragment> Fragment for &T {
    fn text(&self) -> &str {
        (**self).text()
    }
}

/// Joins fragments into one [`Rust`] value: `rust!["pub struct ", name, " {"]`.
macro_rules! rust {
    ($($part:expr),* $(,)?) => {{
        let mut joined = $crate::emit::source::Rust::default();
        $( joined.push(&$part); )*
        joined
    }};
}
pub(crate) use rust;

impl Rust {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn push(&mut self, part: &impl Fragment) {
        self.0.push_str(part.text());
    }

    /// `parts` joined by `separator`.
    pub(crate) fn join<F: Fragment>(parts: &[F], separator: &'static str) -> Rust {
        let mut joined = Rust::default();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                joined.push(&separator);
            }
            joined.push(part);
        }
        joined
    }

    /// A Rust string literal holding `text` exactly.
    ///
    /// Besides what the language requires (quotes, backslashes, line breaks), control
    /// characters and the invisible formatting characters are escaped: rustc rejects
    /// bidirectional overrides in a literal (`text_direction_codepoint_in_literal`), and
    /// a reader should see a zero-width character that is there.
    pub(crate) fn literal(text: &str) -> Rust {
        use fmt::Write;
        let mut out = String::with_capacity(text.len() + 2);
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() || is_invisible(c) => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        Rust(out)
    }

    /// An identifier from a name the names stage produced (which may be `r#`-escaped).
    ///
    /// The names stage only produces valid identifiers; should one ever slip through, it
    /// is repaired here rather than left to fail (or worse) in a user's build.
    pub(crate) fn ident(name: &str) -> Rust {
        let plain = |word: &str| {
            word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && word != "_"
        };
        let valid = match name.strip_prefix("r#") {
            Some(raw) => plain(raw) && !matches!(raw, "crate" | "self" | "Self" | "super"),
            None => plain(name) && !is_keyword(name),
        };
        if valid {
            return Rust(name.to_string());
        }
        let cleaned: String = name
            .trim_start_matches("r#")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        Rust(format!("_{cleaned}_"))
    }

    /// A number (a status code, a count, a default value).
    pub(crate) fn number(n: impl Into<i128>) -> Rust {
        Rust(n.into().to_string())
    }

    /// A finite float literal that keeps its decimal point (`1.0`).
    pub(crate) fn float(f: f64) -> Option<Rust> {
        f.is_finite().then(|| Rust(format!("{f:?}")))
    }

    /// A type path from the [`Config`](crate::Config), already checked and respaced by
    /// [`rust_path::normalize`](super::rust_path::normalize): identifiers, `::`, `<>`, `&'a`.
    pub(crate) fn checked_path(path: &str) -> Option<Rust> {
        super::rust_path::normalize(path).map(Rust)
    }
}

impl From<&'static str> for Rust {
    fn from(snippet: &'static str) -> Rust {
        Rust(snippet.text().to_string())
    }
}

impl fmt::Display for Rust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Characters that change how text is shown without being seen: bidirectional controls
/// (which rustc rejects in literals and comments), zero-width characters and the byte
/// order mark.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
        | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::Rust;

    #[test]
    fn literals_escape_what_rust_requires_and_what_hides() {
        assert_eq!(
            Rust::literal("a\"b\\c\nd\u{7}é").as_str(),
            "\"a\\\"b\\\\c\\nd\\u{7}é\""
        );
        assert_eq!(
            Rust::literal("\u{202e}x\u{200b}\r").as_str(),
            "\"\\u{202e}x\\u{200b}\\r\""
        );
    }

    #[test]
    fn repairs_identifiers_instead_of_failing() {
        for bad in [
            "",
            "_",
            "9lives",
            "a-b",
            "r#",
            "caf\u{e9}\u{11433}",
            "r#self",
            "fn",
            "x}\nfn injected() {",
        ] {
            let repaired = Rust::ident(bad);
            let text = repaired.as_str();
            assert!(
                text.starts_with('_')
                    && text.ends_with('_')
                    && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{bad:?} → {text:?}"
            );
        }
        assert_eq!(Rust::ident("r#type").as_str(), "r#type");
        assert_eq!(Rust::ident("name").as_str(), "name");
    }

    #[test]
    fn joins_fragments() {
        let name = Rust::ident("Pet");
        let joined = rust!["pub struct ", name, " {"];
        assert_eq!(joined.as_str(), "pub struct Pet {");
        assert_eq!(Rust::join(&["a", "b"], ", ").as_str(), "a, b");
    }
}
