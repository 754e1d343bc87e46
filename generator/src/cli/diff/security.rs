//! Security requirements of an operation: alternatives (any one suffices) of scheme sets,
//! each scheme with the scopes it needs.

use std::collections::BTreeSet;

use crate::ir::Security;

use super::change::{Bump, Level};
use super::Differ;

impl Differ<'_> {
    pub(super) fn compare_security(&mut self, old: &Security, new: &Security, pointer: &str) {
        let pointer = format!("{pointer}/security");
        let schemes = |alternative: &[(String, Vec<String>)]| {
            alternative
                .iter()
                .map(|(s, _)| s.clone())
                .collect::<BTreeSet<_>>()
        };
        let describe = |set: &BTreeSet<String>| {
            set.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" + ")
        };
        for alternative in new {
            let set = schemes(alternative);
            match old.iter().find(|o| schemes(o) == set) {
                None if old.is_empty() => self.push(
                    "security-requirement-added",
                    (Level::Err, Bump::Patch),
                    &pointer,
                    format!("the operation now requires {}", describe(&set)),
                ),
                None => self.push(
                    "security-requirement-added",
                    (Level::Info, Bump::Patch),
                    &pointer,
                    format!(
                        "{} is accepted as another way to authenticate",
                        describe(&set)
                    ),
                ),
                Some(before) => {
                    for (scheme, scopes) in alternative {
                        let was: &[String] = before
                            .iter()
                            .find(|(s, _)| s == scheme)
                            .map_or(&[], |(_, s)| s);
                        for scope in scopes.iter().filter(|s| !was.contains(s)) {
                            self.push("security-scope-added", (Level::Warn, Bump::Patch), &pointer, format!("`{scheme}` now needs scope `{scope}` (the credentials must be granted it)"));
                        }
                        for scope in was.iter().filter(|s| !scopes.contains(s)) {
                            self.push(
                                "security-scope-removed",
                                (Level::Info, Bump::Patch),
                                &pointer,
                                format!("`{scheme}` no longer needs scope `{scope}`"),
                            );
                        }
                    }
                }
            }
        }
        for alternative in old {
            let set = schemes(alternative);
            if !new.iter().any(|n| schemes(n) == set) {
                let level = if new.is_empty() {
                    Level::Info
                } else {
                    Level::Warn
                };
                self.push(
                    "security-requirement-removed",
                    (level, Bump::Patch),
                    &pointer,
                    format!("{} is no longer accepted", describe(&set)),
                );
            }
        }
    }
}
