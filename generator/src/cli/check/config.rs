//! `specgen.toml`: per-rule severities and findings accepted on purpose, each with a reason.
//!
//! ```toml
//! [rules]
//! server-trailing-slash = "error"   # off, info, warning or error
//!
//! [[allow]]
//! rule = "loose-type"
//! file = "specs/api.yaml"           # optional; relative to this file
//! pointer = "/components/schemas/Pet/properties/extra"   # optional; the node or below
//! reason = "free-form by design: the vendor documents it as any JSON"
//! ```
//!
//! Read from `--config FILE`, else from `specgen.toml` in the current directory. Command
//! line `--rule ID=LEVEL` overrides the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::rules::{self, Severity};

#[derive(Debug, Default)]
pub struct Config {
    severities: BTreeMap<String, Severity>,
    allows: Vec<Allow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    allow: Vec<AllowEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowEntry {
    rule: String,
    file: Option<PathBuf>,
    pointer: Option<String>,
    reason: String,
}

#[derive(Debug)]
struct Allow {
    rule: String,
    /// Absolute (the config's directory joined with the entry's path).
    file: Option<PathBuf>,
    pointer: Option<String>,
}

pub const DEFAULT_FILE: &str = "specgen.toml";

impl Config {
    /// Loads the config: `explicit` if given, else `specgen.toml` here if it exists.
    pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None if Path::new(DEFAULT_FILE).is_file() => PathBuf::from(DEFAULT_FILE),
            None => return Ok(Config::default()),
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let file: ConfigFile =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let base = absolute(config_dir(&path));
        let mut config = Config::default();
        for (id, level) in &file.rules {
            config
                .set(id, level)
                .map_err(|e| format!("{}: [rules] {e}", path.display()))?;
        }
        for entry in file.allow {
            known_rule(&entry.rule).map_err(|e| format!("{}: [[allow]] {e}", path.display()))?;
            if entry.reason.trim().is_empty() {
                return Err(format!(
                    "{}: [[allow]] for `{}` needs a reason",
                    path.display(),
                    entry.rule
                ));
            }
            config.allows.push(Allow {
                rule: entry.rule,
                file: entry.file.map(|f| normalize(&base.join(f))),
                pointer: entry.pointer,
            });
        }
        Ok(config)
    }

    /// Applies `--rule ID=LEVEL`.
    pub fn apply_override(&mut self, spec: &str) -> Result<(), String> {
        let (id, level) = spec
            .split_once('=')
            .ok_or_else(|| format!("`--rule {spec}`: expected ID=LEVEL"))?;
        self.set(id.trim(), level)
    }

    fn set(&mut self, id: &str, level: &str) -> Result<(), String> {
        known_rule(id)?;
        self.severities.insert(id.to_string(), level.parse()?);
        Ok(())
    }

    /// The severity a finding of `rule` at `file#pointer` gets: `Off` when allowed.
    pub fn severity(&self, rule: &str, file: &Path, pointer: &str) -> Severity {
        if self.allows.iter().any(|a| a.matches(rule, file, pointer)) {
            return Severity::Off;
        }
        self.severities
            .get(rule)
            .copied()
            .or_else(|| rules::find(rule).map(|r| r.default))
            .unwrap_or(Severity::Error)
    }
}

impl Allow {
    fn matches(&self, rule: &str, file: &Path, pointer: &str) -> bool {
        let file_matches = self
            .file
            .as_ref()
            .is_none_or(|f| *f == normalize(&absolute(file)));
        let pointer_matches = self.pointer.as_ref().is_none_or(|p| {
            pointer == p || (pointer.starts_with(p.as_str()) && pointer[p.len()..].starts_with('/'))
        });
        self.rule == rule && file_matches && pointer_matches
    }
}

fn known_rule(id: &str) -> Result<(), String> {
    match rules::find(id) {
        Some(_) => Ok(()),
        None => Err(format!(
            "unknown rule `{id}` (see `specgen check --list-rules`)"
        )),
    }
}

/// The directory `file` entries are relative to: the config's own (`.` for a bare
/// `specgen.toml`, whose parent is the empty path, which has no absolute form).
fn config_dir(config: &Path) -> &Path {
    match config.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Lexical normalization, so `./specs/a.yaml` and `specs/a.yaml` compare equal.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_matches_rule_file_and_pointer_prefix() {
        let allow = Allow {
            rule: "loose-type".into(),
            file: Some(normalize(&absolute(Path::new("specs/a.yaml")))),
            pointer: Some("/components/schemas/A".into()),
        };
        let file = Path::new("./specs/a.yaml");
        assert!(allow.matches("loose-type", file, "/components/schemas/A"));
        assert!(allow.matches("loose-type", file, "/components/schemas/A/properties/x"));
        assert!(!allow.matches("loose-type", file, "/components/schemas/AB"));
        assert!(!allow.matches("unused-component", file, "/components/schemas/A"));
        assert!(!allow.matches(
            "loose-type",
            Path::new("specs/b.yaml"),
            "/components/schemas/A"
        ));
    }

    #[test]
    fn file_entries_are_relative_to_the_config() {
        assert_eq!(config_dir(Path::new("specgen.toml")), Path::new("."));
        assert_eq!(config_dir(Path::new("a/specgen.toml")), Path::new("a"));
        let here = normalize(&absolute(config_dir(Path::new("specgen.toml"))));
        assert_eq!(here, normalize(&absolute(Path::new("x/.."))));
    }

    #[test]
    fn overrides_need_known_rules_and_levels() {
        let mut config = Config::default();
        config.apply_override("loose-type=error").unwrap();
        assert_eq!(
            config.severity("loose-type", Path::new("x"), ""),
            Severity::Error
        );
        assert!(config.apply_override("no-such-rule=off").is_err());
        assert!(config.apply_override("loose-type=loud").is_err());
        assert!(config.apply_override("loose-type").is_err());
    }
}
