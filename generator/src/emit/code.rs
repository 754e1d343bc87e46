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
//! - widths are display widths (`unicode-width`, as rustfmt measures), not bytes.

use super::docs::DocLines;
use super::source::{rust, Fragment, Rust};

pub(crate) const MAX_WIDTH: usize = 100;
/// rustfmt's `fn_call_width` (also its `array_width`).
pub(crate) const CALL_WIDTH: usize = 60;
/// rustfmt's `attr_fn_like_width`.
pub(crate) const ATTR_WIDTH: usize = 70;
/// rustfmt's `chain_width`.
pub(crate) const CHAIN_WIDTH: usize = 60;
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

    /// `#[name(args…)]`, vertical (without a trailing comma) when the arguments are long.
    pub(crate) fn attr<S: Fragment>(&mut self, name: &'static str, args: &[S]) {
        let flat = Rust::join(args, ", ");
        let flat = flat.as_str();
        let line = ["#[", name, "(", flat, ")]"].concat();
        // A single argument stays on the line whenever it fits (inside an item with a
        // column to spare, as rustfmt measures it).
        let single_fits = args.len() == 1
            && self.indent_width() + line.columns() + usize::from(self.depth > 0) <= MAX_WIDTH;
        if (flat.columns() <= ATTR_WIDTH && self.fits(&line)) || single_fits {
            self.put(&[&line]);
            return;
        }
        self.put(&["#[", name, "("]);
        let last = args.len().saturating_sub(1);
        self.indented(|code| {
            for (i, arg) in args.iter().enumerate() {
                let comma = if i == last { "" } else { "," };
                code.put(&[arg.text(), comma]);
            }
        });
        self.line(")]");
    }

    /// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", …))]` laid out as rustfmt lays
    /// out a nested list: on one line up to its attribute width, else one feature per line.
    pub(crate) fn cfg(&mut self, features: &[Rust]) {
        if let [feature] = features {
            self.attr("cfg", std::slice::from_ref(feature));
            return;
        }
        let flat = Rust::join(features, ", ");
        let line = rust!["#[cfg(any(", flat, "))]"];
        if flat.columns() <= ATTR_WIDTH && self.fits(line.as_str()) {
            self.line(line);
            return;
        }
        self.line("#[cfg(any(");
        self.indented(|code| {
            for (i, feature) in features.iter().enumerate() {
                let comma = if i + 1 == features.len() { "" } else { "," };
                code.put(&[feature.as_str(), comma]);
            }
        });
        self.line("))]");
    }

    /// `#[derive(…)]`: one line, else the list on one line of its own, else one per line.
    pub(crate) fn derive<S: Fragment>(&mut self, traits: &[S]) {
        let flat = Rust::join(traits, ", ");
        let flat = flat.as_str();
        // rustfmt keeps derives on the attribute's line up to 96 columns: it reserves
        // room for the closing `)]` and a trailing comma.
        if self.indent_width() + "#[derive(".columns() + flat.columns() + ")]".columns() + 4
            <= MAX_WIDTH
        {
            self.put(&["#[derive(", flat, ")]"]);
            return;
        }
        self.line("#[derive(");
        if self.indent_width() + INDENT.len() + flat.columns() + COMMA <= MAX_WIDTH {
            self.indented(|code| code.put(&[flat, ","]));
        } else {
            self.items(traits);
        }
        self.line(")]");
    }

    /// `prefix: ty,` (a field) or `prefix: ty = value;`; rustfmt moves a type that does
    /// not fit to the next line.
    pub(crate) fn field(&mut self, prefix: impl Fragment, ty: impl Fragment, end: &'static str) {
        let (prefix, ty) = (prefix.text(), ty.text());
        let indent = self.indent_width();
        if indent + prefix.columns() + 2 + ty.columns() + end.columns() <= MAX_WIDTH {
            self.put(&[prefix, ": ", ty, end]);
            return;
        }
        let own_line_fits = indent + INDENT.len() + ty.columns() + end.columns() <= MAX_WIDTH;
        match split_generic(ty) {
            // Not even on a line of its own: the type's generic arguments go one per line.
            Some(_) if !own_line_fits => self.ty(&[prefix, ": "].concat(), ty, end),
            _ => {
                self.put(&[prefix, ":"]);
                self.indented(|code| code.ty("", ty, end));
            }
        }
    }

    /// `pub type Name = Type;`, the type on the next line when the line is too long.
    pub(crate) fn type_alias(&mut self, name: &Rust, ty: &Rust) {
        let head = rust!["pub type ", name, " ="];
        if self.indent_width() + head.columns() + ty.columns() + 2 <= MAX_WIDTH {
            self.put(&[head.as_str(), " ", ty.as_str(), ";"]);
        } else {
            self.line(head);
            self.indented(|code| code.put(&[ty.as_str(), ";"]));
        }
    }

    /// `prefix receiver.call().call()end` (a `let` of a method chain): on one line when
    /// shorter than [`CHAIN_WIDTH`], else one call per line; a call too long for any line
    /// gets its closing parenthesis on a line of its own, as rustfmt leaves it.
    pub(crate) fn chain(
        &mut self,
        prefix: &'static str,
        receiver: &'static str,
        calls: &[Rust],
        end: &'static str,
    ) {
        let flat: String = std::iter::once(receiver)
            .chain(calls.iter().map(Rust::as_str))
            .collect();
        if flat.columns() < CHAIN_WIDTH && self.fits(&[prefix, &flat, end].concat()) {
            self.put(&[prefix, &flat, end]);
            return;
        }
        self.put(&[prefix, receiver]);
        self.indented(|code| {
            let last = calls.len().saturating_sub(1);
            for (i, call) in calls.iter().enumerate() {
                let call = call.as_str();
                let end = if i == last { end } else { "" };
                if code.indent_width() + call.columns() + end.columns() <= MAX_WIDTH
                    || !call.ends_with(')')
                {
                    code.put(&[call, end]);
                } else {
                    code.put(&[&call[..call.len() - 1]]);
                    code.put(&[")", end]);
                }
            }
        });
    }

    /// `prefix ty end`, with the type's generic arguments one per line (recursively) when
    /// it does not fit.
    fn ty(&mut self, prefix: &str, ty: &str, end: &str) {
        if self.indent_width() + prefix.columns() + ty.columns() + end.columns() <= MAX_WIDTH {
            self.put(&[prefix, ty, end]);
            return;
        }
        match split_generic(ty) {
            Some((outer, args)) => {
                self.put(&[prefix, outer, "<"]);
                self.indented(|code| {
                    for arg in args {
                        code.ty("", arg, ",");
                    }
                });
                self.put(&[">", end]);
            }
            None => self.put(&[prefix, ty, end]),
        }
    }

    /// `name: value,` in a struct expression; a value too long goes to the next line, and
    /// a call without arguments too long even there is opened (`f(` … `)`) as rustfmt does.
    pub(crate) fn struct_field(&mut self, name: impl Fragment, value: impl Fragment) {
        let (name, value) = (name.text(), value.text());
        let indent = self.indent_width();
        let opened_call =
            value.ends_with("()") && indent + name.columns() + 1 + value.columns() <= MAX_WIDTH;
        if indent + name.columns() + 2 + value.columns() + COMMA <= MAX_WIDTH {
            self.put(&[name, ": ", value, ","]);
        } else if opened_call {
            self.put(&[name, ": ", &value[..value.len() - 1]]);
            self.line("),");
        } else {
            self.put(&[name, ":"]);
            self.indented(|code| code.put(&[value, ","]));
        }
    }

    /// A tuple variant `Name(Type),`.
    pub(crate) fn tuple_variant(&mut self, name: &Rust, ty: &Rust) {
        let (name, ty) = (name.as_str(), ty.as_str());
        if self.indent_width() + name.columns() + ty.columns() + 3 <= MAX_WIDTH {
            self.put(&[name, "(", ty, "),"]);
        } else {
            self.put(&[name, "("]);
            self.indented(|code| code.put(&[ty, ","]));
            self.line("),");
        }
    }

    /// `callee(args…)end` as a statement or the tail of an expression: one line when the
    /// arguments are short, else one argument per line with a trailing comma.
    pub(crate) fn call<S: Fragment>(
        &mut self,
        callee: impl Fragment,
        args: &[S],
        end: &'static str,
    ) {
        let callee = callee.text();
        let flat = Rust::join(args, ", ");
        let flat = flat.as_str();
        let one_line = self.indent_width() + callee.columns() + flat.columns() + 2 + end.columns();
        // A single argument stays on the line whenever it fits.
        if (flat.columns() <= CALL_WIDTH || args.len() == 1) && one_line <= MAX_WIDTH {
            self.put(&[callee, "(", flat, ")", end]);
            return;
        }
        // `request.accept("…")` with one long argument: rustfmt breaks the chain first.
        if let (1, Some((receiver, method))) = (args.len(), callee.split_once('.')) {
            let call = [".", method, "(", flat, ")", end].concat();
            if !receiver.is_empty()
                && self.indent_width() + INDENT.len() + call.columns() <= MAX_WIDTH
            {
                self.put(&[receiver]);
                self.indented(|code| code.put(&[&call]));
                return;
            }
        }
        self.put(&[callee, "("]);
        self.items(args);
        self.put(&[")", end]);
    }

    /// A `match` arm whose expression is one call on `response` (`response.json()`),
    /// wrapped in `Err(…)` when `error`: the layouts rustfmt tries, in its order, for an
    /// arm too long for one line.
    pub(crate) fn response_arm(
        &mut self,
        pattern: &Rust,
        error: bool,
        method: &'static str,
        arg: &Rust,
    ) {
        let (pattern, arg) = (pattern.as_str(), arg.as_str());
        let (open, close) = if error { ("Err(", ")") } else { ("", "") };
        let expression = [open, "response.", method, "(", arg, ")", close].concat();
        let indent = self.indent_width();
        let step = INDENT.len();
        if indent + pattern.columns() + " => ".columns() + expression.columns() + COMMA <= MAX_WIDTH
        {
            self.put(&[pattern, " => ", &expression, ","]);
            return;
        }
        // The call's line once the chain is broken after `response`.
        let call = [".", method, "(", arg, ")", close].concat();
        if indent + step + expression.columns() <= MAX_WIDTH {
            self.put(&[pattern, " => {"]);
            self.indented(|code| code.put(&[&expression]));
            self.line("}");
        } else if error && indent + 2 * step + call.columns() + 4 <= MAX_WIDTH {
            // A block whose broken chain rustfmt accepts only with four columns to spare.
            self.put(&[pattern, " => {"]);
            self.indented(|code| {
                code.put(&[open, "response"]);
                code.indented(|code| code.put(&[&call]));
            });
            self.line("}");
        } else if indent + step + call.columns() + COMMA <= MAX_WIDTH {
            self.put(&[pattern, " => ", open, "response"]);
            self.indented(|code| code.put(&[&call, ","]));
        } else if indent + step + arg.columns() + COMMA <= MAX_WIDTH {
            self.put(&[pattern, " => ", open, "response.", method, "("]);
            self.indented(|code| code.put(&[arg, ","]));
            self.put(&[")", close, ","]);
        } else {
            // Nothing fits: rustfmt leaves the arm as it is.
            self.put(&[pattern, " => ", &expression, ","]);
        }
    }

    /// `head(params…) -> output {` for a function: on one line when it fits, else one
    /// parameter per line and, if the return type is still too long, its generic
    /// arguments one per line.
    pub(crate) fn open_fn<S: Fragment>(
        &mut self,
        head: impl Fragment,
        params: &[S],
        output: impl Fragment,
    ) {
        let (head, output) = (head.text(), output.text());
        let flat = Rust::join(params, ", ");
        let flat = flat.as_str();
        let arrow = if output.is_empty() {
            String::new()
        } else {
            [" -> ", output].concat()
        };
        if self.indent_width() + head.columns() + flat.columns() + 2 + arrow.columns() + 2
            <= MAX_WIDTH
        {
            self.put(&[head, "(", flat, ")", &arrow, " {"]);
            self.depth += 1;
            return;
        }
        if params.is_empty()
            && self.indent_width() + head.columns() + 2 + arrow.columns() <= MAX_WIDTH + 1
        {
            // Nothing to put one per line: the brace moves instead (rustfmt allows the
            // signature one column more than the width here; past that, `(` and `)` part).
            self.put(&[head, "()", &arrow]);
            self.line("{");
            self.depth += 1;
            return;
        }
        self.put(&[head, "("]);
        self.items(params);
        let closing = [")", &arrow, " {"].concat();
        // rustfmt keeps the brace on the return type's line only with four columns to
        // spare, and splits the return type only when the line would pass the width by
        // more than four columns: in between, the brace gets a line of its own.
        let line = self.indent_width() + closing.columns();
        let same_line = line + 4 <= MAX_WIDTH;
        if !same_line && line <= MAX_WIDTH + 4 {
            self.put(&[&closing[..closing.len() - 2]]);
            self.line("{");
            self.depth += 1;
            return;
        }
        match split_generic(output) {
            Some((outer, args)) if !same_line => {
                self.put(&[") -> ", outer, "<"]);
                self.indented(|code| {
                    for arg in args {
                        code.ty("", arg, ",");
                    }
                });
                self.line("> {");
            }
            _ => self.put(&[&closing]),
        }
        self.depth += 1;
    }

    /// `prefix[items…]end`: an array expression on one line when short, else one item
    /// per line with a trailing comma.
    pub(crate) fn array<S: Fragment>(
        &mut self,
        prefix: impl Fragment,
        items: &[S],
        end: &'static str,
    ) {
        let prefix = prefix.text();
        let flat = Rust::join(items, ", ");
        let flat = flat.as_str();
        if flat.columns() <= CALL_WIDTH
            && self.indent_width() + prefix.columns() + flat.columns() + 2 + end.columns()
                <= MAX_WIDTH
        {
            self.put(&[prefix, "[", flat, "]", end]);
            return;
        }
        self.put(&[prefix, "["]);
        self.items(items);
        self.put(&["]", end]);
    }
}

