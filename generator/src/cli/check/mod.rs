//! `specgen check`: a conformance review of OpenAPI 3.0 specs.
//!
//! Each rule (see [`rules::RULES`]) reports findings at JSON pointers; this module decides
//! their severity (defaults, `specgen.toml`, `--rule`), locates them at `file:line:col` and
//! renders them. Exit status: 0 without errors, 1 with errors (or warnings under
//! `--deny-warnings`), 2 when a spec cannot be read at all.

mod composition;
mod config;
mod document;
mod examples;
mod generator;
pub mod json_schema;
mod operations;
mod paths;
mod refs;
mod report;
pub mod rules;
mod sarif;
mod schemas;
mod scope;
mod servers;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::selection::SelectionArgs;
use super::source::SourceFile;
use super::{print_report, Status};
use crate::LineIndex;
use crate::Selection;
pub use examples::Dates;
use report::Diagnostic;
use rules::Severity;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The specs to review (YAML or JSON).
    #[arg(required_unless_present = "list_rules", value_name = "SPEC")]
    specs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Set a rule's severity: off, info, warning or error (repeatable).
    #[arg(long = "rule", value_name = "ID=LEVEL")]
    rules: Vec<String>,
    /// Read rule settings and allowed findings from this file (default: ./specgen.toml).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore ./specgen.toml.
    #[arg(long)]
    no_config: bool,
    /// Exit with 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Check `format: date` examples strictly (by default a date-time is accepted, as the
    /// generated client accepts it).
    #[arg(long)]
    strict_formats: bool,
    /// List the rules with their default severity, and exit.
    #[arg(long)]
    list_rules: bool,
    #[command(flatten)]
    selection: SelectionArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-like, with the source line.
    Text,
    /// `{"diagnostics": [{rule, severity, message, file, line, column, pointer}]}`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), shown as annotations.
    Github,
}

/// What a rule found, before its severity and line are decided.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static str,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
    /// Where it is when that is already known (the generator's own diagnostics, which may
    /// point into a file the spec refers to).
    pub located: Option<(PathBuf, Option<(usize, usize)>)>,
}

impl Finding {
    pub fn new(rule: &'static str, pointer: &str, message: impl Into<String>) -> Self {
        Finding {
            rule,
            pointer: pointer.to_string(),
            message: message.into(),
            help: None,
            located: None,
        }
    }

