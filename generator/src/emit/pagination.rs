//! The streaming methods of a paginated operation: `…_pages` hands the operation to the
//! runtime's paging loop (`::specgen_runtime::Pages`), `…_stream` flattens it into items.

use super::code::{Code, Columns, CHAIN_WIDTH, MAX_WIDTH};
use super::docs::doc_lines;
use super::response::Responses;
use super::{ident, Emitter};
use crate::ir::{Operation, ParamLocation, TypeKind};
use crate::names::OperationNames;

impl Emitter<'_> {
    /// After the operation's method: its `…_pages` and `…_stream` methods, which take the
    /// same arguments.
    pub(super) fn paging_methods(
        &self,
        code: &mut Code,
        op: &Operation,
        names: &OperationNames,
        responses: &Responses,
    ) {
        let (Some(paging), Some(paging_names)) = (&op.paging, &names.paging) else {
            return;
        };
        let TypeKind::Struct(page) = &self.ir.types[paging.page.0].kind else {
            return;
        };
        let method = ident(&names.method);
        let pages_method = ident(&paging_names.pages);
        let cursor_param = &op.params[paging.cursor_param];
        let cursor_member = ident(&names.params[paging.cursor_param]);
        let page_members = &self.names.members[paging.page.0];
        let next_cursor = &page.fields[paging.next_cursor];
        let items = &page.fields[paging.items];

        // The operation's arguments: its path parameters, then its parameters struct.
        let path_args: Vec<(String, String)> = op
            .params
            .iter()
            .zip(&names.params)
            .filter(|(p, _)| p.location == ParamLocation::Path)
            .map(|(p, name)| (ident(name).into_owned(), self.argument_type(&p.ty)))
            .collect();
        let mut args = vec!["&self".to_string()];
        args.extend(path_args.iter().map(|(name, ty)| format!("{name}: {ty}")));
        args.push(format!("params: &{}", ident(&names.params_struct)));
        let mut forwarded: Vec<&str> = path_args.iter().map(|(name, _)| name.as_str()).collect();
        forwarded.push("params");

        // What the runtime clones for each page: the parameters struct alone, or a tuple of
        // the path arguments (owned) and the parameters struct, read back by position.
        let (owned, call_args, params_place, params_field) = if path_args.is_empty() {
            (
                Owned::Params,
                vec!["&params".to_string()],
                "params",
                format!("params.{cursor_member}"),
            )
        } else {
            let mut owned: Vec<String> = path_args
                .iter()
                .map(|(name, ty)| to_owned(name, ty))
                .collect();
            owned.push("params.clone()".into());
            let mut call: Vec<String> = path_args
                .iter()
                .enumerate()
                .map(|(i, (_, ty))| {
                    let by_reference = if ty.starts_with('&') { "&" } else { "" };
                    format!("{by_reference}args.{i}")
                })
                .collect();
            call.push(format!("&args.{}", path_args.len()));
            (
                Owned::Tuple(owned),
                call,
                "args",
                format!("args.{}.{cursor_member}", path_args.len()),
            )
        };

        let pages_docs = format!(
            "[`{method}`](Self::{method}) page by page, as a stream: each page's `{}` is sent \
             as `{}` for the next one, from `params.{cursor_member}` on. The stream ends after \
             a page without a next cursor, and with \
             [`Error::RepeatedCursor`](::specgen_runtime::Error::RepeatedCursor) instead of \
             following a cursor twice.",
            next_cursor.wire_name, cursor_param.wire_name
        );
        code.blank();
        code.docs(&doc_lines([pages_docs.as_str()]));
        if op.deprecated {
            code.line("#[deprecated]");
        }
        if args.len() > 7 {
            code.line("#[allow(clippy::too_many_arguments)]");
        }
        if op.deprecated || cursor_param.docs.deprecated || next_cursor.docs.deprecated {
            code.line("#[allow(deprecated)]");
        }
        let page_type = self.rust_type(&crate::ir::TypeRef::Named(paging.page));
        code.open_fn(
            &format!("pub fn {pages_method}"),
            &args,
            &format!("::specgen_runtime::Pages<{page_type}, {}>", responses.error),
        );
        code.line("::specgen_runtime::Pages::new(");
        code.indented(|code| {
            code.line("self.clone(),");
            match &owned {
                Owned::Params => code.line("params.clone(),"),
                Owned::Tuple(items) => code.call("", items, ","),
            }
            fetch_closure(code, params_place, &method, &call_args);
            code.line_fmt(format_args!("|{params_place}| &mut {params_field},"));
            code.line_fmt(format_args!(
                "|page| &page.{},",
                ident(&page_members[paging.next_cursor])
            ));
        });
        code.line(")");
        code.close("");

        let items_docs = format!(
            "The items of [`{pages_method}`](Self::{pages_method}), one by one: the `{}` of \
             each page.",
            items.wire_name
        );
        code.blank();
        code.docs(&doc_lines([items_docs.as_str()]));
        if op.deprecated {
            code.line("#[deprecated]");
        }
        if args.len() > 7 {
            code.line("#[allow(clippy::too_many_arguments)]");
        }
        if op.deprecated || items.docs.deprecated {
            code.line("#[allow(deprecated)]");
        }
        code.open_fn(
            &format!("pub fn {}", ident(&paging_names.items)),
            &args,
            &format!(
                "::specgen_runtime::Items<{}, {}>",
                self.rust_type(&paging.item),
                responses.error
            ),
        );
        let pages_call = format!("self.{pages_method}({})", forwarded.join(", "));
        let items_call = format!(".items(|page| page.{})", ident(&page_members[paging.items]));
        if (pages_call.columns() + items_call.columns()) <= CHAIN_WIDTH {
            code.line_fmt(format_args!("{pages_call}{items_call}"));
        } else if code.indent_width() + pages_call.columns() <= MAX_WIDTH {
            code.line(&pages_call);
            code.indented(|code| code.line(&items_call));
        } else {
            // The call's arguments go vertical, and the chain continues at its indent.
            call(code, &format!("self.{pages_method}"), &forwarded, "");
            code.line(&items_call);
        }
        code.close("");
    }
}

