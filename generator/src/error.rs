//! Errors and warnings, each pinned to a place in a spec file.
//!
//! Every diagnostic names the file and, where known, the line and column of the offending
//! node; where no line is known (a node synthesized by a `$ref`, a JSON input without the
//! node) it names the JSON pointer instead. `Display` renders `file:line:col: message`, the
//! shape editors and `cargo` already understand.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a spec a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The spec file, as it was given to the generator.
    pub file: PathBuf,
    /// 1-based line and column, when the node could be found in the source text.
    pub line_col: Option<(usize, usize)>,
    /// JSON pointer of the node (`/paths/~1pets/get/responses/200`), empty for the whole file.
    pub pointer: String,
}

impl Location {
    pub(crate) fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            line_col: None,
            pointer: String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match self.line_col {
            Some((line, col)) => write!(f, ":{line}:{col}"),
            None if !self.pointer.is_empty() => write!(f, ": at #{}", self.pointer),
            None => Ok(()),
        }
    }
}

/// What went wrong, so callers (the CLI, tests) can react without parsing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read, or the output could not be written.
    Io,
    /// Not valid YAML or JSON.
    Syntax,
    /// Valid YAML/JSON, but not an OpenAPI 3.0 document (wrong field type, Swagger 2.0, …).
    InvalidDocument,
    /// A `$ref` that points nowhere.
    UnresolvedRef,
    /// Well-formed, but inconsistent (an undeclared path parameter, a duplicate operationId).
    Inconsistent,
    /// A construct the generator cannot turn into Rust.
    Unsupported,
    /// The selection of operations names a tag or operationId the spec does not have, or
    /// keeps no operation.
    Selection,
}

/// A located generation error. Generation stops on the first one; no output is written.
///
/// Boxed so that every `Result` in the pipeline stays one pointer wide on its error path.
#[derive(Debug, Clone)]
pub struct Error(Box<ErrorDetails>);

/// What an [`Error`] says; reached through `Deref` (`error.kind`, `error.location`).
#[derive(Debug, Clone)]
pub struct ErrorDetails {
    pub kind: ErrorKind,
    pub location: Location,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl std::ops::Deref for Error {
    type Target = ErrorDetails;
    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetails {
        &mut self.0
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorDetails {
            kind,
            location,
            message: message.into(),
            help: None,
        }))
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn io(file: &Path, action: &str, err: &std::io::Error) -> Self {
        Error::new(
            ErrorKind::Io,
            Location::file(file),
            format!("cannot {action}: {err}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if self.location.line_col.is_some() && !self.location.pointer.is_empty() {
            write!(f, " (at #{})", self.location.pointer)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Something the generator handled, but more loosely than the spec asked for
/// (typically a schema it could only type as `serde_json::Value`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: warning: {}", self.location, self.message)
    }
}
