//! Stage 1: read a spec file (YAML or JSON) into `openapiv3::OpenAPI`, with located errors.

use std::cell::{Cell, OnceCell};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind, Location};
use crate::locate::LineIndex;
use crate::normalize;

/// The text of every file a generation read, for locating diagnostics.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    files: BTreeMap<PathBuf, SourceFile>,
}

#[derive(Debug)]
struct SourceFile {
    text: String,
    index: OnceCell<LineIndex>,
    /// Pointers located by scanning (JSON only), before building the index pays off.
    scans: Cell<u32>,
}

/// A JSON file answers this many lookups by a scan each; past that, by a full index.
const SCANS_BEFORE_INDEX: u32 = 16;

impl Sources {
    pub(crate) fn read(&mut self, path: &Path) -> Result<&str, Error> {
        if !self.files.contains_key(path) {
            let text =
                std::fs::read_to_string(path).map_err(|e| Error::io(path, "read the spec", &e))?;
            self.add(path, text);
        }
        Ok(&self.files[path].text)
    }

    pub(crate) fn add(&mut self, path: &Path, text: String) {
        let file = SourceFile {
            text,
            index: OnceCell::new(),
            scans: Cell::new(0),
        };
        self.files.insert(path.to_path_buf(), file);
    }

    /// Every file read, in a stable order (for `cargo:rerun-if-changed`).
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    /// A location for `pointer` in `file`, with line and column when the node is found.
    pub(crate) fn locate(&self, file: &Path, pointer: &str) -> Location {
        let line_col = self.files.get(file).and_then(|source| {
            let scans = source.scans.get();
            if scans < SCANS_BEFORE_INDEX && source.index.get().is_none() && is_json(&source.text) {
                source.scans.set(scans + 1);
                return crate::locate::locate_in_json(&source.text, pointer);
            }
            source
                .index
                .get_or_init(|| LineIndex::build(&source.text))
                .locate(pointer)
        });
        Location {
            file: file.to_path_buf(),
            line_col,
            pointer: pointer.to_string(),
        }
    }
}

/// Reads and parses the root document.
pub(crate) fn load(path: &Path, sources: &mut Sources) -> Result<OpenAPI, Error> {
    sources.read(path)?;
    let text = &sources.files[path].text;
    let document: OpenAPI = if normalize::declares_3_1(text, is_json(text)) {
        parse_3_1(path, sources)?
    } else {
        parse(path, sources)?
    };
    let version = document.openapi.trim();
    if !version.starts_with("3.") {
        return Err(Error::new(
            ErrorKind::InvalidDocument,
            sources.locate(path, "/openapi"),
            format!("unsupported OpenAPI version `{version}`"),
        )
        .help("specgen reads OpenAPI 3.0 documents"));
    }
    Ok(document)
}

/// A 3.1 document goes through a JSON tree, rewritten into its 3.0 equivalent.
fn parse_3_1(path: &Path, sources: &Sources) -> Result<OpenAPI, Error> {
    let mut tree: serde_json::Value = parse_text(path, sources)?;
    normalize::document(&mut tree);
    from_tree(tree, path, sources)
}

/// Deserializes from a JSON tree; positions come from the pointer of the failing node.
fn from_tree<T: DeserializeOwned>(
    tree: serde_json::Value,
    path: &Path,
    sources: &Sources,
) -> Result<T, Error> {
    let result = catch_unwind(AssertUnwindSafe(|| serde_path_to_error::deserialize(tree)));
    let Ok(result) = result else {
        return Err(Error::new(
            ErrorKind::InvalidDocument,
            Location::file(path),
            "this document cannot be read as OpenAPI (the OpenAPI reader gave up on it)",
        )
        .help("check the document against the OpenAPI specification"));
    };
    result.map_err(|err| {
        Failure {
            kind: ErrorKind::InvalidDocument,
            pointer: path_to_pointer(err.path()),
            at: None,
            message: err.inner().to_string(),
        }
        .into_error(path, sources)
    })
}

/// Deserializes straight from the text; should the OpenAPI reader panic — `openapiv3`
/// asserts that a node it rejected once is rejected again, which YAML nodes such as
/// non-string keys break — reads the document through a JSON tree instead.
fn parse<T: DeserializeOwned>(path: &Path, sources: &Sources) -> Result<T, Error> {
    match catch_unwind(AssertUnwindSafe(|| parse_text(path, sources))) {
        Ok(result) => result,
        Err(_) => {
            let tree: serde_json::Value = parse_text(path, sources)?;
            from_tree(tree, path, sources)
        }
    }
}

/// Parses any file a spec refers to as plain JSON data.
pub(crate) fn load_value(path: &Path, sources: &mut Sources) -> Result<serde_json::Value, Error> {
    sources.read(path)?;
    parse(path, sources)
}

fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Deserializes straight from the text (no intermediate tree: this is the hot path for
/// large specs) and turns a failure into a located error.
fn parse_text<T: DeserializeOwned>(path: &Path, sources: &Sources) -> Result<T, Error> {
    let text = &sources.files[path].text;
    let failure = if is_json(text) {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize(&mut de) {
            Ok(value) => return Ok(value),
            Err(err) => {
                let inner = err.inner();
                let at = (inner.line() > 0).then(|| (inner.line(), inner.column()));
                let kind = if inner.is_syntax() || inner.is_eof() {
                    ErrorKind::Syntax
                } else {
                    ErrorKind::InvalidDocument
                };
                Failure {
                    kind,
                    pointer: path_to_pointer(err.path()),
                    at,
                    message: strip_position(&inner.to_string()),
                }
            }
        }
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        match serde_path_to_error::deserialize(de) {
            Ok(value) => return Ok(value),
            Err(err) => {
                let inner = err.inner();
                let pointer = path_to_pointer(err.path());
                // Neither the path (a scan error deep in the file has one) nor the position
                // (a missing root field has one) tells syntax from type errors: whether the
                // text is YAML at all does. Paid only on the error path.
                let kind = if serde_yaml::from_str::<serde_yaml::Value>(text).is_err() {
                    ErrorKind::Syntax
                } else {
                    ErrorKind::InvalidDocument
                };
                Failure {
                    kind,
                    pointer,
                    at: inner.location().map(|l| (l.line(), l.column())),
                    message: strip_position(&inner.to_string()),
                }
            }
        }
    };
    Err(failure.into_error(path, sources))
}

struct Failure {
    kind: ErrorKind,
    pointer: String,
    at: Option<(usize, usize)>,
    message: String,
}

impl Failure {
    fn into_error(self, path: &Path, sources: &Sources) -> Error {
        let mut location = sources.locate(path, &self.pointer);
        if let Some(at) = self.at {
            location.line_col = Some(at);
        }
        let error = Error::new(self.kind, location, self.message);
        if self.kind == ErrorKind::Syntax {
            return error.help("fix the YAML/JSON syntax at this position");
        }
        match swagger_version(&sources.files[path].text) {
            Some(version) => Error::new(
                ErrorKind::InvalidDocument,
                sources.locate(path, "/swagger"),
                format!("this is a Swagger {version} document, not OpenAPI 3.0"),
            )
            .help("convert it to OpenAPI 3.0 first, e.g. with `npx swagger2openapi`"),
            None => error.help("make this node match the OpenAPI 3.0 specification"),
        }
    }
}

/// Detects Swagger 2.0 documents, which fail OpenAPI 3 parsing with a confusing message.
fn swagger_version(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Probe {
        swagger: Option<serde_json::Value>,
    }
    let probe: Probe = if is_json(text) {
        serde_json::from_str(text).ok()?
    } else {
        serde_yaml::from_str(text).ok()?
    };
    probe.swagger.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push('/');
                pointer.push_str(&crate::pointer::escape(key));
            }
            Segment::Unknown => break,
        }
    }
    pointer
}

/// serde_yaml and serde_json append "at line X column Y"; the location is shown up front.
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Error {
        let path = Path::new("inline.yaml");
        let mut sources = Sources::default();
        sources.add(path, text.to_string());
        load(path, &mut sources).expect_err("the text is not a valid spec")
    }

    #[test]
    fn a_scan_error_deep_in_the_file_is_a_syntax_error() {
        let error =
            load_text("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a: {get: [\n");
        assert_eq!(error.kind, ErrorKind::Syntax);
        assert!(error.help.as_deref().unwrap().contains("syntax"));
    }

    #[test]
    fn a_duplicate_key_that_makes_openapiv3_panic_is_read_through_a_tree() {
        // openapiv3 rejects the schema (duplicate field), then reads it again from a JSON
        // tree that kept only the last `type` — and panics that it parsed the second time.
        let text = "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n\
                    components:\n  schemas:\n    A:\n      type: string\n      type: string\n";
        let path = Path::new("inline.yaml");
        let mut sources = Sources::default();
        sources.add(path, text.to_string());
        let document = catch_unwind(AssertUnwindSafe(|| load(path, &mut sources)))
            .expect("no panic")
            .expect("the tree keeps the last `type`");
        assert!(document.components.unwrap().schemas.contains_key("A"));
    }

    #[test]
    fn a_missing_root_field_is_no_syntax_error() {
        let error = load_text("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n");
        assert_eq!(error.kind, ErrorKind::InvalidDocument);
        assert!(error.message.contains("Swagger 2.0"), "{error}");
        let error = load_text("info: {title: x, version: '1'}\npaths: {}\n");
        assert_eq!(error.kind, ErrorKind::InvalidDocument);
        assert!(error.message.contains("openapi"), "{error}");
    }
}