/// How the stream owns the operation's arguments.
enum Owned {
    /// `params.clone()`: the operation takes only its parameters struct.
    Params,
    /// `(identity_id.to_owned(), params.clone())`: path arguments, then the struct.
    Tuple(Vec<String>),
}

/// `callee(args…)end`, as [`Code::call`] writes it, except that short simple arguments
/// (`args.0`, `&args.1`: rustfmt's `short_array_element_width_threshold`) that do not fit
/// on the callee's line share one line instead of taking one each.
fn call<S: AsRef<str>>(code: &mut Code, callee: &str, args: &[S], end: &str) {
    const SHORT: usize = 10;
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let flat = args.join(", ");
    let one_line = code.indent_width() + callee.columns() + flat.columns() + 2 + end.columns();
    let fits =
        one_line <= MAX_WIDTH && (flat.columns() <= super::code::CALL_WIDTH || args.len() == 1);
    if fits || args.len() < 2 || args.iter().any(|a| a.columns() > SHORT) {
        code.call(callee, &args, end);
        return;
    }
    code.line_fmt(format_args!("{callee}("));
    code.indented(|code| code.line_fmt(format_args!("{flat},")));
    code.line_fmt(format_args!("){end}"));
}

/// `|client, params| async move { client.list(&params).await },` as rustfmt lays it out:
/// on one line whenever the call is no wider than a chain may be (even past the line
/// width: rustfmt does not measure an `async` closure body any further), else as a block
/// with the chain broken.
fn fetch_closure(code: &mut Code, params: &str, method: &str, call_args: &[String]) {
    let head = format!("|client, {params}| async move");
    let call_line = format!("client.{method}({}).await", call_args.join(", "));
    if call_line.columns() <= CHAIN_WIDTH {
        code.line_fmt(format_args!("{head} {{ {call_line} }},"));
        return;
    }
    code.open(&head);
    code.line("client");
    code.indented(|code| {
        call(code, &format!(".{method}"), call_args, "");
        code.line(".await");
    });
    code.close(",");
}

/// An owned copy of a method argument of type `ty`, for the stream to keep.
fn to_owned(name: &str, ty: &str) -> String {
    if ty == "&str" {
        format!("{name}.to_owned()")
    } else if ty.starts_with("&[") {
        format!("{name}.to_vec()")
    } else if ty.starts_with('&') {
        format!("{name}.clone()")
    } else {
        name.to_string()
    }
}
