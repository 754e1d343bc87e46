//! `specgen diff` output: text for a terminal, Markdown for a pull-request comment, JSON for
//! tools. Text and Markdown put breaking changes first and summarize the compatible ones as
//! counts; the Markdown stays within what a comment holds; the JSON has every change.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::change::{Bump, Change, Level};

/// What a pull-request comment holds is 65,536 characters; this leaves room for a wrapper.
pub const MARKDOWN_BUDGET: usize = 65_000;
/// Operations listed with one change before "and N more".
const OPERATIONS_SHOWN: usize = 3;

pub struct Report {
    /// ERR first, then WARN, then INFO; major before minor before patch within a level;
    /// otherwise in the order they were found.
    pub changes: Vec<Change>,
    pub semver: Bump,
    /// The two files, as given on the command line.
    old: String,
    new: String,
}

impl Report {
    pub fn new(mut changes: Vec<Change>, (old, new): (&Path, &Path)) -> Report {
        changes.sort_by(|a, b| b.level.cmp(&a.level).then(b.semver.cmp(&a.semver)));
        Report {
            semver: Bump::of(&changes),
            changes,
            old: old.display().to_string(),
            new: new.display().to_string(),
        }
    }

    fn at(&self, level: Level) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.level == level)
    }

    /// Counts per (semver, id) of the compatible changes, largest bump first.
    fn info_counts(&self) -> Vec<(Bump, &'static str, usize)> {
        let mut counts: BTreeMap<(std::cmp::Reverse<Bump>, &'static str), usize> = BTreeMap::new();
        for change in self.at(Level::Info) {
            *counts
                .entry((std::cmp::Reverse(change.semver), change.id))
                .or_default() += 1;
        }
        counts
            .into_iter()
            .map(|((bump, id), n)| (bump.0, id, n))
            .collect()
    }

    fn verdict(&self) -> String {
        if self.changes.is_empty() {
            return "No changes: the generated crate needs no new version.".into();
        }
        let level = |l: Level| self.at(l).count();
        let bump = |b: Bump| self.changes.iter().filter(|c| c.semver == b).count();
        format!(
            "{} breaking (ERR), {} possibly breaking (WARN), {} compatible (INFO) on the wire; the generated crate needs a {} version ({} major, {} minor, {} patch changes).",
            level(Level::Err),
            level(Level::Warn),
            level(Level::Info),
            self.semver,
            bump(Bump::Major),
            bump(Bump::Minor),
            bump(Bump::Patch),
        )
    }

    pub fn text(&self) -> String {
        let indent = " ".repeat(11);
        let mut out = String::new();
        for change in self.changes.iter().filter(|c| c.level != Level::Info) {
            out.push_str(&format!(
                "{:<4} {:<5} {}: {}\n{indent}at #{}\n",
                change.level, change.semver, change.id, change.message, change.pointer
            ));
            if !change.operations.is_empty() {
                out.push_str(&format!(
                    "{indent}in {}\n",
                    operations(&change.operations, 5, |o| o.to_string())
                ));
            }
        }
        let counts = self.info_counts();
        if !counts.is_empty() {
            let total: usize = counts.iter().map(|c| c.2).sum();
            out.push_str(&format!(
                "INFO {total} compatible change{} (each one is in --format json):\n",
                plural(total)
            ));
            for (bump, id, n) in counts {
                out.push_str(&format!("{n:>8} {bump:<5} {id}\n"));
            }
        }
        if !self.changes.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("semver: {}\n{}\n", self.semver, self.verdict()));
        out
    }

    pub fn markdown(&self) -> String {
        let header = format!(
            "### API changes: `{}` → `{}`\n\n**semver: {}** · {}\n",
            self.old,
            self.new,
            self.semver,
            self.verdict()
        );
        if self.changes.is_empty() {
            return header;
        }
        let table_head = "\n| Level | Semver | Change | Operations | Details | Where |\n| --- | --- | --- | --- | --- | --- |\n";
        let counts = self.info_counts();
        let mut counts_table = String::new();
        if !counts.is_empty() {
            let total: usize = counts.iter().map(|c| c.2).sum();
            counts_table.push_str(&format!(
                "\n**{total} compatible change{} (INFO):**\n\n| Change | Semver | Count |\n| --- | --- | --- |\n",
                plural(total)
            ));
            for (bump, id, n) in &counts {
                counts_table.push_str(&format!("| `{id}` | {bump} | {n} |\n"));
            }
        }
        let (details_open, details_close) = (
            "\n<details><summary>Each compatible change</summary>\n",
            "\n</details>\n",
        );
        // Room for the fixed parts and the truncation notice, then rows by importance.
        let notice_room = 400;
        let mut room = MARKDOWN_BUDGET.saturating_sub(
            header.len()
                + 2 * table_head.len()
                + counts_table.len()
                + details_open.len()
                + details_close.len()
                + notice_room,
        );
        let mut take = |rows: Vec<String>| -> Vec<String> {
            let mut kept = Vec::new();
            for row in rows {
                if row.len() > room {
                    room = 0;
                    break;
                }
                room -= row.len();
                kept.push(row);
            }
            kept
        };
        let breaking = take(
            self.changes
                .iter()
                .filter(|c| c.level != Level::Info)
                .map(row)
                .collect(),
        );
        let compatible = take(self.at(Level::Info).map(row).collect());
        let shown = breaking.len() + compatible.len();

        let mut out = header;
        if shown < self.changes.len() {
            out.push_str(&format!(
                "\n**{} of {} changes are not shown here**: a pull-request comment holds 65,536 characters, and the least important changes were left out. `specgen diff --format json {} {}` lists every change.\n",
                self.changes.len() - shown,
                self.changes.len(),
                self.old,
                self.new
            ));
        }
        if !breaking.is_empty() {
            out.push_str(table_head);
            out.extend(breaking);
        }
        out.push_str(&counts_table);
        if !compatible.is_empty() {
            out.push_str(details_open);
            out.push_str(table_head);
            out.extend(compatible);
            out.push_str(details_close);
        }
        out
    }

    pub fn json(&self) -> String {
        let report = JsonReport {
            changes: self
                .changes
                .iter()
                .map(|c| JsonChange {
                    id: c.id,
                    level: c.level.as_str(),
                    semver: c.semver.as_str(),
                    operation: c.operations.first().map_or("", String::as_str),
                    operations: &c.operations,
                    pointer: &c.pointer,
                    message: &c.message,
                })
                .collect(),
            semver: self.semver.as_str(),
        };
        serde_json::to_string_pretty(&report).expect("a report serializes") + "\n"
    }
}