/// A nested expression of arrays and tuples (`&[("a", &["b"])]`), laid out by
/// [`Code::expr`].
pub(crate) enum Expr {
    Atom(Rust),
    /// `open item, item close`: an array (`&[`, `]`) or a tuple (`(`, `)`).
    List(&'static str, &'static str, Vec<Expr>),
}

impl Expr {
    fn flat(&self, out: &mut String) {
        match self {
            Expr::Atom(text) => out.push_str(text.as_str()),
            Expr::List(open, close, items) => {
                out.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.flat(out);
                }
                out.push_str(close);
            }
        }
    }

    /// Whether every list in it is short enough to stay on one line (a list of a single
    /// plain item always is).
    fn lists_fit(&self) -> bool {
        match self {
            Expr::Atom(_) => true,
            // A lone item overflows its list's brackets, as rustfmt's last argument does.
            Expr::List(_, _, items) if items.len() == 1 => items[0].lists_fit(),
            Expr::List(open, close, items) => {
                let mut flat = String::new();
                self.flat(&mut flat);
                flat.columns() - open.columns() - close.columns() <= CALL_WIDTH
                    && items.iter().all(Expr::lists_fit)
            }
        }
    }
}

impl Code {
    /// `prefix expr end`: on one line when it fits; else the list's items one per line,
    /// a lone list item hugging its parent's brackets (`&[(` … `)]`) as rustfmt does.
    pub(crate) fn expr(&mut self, prefix: &'static str, expr: &Expr, end: &'static str) {
        let mut flat = String::new();
        expr.flat(&mut flat);
        if expr.lists_fit()
            && self.indent_width() + prefix.columns() + flat.columns() + end.columns() <= MAX_WIDTH
        {
            self.put(&[prefix, &flat, end]);
            return;
        }
        let Expr::List(open, close, items) = expr else {
            self.put(&[prefix, &flat, end]);
            return;
        };
        let mut items: &[Expr] = items;
        // Lists holding a single list open and close together: `&[&[(` … `)]]`.
        let (mut opens, mut closes) = (open.to_string(), close.to_string());
        while let [Expr::List(inner_open, inner_close, inner)] = items {
            items = inner;
            opens.push_str(inner_open);
            closes.insert_str(0, inner_close);
        }
        self.put(&[prefix, &opens]);
        self.indented(|code| {
            for item in items {
                code.expr("", item, ",");
            }
        });
        self.put(&[&closes, end]);
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
    fn return_types_break_at_their_generic_arguments() {
        assert_eq!(
            split_generic("Result<Response<A>, Error<B, C>>"),
            Some(("Result", vec!["Response<A>", "Error<B, C>"]))
        );
        assert_eq!(split_generic("String"), None);
    }
}
