//! Compiles every generated output as a module of one crate — one `cargo check` instead of
//! one per spec — and attributes each error to its spec by the file its primary span is in.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::generate::{truncate, Outcome};
use crate::Entry;

const CRATE_NAME: &str = "corpus_check";

/// Rounds of "check, drop the modules with errors, check the rest again" before giving up:
/// an error in one module can hide errors in another (rustc stops some phases early).
const MAX_ROUNDS: usize = 4;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ sits in the workspace")
        .to_path_buf()
}

/// Generated lines per `cargo check`: rustc needs about 20 GB for a million lines in one
/// crate (GitHub's 455k-line client alone takes 11 GB), so larger sets are checked in
/// batches, one after the other.
const LINES_PER_BATCH: usize = 300_000;

/// Sets `compiled` on every generated entry.
pub fn compile(entries: &mut [Entry], crate_dir: &Path) -> Result<(), String> {
    write_manifest(crate_dir)?;
    let mut batches: Vec<BTreeSet<usize>> = vec![BTreeSet::new()];
    let mut lines_in_batch = 0;
    for (index, entry) in entries.iter().enumerate() {
        let Outcome::Generated { lines, .. } = entry.outcome else {
            continue;
        };
        if lines_in_batch + lines > LINES_PER_BATCH && lines_in_batch > 0 {
            batches.push(BTreeSet::new());
            lines_in_batch = 0;
        }
        lines_in_batch += lines;
        batches
            .last_mut()
            .expect("one batch at least")
            .insert(index);
    }
    for (number, batch) in batches.into_iter().enumerate() {
        eprintln!("corpus: batch {} of {} modules", number + 1, batch.len());
        compile_batch(entries, crate_dir, batch)?;
    }
    Ok(())
}

fn compile_batch(
    entries: &mut [Entry],
    crate_dir: &Path,
    mut active: BTreeSet<usize>,
) -> Result<(), String> {
    for round in 1..=MAX_ROUNDS {
        if active.is_empty() {
            return Ok(());
        }
        let modules: Vec<&str> = active.iter().map(|&i| entries[i].module.as_str()).collect();
        let result = check(crate_dir, &modules)?;
        eprintln!(
            "corpus: round {round}: checked {} modules in {:.1} s, {} with errors",
            modules.len(),
            result.seconds,
            result.errors.len()
        );
        if result.success {
            for &i in &active {
                entries[i].compiled = Some(true);
                if let Some(warnings) = result.warnings.get(&entries[i].module) {
                    entries[i].compile_warnings = warnings.clone();
                }
            }
            return Ok(());
        }
        let mut dropped = false;
        for &i in &active.clone() {
            if let Some(errors) = result.errors.get(&entries[i].module) {
                entries[i].compiled = Some(false);
                entries[i].compile_errors = errors.clone();
                active.remove(&i);
                dropped = true;
            }
        }
        if !dropped {
            // Errors no module owns (crate-level): find the culprits one module at a time.
            return check_each(entries, &active, crate_dir, &result.unattributed);
        }
    }
    check_each(entries, &active, crate_dir, &[])
}

fn check_each(
    entries: &mut [Entry],
    active: &BTreeSet<usize>,
    crate_dir: &Path,
    unattributed: &[String],
) -> Result<(), String> {
    for &i in active {
        let result = check(crate_dir, &[entries[i].module.as_str()])?;
        entries[i].compiled = Some(result.success);
        if !result.success {
            let mut errors = result
                .errors
                .into_values()
                .flatten()
                .chain(result.unattributed)
                .collect::<Vec<_>>();
            if errors.is_empty() {
                errors = unattributed.to_vec();
            }
            entries[i].compile_errors = errors;
        }
    }
    Ok(())
}

fn write_manifest(crate_dir: &Path) -> Result<(), String> {
    let runtime = workspace().join("runtime");
    let manifest = format!(
        "# Written by the corpus runner: every generated spec is a module of this crate.\n\
         [package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nspecgen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
        CRATE_NAME.replace('_', "-"),
        runtime.display().to_string()
    );
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(crate_dir.join("Cargo.toml"), &manifest)?;
    // The workspace's lock file: the same dependency versions, and nothing to resolve.
    if let Ok(lock) = std::fs::read_to_string(workspace().join("Cargo.lock")) {
        if !crate_dir.join("Cargo.lock").exists() {
            write(crate_dir.join("Cargo.lock"), &lock)?;
        }
    }
    Ok(())
}

struct CheckResult {
    success: bool,
    seconds: f64,
    /// Rendered errors by the module whose file holds their primary span.
    errors: BTreeMap<String, Vec<String>>,
    /// Rendered warnings, likewise: generated code must compile under `-D warnings`.
    warnings: BTreeMap<String, Vec<String>>,
    unattributed: Vec<String>,
}

fn check(crate_dir: &Path, modules: &[&str]) -> Result<CheckResult, String> {
    let mut lib = String::from("//! Written by the corpus runner.\n");
    for module in modules {
        lib.push_str(&format!("pub mod {module};\n"));
    }
    std::fs::write(crate_dir.join("src/lib.rs"), lib).map_err(|e| e.to_string())?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    let started = Instant::now();
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--lib", "--message-format=json", "--quiet"])
        .env("CARGO_TARGET_DIR", target_dir)
        .current_dir(crate_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unattributed = Vec::new();
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let level = &message["message"]["level"];
        if message["reason"] != "compiler-message"
            || message["target"]["name"] != CRATE_NAME
            || (level != "error" && level != "warning")
        {
            continue;
        }
        let diagnostic = &message["message"];
        let rendered = truncate(
            diagnostic["rendered"]
                .as_str()
                .or(diagnostic["message"].as_str())
                .unwrap_or_default(),
            1200,
        );
        match (owning_module(diagnostic), level == "error") {
            (Some(module), true) => errors.entry(module).or_default().push(rendered),
            (Some(module), false) => warnings.entry(module).or_default().push(rendered),
            // A crate-level warning (`N warnings emitted`) says nothing of its own.
            (None, true) => unattributed.push(rendered),
            (None, false) => {}
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(CheckResult {
        success: status.success(),
        seconds: started.elapsed().as_secs_f64(),
        errors,
        warnings,
        unattributed,
    })
}

/// `src/<module>.rs` of the primary span, or of any span when none is primary.
fn owning_module(diagnostic: &serde_json::Value) -> Option<String> {
    let spans = diagnostic["spans"].as_array()?;
    let primary = spans
        .iter()
        .find(|s| s["is_primary"] == true)
        .or(spans.first())?;
    let file = Path::new(primary["file_name"].as_str()?);
    if file.parent() != Some(Path::new("src")) || file.file_name()? == "lib.rs" {
        return None;
    }
    Some(file.file_stem()?.to_string_lossy().into_owned())
}
