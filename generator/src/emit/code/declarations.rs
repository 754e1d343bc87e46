//! Shapes of declarations: attributes, derives, cfgs, fields and their types, aliases,
//! variants and function signatures.

use super::{split_generic, Code, Columns, ATTR_WIDTH, COMMA, INDENT, MAX_WIDTH};
use crate::emit::source::{rust, Fragment, Rust};

impl Code {
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

    /// `name: Type,` in a vertical parameter list: a parameter too long for its line breaks
    /// at its type's generic arguments, unless some part still would not fit (then rustfmt
    /// leaves the line as it is). rustfmt measures an `impl Trait` type five columns short
    /// (it leaves out `impl `), so such a parameter may pass the width by five.
    fn param(&mut self, param: &str) {
        let slack = match param.split_once(": ") {
            Some((_, ty)) if ty.starts_with("impl ") => "impl ".len(),
            _ => 0,
        };
        if self.indent_width() + param.columns() + COMMA <= MAX_WIDTH + slack {
            self.put(&[param, ","]);
            return;
        }
        let mut broken = Code {
            out: String::new(),
            depth: self.depth,
        };
        broken.ty("", param, ",");
        if broken.out.lines().all(|line| line.columns() <= MAX_WIDTH) {
            self.out.push_str(&broken.out);
        } else {
            self.put(&[param, ","]);
        }
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
        self.indented(|code| {
            for param in params {
                code.param(param.text());
            }
        });
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
                let start = self.mark();
                self.indented(|code| {
                    for arg in args {
                        code.ty("", arg, ",");
                    }
                });
                // An argument that still passes the width makes rustfmt give up on the
                // return type, and it then writes the `>` and the brace together.
                let overflows = self.out[start..]
                    .lines()
                    .any(|line| line.columns() > MAX_WIDTH);
                self.line(if overflows { ">{" } else { "> {" });
            }
            _ => self.put(&[&closing]),
        }
        self.depth += 1;
    }
}
