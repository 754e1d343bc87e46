//! What goes into a request: the params struct, parameter statements, bodies.

use super::code::Code;
use super::construct::{Member, Slot};
use super::docs::doc_lines;
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{BodyEncoding, Operation, Param, ParamLocation, TypeKind, TypeRef};
use crate::names::OperationNames;

impl Emitter<'_> {
    /// The struct of the operation's query, header and cookie parameters, with `new` and a
    /// setter per optional parameter.
    pub(super) fn params_struct(
        &self,
        code: &mut Code,
        op: &Operation,
        name: &Rust,
        names: &OperationNames,
    ) {
        code.docs(&doc_lines([format!(
            "Query, header and cookie parameters of `{} {}`.",
            op.method, op.path
        )
        .as_str()]));
        let params: Vec<(&Param, &String, &String)> = op
            .params
            .iter()
            .zip(&names.params)
            .zip(&names.setters)
            .filter(|((p, _), _)| p.location != ParamLocation::Path)
            .map(|((p, member), setter)| (p, member, setter))
            .collect();
        if params.iter().all(|(p, _, _)| !p.required) {
            code.line("#[derive(Debug, Clone, PartialEq, Default)]");
        } else {
            code.line("#[derive(Debug, Clone, PartialEq)]");
        }
        self.non_exhaustive(code);
        code.open(rust!["pub struct ", name]);
        let mut members = Vec::with_capacity(params.len());
        for (param, member, setter) in &params {
            let mut value = self.rust_type(&param.ty);
            if param.sensitive {
                value = rust!["::specgen_runtime::Sensitive<", value, ">"];
            }
            let ty = if param.required {
                value.clone()
            } else {
                rust![self.prelude.option, "<", value, ">"]
            };
            let place = match param.location {
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
                ParamLocation::Cookie => "cookie",
                ParamLocation::Path => "path",
            };
            let wire = format!(
                "`{}` ({place} parameter{})",
                param.wire_name,
                if param.required { ", required" } else { "" }
            );
            code.docs(&doc_lines(
                param
                    .docs
                    .description
                    .as_deref()
                    .into_iter()
                    .chain(Some(wire.as_str())),
            ));
            if param.docs.deprecated {
                code.line("#[deprecated]");
            }
            let name = Rust::ident(member);
            code.field(rust!["pub ", name], ty, ",");
            members.push(Member {
                name,
                value,
                plain: !param.sensitive && self.takes_plain(&param.ty),
                slot: if param.required {
                    Slot::Required
                } else {
                    Slot::Optional
                },
                setter: (!setter.is_empty()).then(|| Rust::ident(setter)),
                deprecated: param.docs.deprecated,
            });
        }
        code.close("");
        code.blank();
        code.open_inherent_impl(name);
        self.build_methods(code, &members);
        code.close("");
        code.blank();
    }

    /// The statement adding a query, header or cookie parameter from `params`.
    pub(super) fn param_statement(&self, code: &mut Code, param: &Param, member: &str) {
        let wire = Rust::literal(&param.wire_name);
        let guard = (!param.required).then_some("Some(value)");
        let place = rust!["params.", Rust::ident(member)];
        with_value(code, &place, guard, param.sensitive, |code, value| {
            match (param.location, &param.ty) {
                (ParamLocation::Query, TypeRef::Vec(item)) if self.is_plain_display(item) => {
                    let explode = if param.explode { "true" } else { "false" };
                    code.call(
                        "request.query_array",
                        &[wire, value.clone(), explode.into()],
                        ";",
                    )
                }
                (ParamLocation::Query, ty) if !self.is_displayable(ty) => {
                    code.call("request.query_json", &[wire, value.clone()], ";")
                }
                (location, ty) => {
                    let rendered = self.display_value(ty, value, true);
                    let method = match location {
                        ParamLocation::Query => "request.query",
                        ParamLocation::Cookie => "request.cookie",
                        _ => "request.header",
                    };
                    code.call(method, &[wire, rendered], ";")
                }
            }
        });
    }

    /// The argument type for a body.
    pub(super) fn body_argument(&self, encoding: BodyEncoding, ty: &TypeRef) -> Rust {
        match encoding {
            BodyEncoding::Json | BodyEncoding::Form | BodyEncoding::Multipart => {
                self.argument_type(ty)
            }
            BodyEncoding::Bytes => "::specgen_runtime::bytes::Bytes".into(),
            BodyEncoding::Text => "&str".into(),
        }
    }

    /// The statements that attach the body `body`.
    pub(super) fn body_statements(
        &self,
        code: &mut Code,
        encoding: BodyEncoding,
        media_type: &str,
        ty: &TypeRef,
    ) {
        let media = Rust::literal(media_type);
        match encoding {
            BodyEncoding::Json => {
                let body = body_reference(ty);
                if media_type.eq_ignore_ascii_case("application/json") {
                    code.line(rust!["request.json(", body, ");"]);
                } else {
                    code.call("request.json_as", &[body.into(), media], ";");
                }
            }
            BodyEncoding::Form => code.line(rust!["request.form(", body_reference(ty), ");"]),
            BodyEncoding::Bytes => code.call("request.bytes", &["body".into(), media], ";"),
            BodyEncoding::Text => {
                code.call("request.text", &["body.to_owned()".into(), media], ";")
            }
            BodyEncoding::Multipart => self.multipart(code, ty),
        }
    }

    fn multipart(&self, code: &mut Code, ty: &TypeRef) {
        let fields = self
            .generated_struct(ty)
            .map(|(index, s)| (s, &self.names.members[index]));
        let Some((s, members)) = fields else {
            code.line(rust![
                "request.multipart_json(\"body\", ",
                body_reference(ty),
                ");"
            ]);
            return;
        };
        for (field, member) in s.fields.iter().zip(members) {
            let wire = Rust::literal(&field.wire_name);
            // As the struct declares it: an optional field with a default is a plain value.
            let required =
                field.required || (!field.nullable && self.default_value(field).is_some());
            let method = match &field.ty {
                TypeRef::Binary => "request.multipart_file",
                TypeRef::Vec(item) if **item == TypeRef::Binary => "request.multipart_files",
                TypeRef::Vec(item) if self.is_plain_display(item) => "request.multipart_texts",
                ty if self.is_plain_display(ty) => "request.multipart_text",
                _ => "request.multipart_json",
            };
            let guard = match (required, field.nullable) {
                (true, false) => None,
                (false, true) => Some("::specgen_runtime::Patch::Value(value)"),
                _ => Some("Some(value)"),
            };
            let place = rust!["body.", Rust::ident(member)];
            with_value(code, &place, guard, field.sensitive, |code, value| {
                code.call(method, &[wire, value.clone()], ";")
            });
        }
    }

    /// A borrowed argument type: `&str` for strings, `&[T]` for lists, copies for numbers.
    pub(super) fn argument_type(&self, ty: &TypeRef) -> Rust {
        match ty {
            TypeRef::String => "&str".into(),
            TypeRef::Vec(inner) => rust!["&[", self.rust_type(inner), "]"],
            ty if passed_by_value(ty) => self.rust_type(ty),
            other => rust!["&", self.rust_type(other)],
        }
    }

    /// Types whose `Display` is their wire form in a URL, header or form part.
    pub(super) fn is_plain_display(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float(_)
            | TypeRef::String
            | TypeRef::Date
            | TypeRef::Uuid
            | TypeRef::Base64 => true,
            TypeRef::Named(id) => match &self.ir.types[id.0].kind {
                TypeKind::Enum(_) => self.replacement(id.0).is_none(),
                TypeKind::Alias(inner) => self.is_plain_display(inner),
                _ => false,
            },
            _ => false,
        }
    }

    pub(super) fn is_displayable(&self, ty: &TypeRef) -> bool {
        self.is_plain_display(ty) || matches!(ty, TypeRef::DateTime | TypeRef::Vec(_))
    }

    /// An expression usable as `&dyn Display` for a parameter value; `value` is a reference
    /// when `borrowed`. Types without a `Display` of their own (objects, unions, lists of
    /// them) are written in OpenAPI's `simple` style by the runtime.
    pub(super) fn display_value(&self, ty: &TypeRef, value: &Rust, borrowed: bool) -> Rust {
        let reference = if borrowed {
            value.clone()
        } else {
            rust!["&", value]
        };
        match ty {
            TypeRef::DateTime => rust!["&", value, ".to_rfc3339()"],
            TypeRef::Vec(item) if self.is_plain_display(item) => {
                rust!["&::specgen_runtime::comma_separated(", reference, ")"]
            }
            ty if !self.is_plain_display(ty) => {
                rust!["&::specgen_runtime::simple_style(", reference, ")"]
            }
            _ => reference,
        }
    }
}

/// Writes what `write` makes of the value at `place` (`params.limit`, `body.file`): given
/// `&place` directly, or — when `guard` is the pattern of a present value, e.g.
/// `Some(value)` — as `value` inside `if let guard = &place { … }`. A sensitive value is
/// passed exposed.
fn with_value(
    code: &mut Code,
    place: &Rust,
    guard: Option<&'static str>,
    sensitive: bool,
    write: impl FnOnce(&mut Code, &Rust),
) {
    let value = match guard {
        Some(_) => Rust::from("value"),
        None => rust!["&", place],
    };
    let value = if sensitive {
        rust![value, ".expose()"]
    } else {
        value
    };
    match guard {
        Some(pattern) => {
            code.open(rust!["if let ", pattern, " = &", place]);
            write(code, &value);
            code.close("");
        }
        None => write(code, &value),
    }
}

/// Small `Copy` values are arguments by value; everything else by reference.
pub(super) fn passed_by_value(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float(_)
            | TypeRef::Date
            | TypeRef::Uuid
            | TypeRef::DateTime
    )
}

/// The body argument as a reference, which the runtime's body setters take.
fn body_reference(ty: &TypeRef) -> &'static str {
    if passed_by_value(ty) {
        "&body"
    } else {
        "body"
    }
}
