//! Whether each output is laid out as rustfmt lays it out: `rustfmt --check` on every
//! generated file, a few files per process.

use std::path::Path;
use std::process::Command;

use crate::generate::Outcome;
use crate::Entry;

const FILES_PER_RUN: usize = 16;

/// Sets `formatted` on every generated entry; `Err` when rustfmt cannot be run at all.
pub fn check(entries: &mut [Entry], src_dir: &Path) -> Result<(), String> {
    let generated: Vec<usize> = (0..entries.len())
        .filter(|&i| matches!(entries[i].outcome, Outcome::Generated { .. }))
        .collect();
    for chunk in generated.chunks(FILES_PER_RUN) {
        let files: Vec<_> = chunk
            .iter()
            .map(|&i| src_dir.join(format!("{}.rs", entries[i].module)))
            .collect();
        let output = Command::new("rustfmt")
            .args(["--check", "--edition", "2021"])
            .args(&files)
            .output()
            .map_err(|e| format!("rustfmt: {e}"))?;
        // `Diff in /path/module.rs:12:` names each file rustfmt would change; a file it
        // cannot read at all is named in its errors.
        let diffs = String::from_utf8_lossy(&output.stdout);
        let errors = String::from_utf8_lossy(&output.stderr);
        for (&index, file) in chunk.iter().zip(&files) {
            let path = file.display().to_string();
            let changed = diffs.contains(&format!("Diff in {path}")) || errors.contains(&path);
            entries[index].formatted = Some(!changed);
        }
    }
    Ok(())
}
