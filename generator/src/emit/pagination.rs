//! The streaming methods of a paginated operation: `…_pages` hands the operation to the
//! runtime's paging loop (`::specgen_runtime::Pages`), `…_stream` flattens it into items.

use super::code::Code;
use super::docs::doc_lines;
use super::response::Responses;
use super::source::{rust, Fragment, Rust};
use super::Emitter;
use crate::ir::{Operation, ParamLocation, TypeKind, TypeRef};
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
        let method = Rust::ident(&names.method);
        let pages_method = Rust::ident(&paging_names.pages);
        let cursor_param = &op.params[paging.cursor_param];
        let cursor_member = Rust::ident(&names.params[paging.cursor_param]);
        let page_members = &self.names.members[paging.page.0];
        let next_cursor = &page.fields[paging.next_cursor];
        let items = &page.fields[paging.items];

        // The operation's arguments: its path parameters, then its parameters struct.
        let path_args: Vec<(Rust, Rust)> = op
            .params
            .iter()
            .zip(&names.params)
            .filter(|(p, _)| p.location == ParamLocation::Path)
            .map(|(p, name)| (Rust::ident(name), self.argument_type(&p.ty)))
            .collect();
        let mut args: Vec<Rust> = vec!["&self".into()];
        args.extend(path_args.iter().map(|(name, ty)| rust![name, ": ", ty]));
        args.push(rust!["params: &", Rust::ident(&names.params_struct)]);
        let mut forwarded: Vec<Rust> = path_args.iter().map(|(name, _)| name.clone()).collect();
        forwarded.push("params".into());

        // What the runtime clones for each page: the parameters struct alone, or a tuple of
        // the path arguments (owned) and the parameters struct, read back by position.
        let (owned, call_args, params_place, params_field) = if path_args.is_empty() {
            (
                None,
                vec![Rust::from("&params")],
                "params",
                rust!["params.", cursor_member],
            )
        } else {
            let mut owned: Vec<Rust> = path_args
                .iter()
                .map(|(name, ty)| to_owned(name, ty))
                .collect();
            owned.push("params.clone()".into());
            let mut call: Vec<Rust> = (0..path_args.len())
                .map(|i| {
                    let by_reference = if path_args[i].1.as_str().starts_with('&') {
                        "&args."
                    } else {
                        "args."
                    };
                    rust![by_reference, Rust::number(i as i128)]
                })
                .collect();
            let last = Rust::number(path_args.len() as i128);
            call.push(rust!["&args.", last]);
            (
                Some(owned),
                call,
                "args",
                rust!["args.", last, ".", cursor_member],
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
        self.attributes(
            code,
            op.deprecated,
            args.len(),
            cursor_param.docs.deprecated || next_cursor.docs.deprecated,
        );
        code.open_fn(
            rust!["pub fn ", pages_method],
            &args,
            rust![
                "::specgen_runtime::Pages<",
                self.rust_type(&TypeRef::Named(paging.page)),
                ", ",
                responses.error,
                ">"
            ],
        );
        code.line("::specgen_runtime::Pages::new(");
        code.indented(|code| {
            code.line("self.clone(),");
            match &owned {
                None => code.line("params.clone(),"),
                Some(items) => code.call("", items, ","),
            }
            code.async_call_closure(params_place, &method, &call_args);
            code.line(rust!["|", params_place, "| &mut ", params_field, ","]);
            code.line(rust![
                "|page| &page.",
                Rust::ident(&page_members[paging.next_cursor]),
                ","
            ]);
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
        self.attributes(code, op.deprecated, args.len(), items.docs.deprecated);
        code.open_fn(
            rust!["pub fn ", Rust::ident(&paging_names.stream)],
            &args,
            rust![
                "::specgen_runtime::Items<",
                self.rust_type(&paging.item),
                ", ",
                responses.error,
                ">"
            ],
        );
        let items_call = rust![
            ".items(|page| page.",
            Rust::ident(&page_members[paging.items]),
            ")"
        ];
        code.call_then(rust!["self.", pages_method], &forwarded, items_call);
        code.close("");
    }

    /// What a streaming method carries besides its docs: `#[deprecated]` with its
    /// operation, and the allowances the plain method has, or that what it uses needs.
    fn attributes(&self, code: &mut Code, deprecated: bool, args: usize, uses_deprecated: bool) {
        if deprecated {
            code.line("#[deprecated]");
        }
        if args > 7 {
            code.line("#[allow(clippy::too_many_arguments)]");
        }
        if deprecated || uses_deprecated {
            code.line("#[allow(deprecated)]");
        }
    }
}

/// An owned copy of a method argument of type `ty`, for the stream to keep.
fn to_owned(name: &Rust, ty: &Rust) -> Rust {
    let ty = ty.text();
    if ty == "&str" {
        rust![name, ".to_owned()"]
    } else if ty.starts_with("&[") {
        rust![name, ".to_vec()"]
    } else if ty.starts_with('&') {
        rust![name, ".clone()"]
    } else {
        name.clone()
    }
}
