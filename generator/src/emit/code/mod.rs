//! Rust source written as text, laid out the way `rustfmt` lays it out.
//!
//! The emitter knows the shape of everything it writes (attributes, fields, signatures,
//! statements, match arms), so it applies rustfmt's default rules for those shapes directly
//! instead of building a syntax tree and pretty-printing it: generation stays a single pass
//! over the IR, and the output passes `cargo fmt --check` as written (the golden files and
//! the corpus check that). The rules, from rustfmt's defaults:
//!
//! - a line is at most [`MAX_WIDTH`] columns;
//! - a call or array goes vertical when its arguments are wider than [`CALL_WIDTH`];
//! - an attribute's argument list goes vertical when wider than [`ATTR_WIDTH`];
//! - a method chain goes vertical when wider than [`CHAIN_WIDTH`];
//! - a struct expression goes vertical when its fields are wider than [`STRUCT_LIT_WIDTH`];
//! - widths are display widths (`unicode-width`, as rustfmt measures), not bytes.
//!
//! Every width and line-break decision of the emitter lives here: the writer and its
//! shared measures in this file, the shapes in `declarations`, `expressions` and
//! `closures`. `emit/layout_tests.rs` sweeps them against rustfmt itself.

mod closures;
mod declarations;
mod expressions;

pub(crate) use expressions::Expr;

use super::docs::DocLines;
use super::source::{Fragment, Rust};

pub(crate) const MAX_WIDTH: usize = 100;
/// rustfmt's `fn_call_width` (also its `array_width`).
pub(crate) const CALL_WIDTH: usize = 60;
/// rustfmt's `attr_fn_like_width`.
pub(crate) const ATTR_WIDTH: usize = 70;
/// rustfmt's `chain_width`.
pub(crate) const CHAIN_WIDTH: usize = 60;
/// rustfmt's `struct_lit_width`.
pub(crate) const STRUCT_LIT_WIDTH: usize = 18;
const INDENT: &str = "    ";
/// The width of the `,` after a field, argument or arm.
const COMMA: usize = 1;

/// A growing source file with the current indentation.
pub(crate) struct Code {
    out: String,
    depth: usize,
}

impl Code {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Code {
            out: String::with_capacity(bytes),
            depth: 0,
        }
    }

    pub(crate) fn into_string(self) -> String {
        self.out
    }

    /// Appends what another writer wrote (at depth 0) at this writer's depth 0.
    pub(crate) fn push_code(&mut self, other: Code) {
        self.out.push_str(&other.out);
    }

    /// Where the next line starts, for [`Code::insert_before_items`].
    pub(crate) fn mark(&self) -> usize {
        self.out.len()
    }

    /// An empty writer at this writer's depth.
    pub(crate) fn sibling(&self) -> Code {
        Code {
            out: String::new(),
            depth: self.depth,
        }
    }

    /// Inserts `lines` into each item written since `mark`, after its doc comment: an item
    /// starts at a line at this depth that begins the text or follows a blank line (items
    /// are separated by one).
    pub(crate) fn insert_before_items(&mut self, mark: usize, lines: &Code) {
        let written = self.out.split_off(mark);
        let indent = self.indent_width();
        // At the start of an item whose attributes are still to come.
        let mut pending = true;
        for line in written.split_inclusive('\n') {
            let at_depth = line.len() > indent
                && line.bytes().take(indent).all(|b| b == b' ')
                && !matches!(line.as_bytes()[indent], b' ' | b'\n');
            let doc = at_depth && line[indent..].starts_with("///");
            if pending && at_depth && !doc {
                self.out.push_str(&lines.out);
            }
            pending = line == "\n" || (pending && doc);
            self.out.push_str(line);
        }
    }

    /// Columns already taken by indentation on a line at the current depth.
    pub(crate) fn indent_width(&self) -> usize {
        self.depth * INDENT.len()
    }

    fn fits(&self, text: &str) -> bool {
        self.indent_width() + text.columns() <= MAX_WIDTH
    }

    fn start_line(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    /// One line of code. Only [`Fragment`]s can be written, which hold no line break.
    pub(crate) fn line(&mut self, text: impl Fragment) {
        self.put(&[text.text()]);
    }

    /// A line from parts (of fragments this module was given), without joining them first.
    fn put(&mut self, parts: &[&str]) {
        self.start_line();
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push('\n');
    }

    /// `//` comment lines (the file's header).
    pub(crate) fn comment(&mut self, lines: &DocLines) {
        for line in lines.lines() {
            if line.is_empty() {
                self.line("//");
            } else {
                self.put(&["// ", line]);
            }
        }
    }

    pub(crate) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `head {`, then what follows one level deeper. A head too long for one line is
    /// what rustfmt does with an `if let` or `match` scrutinee: the brace gets a line of
    /// its own.
    pub(crate) fn open(&mut self, head: impl Fragment) {
        let head = head.text();
        if self.indent_width() + head.columns() + " {".len() <= MAX_WIDTH {
            self.put(&[head, " {"]);
        } else {
            self.put(&[head]);
            self.line("{");
        }
        self.depth += 1;
    }

    /// The closing brace of [`Code::open`], followed by `suffix` (`;`, `,` or nothing).
    pub(crate) fn close(&mut self, suffix: &'static str) {
        self.depth -= 1;
        self.put(&["}", suffix]);
    }

    pub(crate) fn indented(&mut self, write: impl FnOnce(&mut Self)) {
        self.depth += 1;
        write(self);
        self.depth -= 1;
    }

    /// `impl Type {`; rustfmt puts a type too long for the line on a line of its own.
    pub(crate) fn open_inherent_impl(&mut self, ty: &Rust) {
        if self.fits(&["impl ", ty.as_str(), " {"].concat()) {
            self.put(&["impl ", ty.as_str(), " {"]);
        } else {
            self.line("impl");
            self.indented(|code| code.put(&[ty.as_str()]));
            self.line("{");
        }
        self.depth += 1;
    }

    /// `impl… for Type {`, which rustfmt splits before `for` when it is too long.
    pub(crate) fn open_impl(&mut self, head: impl Fragment, for_type: impl Fragment) {
        let (head, for_type) = (head.text(), for_type.text());
        let one_line =
            self.indent_width() + head.columns() + " for ".columns() + for_type.columns() + 2;
        if one_line <= MAX_WIDTH {
            self.put(&[head, " for ", for_type, " {"]);
        } else {
            self.put(&[head]);
            self.put(&[INDENT, "for ", for_type]);
            self.line("{");
        }
        self.depth += 1;
    }

    /// `///` lines; an empty line is a paragraph break.
    pub(crate) fn docs(&mut self, lines: &DocLines) {
        for line in lines.lines() {
            if line.is_empty() {
                self.line("///");
            } else {
                self.put(&["/// ", line]);
            }
        }
    }

    /// One line per item, one level deeper, each with a trailing comma: the vertical form
    /// of an argument, parameter, array or derive list.
    fn items<S: Fragment>(&mut self, items: &[S]) {
        self.indented(|code| {
            for item in items {
                code.put(&[item.text(), ","]);
            }
        });
    }
}

