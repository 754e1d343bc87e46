//! Model types: structs, string enums, unions, aliases.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{
    Docs, Field, FloatKind, IntKind, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union,
};

impl Emitter<'_> {
    /// The model types `range` of the IR's types (the emission is split across threads).
    pub(super) fn types(&self, range: std::ops::Range<usize>, items: &mut Vec<TokenStream>) {
        let count = range.len();
        for (index, def) in self
            .ir
            .types
            .iter()
            .enumerate()
            .skip(range.start)
            .take(count)
        {
            if self.replacement(index).is_some() {
                continue;
            }
            let name = ident(&self.names.types[index]);
            let members = &self.names.members[index];
            let docs = type_docs(def);
            match &def.kind {
                TypeKind::Struct(s) => self.structure(items, &name, docs, s, members),
                TypeKind::Enum(e) => {
                    self.string_enum(items, &name, docs, e, members, &self.names.fallbacks[index])
                }
                TypeKind::Union(u) => items.push(self.union(&name, docs, u, members)),
                TypeKind::Alias(ty) => {
                    let ty = self.rust_type(ty);
                    items.push(quote! { #docs pub type #name = #ty; });
                }
            }
        }
    }

    /// The Rust path a user asked to use instead of generating a schema's type.
    pub(super) fn replacement(&self, index: usize) -> Option<TokenStream> {
        let def = &self.ir.types[index];
        if !def.named_in_spec || def.name.len() != 1 {
            return None;
        }
        let path = self.config.replacements.get(&def.name[0])?;
        syn::parse_str::<syn::Type>(path)
            .ok()
            .map(|ty| quote! { #ty })
    }

    fn derives(&self, base: TokenStream) -> TokenStream {
        let extra = self
            .config
            .derives
            .iter()
            .filter_map(|d| syn::parse_str::<syn::Path>(d).ok());
        quote! { #[derive(#base #(, #extra)*)] }
    }
    fn structure(
        &self,
        items: &mut Vec<TokenStream>,
        name: &proc_macro2::Ident,
        docs: TokenStream,
        s: &Struct,
        members: &[String],
    ) {
        let defaults: Vec<Option<TokenStream>> =
            s.fields.iter().map(|f| self.default_value(f)).collect();
        let has_defaults = defaults.iter().any(Option::is_some);
        // An all-optional struct can be built with `..Default::default()`; with spec
        // defaults the impl is written out so it agrees with deserialization.
        let all_optional = s.fields.iter().all(|f| !f.required);
        let default = (all_optional && !has_defaults).then(|| quote! { , Default });
        let derives = self.derives(quote! {
            ::specgen_runtime::serde::Serialize, ::specgen_runtime::serde::Deserialize, Debug, Clone, PartialEq #default
        });
        let mut fields: Vec<TokenStream> = s
            .fields
            .iter()
            .zip(members)
            .zip(&defaults)
            .map(|((f, member), default)| self.field(f, member, name, default.is_some()))
            .collect();
        if let Some(value) = &s.additional {
            let member = ident(&members[s.fields.len()]);
            let value = self.rust_type(value);
            fields.push(quote! {
                /// Properties beyond the declared ones, kept so nothing the server sends is lost.
                #[serde(flatten)]
                pub #member: ::std::collections::BTreeMap<::std::string::String, #value>
            });
        }
        items.push(quote! {
            #docs
            #derives
            #[serde(crate = "::specgen_runtime::serde")]
            pub struct #name { #(#fields),* }
        });
        if !has_defaults {
            return;
        }
        let functions =
            s.fields
                .iter()
                .zip(members)
                .zip(&defaults)
                .filter_map(|((field, member), default)| {
                    let default = default.as_ref()?;
                    let function = default_function(member);
                    let ty = self.rust_type(&field.ty);
                    Some(quote! { fn #function() -> #ty { #default } })
                });
        items.push(quote! { impl #name { #(#functions)* } });
        if all_optional {
            let mut initializers: Vec<TokenStream> = s
                .fields
                .iter()
                .zip(members)
                .zip(&defaults)
                .map(|((_, member), default)| {
                    let member_ident = ident(member);
                    match default {
                        Some(_) => {
                            let function = default_function(member);
                            quote! { #member_ident: Self::#function() }
                        }
                        None => quote! { #member_ident: ::std::default::Default::default() },
                    }
                })
                .collect();
            if s.additional.is_some() {
                let member = ident(&members[s.fields.len()]);
                initializers.push(quote! { #member: ::std::default::Default::default() });
            }
            items.push(quote! {
                impl ::std::default::Default for #name {
                    fn default() -> Self {
                        Self { #(#initializers),* }
                    }
                }
            });
        }
    }

    /// The Rust expression for an optional field's spec `default`, when the field can hold
    /// it directly (then it is a plain `T`, filled in when absent).
    pub(super) fn default_value(&self, field: &Field) -> Option<TokenStream> {
        if field.required || field.nullable || field.boxed || field.sensitive {
            return None;
        }
        self.value_expression(&field.ty, field.default.as_ref()?)
    }

    fn value_expression(&self, ty: &TypeRef, value: &serde_json::Value) -> Option<TokenStream> {
        use serde_json::Value;
        match (ty, value) {
            (TypeRef::Bool, Value::Bool(b)) => Some(quote! { #b }),
            (TypeRef::Int(kind), Value::Number(n)) => {
                let n = n
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| n.as_u64().map(i128::from))?;
                let (low, high): (i128, i128) = match kind {
                    IntKind::I8 => (i8::MIN.into(), i8::MAX.into()),
                    IntKind::I16 => (i16::MIN.into(), i16::MAX.into()),
                    IntKind::I32 => (i32::MIN.into(), i32::MAX.into()),
                    IntKind::I64 => (i64::MIN.into(), i64::MAX.into()),
                    IntKind::U8 => (0, u8::MAX.into()),
                    IntKind::U16 => (0, u16::MAX.into()),
                    IntKind::U32 => (0, u32::MAX.into()),
                    IntKind::U64 => (0, u64::MAX.into()),
                };
                (low..=high).contains(&n).then(|| {
                    let literal = proc_macro2::Literal::i128_unsuffixed(n);
                    quote! { #literal }
                })
            }
            (TypeRef::Float(_), Value::Number(n)) => {
                let literal =
                    proc_macro2::Literal::f64_unsuffixed(n.as_f64().filter(|f| f.is_finite())?);
                Some(quote! { #literal })
            }
            (TypeRef::String, Value::String(text)) => {
                Some(quote! { ::std::string::String::from(#text) })
            }
            (TypeRef::Vec(item), Value::Array(values)) => {
                let values = values
                    .iter()
                    .map(|v| self.value_expression(item, v))
                    .collect::<Option<Vec<_>>>()?;
                Some(quote! { vec![#(#values),*] })
            }
            (TypeRef::Named(id), _) if self.replacement(id.0).is_none() => {
                match &self.ir.types[id.0].kind {
                    TypeKind::Enum(e) => {
                        let position = e
                            .values
                            .iter()
                            .position(|v| Some(v.as_str()) == value.as_str())?;
                        let type_name = ident(&self.names.types[id.0]);
                        let variant = ident(&self.names.members[id.0][position]);
                        Some(quote! { #type_name::#variant })
                    }
                    TypeKind::Alias(inner) => self.value_expression(inner, value),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn field(
        &self,
        field: &Field,
        member: &str,
        owner: &proc_macro2::Ident,
        has_default: bool,
    ) -> TokenStream {
        let name = ident(member);
        let mut ty = self.rust_type(&field.ty);
        if field.boxed {
            ty = quote! { ::std::boxed::Box<#ty> };
        }
        if field.sensitive {
            ty = quote! { ::specgen_runtime::Sensitive<#ty> };
        }
        // Dates in any position (inside Option, Patch, Sensitive, Vec, maps) read a
        // date-time too: the runtime's `LenientDates` covers each wrapper.
        let lenient = self.config.lenient_dates && holds_date(&field.ty);
        let mut serde_args: Vec<TokenStream> = Vec::new();
        let wire = &field.wire_name;
        if member.trim_start_matches("r#") != wire {
            serde_args.push(quote! { rename = #wire });
        }
        let ty = match (field.required || has_default, field.nullable) {
            (true, false) if has_default => {
                let function = format!("{owner}::{}", default_function(member));
                serde_args.push(quote! { default = #function });
                ty
            }
            (true, false) => ty,
            (true, true) => {
                if lenient {
                    // A custom deserializer loses serde's "missing Option is None".
                    serde_args.push(quote! { default });
                }
                quote! { ::std::option::Option<#ty> }
            }
            (false, false) => {
                serde_args.push(
                    quote! { default, skip_serializing_if = "::std::option::Option::is_none" },
                );
                quote! { ::std::option::Option<#ty> }
            }
            (false, true) => {
                serde_args.push(
                    quote! { default, skip_serializing_if = "::specgen_runtime::Patch::is_absent" },
                );
                quote! { ::specgen_runtime::Patch<#ty> }
            }
        };
        if lenient {
            serde_args
                .push(quote! { deserialize_with = "::specgen_runtime::date::deserialize_lenient" });
        }
        let serde = (!serde_args.is_empty()).then(|| quote! { #[serde(#(#serde_args),*)] });
        let docs = field_docs(field);
        let deprecated = field.docs.deprecated.then(|| quote! { #[deprecated] });
        quote! { #docs #deprecated #serde pub #name: #ty }
    }

    fn string_enum(
        &self,
        items: &mut Vec<TokenStream>,
        name: &proc_macro2::Ident,
        docs: TokenStream,
        e: &StringEnum,
        members: &[String],
        fallback: &str,
    ) {
        let variants: Vec<proc_macro2::Ident> = members.iter().map(|m| ident(m)).collect();
        let values = &e.values;
        let variant_docs = values.iter().map(|v| {
            let doc = format!(" `{}`", v.replace('`', "'"));
            quote! { #[doc = #doc] }
        });
        let open = self.config.open_enums;
        let extra = self
            .config
            .derives
            .iter()
            .filter_map(|d| syn::parse_str::<syn::Path>(d).ok());
        let copy = (!open).then(|| quote! { Copy, });
        let fallback_ident = format_ident!("{}", fallback);
        let fallback_variant = open.then(|| {
            quote! {
                /// A value this version of the spec does not list, kept as sent.
                #fallback_ident(::std::string::String)
            }
        });
        items.push(quote! {
            #docs
            #[derive(Debug, Clone, #copy PartialEq, Eq, Hash, PartialOrd, Ord #(, #extra)*)]
            pub enum #name {
                #(#variant_docs #variants,)*
                #fallback_variant
            }
        });
        let fallback_str = open.then(|| quote! { Self::#fallback_ident(value) => value, });
        let count = proc_macro2::Literal::usize_unsuffixed(values.len());
        let all_doc = " Every value the spec lists, in its order.";
        items.push(quote! {
            impl #name {
                #[doc = #all_doc]
                pub const ALL: [Self; #count] = [#(Self::#variants),*];

                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#variants => #values,)*
                        #fallback_str
                    }
                }
            }
        });
        items.push(quote! {
            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        });
        let from_str = if open {
            quote! {
                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        ::std::result::Result::Ok(match value {
                            #(#values => Self::#variants,)*
                            other => Self::#fallback_ident(other.to_owned()),
                        })
                    }
                }
            }
        } else {
            let type_name = name.to_string();
            quote! {
                impl ::std::str::FromStr for #name {
                    type Err = ::specgen_runtime::UnknownEnumValue;
                    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                        match value {
                            #(#values => ::std::result::Result::Ok(Self::#variants),)*
                            other => ::std::result::Result::Err(::specgen_runtime::UnknownEnumValue {
                                type_name: #type_name,
                                value: other.to_owned(),
                            }),
                        }
                    }
                }
            }
        };
        items.push(from_str);
        items.push(quote! {
            impl ::specgen_runtime::serde::Serialize for #name {
                fn serialize<S: ::specgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        });
        items.push(quote! {
            impl<'de> ::specgen_runtime::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::specgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::std::string::String as ::specgen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                    value.parse().map_err(<D::Error as ::specgen_runtime::serde::de::Error>::custom)
                }
            }
        });
    }

    fn union(
        &self,
        name: &proc_macro2::Ident,
        docs: TokenStream,
        u: &Union,
        members: &[String],
    ) -> TokenStream {
        let derives = self.derives(quote! {
            ::specgen_runtime::serde::Serialize, ::specgen_runtime::serde::Deserialize, Debug, Clone, PartialEq
        });
        let representation = match &u.tag {
            Some(tag) => quote! { tag = #tag },
            None => quote! { untagged },
        };
        let variants = u.variants.iter().zip(members).map(|(v, member)| {
            let variant = ident(member);
            let mut ty = self.rust_type(&v.ty);
            if v.boxed {
                ty = quote! { ::std::boxed::Box<#ty> };
            }
            // serde's tag value is the variant's name unless renamed.
            let rename = v
                .tag_value
                .as_ref()
                .filter(|value| value.as_str() != member.trim_start_matches("r#"))
                .map(|value| quote! { #[serde(rename = #value)] });
            quote! { #rename #variant(#ty) }
        });
        quote! {
            #docs
            #derives
            #[serde(crate = "::specgen_runtime::serde", #representation)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name { #(#variants),* }
        }
    }

    pub(super) fn rust_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Bool => quote! { bool },
            TypeRef::Int(kind) => match kind {
                IntKind::I8 => quote! { i8 },
                IntKind::I16 => quote! { i16 },
                IntKind::I32 => quote! { i32 },
                IntKind::I64 => quote! { i64 },
                IntKind::U8 => quote! { u8 },
                IntKind::U16 => quote! { u16 },
                IntKind::U32 => quote! { u32 },
                IntKind::U64 => quote! { u64 },
            },
            TypeRef::Float(FloatKind::F32) => quote! { f32 },
            TypeRef::Float(FloatKind::F64) => quote! { f64 },
            TypeRef::String => quote! { ::std::string::String },
            TypeRef::Date => quote! { ::specgen_runtime::chrono::NaiveDate },
            TypeRef::DateTime => {
                quote! { ::specgen_runtime::chrono::DateTime<::specgen_runtime::chrono::Utc> }
            }
            TypeRef::Uuid => quote! { ::specgen_runtime::uuid::Uuid },
            TypeRef::Binary => quote! { ::std::vec::Vec<u8> },
            TypeRef::Base64 => quote! { ::specgen_runtime::Base64 },
            TypeRef::Json => quote! { ::specgen_runtime::serde_json::Value },
            TypeRef::JsonMap => quote! { ::specgen_runtime::Map },
            TypeRef::Vec(inner) => {
                let inner = self.rust_type(inner);
                quote! { ::std::vec::Vec<#inner> }
            }
            TypeRef::Map(inner) => {
                let inner = self.rust_type(inner);
                quote! { ::std::collections::BTreeMap<::std::string::String, #inner> }
            }
            TypeRef::Option(inner) => {
                let inner = self.rust_type(inner);
                quote! { ::std::option::Option<#inner> }
            }
            TypeRef::Named(id) => match self.replacement(id.0) {
                Some(path) => path,
                None => {
                    let name = ident(&self.names.types[id.0]);
                    quote! { #name }
                }
            },
        }
    }
}

fn holds_date(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Date => true,
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => holds_date(inner),
        _ => false,
    }
}

/// `default_limit` for the field `limit`: unique within the struct's `impl`.
fn default_function(member: &str) -> proc_macro2::Ident {
    quote::format_ident!("default_{}", member.trim_start_matches("r#"))
}

fn type_docs(def: &TypeDef) -> TokenStream {
    let deprecated = def.docs.deprecated.then_some("**Deprecated.**");
    let title = def
        .docs
        .title
        .as_deref()
        .filter(|t| Some(*t) != def.docs.description.as_deref());
    doc_attrs(
        title
            .into_iter()
            .chain(def.docs.description.as_deref())
            .chain(deprecated),
    )
}

fn field_docs(field: &Field) -> TokenStream {
    let docs: &Docs = &field.docs;
    let default = field
        .default
        .as_ref()
        .map(|d| format!("Defaults to `{d}` when absent."));
    let sensitive = field
        .sensitive
        .then_some("Sensitive: redacted in `Debug` output.");
    doc_attrs(
        docs.title
            .as_deref()
            .filter(|t| Some(*t) != docs.description.as_deref())
            .into_iter()
            .chain(docs.description.as_deref())
            .chain(default.as_deref())
            .chain(sensitive),
    )
}
