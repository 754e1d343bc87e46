//! The items a generated module declares at its top level, decided from the IR and the
//! names alone: the tests hold every output to this list with `syn` as the oracle, so
//! nothing a spec says can add an item, and none goes missing.

use std::collections::BTreeSet;

use super::response::{one_success_type, success_test};
use super::UserPaths;
use crate::config::Config;
use crate::ir::{Ir, ParamLocation};
use crate::names::Names;

pub(crate) fn declared_items(ir: &Ir, names: &Names, config: &Config) -> BTreeSet<String> {
    let user = UserPaths::new(ir, config);
    let mut items: BTreeSet<String> = names
        .types
        .iter()
        .zip(&user.replacements)
        .filter(|(_, replacement)| replacement.is_none())
        .map(|(name, _)| name.clone())
        .collect();
    items.insert("Client".into());
    if !ir.servers.is_empty() {
        items.insert("servers".into());
    }
    for (op, op_names) in ir.operations.iter().zip(&names.operations) {
        if op.params.iter().any(|p| p.location != ParamLocation::Path) {
            items.insert(op_names.params_struct.clone());
        }
        let is_success = success_test(op);
        if !one_success_type(op.responses.iter().filter(|r| is_success(r))) {
            items.insert(op_names.success_enum.clone());
        }
        if op.responses.iter().any(|r| !is_success(r)) {
            items.insert(op_names.error_enum.clone());
        }
    }
    items
        .into_iter()
        .map(|name| super::source::Rust::ident(&name).to_string())
        .collect()
}
