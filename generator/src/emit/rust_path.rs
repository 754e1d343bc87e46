//! The Rust type paths a user names in [`Config`](crate::Config) (`derive`, `replace`):
//! checked and written back in the spacing rustfmt uses.

use crate::names::is_keyword;

/// `path` in canonical spacing (`chrono::DateTime<chrono::Utc>`, `&'static str`), or
/// `None` when it is not a type path: identifiers joined by `::`, each optionally with
/// generic arguments that are type paths themselves, behind an optional `&` or `&'a`.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut parser = Parser {
        rest: path.trim(),
        out: String::with_capacity(path.len()),
    };
    parser.ty()?;
    parser.rest.is_empty().then_some(parser.out)
}

struct Parser<'p> {
    rest: &'p str,
    out: String,
}

impl Parser<'_> {
    fn eat(&mut self, token: &str) -> bool {
        let trimmed = self.rest.trim_start();
        match trimmed.strip_prefix(token) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn word(&mut self) -> Option<&str> {
        let trimmed = self.rest.trim_start();
        let end = trimmed
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(trimmed.len());
        let (word, rest) = trimmed.split_at(end);
        let starts_well = word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if !starts_well || word == "_" {
            return None;
        }
        self.rest = rest;
        Some(word)
    }

    fn ty(&mut self) -> Option<()> {
        if self.eat("&") {
            self.out.push('&');
            if self.eat("'") {
                let lifetime = self.word()?.to_owned();
                self.out.push('\'');
                self.out.push_str(&lifetime);
                self.out.push(' ');
            }
        }
        if self.eat("::") {
            self.out.push_str("::");
        }
        loop {
            let segment = self.word()?.to_owned();
            // `crate`, `self` and `super` start a path; other keywords never appear in one.
            let leading = matches!(segment.as_str(), "crate" | "self" | "super");
            if is_keyword(&segment) && !(leading && self.out.is_empty()) {
                return None;
            }
            self.out.push_str(&segment);
            if self.eat("<") {
                self.out.push('<');
                loop {
                    self.ty()?;
                    if self.eat(">") {
                        break;
                    }
                    if !self.eat(",") {
                        return None;
                    }
                    self.out.push_str(", ");
                }
                self.out.push('>');
            }
            if !self.eat("::") {
                return Some(());
            }
            self.out.push_str("::");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn accepts_type_paths_and_rejects_everything_else() {
        assert_eq!(
            normalize("schemars::JsonSchema").as_deref(),
            Some("schemars::JsonSchema")
        );
        assert_eq!(
            normalize(" chrono :: DateTime < chrono::Utc > ").as_deref(),
            Some("chrono::DateTime<chrono::Utc>")
        );
        assert_eq!(
            normalize("::std::collections::HashMap<String,Vec<u8>>").as_deref(),
            Some("::std::collections::HashMap<String, Vec<u8>>")
        );
        assert_eq!(normalize("&'static str").as_deref(), Some("&'static str"));
        assert_eq!(normalize("crate::Money").as_deref(), Some("crate::Money"));
        for bad in [
            "",
            "not a path",
            "a::",
            "Vec<",
            "a::fn",
            "1abc",
            "a; b",
            "a::<>",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }
}
