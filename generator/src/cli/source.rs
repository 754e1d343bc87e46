//! A spec file as the command line reads it: its text, its JSON tree and a line index, so
//! that every finding can be pointed at `file:line:col` and shown with its source line.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::LineIndex;

#[derive(Debug)]
pub struct SourceFile {
    /// The path as given (diagnostics show it as the user typed it).
    pub path: PathBuf,
    pub text: String,
    /// The document as plain JSON data, or why it is not YAML/JSON at all.
    pub tree: Result<Value, SyntaxError>,
    index: OnceCell<LineIndex>,
}

#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub message: String,
    pub line_col: Option<(usize, usize)>,
}

impl SourceFile {
    /// Reads and parses `path`; only an unreadable file is an error here.
    pub fn read(path: &Path) -> std::io::Result<SourceFile> {
        let text = std::fs::read_to_string(path)?;
        Ok(SourceFile::from_text(path, text))
    }

    pub fn from_text(path: &Path, text: String) -> SourceFile {
        let tree = parse_tree(&text);
        SourceFile {
            path: path.to_path_buf(),
            text,
            tree,
            index: OnceCell::new(),
        }
    }

    /// Line and column (1-based) of the node at `pointer`, or of its nearest ancestor.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        self.index
            .get_or_init(|| LineIndex::build(&self.text))
            .locate(pointer)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

fn parse_tree(text: &str) -> Result<Value, SyntaxError> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| SyntaxError {
            message: strip_position(&e.to_string()),
            line_col: (e.line() > 0).then(|| (e.line(), e.column())),
        })
    } else {
        serde_yaml::from_str(text).map_err(|e| SyntaxError {
            message: strip_position(&e.to_string()),
            line_col: e.location().map(|l| (l.line(), l.column())),
        })
    }
}

/// The parsers append "at line X column Y"; the location is reported separately.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}