    fn located(rule: &'static str, location: &crate::Location, message: String) -> Self {
        Finding {
            located: Some((location.file.clone(), location.line_col)),
            ..Finding::new(rule, &location.pointer, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A spec file, and every finding in it; an error when it cannot be read at all.
///
/// The generator's analysis (which reads the spec on its own) runs first, and the rules
/// that read the document's tree after it: each phase's memory is freed before the next
/// one starts, and the tree is dropped before the report locates the findings.
///
/// With a selection, only the findings about the selected operations, what they reach and
/// the document-wide places are kept; findings in files the spec refers to are kept too
/// (their places are not units of it).
pub fn check_file(
    path: &Path,
    dates: Dates,
    selection: &Selection,
) -> std::io::Result<(SourceFile, Vec<Finding>)> {
    let from_generator = generator::analyze(path);
    let mut source = SourceFile::read(path)?;
    let tree = match std::mem::replace(&mut source.tree, Ok(serde_json::Value::Null)) {
        Ok(tree) => tree,
        Err(syntax) => {
            let mut finding = Finding::new(
                rules::INVALID_DOCUMENT,
                "",
                format!("not a YAML or JSON document: {}", syntax.message),
            )
            .help("fix the syntax at this position");
            finding.located = Some((source.path.clone(), syntax.line_col));
            source.tree = Err(syntax);
            return Ok((source, vec![finding]));
        }
    };
    let mut findings = review(&tree, path, dates);
    let scope = (!selection.is_everything())
        .then(|| scope::Scope::new(&document::Spec::new(&tree), selection));
    drop(tree);
    let from_generator = generator::unexplained(from_generator, &findings);
    if from_generator
        .iter()
        .any(|f| f.rule == rules::INVALID_DOCUMENT)
    {
        // Not an OpenAPI 3.0 document (a Swagger 2.0 file, say): the other rules would
        // only add noise.
        return Ok((source, from_generator));
    }
    findings.extend(from_generator);
    if let Some(scope) = scope {
        findings.retain(|finding| match &finding.located {
            Some((file, _)) if *file != source.path => true,
            _ => scope.covers(&finding.pointer),
        });
    }
    Ok((source, findings))
}

/// What the rules that read the document's tree find.
fn review(tree: &serde_json::Value, path: &Path, dates: Dates) -> Vec<Finding> {
    let spec = document::Spec::new(tree);
    let mut findings = Vec::new();
    refs::check(&spec, path, &mut findings);
    paths::check(spec.root, &mut findings);
    operations::check(&spec, &mut findings);
    schemas::check(&spec, &mut findings);
    composition::check(&spec, &mut findings);
    servers::check(&spec, &mut findings);
    examples::check(&spec, dates, &mut findings);
    findings
}

pub fn run(args: &CheckArgs) -> Status {
    if args.list_rules {
        let list: String = rules::RULES
            .iter()
            .map(|rule| format!("{:<28} {:<8} {}\n", rule.id, rule.default, rule.summary))
            .collect();
        print_report(&list);
        return Status::Ok;
    }
    let config = match load_config(args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("error: {message}");
            return Status::Unreadable;
        }
    };
    let dates = if args.strict_formats {
        Dates::Strict
    } else {
        Dates::Lenient
    };
    let selection = args.selection.selection();
    if !selection.is_everything() {
        let sources: Vec<(&PathBuf, std::io::Result<SourceFile>)> = args
            .specs
            .iter()
            .map(|path| (path, SourceFile::read(path)))
            .collect();
        if let Err(message) = check_selection(&sources, &selection) {
            eprintln!("error: {message}");
            return Status::Unreadable;
        }
    }
    let mut diagnostics = Vec::new();
    let mut unreadable = false;
    for path in &args.specs {
        let (source, findings) = match check_file(path, dates, &selection) {
            Ok(checked) => checked,
            Err(error) => {
                unreadable = true;
                diagnostics.push(Diagnostic {
                    rule: rules::INVALID_DOCUMENT,
                    severity: Severity::Error,
                    message: format!("cannot read the spec: {error}"),
                    help: None,
                    file: path.clone(),
                    line_col: None,
                    pointer: String::new(),
                });
                continue;
            }
        };
        unreadable |= source.tree.is_err();
        diagnostics.extend(diagnose(&source, findings, &config));
    }
    diagnostics.dedup();
    match args.format {
        Format::Json => print_report(&report::json(&diagnostics)),
        Format::Sarif => print_report(&sarif::sarif(&diagnostics)),
        Format::Github => print_report(&report::github(&diagnostics)),
        Format::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = report::text(&diagnostics, color);
            let summary = report::summary(&diagnostics, args.specs.len());
            print_report(&format!("{text}{summary}\n"));
        }
    }
    let fails = |d: &Diagnostic| {
        d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning)
    };
    if unreadable {
        Status::Unreadable
    } else if diagnostics.iter().any(fails) {
        Status::Findings
    } else {
        Status::Ok
    }
}

/// A selection must name only tags and operationIds some spec has, and keep an operation.
fn check_selection(
    sources: &[(&PathBuf, std::io::Result<SourceFile>)],
    selection: &Selection,
) -> Result<(), String> {
    let operations: Vec<(Vec<String>, String)> = sources
        .iter()
        .filter_map(|(_, source)| source.as_ref().ok()?.tree.as_ref().ok())
        .flat_map(|tree| {
            document::Spec::new(tree)
                .operations()
                .iter()
                .map(scope::tags_and_id)
                .collect::<Vec<_>>()
        })
        .collect();
    selection
        .validate(
            operations
                .iter()
                .map(|(tags, id)| (tags.as_slice(), id.as_str())),
        )
        .map_err(|invalid| format!("{}\n  help: {}", invalid.message, invalid.help))
}

fn load_config(args: &CheckArgs) -> Result<config::Config, String> {
    let mut config = if args.no_config {
        config::Config::default()
    } else {
        config::Config::load(args.config.as_deref())?
    };
    for rule in &args.rules {
        config.apply_override(rule)?;
    }
    Ok(config)
}

/// Severity and place for each finding, sorted by place; findings turned off are dropped,
/// and one finding reached several ways (a shared example) is kept once.
fn diagnose(
    source: &SourceFile,
    findings: Vec<Finding>,
    config: &config::Config,
) -> Vec<Diagnostic> {
    let index = line_index(source, &findings);
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .filter_map(|finding| {
            let (file, line_col) = match finding.located {
                Some(located) => located,
                None => (source.path.clone(), index.locate(&finding.pointer)),
            };
            let severity = config.severity(finding.rule, &file, &finding.pointer);
            (severity != Severity::Off).then_some(Diagnostic {
                rule: finding.rule,
                severity,
                message: finding.message,
                help: finding.help,
                file,
                line_col,
                pointer: finding.pointer,
            })
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        (
            same_file_first(&a.file, &source.path),
            a.line_col,
            &a.pointer,
            a.rule,
            &a.message,
        )
            .cmp(&(
                same_file_first(&b.file, &source.path),
                b.line_col,
                &b.pointer,
                b.rule,
                &b.message,
            ))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.pointer == b.pointer && a.file == b.file);
    diagnostics
}

/// The places of the findings not located yet, and of their ancestors (where a place
/// that is not written in the file, such as a missing key, is reported).
fn line_index(source: &SourceFile, findings: &[Finding]) -> LineIndex {
    let mut wanted: HashSet<&str> = HashSet::new();
    for finding in findings.iter().filter(|f| f.located.is_none()) {
        let pointer = finding.pointer.as_str();
        wanted.insert(pointer);
        wanted.extend(pointer.match_indices('/').map(|(end, _)| &pointer[..end]));
    }
    if wanted.is_empty() {
        return LineIndex::default();
    }
    LineIndex::build_where(&source.text, |pointer| wanted.contains(pointer))
}

/// Sort key putting the spec's own diagnostics before those in files it refers to.
fn same_file_first(file: &Path, spec: &Path) -> (bool, PathBuf) {
    (file != spec, file.to_path_buf())
}