/// The display width of text, as rustfmt measures it.
pub(crate) trait Columns {
    fn columns(&self) -> usize;
}

impl Columns for Rust {
    fn columns(&self) -> usize {
        self.as_str().columns()
    }
}

impl Columns for str {
    fn columns(&self) -> usize {
        // Nearly everything generated is ASCII, where a column is a byte.
        if self.is_ascii() {
            self.len()
        } else {
            unicode_width::UnicodeWidthStr::width(self)
        }
    }
}

/// `Outer<A, B<C>>` → (`Outer`, [`A`, `B<C>`]): the top-level generic arguments of a type.
fn split_generic(ty: &str) -> Option<(&str, Vec<&str>)> {
    let open = ty.find('<')?;
    let inner = ty.strip_suffix('>')?.get(open + 1..)?;
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    Some((&ty[..open], args))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::source::rust;

    #[test]
    fn long_attributes_and_calls_go_vertical() {
        let mut code = Code::with_capacity(0);
        code.attr("serde", &["rename = \"a\"", "default"]);
        code.attr(
            "serde",
            &[
                "rename = \"enterpriseIdentifier\"",
                "default",
                "skip_serializing_if = \"Option::is_none\"",
            ],
        );
        code.call("request.query", &["\"a\"", "value"], ";");
        code.call(
            "request.query",
            &[
                "\"a_parameter_name_long_enough_to_push_the_argument_list_over\"",
                "value",
            ],
            ";",
        );
        assert_eq!(
            code.into_string(),
            "#[serde(rename = \"a\", default)]\n\
             #[serde(\n    rename = \"enterpriseIdentifier\",\n    default,\n    skip_serializing_if = \"Option::is_none\"\n)]\n\
             request.query(\"a\", value);\n\
             request.query(\n    \"a_parameter_name_long_enough_to_push_the_argument_list_over\",\n    value,\n);\n"
        );
    }

    #[test]
    fn widths_are_counted_in_columns_not_bytes() {
        let mut code = Code::with_capacity(0);
        // 59 columns of arguments (and 111 bytes): one line.
        let accented = Rust::literal(&"\u{e9}".repeat(50));
        code.call("request.query", &[accented, Rust::from("value")], ";");
        assert_eq!(code.into_string().lines().count(), 1);
    }

    #[test]
    fn long_parameters_and_field_values_break_as_rustfmt_breaks_them() {
        let mut code = Code::with_capacity(0);
        let long = "::std::collections::BTreeMap<String, ObjectWithAdditionalPropertiesAnyOfPolymorphicValueAndMore>";
        code.open_fn(
            "pub fn set_map",
            &[
                Rust::from("mut self"),
                rust!["value: impl Into<", long, ">"],
            ],
            "Self",
        );
        code.struct_field(
            "topic_featured_link_allowed_category_ids_here",
            "topic_featured_link_allowed_category_ids_here.into()",
        );
        // Too long beside its name: the value goes to the next line instead.
        code.struct_field(
            "linear_history_requirement_enforcement_level_xyz",
            "linear_history_requirement_enforcement_level_xyz.into()",
        );
        code.close("");
        code.open_inherent_impl(&Rust::ident(&"A".repeat(97)));
        code.close("");
        let long_impl = format!("impl\n    {}\n{{\n}}\n", "A".repeat(97));
        assert_eq!(
            code.into_string(),
            "pub fn set_map(\n    mut self,\n    value: impl Into<\n        ::std::collections::BTreeMap<\n            String,\n            ObjectWithAdditionalPropertiesAnyOfPolymorphicValueAndMore,\n        >,\n    >,\n) -> Self {\n    \
             topic_featured_link_allowed_category_ids_here: topic_featured_link_allowed_category_ids_here\n        .into(),\n    \
             linear_history_requirement_enforcement_level_xyz:\n        linear_history_requirement_enforcement_level_xyz.into(),\n}\n"
                .to_string()
                + &long_impl
        );
    }

    #[test]
    fn return_types_break_at_their_generic_arguments() {
        assert_eq!(
            split_generic("Result<Response<A>, Error<B, C>>"),
            Some(("Result", vec!["Response<A>", "Error<B, C>"]))
        );
        assert_eq!(split_generic("String"), None);
    }
}
