//! One change between two versions of a spec, judged twice: on the wire (does a deployed old
//! client break against the new API?) and in the regenerated crate (what does the change do
//! to its Rust API, in Cargo's semver sense?).

use std::fmt;
use std::str::FromStr;

/// How a change affects a client already deployed, as oasdiff grades it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Compatible: an addition, or a relaxation.
    Info,
    /// Possibly breaking: depends on the data or on how the client is used.
    Warn,
    /// Breaking: the old client fails against the new API.
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

/// The version bump a change needs in the regenerated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    None,
    /// The Rust API is unchanged (docs, constraints, the URL an operation calls).
    Patch,
    /// The Rust API grows: code written against the old crate still compiles.
    Minor,
    /// Code written against the old crate may no longer compile.
    Major,
}

impl Bump {
    /// The crate's bump: the largest of its changes.
    pub fn of(changes: &[Change]) -> Bump {
        changes.iter().map(|c| c.semver).max().unwrap_or(Bump::None)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Bump {
    type Err = String;
    fn from_str(text: &str) -> Result<Bump, String> {
        match text.to_ascii_lowercase().as_str() {
            "major" => Ok(Bump::Major),
            "minor" => Ok(Bump::Minor),
            other => Err(format!("`{other}`: --fail-on-semver takes major or minor")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: &'static str,
    /// The wire level.
    pub level: Level,
    /// The effect on the generated crate.
    pub semver: Bump,
    /// Every operation through which the change is reached (`GET /pets/{id}`), in the order
    /// the operations are compared; empty for a change outside any operation.
    pub operations: Vec<String>,
    /// JSON pointer in the new spec, or in the old one for something removed.
    pub pointer: String,
    pub message: String,
}
