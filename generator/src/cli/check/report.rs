//! Rendering diagnostics: rustc-like text with the source line, JSON, or GitHub Actions
//! workflow commands (SARIF is in `sarif.rs`).

use std::collections::HashMap;
use std::path::PathBuf;

use annotate_snippets::{Level, Renderer, Snippet};
use serde::Serialize;

use super::rules::Severity;

/// A finding with its severity decided and its place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub file: PathBuf,
    pub line_col: Option<(usize, usize)>,
    pub pointer: String,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    pointer: &'a str,
}

pub fn json(diagnostics: &[Diagnostic]) -> String {
    let report = JsonReport {
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                file: d.file.display().to_string(),
                line: d.line_col.map(|(line, _)| line),
                column: d.line_col.map(|(_, column)| column),
                pointer: &d.pointer,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).expect("a report serializes") + "\n"
}

/// Text like rustc's: `warning[rule]: message`, `--> file:line:col`, the source line with
/// the place underlined, then help and the JSON pointer.
pub fn text(diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut texts: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let source = texts
            .entry(diagnostic.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&diagnostic.file).ok());
        let level = level(diagnostic.severity);
        let origin = diagnostic.file.display().to_string();
        let pointer_note = format!("at #{}", diagnostic.pointer);
        let mut message = level.title(&diagnostic.message).id(diagnostic.rule);
        let line = diagnostic.line_col.and_then(|(line, column)| {
            let text = source.as_deref()?.lines().nth(line.checked_sub(1)?)?;
            Some((line, text, underline(text, column)))
        });
        let located_note;
        match line {
            Some((number, text, span)) => {
                message = message.snippet(
                    Snippet::source(text)
                        .line_start(number)
                        .origin(&origin)
                        .annotation(level.span(span)),
                );
            }
            None => {
                located_note = match diagnostic.line_col {
                    Some((line, column)) => format!("in {origin}:{line}:{column}"),
                    None => format!("in {origin}"),
                };
                message = message.footer(Level::Note.title(&located_note));
            }
        }
        if let Some(help) = &diagnostic.help {
            message = message.footer(Level::Help.title(help));
        }
        if !diagnostic.pointer.is_empty() {
            message = message.footer(Level::Note.title(&pointer_note));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    out
}

/// GitHub Actions annotations, one workflow command per diagnostic:
/// `::warning file=F,line=L,col=C,title=RULE::message`. Levels: error, warning, and notice
/// for info.
pub fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Off => "notice",
        };
        let mut properties = vec![format!(
            "file={}",
            escape_property(&d.file.display().to_string())
        )];
        if let Some((line, column)) = d.line_col {
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", escape_property(d.rule)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        if !d.pointer.is_empty() {
            message.push_str("\nat #");
            message.push_str(&d.pointer);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            properties.join(","),
            escape_data(&message)
        ));
    }
    out
}

/// A workflow command's message: `%`, CR and LF are percent-encoded.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,` too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One line summing up, e.g. `2 errors, 1 warning in 3 files`.
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "info"),
        plural(files, "file"),
    )
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info | Severity::Off => Level::Info,
    }
}

/// Byte range from the 1-based character `column` to the end of the line's text, so a key
/// is underlined with its value (`url: https://…/`); inside a flow collection
/// (`[a, b]`, `{a: 1}`) only up to the next separator.
fn underline(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let mut end = line.trim_end().len().max(start);
    if line[..start].contains(['[', '{']) {
        if let Some(separator) = line[start..].find([',', ']', '}']) {
            end = start + line[start..start + separator].trim_end().len();
        }
    }
    if start == end {
        // Nothing left to underline: mark one character so the place still shows.
        return start.saturating_sub(1)..start;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_messages_and_properties() {
        assert_eq!(
            escape_data("50% of a\r\nb: c, d"),
            "50%25 of a%0D%0Ab: c, d"
        );
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        let diagnostic = Diagnostic {
            rule: "server-trailing-slash",
            severity: Severity::Info,
            message: "URL `https://x/` ends with `/`".into(),
            help: Some("write `https://x`".into()),
            file: PathBuf::from("specs/a,b:c.yaml"),
            line_col: Some((6, 5)),
            pointer: "/servers/0/url".into(),
        };
        assert_eq!(
            github(&[diagnostic]),
            "::notice file=specs/a%2Cb%3Ac.yaml,line=6,col=5,title=server-trailing-slash::URL `https://x/` ends with `/`%0Ahelp: write `https://x`%0Aat #/servers/0/url\n"
        );
    }
}
