//! One change between two versions of a spec, its level, and the semver bump they add up to.

use std::fmt;
use std::str::FromStr;

/// How much a change affects someone using the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Compatible: an addition, or a relaxation.
    Info,
    /// Possibly breaking: depends on the data or on how the client is used.
    Warn,
    /// Breaking: the old client fails against the new API, or code using the regenerated
    /// client no longer compiles.
    Err,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Err => "ERR",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(text: &str) -> Result<Level, String> {
        match text.to_ascii_uppercase().as_str() {
            "INFO" => Ok(Level::Info),
            "WARN" | "WARNING" => Ok(Level::Warn),
            "ERR" | "ERROR" => Ok(Level::Err),
            other => Err(format!(
                "unknown level `{other}` (expected ERR, WARN or INFO)"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: &'static str,
    pub level: Level,
    /// `GET /pets/{id}`, or empty for a change outside any operation (a component).
    pub operation: String,
    /// JSON pointer in the new spec, or in the old one for something removed.
    pub pointer: String,
    pub message: String,
}

/// The version bump the regenerated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Minor,
    Major,
}

impl Bump {
    /// Major for anything breaking; minor for any other change (the generated API grows or
    /// its behaviour shifts compatibly); none when nothing changed.
    pub fn of(changes: &[Change]) -> Bump {
        match changes.iter().map(|c| c.level).max() {
            Some(Level::Err) => Bump::Major,
            Some(_) => Bump::Minor,
            None => Bump::None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}
