//! One cargo feature per tag ([`crate::Config::features_per_tag`]): a `#[cfg(…)]` line
//! on each item that only some tags' operations use, after its doc comment. Which tags gate what is decided on
//! the IR ([`crate::ir::select::tag_sets`]); here it only becomes attributes. Feature names
//! come from the names stage and are written as string literals.

use super::code::{string_literal, Code, Columns, ATTR_WIDTH, MAX_WIDTH};
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
        let mut features: Vec<String> = tags
            .iter()
            .map(|&tag| format!("feature = {}", string_literal(&self.names.features[tag])))
            .collect();
        features.sort_unstable();
        let mut attribute = code.sibling();
        cfg(&mut attribute, &features);
        code.insert_before_items(mark, &attribute);
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", …))]` laid out as rustfmt lays out
/// a nested list: on one line up to its attribute width, else one feature per line.
fn cfg(code: &mut Code, features: &[String]) {
    if let [feature] = features {
        code.attr("cfg", std::slice::from_ref(feature));
        return;
    }
    let flat = features.join(", ");
    let line = format!("#[cfg(any({flat}))]");
    if flat.columns() <= ATTR_WIDTH && code.indent_width() + line.columns() <= MAX_WIDTH {
        code.line(&line);
        return;
    }
    code.line("#[cfg(any(");
    code.indented(|code| {
        for (i, feature) in features.iter().enumerate() {
            let comma = if i + 1 == features.len() { "" } else { "," };
            code.line_fmt(format_args!("{feature}{comma}"));
        }
    });
    code.line("))]");
}
