//! `specgen diff OLD NEW`: what a new version of an API breaks for the generated client.
//!
//! Both specs are lowered to the IR with [`crate::analyze`] and compared there, so a change
//! of formatting, ordering or `$ref` layout is no change, while a change of what the client
//! sends or decodes is. Constraints the IR does not keep are read from the documents.
//!
//! Each change is judged on the wire (`fit`: does a deployed old client break?) and in the
//! generated crate (major, minor or patch, for the API `generate` writes with the same
//! [`Config`]). The modules follow the spec: `operations` (parameters, bodies, responses),
//! `types` (schemas reached from them), `components` (what no operation reaches, renames
//! by `renames`), `security`, `constraints`; `report` writes the three formats.

mod change;
mod components;
mod constraints;
mod fit;
mod operations;
mod renames;
mod report;
mod security;
mod types;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::selection::SelectionArgs;
use super::source::SourceFile;
use super::{print_report, Status};
use crate::ir::{Operation, Param, ParamLocation, TypeKind, TypeRef};
use crate::pointer::{escape, unescape};
use crate::{Analysis, Config, Selection};
pub use change::{Bump, Change, Level};
use components::component_name;
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
    /// Exit with 1 when a change at this wire level or above exists (ERR or WARN).
    #[arg(long, value_name = "LEVEL", value_parser = parse_fail_level)]
    fail_on: Option<Level>,
    /// Exit with 1 when the generated crate needs this version bump or a larger one (major or
    /// minor).
    #[arg(long, value_name = "BUMP")]
    fail_on_semver: Option<Bump>,
    /// The client is generated with closed enums: a new enum value in a response breaks it.
    #[arg(long)]
    closed_enums: bool,
    // Only the selected operations and what they use are compared, as a client generated
    // with the same selection has them; a name needs to be in one of the two versions.
    #[command(flatten)]
    selection: SelectionArgs,
    /// The client is generated with the schemas no operation uses: changes to them count.
    #[arg(long)]
    keep_unused_schemas: bool,
    /// The client is generated with strict formats: a date-time where a date was declared
    /// fails decoding.
    #[arg(long)]
    strict_formats: bool,
    /// The crate is generated with exhaustive types (no `#[non_exhaustive]`): every added
    /// field, enum value, variant or status is a major change.
    #[arg(long)]
    exhaustive_types: bool,
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
    /// How the crate is generated: open enums, lenient dates, exhaustive types.
    config: &'a Config,
    /// The operation being compared, added to each change found.
    operation: String,
    /// Type pairs already compared for this operation (types refer to each other in cycles).
    visited: HashSet<(usize, usize, Flow)>,
    /// Type pairs compared for any operation: component schemas that no operation reaches
    /// are compared on their own afterwards.
    compared: HashSet<(usize, usize)>,
    /// Component schemas taken for renamed: old type → new type.
    renamed: HashMap<usize, usize>,
    /// The new version's types by generated name.
    new_names: HashMap<&'a str, usize>,
    /// Set while comparing a form-exploded query parameter, where one value is a list of one.
    exploded_query: bool,
    changes: Vec<Change>,
    /// Where each change (id, pointer, message) is in `changes`: a change reached through
    /// several operations is one entry listing them.
    index: HashMap<(&'static str, String, String), usize>,
}

impl<'a> Differ<'a> {
    pub fn new(old: Side<'a>, new: Side<'a>, config: &'a Config) -> Self {
        let new_analysis: &'a Analysis = new.analysis;
        Differ {
            old,
            new,
            config,
            operation: String::new(),
            visited: HashSet::new(),
            compared: HashSet::new(),
            renamed: HashMap::new(),
            new_names: new_analysis
                .names
                .types
                .iter()
                .enumerate()
                .map(|(index, name)| (name.as_str(), index))
                .collect(),
            exploded_query: false,
            changes: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Every change, operations first, then components, each once.
    pub fn run(mut self) -> Vec<Change> {
        let components = self.match_components();
        let operations = self.match_operations();
        let folded = self.fold_removed(&operations, &components);
        self.compare_operations(&operations, &folded);
        self.compare_components(&components, &folded);
        self.changes
    }

    /// A change found in the operation being compared (or outside operations).
    fn push(
        &mut self,
        id: &'static str,
        (level, semver): (Level, Bump),
        pointer: &str,
        message: impl Into<String>,
    ) {
        let message = message.into();
        let key = (id, pointer.to_string(), message);
        if let Some(&at) = self.index.get(&key) {
            let change = &mut self.changes[at];
            change.level = change.level.max(level);
            change.semver = change.semver.max(semver);
            if !self.operation.is_empty() && !change.operations.contains(&self.operation) {
                change.operations.push(self.operation.clone());
            }
            return;
        }
        let (id, pointer, message) = key.clone();
        self.index.insert(key, self.changes.len());
        self.changes.push(Change {
            id,
            level,
            semver,
            operations: if self.operation.is_empty() {
                Vec::new()
            } else {
                vec![self.operation.clone()]
            },
            pointer,
            message,
        });
    }

    /// The bump for something added to a type or enum: minor while generated types are
    /// `#[non_exhaustive]`, major when they are exhaustive (struct literals and `match`es
    /// break).
    fn additive(&self) -> Bump {
        if self.config.exhaustive_types {
            Bump::Major
        } else {
            Bump::Minor
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
fn unalias<'t>(analysis: &'t Analysis, ty: &'t TypeRef) -> &'t TypeRef {
    follow_aliases(analysis, ty, true)
}

/// Follows aliases to the type they stand for, and `Option` too with `strip_option`.
fn follow_aliases<'t>(
    analysis: &'t Analysis,
    mut ty: &'t TypeRef,
    strip_option: bool,
) -> &'t TypeRef {
    for _ in 0..=analysis.ir.types.len() {
        match ty {
            TypeRef::Named(id) => match &analysis.ir.types[id.0].kind {
                TypeKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            TypeRef::Option(inner) if strip_option => ty = inner,
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
    let selection = Selection {
        keep_unused_schemas: args.keep_unused_schemas,
        ..args.selection.selection()
    };
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
    let mut config = Config::new();
    if args.closed_enums {
        config = config.closed_enums();
    }
    if args.strict_formats {
        config = config.strict_formats();
    }
    if args.exhaustive_types {
        config = config.exhaustive_types();
    }
    let changes = Differ::new(
        Side {
            analysis: &old,
            document: old_document.as_ref(),
        },
        Side {
            analysis: &new,
            document: new_document.as_ref(),
        },
        &config,
    )
    .run();
    let report = report::Report::new(changes, (&args.old, &args.new));
    print_report(&match args.format {
        Format::Text => report.text(),
        Format::Markdown => report.markdown(),
        Format::Json => report.json(),
    });
    let by_level = matches!(args.fail_on, Some(threshold) if report.changes.iter().any(|c| c.level >= threshold));
    let by_semver = matches!(args.fail_on_semver, Some(threshold) if report.semver >= threshold);
    if by_level || by_semver {
        Status::Findings
    } else {
        Status::Ok
    }
}
