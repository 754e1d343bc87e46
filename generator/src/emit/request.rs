//! What goes into a request: the params struct, parameter statements, bodies.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{BodyEncoding, Operation, Param, ParamLocation, TypeKind, TypeRef};

impl Emitter<'_> {
    pub(super) fn params_struct(
        &self,
        op: &Operation,
        name: &proc_macro2::Ident,
        params: &[(&Param, &String)],
    ) -> TokenStream {
        let fields = params.iter().map(|(param, member)| {
            let member = ident(member);
            let mut ty = self.rust_type(&param.ty);
            if param.sensitive {
                ty = quote! { ::specgen_runtime::Sensitive<#ty> };
            }
            let ty = if param.required {
                ty
            } else {
                quote! { ::std::option::Option<#ty> }
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
            let docs = doc_attrs(
                param
                    .docs
                    .description
                    .as_deref()
                    .into_iter()
                    .chain(Some(wire.as_str())),
            );
            let deprecated = param.docs.deprecated.then(|| quote! { #[deprecated] });
            quote! { #docs #deprecated pub #member: #ty }
        });
        let default = params
            .iter()
            .all(|(p, _)| !p.required)
            .then(|| quote! { Default, });
        let docs = format!(
            " Query, header and cookie parameters of `{} {}`.",
            op.method, op.path
        );
        quote! {
            #[doc = #docs]
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #name { #(#fields),* }
        }
    }

    pub(super) fn param_statement(&self, param: &Param, member: &str) -> TokenStream {
        let member = ident(member);
        let wire = &param.wire_name;
        let value = if param.required {
            quote! { &params.#member }
        } else {
            quote! { value }
        };
        let value = if param.sensitive {
            quote! { #value.expose() }
        } else {
            value
        };
        let statement = match (param.location, &param.ty) {
            (ParamLocation::Query, TypeRef::Vec(item)) if self.is_plain_display(item) => {
                let explode = param.explode;
                quote! { request.query_array(#wire, &#value.iter().map(|item| item as &dyn ::std::fmt::Display).collect::<::std::vec::Vec<_>>(), #explode); }
            }
            (ParamLocation::Query, ty) if !self.is_displayable(ty) => {
                quote! { request.query_json(#wire, #value); }
            }
            (location, ty) => {
                let rendered = self.display_value(ty, value, true);
                match location {
                    ParamLocation::Query => quote! { request.query(#wire, #rendered); },
                    ParamLocation::Cookie => quote! { request.cookie(#wire, #rendered); },
                    _ => quote! { request.header(#wire, #rendered); },
                }
            }
        };
        if param.required {
            statement
        } else {
            quote! { if let ::std::option::Option::Some(value) = &params.#member { #statement } }
        }
    }

    /// The argument type for a body, and the statement that attaches it.
    pub(super) fn body(
        &self,
        encoding: BodyEncoding,
        media_type: &str,
        ty: &TypeRef,
    ) -> (TokenStream, TokenStream) {
        match encoding {
            BodyEncoding::Json => {
                let arg = self.argument_type(ty);
                let body = body_reference(ty);
                let statement = if media_type.eq_ignore_ascii_case("application/json") {
                    quote! { request.json(#body); }
                } else {
                    quote! { request.json_as(#body, #media_type); }
                };
                (arg, statement)
            }
            BodyEncoding::Form => {
                let body = body_reference(ty);
                (self.argument_type(ty), quote! { request.form(#body); })
            }
            BodyEncoding::Bytes => (
                quote! { ::specgen_runtime::bytes::Bytes },
                quote! { request.bytes(body, #media_type); },
            ),
            BodyEncoding::Text => (
                quote! { &str },
                quote! { request.text(body.to_owned(), #media_type); },
            ),
            BodyEncoding::Multipart => (self.argument_type(ty), self.multipart(ty)),
        }
    }

    fn multipart(&self, ty: &TypeRef) -> TokenStream {
        let fields = match ty {
            TypeRef::Named(id) => match &self.ir.types[id.0].kind {
                TypeKind::Struct(s) if self.replacement(id.0).is_none() => {
                    Some((s, &self.names.members[id.0]))
                }
                _ => None,
            },
            _ => None,
        };
        let Some((s, members)) = fields else {
            let body = body_reference(ty);
            return quote! { request.multipart_json("body", #body); };
        };
        let parts = s.fields.iter().zip(members).map(|(field, member)| {
            let member = ident(member);
            let wire = &field.wire_name;
            // As the struct declares it: an optional field with a default is a plain value.
            let required =
                field.required || (!field.nullable && self.default_value(field).is_some());
            let optional = !required || field.nullable;
            let value = if optional { quote! { value } } else { quote! { &body.#member } };
            let value = if field.sensitive { quote! { #value.expose() } } else { value };
            let statement = match &field.ty {
                TypeRef::Binary => quote! { request.multipart_bytes(#wire, ::specgen_runtime::bytes::Bytes::from(::std::clone::Clone::clone(#value)), ::std::option::Option::Some(#wire)); },
                ty if self.is_plain_display(ty) => quote! { request.multipart_text(#wire, #value); },
                _ => quote! { request.multipart_json(#wire, #value); },
            };
            match (required, field.nullable) {
                (true, false) => statement,
                (false, true) => quote! { if let ::specgen_runtime::Patch::Value(value) = &body.#member { #statement } },
                _ => quote! { if let ::std::option::Option::Some(value) = &body.#member { #statement } },
            }
        });
        quote! { #(#parts)* }
    }

    /// A borrowed argument type: `&str` for strings, `&[T]` for lists, copies for numbers.
    pub(super) fn argument_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote! { &str },
            TypeRef::Vec(inner) => {
                let inner = self.rust_type(inner);
                quote! { &[#inner] }
            }
            ty if passed_by_value(ty) => self.rust_type(ty),
            other => {
                let ty = self.rust_type(other);
                quote! { &#ty }
            }
        }
    }
}

/// Small `Copy` values are arguments by value; everything else by reference.
fn passed_by_value(ty: &TypeRef) -> bool {
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
fn body_reference(ty: &TypeRef) -> TokenStream {
    if passed_by_value(ty) {
        quote! { &body }
    } else {
        quote! { body }
    }
}

impl Emitter<'_> {
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
}

impl Emitter<'_> {
    /// An expression usable as `&dyn Display` for a parameter value; `value` is a reference
    /// when `borrowed`. Types without a `Display` of their own (objects, unions, lists of
    /// them) are written in OpenAPI's `simple` style by the runtime.
    pub(super) fn display_value(
        &self,
        ty: &TypeRef,
        value: TokenStream,
        borrowed: bool,
    ) -> TokenStream {
        let reference = if borrowed {
            value.clone()
        } else {
            quote! { &#value }
        };
        match ty {
            TypeRef::DateTime => quote! { &#value.to_rfc3339() },
            TypeRef::Vec(item) if self.is_plain_display(item) => {
                quote! { &#value.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",") }
            }
            ty if !self.is_plain_display(ty) => {
                quote! { &::specgen_runtime::simple_style(#reference) }
            }
            _ => reference,
        }
    }
}
