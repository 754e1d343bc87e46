//! Shapes of expressions and statements: struct expressions, calls, chains, match arms,
//! arrays and nested lists.

use super::{Code, Columns, CALL_WIDTH, CHAIN_WIDTH, COMMA, INDENT, MAX_WIDTH, STRUCT_LIT_WIDTH};
use crate::emit::source::{rust, Fragment, Rust};

impl Code {
    /// `name: value,` in a struct expression; a value too long goes to the next line, and
    /// a call without arguments too long even there is opened (`f(` … `)`) as rustfmt does.
    pub(crate) fn struct_field(&mut self, name: impl Fragment, value: impl Fragment) {
        let (name, value) = (name.text(), value.text());
        let indent = self.indent_width();
        let opened_call =
            value.ends_with("()") && indent + name.columns() + 1 + value.columns() <= MAX_WIDTH;
        // `receiver.method()` on a variable: rustfmt breaks the chain before the call when
        // the receiver fits beside the name, else the value goes to the next line.
        let method_call = value
            .strip_suffix("()")
            .and_then(|call| call.split_once('.'))
            .filter(|(receiver, method)| {
                let word = |w: &str| w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                word(receiver.trim_start_matches("r#")) && word(method)
            });
        if indent + name.columns() + 2 + value.columns() + COMMA <= MAX_WIDTH {
            self.put(&[name, ": ", value, ","]);
        } else if let Some((receiver, method)) = method_call
            .filter(|(receiver, _)| indent + name.columns() + 2 + receiver.columns() <= MAX_WIDTH)
        {
            self.put(&[name, ": ", receiver]);
            self.indented(|code| code.put(&[".", method, "(),"]));
        } else if opened_call && method_call.is_none() {
            self.put(&[name, ": ", &value[..value.len() - 1]]);
            self.line("),");
        } else {
            self.put(&[name, ":"]);
            self.indented(|code| code.put(&[value, ","]));
        }
    }

    /// `head { name, name: value }end`: on one line when the fields are short, else one
    /// field per line (a field without a value is written in shorthand).
    pub(crate) fn struct_literal(
        &mut self,
        head: &'static str,
        fields: &[(Rust, Option<Rust>)],
        end: &'static str,
    ) {
        let flat: Vec<Rust> = fields
            .iter()
            .map(|(name, value)| match value {
                Some(value) => rust![name, ": ", value],
                None => name.clone(),
            })
            .collect();
        let flat = Rust::join(&flat, ", ");
        if flat.columns() <= STRUCT_LIT_WIDTH
            && self.fits(&[head, " { ", flat.as_str(), " }", end].concat())
        {
            self.put(&[head, " { ", flat.as_str(), " }", end]);
            return;
        }
        self.open(head);
        for (name, value) in fields {
            match value {
                Some(value) => self.struct_field(name, value),
                None => self.put(&[name.as_str(), ","]),
            }
        }
        self.close(end);
    }

    /// `place = value;`, the value on the next line when the line is too long.
    pub(crate) fn assign(&mut self, place: impl Fragment, value: impl Fragment) {
        let (place, value) = (place.text(), value.text());
        // A place or a value too long for any line: rustfmt leaves the statement as it is.
        if self.fits(&[place, " = ", value, ";"].concat())
            || !self.fits(&[place, " ="].concat())
            || self.indent_width() + INDENT.len() + value.columns() + 1 > MAX_WIDTH
        {
            self.put(&[place, " = ", value, ";"]);
        } else {
            self.put(&[place, " ="]);
            self.indented(|code| code.put(&[value, ";"]));
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
