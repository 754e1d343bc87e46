//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it — the tool with every
//! rule and its description, and one result per diagnostic with its rule, level, message
//! and physical location (the file as a relative URI, the line and column).

use std::path::{Component, Path};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

use super::report::Diagnostic;
use super::rules::{Severity, RULES};

/// Where SARIF's `tool.driver.informationUri` points: the package's repository or
/// homepage when its manifest names one, else its crates.io page.
fn information_uri() -> String {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
        .map_or_else(
            || format!("https://crates.io/crates/{}", env!("CARGO_PKG_NAME")),
            str::to_string,
        )
}

/// What a path segment of a URI may not hold as is (RFC 3986 `pchar` and `/`).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: String,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

/// The JSON pointer of the finding, `#/paths/~1pets/get`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    let results = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let logical_locations = match d.pointer.is_empty() {
                true => Vec::new(),
                false => vec![LogicalLocation {
                    fully_qualified_name: format!("#{}", d.pointer),
                }],
            };
            SarifResult {
                rule_id: d.rule,
                rule_index: RULES.iter().position(|rule| rule.id == d.rule),
                level: level(d.severity),
                message: Text { text },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: file_uri(&d.file),
                        },
                        region: d.line_col.map(|(line, column)| Region {
                            start_line: line,
                            start_column: column,
                        }),
                    },
                    logical_locations,
                }],
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules: RULES
                        .iter()
                        .map(|rule| RuleDescriptor {
                            id: rule.id,
                            short_description: Text {
                                text: rule.summary.to_string(),
                            },
                            default_configuration: Configuration {
                                level: level(rule.default),
                            },
                        })
                        .collect(),
                },
            },
            // Columns count characters, as the text and JSON reports do.
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_string_pretty(&log).expect("a SARIF log serializes") + "\n"
}

/// A relative path as a relative URI reference (`specs/my%20api.yaml`), which code
/// scanning resolves against the repository's root; an absolute one as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let segments: Vec<String> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(segment) => Some(
                utf8_percent_encode(&segment.to_string_lossy(), PATH)
                    .to_string()
                    .replace('/', "%2F"),
            ),
            Component::ParentDir => Some("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    let joined = segments.join("/");
    if path.is_absolute() {
        format!("file:///{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::file_uri;
    use std::path::Path;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(file_uri(Path::new("specs/a.yaml")), "specs/a.yaml");
        assert_eq!(
            file_uri(Path::new("./specs/my api#1.yaml")),
            "specs/my%20api%231.yaml"
        );
        assert_eq!(file_uri(Path::new("../x/é.json")), "../x/%C3%A9.json");
        assert_eq!(
            file_uri(Path::new("/tmp/a b.yaml")),
            "file:///tmp/a%20b.yaml"
        );
    }
}
