//! `specgen diff OLD NEW`: what a new version of an API breaks for the generated client.
//!
//! Both specs are lowered to the IR with [`crate::analyze`] and compared there, so a change
//! of formatting, ordering or `$ref` layout is no change, while a change of what the client
//! sends or decodes is. Constraints the IR does not keep are read from the documents.

mod change;
mod components;
mod constraints;
mod operations;
mod report;
mod security;
mod types;

use std::collections::HashSet;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::selection::SelectionArgs;
use super::source::SourceFile;
use super::{print_report, Status};
use crate::ir::{Operation, Param, ParamLocation, TypeKind, TypeRef};
use crate::pointer::{escape, unescape};
use crate::Analysis;
pub use change::{Bump, Change, Level};
use types::Flow;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version of the spec.
    old: PathBuf,
    /// The new version of the spec.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with 1 when a change at this level or above exists (ERR or WARN).
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_level)]
    fail_on: Option<Level>,
    /// The client is generated with closed enums: a new enum value in a response breaks it.
    #[arg(long)]
    closed_enums: bool,
    // Only the selected operations and what they use are compared, as a client generated
    // with the same selection has them; a name needs to be in one of the two versions.
    #[command(flatten)]
    selection: SelectionArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
}

fn parse_fail_level(text: &str) -> Result<Level, String> {
    match text.parse()? {
        Level::Info => Err("--fail-on takes ERR or WARN".into()),
        level => Ok(level),
    }
}

/// One version: its IR and its document (for what the IR does not keep).
pub struct Side<'a> {
    pub analysis: &'a Analysis,
    pub document: Option<&'a Value>,
}

/// The comparison in progress.
pub struct Differ<'a> {
    old: Side<'a>,
    new: Side<'a>,
    closed_enums: bool,
    /// The operation being compared, for each change's `operation`.
    operation: String,
    /// Type pairs already compared for this operation (types refer to each other in cycles).
    visited: HashSet<(usize, usize, Flow)>,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    pub fn new(old: Side<'a>, new: Side<'a>, closed_enums: bool) -> Self {
        Differ {
            old,
            new,
            closed_enums,
            operation: String::new(),
            visited: HashSet::new(),
            changes: Vec::new(),
        }
    }

    /// Every change, operations first, then components.
    pub fn run(mut self) -> Vec<Change> {
        self.compare_operations();
        self.compare_components();
        self.changes
    }

    fn push(&mut self, id: &'static str, level: Level, pointer: &str, message: impl Into<String>) {
        let change = Change {
            id,
            level,
            operation: self.operation.clone(),
            pointer: pointer.to_string(),
            message: message.into(),
        };
        if !self.changes.contains(&change) {
            self.changes.push(change);
        }
    }
}

impl Side<'_> {
    /// A type as the generated code spells it, e.g. `Vec<Pet>`.
    fn describe(&self, ty: &TypeRef) -> String {
        let inner = |t: &TypeRef| self.describe(t);
        match ty {
            TypeRef::Bool => "`bool`".into(),
            TypeRef::Int(kind) => format!("`{}`", format!("{kind:?}").to_ascii_lowercase()),
            TypeRef::Float(kind) => format!("`{}`", format!("{kind:?}").to_ascii_lowercase()),
            TypeRef::String => "`String`".into(),
            TypeRef::Date => "a date".into(),
            TypeRef::DateTime => "a date-time".into(),
            TypeRef::Uuid => "a UUID".into(),
            TypeRef::Binary => "bytes".into(),
            TypeRef::Base64 => "base64-encoded bytes".into(),
            TypeRef::Json => "any JSON".into(),
            TypeRef::JsonMap => "a JSON object".into(),
            TypeRef::Vec(item) => format!("a list of {}", inner(item)),
            TypeRef::Map(value) => format!("a map of {}", inner(value)),
            TypeRef::Option(value) => inner(value),
            TypeRef::Named(id) => format!("`{}`", self.analysis.names.types[id.0]),
        }
    }

    /// The raw schema node at `pointer`, following `$ref`s met on the way.
    fn schema_at(&self, pointer: &str) -> Option<&Value> {
        let document = self.document?;
        let mut node = document;
        for segment in pointer.split('/').skip(1) {
            node = resolve(document, node)?;
            node = match node {
                Value::Object(map) => map.get(&unescape(segment))?,
                Value::Array(list) => list.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        resolve(document, node)
    }

    /// Where a parameter of `op` is written: in the operation or in its path item.
    fn param_pointer(&self, op: &Operation, param: &Param) -> String {
        let location = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        };
        let item_pointer = format!("/paths/{}", escape(&op.path));
        for holder in [op.pointer.as_str(), item_pointer.as_str()] {
            let list = self
                .schema_at(&format!("{holder}/parameters"))
                .and_then(Value::as_array);
            for (i, _) in list.into_iter().flatten().enumerate() {
                let at = format!("{holder}/parameters/{i}");
                let Some(found) = self.schema_at(&at) else {
                    continue;
                };
                if found.get("name").and_then(Value::as_str) == Some(param.wire_name.as_str())
                    && found.get("in").and_then(Value::as_str) == Some(location)
                {
                    return at;
                }
            }
        }
        format!("{}/parameters", op.pointer)
    }
}

/// Follows aliases (and `Option`) to the type they stand for.
fn unalias<'t>(analysis: &'t Analysis, mut ty: &'t TypeRef) -> &'t TypeRef {
    for _ in 0..=analysis.ir.types.len() {
        match ty {
            TypeRef::Named(id) => match &analysis.ir.types[id.0].kind {
                TypeKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            TypeRef::Option(inner) => ty = inner,
            _ => return ty,
        }
    }
    ty
}

/// Follows local `$ref`s from `node`.
fn resolve<'v>(document: &'v Value, mut node: &'v Value) -> Option<&'v Value> {
    for _ in 0..32 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => node = document.pointer(reference.strip_prefix('#')?)?,
            None => return Some(node),
        }
    }
    None
}

pub fn run(args: &DiffArgs) -> Status {
    let load = |path: &PathBuf| match crate::analyze(path) {
        Ok(analysis) => Ok((
            analysis,
            SourceFile::read(path).ok().and_then(|s| s.tree.ok()),
        )),
        Err(error) => {
            eprintln!("error: {error}");
            Err(Status::Unreadable)
        }
    };
    let (old, old_document) = match load(&args.old) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let (new, new_document) = match load(&args.new) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let selection = args.selection.selection();
    let operations = old.ir.operations.iter().chain(&new.ir.operations);
    if let Err(invalid) =
        selection.validate(operations.map(|op| (op.tags.as_slice(), op.name.as_str())))
    {
        eprintln!("error: {}\n  help: {}", invalid.message, invalid.help);
        return Status::Unreadable;
    }
    // An operation may be selected in one version only (added, removed, retagged): the
    // other side simply does not have it, which is the change.
    let (old, new) = (old.restrict(&selection), new.restrict(&selection));
    let changes = Differ::new(
        Side {
            analysis: &old,
            document: old_document.as_ref(),
        },
        Side {
            analysis: &new,
            document: new_document.as_ref(),
        },
        args.closed_enums,
    )
    .run();
    let bump = Bump::of(&changes);
    let titles = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    print_report(&match args.format {
        Format::Text => report::text(&changes, bump),
        Format::Markdown => report::markdown(&changes, bump, &titles),
        Format::Json => report::json(&changes, bump),
    });
    match args.fail_on {
        Some(threshold) if changes.iter().any(|c| c.level >= threshold) => Status::Findings,
        _ => Status::Ok,
    }
}