/// One Markdown table row.
fn row(change: &Change) -> String {
    let cell = |text: &str| {
        let text = text.replace('|', "\\|").replace('\n', " ");
        match text.char_indices().nth(500) {
            Some((end, _)) => format!("{}…", &text[..end]),
            None => text,
        }
    };
    let operations = if change.operations.is_empty() {
        String::new()
    } else {
        cell(&operations(&change.operations, OPERATIONS_SHOWN, |o| {
            format!("`{o}`")
        }))
    };
    format!(
        "| {} | {} | `{}` | {operations} | {} | `#{}` |\n",
        change.level,
        change.semver,
        change.id,
        cell(&change.message),
        cell(&change.pointer)
    )
}

/// `GET /a, POST /b and 3 more`, each operation written by `write`.
fn operations(list: &[String], shown: usize, write: impl Fn(&str) -> String) -> String {
    let mut out: Vec<String> = list.iter().take(shown).map(|o| write(o)).collect();
    if list.len() > shown {
        out.push(format!("and {} more", list.len() - shown));
    }
    out.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    changes: Vec<JsonChange<'a>>,
    semver: &'a str,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    id: &'a str,
    level: &'a str,
    semver: &'a str,
    /// The first of `operations`, or empty.
    operation: &'a str,
    operations: &'a [String],
    pointer: &'a str,
    message: &'a str,
}
