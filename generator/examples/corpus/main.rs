//! The real-world robustness suite: runs specgen on every spec of a list, compiles every
//! output in one throwaway crate, and prints what happened to each spec.
//!
//! ```text
//! corpus [--ci] [--skip-check] LIST WORK_DIR
//! ```
//!
//! `LIST` holds one spec path per line (`scripts/corpus.sh` writes it after fetching the
//! specs), optionally followed by selection options and their values, each after a tab
//! (`--include-tag`, `repos`): such a spec is generated with that selection, counted in a
//! row of its own, and with `--ci` must generate and compile. Each spec is generated in a child process of this same binary, so a panic, an
//! abort or a stack overflow is counted against that spec instead of ending the run.
//! `WORK_DIR` receives the check crate (one module per generated spec) and `report.tsv`.
//! Every output is also checked with `rustfmt --check`: specgen writes formatted code.
//! With `--ci` the exit code is non-zero on any panic, any output that compiles with a
//! warning, when rustfmt would change more than
//! [`FORMAT_BAR`] of the outputs allow, or when fewer than [`COMPILE_BAR`] of the OpenAPI
//! 3.x specs compile.

mod check;
mod format;
mod generate;
#[path = "../../tests/oracle/mod.rs"]
mod oracle;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use generate::Outcome;

/// The share of OpenAPI 3.0/3.1 specs whose output must compile.
const COMPILE_BAR: f64 = 0.95;
/// The share of generated outputs that rustfmt must leave unchanged. Not 1.0: with
/// identifiers past the line width (wikimedia.org's 120-character type names) rustfmt's
/// own output is irregular (`>{`), and specgen does not imitate that.
const FORMAT_BAR: f64 = 0.98;

/// One spec of the corpus and everything learned about it.
#[derive(Debug)]
pub struct Entry {
    pub spec: PathBuf,
    /// Selection options it was generated with (none: the whole spec).
    pub options: Vec<String>,
    /// `2.0`, `3.0`, `3.1` or `?`: the row of the table it counts in.
    pub version: String,
    /// The Rust module its output becomes in the check crate.
    pub module: String,
    pub outcome: Outcome,
    /// `Some(true)` when the output compiled, `Some(false)` with the errors when it did not.
    pub compiled: Option<bool>,
    pub compile_errors: Vec<String>,
    /// The warnings of an output that compiled: CI allows none.
    pub compile_warnings: Vec<String>,
    /// Whether rustfmt leaves the output as it is.
    pub formatted: Option<bool>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(generate::CHILD_FLAG) {
        return generate::child(&args[1..]);
    }
    let ci = args.iter().any(|a| a == "--ci");
    let skip_check = args.iter().any(|a| a == "--skip-check");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [list, work_dir] = positional[..] else {
        eprintln!("usage: corpus [--ci] [--skip-check] LIST WORK_DIR");
        return ExitCode::from(2);
    };
    let work_dir = Path::new(work_dir);
    let specs = match std::fs::read_to_string(list) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|line| {
                let mut fields = line.split('\t');
                let spec = PathBuf::from(fields.next().unwrap_or_default());
                (spec, fields.map(str::to_string).collect())
            })
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("cannot read {list}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut entries = generate::run_all(&specs, &work_dir.join("crate/src"));
    if let Err(e) = format::check(&mut entries, &work_dir.join("crate/src")) {
        eprintln!("the outputs could not be checked with rustfmt: {e}");
        return ExitCode::from(2);
    }
    if !skip_check {
        if let Err(e) = check::compile(&mut entries, &work_dir.join("crate")) {
            eprintln!("the check crate could not be compiled: {e}");
            return ExitCode::from(2);
        }
    }
    let summary = report::print(&entries, &work_dir.join("report.tsv"));
    if ci {
        let mut failed = false;
        if summary.panics > 0 {
            eprintln!("FAIL: {} spec(s) panicked", summary.panics);
            failed = true;
        }
        if summary.formatted_share < FORMAT_BAR {
            eprintln!(
                "FAIL: rustfmt would reformat {} output(s): {:.1} % are formatted, below the bar of {:.0} %",
                summary.unformatted,
                summary.formatted_share * 100.0,
                FORMAT_BAR * 100.0
            );
            failed = true;
        }
        if !skip_check && summary.warned > 0 {
            eprintln!(
                "FAIL: {} output(s) compile with warnings (generated code must build under -D warnings)",
                summary.warned
            );
            failed = true;
        }
        if summary.selected_failures > 0 {
            eprintln!(
                "FAIL: {} spec(s) generated with a selection did not {}",
                summary.selected_failures,
                if skip_check {
                    "generate"
                } else {
                    "generate and compile"
                }
            );
            failed = true;
        }
        if !skip_check && summary.openapi3_compile_share < COMPILE_BAR {
            eprintln!(
                "FAIL: {:.1} % of the OpenAPI 3.x specs compile, below the bar of {:.0} %",
                summary.openapi3_compile_share * 100.0,
                COMPILE_BAR * 100.0
            );
            failed = true;
        }
        if failed {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
