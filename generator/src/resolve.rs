//! Stage 2: `$ref` resolution.
//!
//! Local references (`#/components/schemas/Pet`, or any other pointer into the document)
//! and references into other files (`common.yaml#/components/schemas/Address`,
//! `address.yaml`) resolve to a [`SchemaId`]: one identity per referenced schema, so each
//! becomes one Rust type however often it is used. Every file reached is recorded in
//! [`Sources`] so `build.rs` can rerun when any of them changes. An unresolved reference
//! is an error located where it was *used*.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use openapiv3::{OpenAPI, ReferenceOr, Schema};
use rustc_hash::FxHashMap;

use crate::error::{Error, ErrorKind};
use crate::load::{self, Sources};
use crate::pointer::{percent_decode, unescape};

/// The identity of a schema reached through `$ref`: the file it lives in and its pointer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SchemaId {
    pub file: PathBuf,
    pub pointer: String,
}

impl SchemaId {
    /// The name the schema was given in the spec: its component name, or the file's stem.
    pub fn name(&self) -> String {
        match self.pointer.rsplit('/').next() {
            Some(last) if !last.is_empty() => unescape(last),
            _ => self
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// A resolved schema: borrowed from the root document, or owned when it came from another
/// file or an unusual pointer.
#[derive(Clone)]
pub(crate) enum SchemaHandle<'a> {
    Borrowed(&'a Schema),
    Owned(Rc<Schema>),
}

impl Deref for SchemaHandle<'_> {
    type Target = Schema;
    fn deref(&self) -> &Schema {
        match self {
            SchemaHandle::Borrowed(s) => s,
            SchemaHandle::Owned(s) => s,
        }
    }
}

pub(crate) struct Resolver<'a> {
    pub doc: &'a OpenAPI,
    pub root: PathBuf,
    pub sources: RefCell<Sources>,
    documents: RefCell<FxHashMap<PathBuf, Rc<serde_json::Value>>>,
    owned: RefCell<FxHashMap<SchemaId, Rc<Schema>>>,
}

/// Chains of `$ref` to `$ref` longer than this are cycles.
const MAX_REF_CHAIN: usize = 64;

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a OpenAPI, root: &Path, sources: Sources) -> Self {
        Resolver {
            doc,
            root: root.to_path_buf(),
            sources: RefCell::new(sources),
            documents: RefCell::default(),
            owned: RefCell::default(),
        }
    }

    /// An error located at `pointer` in `file`.
    pub fn error(
        &self,
        kind: ErrorKind,
        file: &Path,
        pointer: &str,
        message: impl Into<String>,
    ) -> Error {
        Error::new(kind, self.sources.borrow().locate(file, pointer), message)
    }

    /// Resolves a schema `$ref` found at `used_at` in `base`, following chains of references.
    pub fn schema(
        &self,
        reference: &str,
        base: &Path,
        used_at: &str,
    ) -> Result<(SchemaId, SchemaHandle<'a>), Error> {
        let mut id = self.target(reference, base, used_at)?;
        for _ in 0..MAX_REF_CHAIN {
            let found = self.lookup(&id, base, used_at, reference)?;
            match found {
                Lookup::Schema(handle) => return Ok((id, handle)),
                Lookup::Ref(next) => id = self.target(&next, &id.file.clone(), &id.pointer)?,
            }
        }
        Err(self
            .error(
                ErrorKind::UnresolvedRef,
                base,
                used_at,
                format!("`$ref: {reference}` never reaches a schema: the references form a cycle"),
            )
            .help("make one schema in the chain a real schema"))
    }

    fn target(&self, reference: &str, base: &Path, used_at: &str) -> Result<SchemaId, Error> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.starts_with("http://") || file_part.starts_with("https://") {
            return Err(self
                .error(ErrorKind::Unsupported, base, used_at, format!("remote `$ref: {reference}` is not fetched"))
                .help("download the referenced document next to the spec and refer to it by relative path"));
        }
        let file = if file_part.is_empty() {
            base.to_path_buf()
        } else {
            base.parent().unwrap_or(Path::new("")).join(file_part)
        };
        let pointer = percent_decode(fragment);
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(self
                .error(
                    ErrorKind::UnresolvedRef,
                    base,
                    used_at,
                    format!("`$ref: {reference}` has a fragment that is not a JSON pointer"),
                )
                .help("write the fragment as `#/components/schemas/Name`"));
        }
        Ok(SchemaId { file, pointer })
    }

    fn lookup(
        &self,
        id: &SchemaId,
        base: &Path,
        used_at: &str,
        reference: &str,
    ) -> Result<Lookup<'a>, Error> {
        if id.file == self.root {
            if let Some(name) = id.pointer.strip_prefix("/components/schemas/") {
                if !name.contains('/') {
                    let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
                    return match schemas.and_then(|s| s.get(&unescape(name))) {
                        Some(ReferenceOr::Item(schema)) => {
                            Ok(Lookup::Schema(SchemaHandle::Borrowed(schema)))
                        }
                        Some(ReferenceOr::Reference { reference }) => {
                            Ok(Lookup::Ref(reference.clone()))
                        }
                        None => Err(self.unresolved(base, used_at, reference)),
                    };
                }
            }
        }
        if let Some(schema) = self.owned.borrow().get(id) {
            return Ok(Lookup::Schema(SchemaHandle::Owned(schema.clone())));
        }
        let document = self.document(&id.file, base, used_at)?;
        let Some(node) = document.pointer(&id.pointer) else {
            return Err(self.unresolved(base, used_at, reference));
        };
        if let Some(next) = node.get("$ref").and_then(|r| r.as_str()) {
            return Ok(Lookup::Ref(next.to_string()));
        }
        let mut node = node.clone();
        if self.doc.openapi.trim().starts_with("3.1") {
            crate::normalize::schema(&mut node);
        }
        let schema: Schema = serde_json::from_value(node).map_err(|e| {
            self.error(
                ErrorKind::InvalidDocument,
                &id.file,
                &id.pointer,
                format!("not a valid schema: {e}"),
            )
        })?;
        let schema = Rc::new(schema);
        self.owned.borrow_mut().insert(id.clone(), schema.clone());
        Ok(Lookup::Schema(SchemaHandle::Owned(schema)))
    }

    fn document(
        &self,
        file: &Path,
        base: &Path,
        used_at: &str,
    ) -> Result<Rc<serde_json::Value>, Error> {
        if let Some(doc) = self.documents.borrow().get(file) {
            return Ok(doc.clone());
        }
        let value = if file == self.root {
            // Rare (a pointer outside components): pay for a JSON tree of the root's text
            // once. Not of the parsed document, which keeps only what OpenAPI defines and so
            // loses pointers into e.g. a schema's `definitions`.
            let mut sources = self.sources.borrow_mut();
            load::load_value(file, &mut sources)?
        } else {
            let mut sources = self.sources.borrow_mut();
            load::load_value(file, &mut sources).map_err(|mut e| {
                if e.kind == ErrorKind::Io {
                    e = Error::new(
                        ErrorKind::UnresolvedRef,
                        sources.locate(base, used_at),
                        format!(
                            "the referenced file {} cannot be read: {}",
                            file.display(),
                            e.message
                        ),
                    )
                    .help("check the path: it is relative to the file that contains the `$ref`");
                }
                e
            })?
        };
        let value = Rc::new(value);
        self.documents
            .borrow_mut()
            .insert(file.to_path_buf(), value.clone());
        Ok(value)
    }

    fn unresolved(&self, base: &Path, used_at: &str, reference: &str) -> Error {
        self.error(
            ErrorKind::UnresolvedRef,
            base,
            used_at,
            format!("unresolved reference `{reference}`"),
        )
        .help("define the referenced schema, or fix the name in the `$ref`")
    }

    /// Resolves a local `$ref` to a component of another kind (parameter, response, …):
    /// `#/components/{kind}/…` from the parsed document, any other pointer into this
    /// document (e.g. another operation's response) from its JSON tree.
    pub fn component<T: Clone + serde::de::DeserializeOwned>(
        &self,
        item: &'a ReferenceOr<T>,
        kind: &str,
        map: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        used_at: &str,
    ) -> Result<Cow<'a, T>, Error> {
        let mut current = Cow::Borrowed(item);
        for _ in 0..MAX_REF_CHAIN {
            let reference = match current {
                Cow::Borrowed(ReferenceOr::Item(value)) => return Ok(Cow::Borrowed(value)),
                Cow::Owned(ReferenceOr::Item(value)) => return Ok(Cow::Owned(value)),
                Cow::Borrowed(ReferenceOr::Reference { reference }) => reference.clone(),
                Cow::Owned(ReferenceOr::Reference { reference }) => reference,
            };
            let prefix = format!("#/components/{kind}/");
            current = match reference.strip_prefix(&prefix) {
                Some(name) => match self
                    .doc
                    .components
                    .as_ref()
                    .map(&map)
                    .and_then(|m| m.get(&unescape(name)))
                {
                    Some(next) => Cow::Borrowed(next),
                    None => return Err(self.unresolved(&self.root, used_at, &reference)),
                },
                None => Cow::Owned(self.elsewhere_in_root(&reference, kind, used_at)?),
            };
        }
        Err(self.error(
            ErrorKind::UnresolvedRef,
            &self.root,
            used_at,
            "this `$ref` chain is a cycle",
        ))
    }

    /// The item a `#/…` pointer outside `components` names, read from the root's JSON tree.
    fn elsewhere_in_root<T: serde::de::DeserializeOwned>(
        &self,
        reference: &str,
        kind: &str,
        used_at: &str,
    ) -> Result<ReferenceOr<T>, Error> {
        let Some(pointer) = reference.strip_prefix('#') else {
            return Err(self
                .error(ErrorKind::Unsupported, &self.root, used_at, format!("`$ref: {reference}`: only references into this document are supported for {kind}"))
                .help(format!("move the referenced item into `components/{kind}` of this file")));
        };
        let tree = self.document(&self.root, &self.root, used_at)?;
        let pointer = percent_decode(pointer);
        let Some(value) = tree.pointer(&pointer) else {
            return Err(self.unresolved(&self.root, used_at, reference));
        };
        serde_json::from_value(value.clone()).map_err(|e| {
            self.error(
                ErrorKind::InvalidDocument,
                &self.root,
                used_at,
                format!("`$ref: {reference}` does not point to one of the {kind}: {e}"),
            )
            .help(format!(
                "point the `$ref` at an item of the kind `{kind}` holds"
            ))
        })
    }
}

