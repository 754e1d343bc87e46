//! One cargo feature per tag ([`crate::Config::features_per_tag`]): a `#[cfg(…)]` line
//! on each item that only some tags' operations use, after its doc comment. Which tags gate what is decided on
//! the IR ([`crate::ir::select::tag_sets`]); here it only becomes attributes. Feature names
//! come from the names stage and are written as string literals.

use super::code::Code;
use super::source::{rust, Rust};
use super::Emitter;

impl Emitter<'_> {
    /// Gates the items of the IR's type `index`, written into `code` since `mark`.
    pub(super) fn gate_type(&self, code: &mut Code, mark: usize, index: usize) {
        if let Some(tags) = self
            .tag_sets
            .as_ref()
            .and_then(|t| t.types[index].as_deref())
        {
            self.gate(code, mark, tags);
        }
    }

    /// Gates the items (or the method) of the IR's operation `index`, written since `mark`.
    pub(super) fn gate_operation(&self, code: &mut Code, mark: usize, index: usize) {
        if let Some(tags) = self
            .tag_sets
            .as_ref()
            .and_then(|t| t.operations[index].as_deref())
        {
            self.gate(code, mark, tags);
        }
    }

    fn gate(&self, code: &mut Code, mark: usize, tags: &[usize]) {
        let mut features: Vec<Rust> = tags
            .iter()
            .map(|&tag| rust!["feature = ", Rust::literal(&self.names.features[tag])])
            .collect();
        features.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        let mut attribute = code.sibling();
        attribute.cfg(&features);
        code.insert_before_items(mark, &attribute);
    }
}
