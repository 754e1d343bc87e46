//! Doc comments from spec text.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for text paragraphs, one attribute per line so they print as `///`.
pub(crate) fn doc_attrs<'t>(paragraphs: impl IntoIterator<Item = &'t str>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|line| sanitize(line.trim_end())));
    }
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// Keeps rustdoc from reading spec prose as something else: a bare URL becomes a link, and
/// indentation (which markdown would take for a code block) is dropped.
fn sanitize(line: &str) -> String {
    let line = line.trim_start();
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