enum Lookup<'a> {
    Schema(SchemaHandle<'a>),
    Ref(String),
}

#[cfg(test)]
mod tests {
    #[test]
    fn responses_and_parameters_can_point_into_other_operations() {
        let dir = std::env::temp_dir().join(format!("specgen-path-ref-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let spec = dir.join("spec.yaml");
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
                    operationId: getA\n      parameters:\n        - {name: q, in: query, schema: {type: integer}}\n      \
                    responses:\n        '200': {description: ok}\n        '404':\n          description: gone\n          \
                    content: {application/json: {schema: {type: object, properties: {why: {type: string}}}}}\n  \
                    /b:\n    get:\n      operationId: getB\n      parameters:\n        - $ref: '#/paths/~1a/get/parameters/0'\n      \
                    responses:\n        '200': {description: ok}\n        '404': {$ref: '#/paths/~1a/get/responses/404'}\n";
        std::fs::write(&spec, text).expect("spec written");
        let analysis = crate::analyze(&spec);
        let _ = std::fs::remove_dir_all(&dir);
        let ir = analysis.expect("pointers into other operations resolve").ir;
        let b = &ir.operations[1];
        assert_eq!(b.params[0].wire_name, "q");
        assert!(
            b.responses.iter().any(|r| r.description == "gone"
                && matches!(r.encoding, crate::ir::ResponseEncoding::Json(_))),
            "{:?}",
            b.responses
        );
    }

    #[test]
    fn a_pointer_into_keywords_openapi_does_not_define_resolves() {
        let dir = std::env::temp_dir().join(format!("specgen-defs-ref-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let spec = dir.join("spec.yaml");
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  \
                    schemas:\n    A:\n      type: object\n      definitions:\n        B: {type: string}\n      \
                    properties:\n        b: {$ref: '#/components/schemas/A/definitions/B'}\n";
        std::fs::write(&spec, text).expect("spec written");
        let analysis = crate::analyze(&spec);
        let _ = std::fs::remove_dir_all(&dir);
        let analysis = analysis.expect("`definitions` is kept for pointers into it");
        assert!(analysis.ir.types.iter().any(|t| t.name == ["A"]));
    }
}
