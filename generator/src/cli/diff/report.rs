//! `specgen diff` output: text, Markdown for a pull request, or JSON.

use serde::Serialize;

use super::change::{Bump, Change, Level};

fn counts(changes: &[Change]) -> [usize; 3] {
    [Level::Err, Level::Warn, Level::Info]
        .map(|level| changes.iter().filter(|c| c.level == level).count())
}

fn verdict(changes: &[Change], bump: Bump) -> String {
    let [err, warn, info] = counts(changes);
    match bump {
        Bump::None => "No changes: the generated crate needs no new version.".into(),
        bump => format!(
            "{err} breaking (ERR), {warn} possibly breaking (WARN), {info} compatible (INFO): the generated crate needs a {} version bump.",
            bump.as_str()
        ),
    }
}

pub fn text(changes: &[Change], bump: Bump) -> String {
    let mut out = String::new();
    for change in changes {
        let operation = if change.operation.is_empty() {
            String::new()
        } else {
            format!("{}: ", change.operation)
        };
        out.push_str(&format!(
            "{:<4} {}: {operation}{}\n     at #{}\n",
            change.level, change.id, change.message, change.pointer
        ));
    }
    if !changes.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!(
        "semver: {}\n{}\n",
        bump.as_str(),
        verdict(changes, bump)
    ));
    out
}

pub fn markdown(changes: &[Change], bump: Bump, (old, new): &(String, String)) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "### API changes: `{old}` → `{new}`\n\n{}\n",
        verdict(changes, bump)
    );
    if changes.is_empty() {
        return out;
    }
    out.push_str(
        "\n| Level | Change | Operation | Details | Where |\n| --- | --- | --- | --- | --- |\n",
    );
    for change in changes {
        let operation = if change.operation.is_empty() {
            String::new()
        } else {
            format!("`{}`", cell(&change.operation))
        };
        out.push_str(&format!(
            "| {} | `{}` | {operation} | {} | `#{}` |\n",
            change.level,
            change.id,
            cell(&change.message),
            cell(&change.pointer)
        ));
    }
    out
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
    operation: &'a str,
    pointer: &'a str,
    message: &'a str,
}

pub fn json(changes: &[Change], bump: Bump) -> String {
    let report = JsonReport {
        changes: changes
            .iter()
            .map(|c| JsonChange {
                id: c.id,
                level: c.level.as_str(),
                operation: &c.operation,
                pointer: &c.pointer,
                message: &c.message,
            })
            .collect(),
        semver: bump.as_str(),
    };
    serde_json::to_string_pretty(&report).expect("a report serializes") + "\n"
}
