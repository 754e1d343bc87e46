//! Comments from spec text: the one way prose reaches generated code.

use super::source::is_invisible;

/// The lines of a comment, each safe to write after `///` or `//`: no line break of any
/// kind, no control or invisible character, nothing rustdoc would compile as a doctest.
/// Only [`doc_lines`] and [`DocLines::one`] make them.
#[derive(Debug, Default)]
pub(crate) struct DocLines(Vec<String>);

impl DocLines {
    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// A comment of one paragraph.
    pub(crate) fn one(text: &str) -> DocLines {
        doc_lines([text])
    }
}

/// The lines of a doc comment for text paragraphs; an empty line separates paragraphs.
///
/// Every line break (`\n`, `\r\n`, a lone `\r`, and Unicode's line and paragraph
/// separators) starts a new line, so no text can end the comment and continue as code.
pub(crate) fn doc_lines<'t>(paragraphs: impl IntoIterator<Item = &'t str>) -> DocLines {
    let mut lines: Vec<String> = Vec::new();
    let mut fence = Fence::default();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let paragraph = paragraph.replace("\r\n", "\n");
        for line in paragraph.split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            lines.push(fence.line(&sanitize(line)));
        }
        if let Some(marker) = fence.open.take() {
            // A fence the spec left open would swallow the rest of the comment.
            lines.push(marker.into());
        }
    }
    DocLines(lines)
}

/// Markdown code fences in spec prose: rustdoc compiles and runs a fenced block without
/// a language as a doctest, so every block is marked `text`.
#[derive(Default)]
struct Fence {
    /// The marker of the block that is open.
    open: Option<&'static str>,
}

impl Fence {
    fn line(&mut self, line: &str) -> String {
        let marker = ["```", "~~~"].into_iter().find(|m| line.starts_with(m));
        let Some(marker) = marker else {
            return line.to_string();
        };
        match self.open {
            Some(open) if open == marker => {
                self.open = None;
                marker.to_string()
            }
            // The other marker inside an open block is text.
            Some(_) => line.to_string(),
            None => {
                self.open = Some(marker);
                format!("{marker}text")
            }
        }
    }
}

/// Keeps rustdoc from reading spec prose as something else: a bare URL becomes a link, and
/// indentation (which markdown would take for a code block) is dropped. Control and
/// invisible characters, which a comment may not hold (a bidirectional override) or which
/// rustfmt would rewrite (tabs, trailing spaces), become spaces or go.
fn sanitize(line: &str) -> String {
    let line: String = line
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = line.trim();
    let mut out = String::with_capacity(line.len());
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare_url = (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['<', '>', '(', ')', '[', ']']);
        if bare_url {
            let trimmed = word.trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(trimmed);
            out.push('>');
            out.push_str(&word[trimmed.len()..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::doc_lines;

    fn lines(paragraphs: &[&str]) -> Vec<String> {
        doc_lines(paragraphs.iter().copied())
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn paragraphs_links_and_control_characters() {
        assert_eq!(
            lines(&[
                "  Title ",
                "",
                "See https://x.test/a. Then\r\n    indented\tline\u{b}"
            ]),
            ["Title", "", "See <https://x.test/a>. Then", "indented line"]
        );
    }

    #[test]
    fn every_line_break_starts_a_new_line() {
        assert_eq!(
            lines(&["a\rb\u{2028}c\u{85}d\r\ne\u{202e}f"]),
            ["a", "b", "c", "d", "ef"]
        );
    }

    #[test]
    fn code_blocks_are_never_doctests() {
        assert_eq!(
            lines(&["x\n```\nfn main() {}\n```\n~~~rust\nlet a = 1;"]),
            [
                "x",
                "```text",
                "fn main() {}",
                "```",
                "~~~text",
                "let a = 1;",
                "~~~"
            ]
        );
    }
}
