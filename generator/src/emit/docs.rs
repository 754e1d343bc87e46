//! Doc comments from spec text.

/// The lines of a doc comment for text paragraphs; an empty line separates paragraphs.
pub(crate) fn doc_lines<'t>(paragraphs: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(sanitize));
    }
    lines
}

/// Keeps rustdoc from reading spec prose as something else: a bare URL becomes a link, and
/// indentation (which markdown would take for a code block) is dropped. Control characters,
/// which a comment may not hold (a lone carriage return) or which rustfmt would rewrite
/// (tabs, trailing spaces), become spaces or go.
fn sanitize(line: &str) -> String {
    let line: String = line
        .chars()
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

    #[test]
    fn paragraphs_links_and_control_characters() {
        assert_eq!(
            doc_lines([
                "  Title ",
                "",
                "See https://x.test/a. Then\r\n    indented\tline\u{b}"
            ]),
            ["Title", "", "See <https://x.test/a>. Then", "indented line"]
        );
    }
}
