//! Shapes of the streaming methods (`emit/pagination.rs`): calls whose short arguments
//! share a line, a call followed by one more method, and an `async move` closure.

use super::{Code, Columns, CALL_WIDTH, CHAIN_WIDTH, MAX_WIDTH};
use crate::emit::source::{rust, Rust};

/// rustfmt's `short_array_element_width_threshold`: arguments this short share a line.
const SHORT: usize = 10;

impl Code {
    /// `callee(args…)end`, as [`Code::call`] writes it, except that short simple arguments
    /// (`args.0`, `&args.1`) that do not fit on the callee's line share one line instead of
    /// taking one each.
    pub(crate) fn call_packed(&mut self, callee: Rust, args: &[Rust], end: &'static str) {
        let flat = Rust::join(args, ", ");
        let one_line = self.indent_width() + callee.columns() + flat.columns() + 2 + end.columns();
        let fits = one_line <= MAX_WIDTH && (flat.columns() <= CALL_WIDTH || args.len() == 1);
        if fits || args.len() < 2 || args.iter().any(|a| a.columns() > SHORT) {
            self.call(callee, args, end);
            return;
        }
        self.line(rust![callee, "("]);
        self.indented(|code| code.line(rust![flat, ","]));
        self.line(rust![")", end]);
    }

    /// `callee(args…)` followed by `.then`: on one line when the chain is short, else
    /// `.then` on the next line; a call too long for its line has its arguments go
    /// vertical, and the chain continues at its indent.
    pub(crate) fn call_then(&mut self, callee: Rust, args: &[Rust], then: Rust) {
        let call = rust![callee, "(", Rust::join(args, ", "), ")"];
        if call.columns() + then.columns() <= CHAIN_WIDTH {
            self.line(rust![call, then]);
        } else if self.indent_width() + call.columns() <= MAX_WIDTH {
            self.line(call);
            self.indented(|code| code.line(then));
        } else {
            self.call_packed(callee, args, "");
            self.line(then);
        }
    }

    /// `|client, params| async move { client.method(args…).await },` as rustfmt lays it
    /// out: on one line whenever the call is no wider than a chain may be (even past the
    /// line width: rustfmt does not measure an `async` closure body any further), else as
    /// a block with the chain broken.
    pub(crate) fn async_call_closure(
        &mut self,
        params: &'static str,
        method: &Rust,
        call_args: &[Rust],
    ) {
        let head = rust!["|client, ", params, "| async move"];
        let call_line = rust![
            "client.",
            method,
            "(",
            Rust::join(call_args, ", "),
            ").await"
        ];
        if call_line.columns() <= CHAIN_WIDTH {
            self.line(rust![head, " { ", call_line, " },"]);
            return;
        }
        self.open(head);
        self.line("client");
        self.indented(|code| {
            code.call_packed(rust![".", method], call_args, "");
            code.line(".await");
        });
        self.close(",");
    }
}
