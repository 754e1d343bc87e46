//! The table: per OpenAPI version, how many specs generated, were refused with a located
//! diagnostic, panicked, and compiled; then every failure with its first message.

use std::fmt::Write as _;
use std::path::Path;

use crate::generate::Outcome;
use crate::Entry;

pub struct Summary {
    pub panics: usize,
    /// Outputs rustfmt would change.
    pub unformatted: usize,
    /// Outputs rustfmt leaves as they are, over all generated outputs (1.0 when none).
    pub formatted_share: f64,
    /// Compiled OpenAPI 3.0/3.1 specs over all of them (1.0 when there are none).
    pub openapi3_compile_share: f64,
    /// Outputs that compiled with warnings.
    pub warned: usize,
    /// Specs generated with a selection that did not generate, or did not compile.
    pub selected_failures: usize,
}

#[derive(Default, Clone, Copy)]
struct Row {
    specs: usize,
    generated: usize,
    clean: usize,
    unlocated: usize,
    panics: usize,
    formatted: usize,
    compiled: usize,
    warning_free: usize,
}

impl Row {
    fn add(&mut self, entry: &Entry) {
        self.specs += 1;
        match &entry.outcome {
            Outcome::Generated { .. } => self.generated += 1,
            Outcome::Diagnostic { located: true, .. } => self.clean += 1,
            Outcome::Diagnostic { located: false, .. } => self.unlocated += 1,
            Outcome::Panic { .. } => self.panics += 1,
        }
        if entry.formatted == Some(true) {
            self.formatted += 1;
        }
        if entry.compiled == Some(true) {
            self.compiled += 1;
            if entry.compile_warnings.is_empty() {
                self.warning_free += 1;
            }
        }
    }

    fn line(&self, label: &str) -> String {
        let cell = |n: usize| {
            let share = if self.specs == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.specs as f64
            };
            format!("{n:>5} {share:>5.1}%")
        };
        format!(
            "| {label:<8} | {:>5} | {} | {} | {} | {} | {} | {} | {} |",
            self.specs,
            cell(self.generated),
            cell(self.clean),
            cell(self.unlocated),
            cell(self.panics),
            cell(self.formatted),
            cell(self.compiled),
            cell(self.warning_free),
        )
    }
}

/// Prints the table and the failures, writes one line per spec to `tsv`.
pub fn print(entries: &[Entry], tsv: &Path) -> Summary {
    let versions = ["2.0", "3.0", "3.1", "?"];
    let mut rows = [Row::default(); 4];
    let mut total = Row::default();
    let mut openapi3 = Row::default();
    // The specs generated with a selection repeat specs of the corpus: a row of their own.
    let mut selected = Row::default();
    for entry in entries {
        if !entry.options.is_empty() {
            selected.add(entry);
            continue;
        }
        let row = versions
            .iter()
            .position(|v| *v == entry.version)
            .unwrap_or(3);
        rows[row].add(entry);
        total.add(entry);
        if entry.version.starts_with("3.") {
            openapi3.add(entry);
        }
    }
    println!();
    let columns = [
        "generated",
        "clean diag.",
        "other diag.",
        "panic",
        "formatted",
        "compiled",
        "no warning",
    ];
    let header: Vec<String> = columns.iter().map(|c| format!("{c:>12}")).collect();
    println!("| version  | specs | {} |", header.join(" | "));
    println!(
        "|----------|------:|{}",
        "-------------:|".repeat(columns.len())
    );
    for (version, row) in versions.iter().zip(rows) {
        if row.specs > 0 {
            println!("{}", row.line(version));
        }
    }
    println!("{}", openapi3.line("3.x"));
    println!("{}", total.line("all"));
    if selected.specs > 0 {
        println!("{}", selected.line("selected"));
    }
    println!();
    let mut failures = String::new();
    let mut lines =
        String::from("spec\tversion\toutcome\tformatted\tcompiled\tmillis\tlines\tmessage\n");
    for entry in entries {
        let (outcome, message, millis, code_lines) = match &entry.outcome {
            Outcome::Generated {
                lines,
                millis,
                warnings,
            } => (
                "generated",
                entry
                    .compile_errors
                    .first()
                    .cloned()
                    .unwrap_or_else(|| format!("{warnings} warning(s)")),
                *millis,
                *lines,
            ),
            Outcome::Diagnostic { message, located } => (
                if *located {
                    "diagnostic"
                } else {
                    "unlocated diagnostic"
                },
                message.clone(),
                0,
                0,
            ),
            Outcome::Panic { message } => ("panic", message.clone(), 0, 0),
        };
        let yes_no = |value: Option<bool>| match value {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        let (formatted, compiled) = (yes_no(entry.formatted), yes_no(entry.compiled));
        let one_line = message.replace(['\n', '\t'], " ");
        let spec = if entry.options.is_empty() {
            entry.spec.display().to_string()
        } else {
            format!("{} {}", entry.spec.display(), entry.options.join(" "))
        };
        let _ = writeln!(
            lines,
            "{spec}\t{}\t{outcome}\t{formatted}\t{compiled}\t{millis}\t{code_lines}\t{one_line}",
            entry.version
        );
        if entry.compiled != Some(true) {
            let first = message.lines().next().unwrap_or_default();
            let _ = writeln!(
                failures,
                "  {} [{}] {outcome}{}: {first}",
                entry.module,
                entry.version,
                if entry.compiled == Some(false) {
                    format!(", {} compile error(s)", entry.compile_errors.len())
                } else {
                    String::new()
                }
            );
        }
    }
    if !failures.is_empty() {
        println!("not compiled:\n{failures}");
    }
    let unformatted: Vec<&str> = entries
        .iter()
        .filter(|e| e.formatted == Some(false))
        .map(|e| e.module.as_str())
        .collect();
    let warned: Vec<String> = entries
        .iter()
        .filter_map(|e| {
            let first = e.compile_warnings.first()?;
            Some(format!(
                "  {}: {}",
                e.module,
                first.lines().next().unwrap_or_default()
            ))
        })
        .collect();
    if !warned.is_empty() {
        println!("compiled with warnings:\n{}\n", warned.join("\n"));
    }
    if !unformatted.is_empty() {
        println!(
            "rustfmt would reformat (see `rustfmt --check` on the module): {}\n",
            unformatted.join(", ")
        );
    }
    if let Err(e) = std::fs::write(tsv, lines) {
        eprintln!("cannot write {}: {e}", tsv.display());
    } else {
        println!("per-spec details: {}", tsv.display());
    }
    Summary {
        panics: total.panics,
        formatted_share: if total.generated == 0 {
            1.0
        } else {
            total.formatted as f64 / total.generated as f64
        },
        warned: warned.len(),
        unformatted: entries
            .iter()
            .filter(|e| e.formatted == Some(false))
            .count(),
        openapi3_compile_share: if openapi3.specs == 0 {
            1.0
        } else {
            openapi3.compiled as f64 / openapi3.specs as f64
        },
        selected_failures: entries
            .iter()
            .filter(|e| {
                !e.options.is_empty()
                    && (!matches!(e.outcome, Outcome::Generated { .. })
                        || e.compiled == Some(false))
            })
            .count(),
    }
}
