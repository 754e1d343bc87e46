//! The `specgen` command line: `generate`, `check` and `diff`.
//!
//! Compiled only with the `cli` feature (on by default), so that `build.rs` users who turn
//! default features off get the lean library. It lives in the library rather than in the
//! binary so that its pieces (the OpenAPI → JSON Schema conversion, the rules) can be
//! tested and reused directly; its API is the command line, not these functions.

pub mod check;
pub mod diff;
mod generate;
mod selection;
mod source;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// OpenAPI 3.0 → Rust: generate clients, review specs, review changes between versions.
#[derive(Debug, Parser)]
#[command(name = "specgen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a Rust module, or a standalone crate, from a spec.
    Generate(generate::GenerateArgs),
    /// Review specs: conformance to OpenAPI 3.0 and what the generator can type.
    Check(check::CheckArgs),
    /// Review the changes between two versions of a spec, as they affect a generated client.
    Diff(diff::DiffArgs),
}

/// Exit status shared by the commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing to report at the level that fails.
    Ok,
    /// Findings (errors, stale files, breaking changes).
    Findings,
    /// An input could not be read at all.
    Unreadable,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Ok => 0,
            Status::Findings => 1,
            Status::Unreadable => 2,
        })
    }
}

/// Writes a command's report to stdout; a reader that went away (`| head`) is not an error.
fn print_report(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the command line with `args` (the first is the program name).
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with status 0; usage errors exit with 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let status = match cli.command {
        Command::Generate(args) => generate::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    status.into()
}
