//! The client: server constants, `Client`, one async method per operation, and the params,
//! success and error types of each operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{
    BodyEncoding, Operation, Param, ParamLocation, ResponseCase, ResponseEncoding, SchemeKind,
    StatusMatch, TypeKind, TypeRef,
};
use crate::names::OperationNames;

impl Emitter<'_> {
    pub(super) fn client(&self, items: &mut Vec<TokenStream>) {
        if !self.ir.servers.is_empty() {
            let servers = self
                .ir
                .servers
                .iter()
                .zip(&self.names.servers)
                .map(|(server, name)| {
                    let name = ident(name);
                    let url = server.url.trim_end_matches('/');
                    let docs =
                        doc_attrs(server.description.as_deref().into_iter().chain(Some(url)));
                    quote! { #docs pub const #name: &str = #url; }
                });
            items.push(quote! {
                /// Base URLs of the servers the spec lists.
                pub mod servers { #(#servers)* }
            });
        }
        let title = format!(
            "A client for {} {}.",
            self.ir.title.trim(),
            self.ir.version.trim()
        );
        let usage =
            "Build one with [`Client::builder`]; clones share one connection pool and token cache.";
        let client_docs = doc_attrs([
            title.as_str(),
            self.ir.description.as_deref().unwrap_or(""),
            usage,
        ]);
        items.push(quote! {
            #client_docs
            #[derive(Clone, Debug)]
            pub struct Client {
                inner: ::specgen_runtime::ApiClient,
            }
        });
        items.push(quote! {
            impl ::std::convert::From<::specgen_runtime::ApiClient> for Client {
                fn from(inner: ::specgen_runtime::ApiClient) -> Self {
                    Client { inner }
                }
            }
        });
        let schemes = self.ir.schemes.iter().map(|scheme| {
            let name = &scheme.name;
            let kind = match &scheme.kind {
                SchemeKind::OAuth2ClientCredentials { token_url, .. } => {
                    quote! { ::specgen_runtime::SchemeKind::OAuth2ClientCredentials { token_url: #token_url } }
                }
                SchemeKind::HttpBearer | SchemeKind::BearerLike { .. } => quote! { ::specgen_runtime::SchemeKind::HttpBearer },
                SchemeKind::HttpBasic => quote! { ::specgen_runtime::SchemeKind::HttpBasic },
                SchemeKind::ApiKey { location, name } => {
                    let location = match location {
                        ParamLocation::Query => quote! { Query },
                        ParamLocation::Cookie => quote! { Cookie },
                        _ => quote! { Header },
                    };
                    quote! { ::specgen_runtime::SchemeKind::ApiKey { location: ::specgen_runtime::ApiKeyLocation::#location, name: #name } }
                }
            };
            quote! { .scheme(#name, #kind) }
        });
        let scheme_docs: Vec<String> = self
            .ir
            .schemes
            .iter()
            .map(|s| {
                let what = match &s.kind {
                    SchemeKind::OAuth2ClientCredentials { token_url, .. } => format!("OAuth2 client credentials (token URL `{token_url}`): [`client_credentials`](::specgen_runtime::ClientBuilder::client_credentials)"),
                    SchemeKind::HttpBearer => "HTTP bearer token: [`bearer_token`](::specgen_runtime::ClientBuilder::bearer_token)".into(),
                    SchemeKind::HttpBasic => "HTTP basic: [`basic_auth`](::specgen_runtime::ClientBuilder::basic_auth)".into(),
                    SchemeKind::ApiKey { name, .. } => format!("API key `{name}`: [`api_key`](::specgen_runtime::ClientBuilder::api_key)"),
                    SchemeKind::BearerLike { why } => format!("{why}, supplied as a bearer token: [`bearer_token`](::specgen_runtime::ClientBuilder::bearer_token)"),
                };
                format!("- `{}`: {what}", s.name)
            })
            .collect();
        let scheme_docs = (!scheme_docs.is_empty())
            .then(|| format!("Security schemes:\n{}", scheme_docs.join("\n")));
        let builder_docs = doc_attrs(
            [
                "Starts configuring a client for `base_url` (one of [`servers`], or any URL)."
                    .to_string(),
            ]
            .iter()
            .map(String::as_str)
            .chain(scheme_docs.as_deref()),
        );
        let builder_docs = if self.ir.servers.is_empty() {
            doc_attrs(
                ["Starts configuring a client for `base_url`."]
                    .into_iter()
                    .chain(scheme_docs.as_deref()),
            )
        } else {
            builder_docs
        };
        let mut methods = Vec::with_capacity(self.ir.operations.len());
        for (op, names) in self.ir.operations.iter().zip(&self.names.operations) {
            methods.push(self.operation(items, op, names));
        }
        items.push(quote! {
            impl Client {
                #builder_docs
                pub fn builder(base_url: impl ::std::convert::Into<::std::string::String>) -> ::specgen_runtime::ClientBuilder<Self> {
                    ::specgen_runtime::ClientBuilder::new(base_url) #(#schemes)*
                }

                /// The runtime client underneath, for its configuration.
                pub fn api_client(&self) -> &::specgen_runtime::ApiClient {
                    &self.inner
                }

                #(#methods)*
            }
        });
    }

    /// Emits the operation's static, params struct and response enums into `items`; returns
    /// its method.
    fn operation(
        &self,
        items: &mut Vec<TokenStream>,
        op: &Operation,
        names: &OperationNames,
    ) -> TokenStream {
        let constant = ident(&names.constant);
        let op_id = &op.name;
        let method = ident(&op.method);
        let path = &op.path;
        let security = op.security.iter().map(|alternative| {
            let set = alternative
                .iter()
                .map(|(scheme, scopes)| quote! { (#scheme, &[#(#scopes),*]) });
            quote! { &[#(#set),*] }
        });
        items.push(quote! {
            static #constant: ::specgen_runtime::Operation = ::specgen_runtime::Operation {
                id: #op_id,
                method: ::specgen_runtime::reqwest::Method::#method,
                path: #path,
                security: &[#(#security),*],
            };
        });

        let mut args: Vec<TokenStream> = vec![quote! { &self }];
        let mut build: Vec<TokenStream> = Vec::new();
        for (param, name) in op
            .params
            .iter()
            .zip(&names.params)
            .filter(|(p, _)| p.location == ParamLocation::Path)
        {
            let arg = ident(name);
            let ty = self.argument_type(&param.ty);
            args.push(quote! { #arg: #ty });
            let wire = &param.wire_name;
            let value = display_value(&param.ty, quote! { #arg }, false);
            build.push(quote! { request.path_param(#wire, #value); });
        }
        let other_params: Vec<(&Param, &String)> = op
            .params
            .iter()
            .zip(&names.params)
            .filter(|(p, _)| p.location != ParamLocation::Path)
            .collect();
        if !other_params.is_empty() {
            let params_struct = ident(&names.params_struct);
            items.push(self.params_struct(op, &params_struct, &other_params));
            args.push(quote! { params: &#params_struct });
            for (param, name) in &other_params {
                build.push(self.param_statement(param, name));
            }
        }
        if let Some(body) = &op.body {
            let (ty, statement) = self.body(body.encoding, &body.media_type, &body.ty);
            if body.required {
                args.push(quote! { body: #ty });
                build.push(statement);
            } else {
                args.push(quote! { body: ::std::option::Option<#ty> });
                build.push(
                    quote! { if let ::std::option::Option::Some(body) = body { #statement } },
                );
            }
        }
        let accept: Vec<&str> = {
            let mut media: Vec<&str> = op
                .responses
                .iter()
                .filter_map(|r| r.media_type.as_deref())
                .collect();
            media.sort_unstable();
            media.dedup();
            media
        };
        if !accept.is_empty() {
            let accept = accept.join(", ");
            build.push(quote! { request.accept(#accept); });
        }

        let (success_ty, error_ty, arms) = self.responses(items, op, names);
        // Only `default` documented: one arm that matches everything needs no `match`.
        let only_default =
            matches!(op.responses.as_slice(), [r] if r.status == StatusMatch::Default);
        let dispatch = match arms.as_slice() {
            [(_, body)] if only_default => body.clone(),
            _ => {
                let arms = arms
                    .iter()
                    .map(|(pattern, body)| quote! { #pattern => #body, });
                quote! { match response.status().as_u16() { #(#arms)* } }
            }
        };
        let method_name = ident(&names.method);
        let docs = self.operation_docs(op);
        let deprecated = op.deprecated.then(|| quote! { #[deprecated] });
        let many_args = (args.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
        // Sending a deprecated parameter is still the method's job; only callers are warned.
        let uses_deprecated = op
            .params
            .iter()
            .any(|p| p.docs.deprecated)
            .then(|| quote! { #[allow(deprecated)] });
        quote! {
            #docs
            #deprecated
            #many_args
            #uses_deprecated
            pub async fn #method_name(#(#args),*) -> ::std::result::Result<::specgen_runtime::Response<#success_ty>, ::specgen_runtime::Error<#error_ty>> {
                let mut request = self.inner.request(&#constant);
                #(#build)*
                let response = request.send::<#error_ty>().await?;
                #dispatch
            }
        }
    }

    /// An enum with one variant per documented response, pushed into `items`; returns its
    /// name. `payload` gives the variant's type for a response that has a body.
    fn response_enum(
        &self,
        items: &mut Vec<TokenStream>,
        name: &str,
        docs: &str,
        cases: &[&(&ResponseCase, &String)],
        payload: impl Fn(&ResponseEncoding) -> TokenStream,
    ) -> TokenStream {
        let name = ident(name);
        let variants = cases.iter().map(|(case, variant)| {
            let variant = ident(variant);
            let docs = doc_attrs([
                status_label(case.status).as_str(),
                case.description.as_str(),
            ]);
            match &case.encoding {
                ResponseEncoding::Empty => quote! { #docs #variant },
                encoding => {
                    let ty = payload(encoding);
                    quote! { #docs #variant(#ty) }
                }
            }
        });
        items.push(quote! {
            #[doc = #docs]
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name { #(#variants),* }
        });
        quote! { #name }
    }

    fn operation_docs(&self, op: &Operation) -> TokenStream {
        let route = format!("`{} {}`", op.method, op.path);
        let scopes: Vec<String> = op
            .security
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
                    .map(|(scheme, scopes)| {
                        if scopes.is_empty() {
                            format!("`{scheme}`")
                        } else {
                            let scopes: Vec<String> =
                                scopes.iter().map(|s| format!("`{s}`")).collect();
                            format!("`{scheme}` with scopes {}", scopes.join(", "))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        let auth =
            (!scopes.is_empty()).then(|| format!("Authentication: {}.", scopes.join("; or ")));
        doc_attrs(
            op.summary
                .as_deref()
                .into_iter()
                .chain(op.description.as_deref())
                .chain(Some(route.as_str()))
                .chain(auth.as_deref()),
        )
    }

    fn params_struct(
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

    fn param_statement(&self, param: &Param, member: &str) -> TokenStream {
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
                let rendered = display_value(ty, value, true);
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
    fn body(
        &self,
        encoding: BodyEncoding,
        media_type: &str,
        ty: &TypeRef,
    ) -> (TokenStream, TokenStream) {
        match encoding {
            BodyEncoding::Json => {
                let arg = self.argument_type(ty);
                let statement = if media_type.eq_ignore_ascii_case("application/json") {
                    quote! { request.json(body); }
                } else {
                    quote! { request.json_as(body, #media_type); }
                };
                (arg, statement)
            }
            BodyEncoding::Form => (self.argument_type(ty), quote! { request.form(body); }),
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
            return quote! { request.multipart_json("body", body); };
        };
        let parts = s.fields.iter().zip(members).map(|(field, member)| {
            let member = ident(member);
            let wire = &field.wire_name;
            let optional = !field.required || field.nullable;
            let value = if optional { quote! { value } } else { quote! { &body.#member } };
            let value = if field.sensitive { quote! { #value.expose() } } else { value };
            let statement = match &field.ty {
                TypeRef::Binary => quote! { request.multipart_bytes(#wire, ::specgen_runtime::bytes::Bytes::from(::std::clone::Clone::clone(#value)), ::std::option::Option::Some(#wire)); },
                ty if self.is_plain_display(ty) => quote! { request.multipart_text(#wire, #value); },
                _ => quote! { request.multipart_json(#wire, #value); },
            };
            match (field.required, field.nullable) {
                (true, false) => statement,
                (false, true) => quote! { if let ::specgen_runtime::Patch::Value(value) = &body.#member { #statement } },
                _ => quote! { if let ::std::option::Option::Some(value) = &body.#member { #statement } },
            }
        });
        quote! { #(#parts)* }
    }

    /// A borrowed argument type: `&str` for strings, `&[T]` for lists, copies for numbers.
    fn argument_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote! { &str },
            TypeRef::Vec(inner) => {
                let inner = self.rust_type(inner);
                quote! { &[#inner] }
            }
            TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float(_)
            | TypeRef::Date
            | TypeRef::Uuid
            | TypeRef::DateTime => self.rust_type(ty),
            other => {
                let ty = self.rust_type(other);
                quote! { &#ty }
            }
        }
    }

    fn response_type(&self, encoding: &ResponseEncoding) -> TokenStream {
        match encoding {
            ResponseEncoding::Json(ty) => self.rust_type(ty),
            ResponseEncoding::Text => quote! { ::std::string::String },
            ResponseEncoding::Bytes => quote! { ::specgen_runtime::bytes::Bytes },
            ResponseEncoding::Empty => quote! { () },
        }
    }

    /// The success type, the error type and the `match` arms over the status code.
    fn responses(
        &self,
        items: &mut Vec<TokenStream>,
        op: &Operation,
        names: &OperationNames,
    ) -> (TokenStream, TokenStream, Vec<(TokenStream, TokenStream)>) {
        let has_success = op.responses.iter().any(|r| r.status.is_success());
        let is_success = |r: &ResponseCase| {
            r.status.is_success() || (!has_success && r.status == StatusMatch::Default)
        };
        let cases: Vec<(&ResponseCase, &String)> =
            op.responses.iter().zip(&names.responses).collect();
        let successes: Vec<&(&ResponseCase, &String)> =
            cases.iter().filter(|(r, _)| is_success(r)).collect();
        let errors: Vec<&(&ResponseCase, &String)> =
            cases.iter().filter(|(r, _)| !is_success(r)).collect();
        let route = format!("`{} {}`", op.method, op.path);

        let single_success = successes
            .windows(2)
            .all(|pair| pair[0].0.encoding == pair[1].0.encoding);
        let success_ty = match successes.first() {
            None => quote! { () },
            Some((first, _)) if single_success => self.response_type(&first.encoding),
            Some(_) => {
                let docs = format!(" The documented successful responses of {route}.");
                self.response_enum(items, &names.success_enum, &docs, &successes, |encoding| {
                    self.response_type(encoding)
                })
            }
        };
        let error_ty = if errors.is_empty() {
            quote! { ::std::convert::Infallible }
        } else {
            let docs = format!(" The documented error responses of {route}; the status code is in [`::specgen_runtime::Error::Api`].");
            // Error bodies that are not JSON are kept as text, for messages and logs.
            self.response_enum(
                items,
                &names.error_enum,
                &docs,
                &errors,
                |encoding| match encoding {
                    ResponseEncoding::Json(ty) => self.rust_type(ty),
                    _ => quote! { ::std::string::String },
                },
            )
        };

        let mut arms = Vec::with_capacity(cases.len() + 1);
        let success_enum = ident(&names.success_enum);
        let error_enum = ident(&names.error_enum);
        for (case, variant) in &cases {
            let pattern = status_pattern(case.status);
            let variant = ident(variant);
            let decode = |method: TokenStream| quote! { response.#method() };
            let body = if is_success(case) {
                let read = match &case.encoding {
                    ResponseEncoding::Json(_) => decode(quote! { json }),
                    ResponseEncoding::Text => decode(quote! { text }),
                    ResponseEncoding::Bytes => decode(quote! { bytes }),
                    ResponseEncoding::Empty => decode(quote! { empty }),
                };
                match (single_success, &case.encoding) {
                    (true, _) => read,
                    (false, ResponseEncoding::Empty) => {
                        quote! { #read.map(|response| response.map(|()| #success_enum::#variant)) }
                    }
                    (false, _) => {
                        quote! { #read.map(|response| response.map(#success_enum::#variant)) }
                    }
                }
            } else {
                match &case.encoding {
                    ResponseEncoding::Json(_) => {
                        quote! { ::std::result::Result::Err(response.api_error(#error_enum::#variant)) }
                    }
                    ResponseEncoding::Empty => {
                        quote! { ::std::result::Result::Err(response.api_error_empty(#error_enum::#variant)) }
                    }
                    _ => {
                        quote! { ::std::result::Result::Err(response.api_error_text(#error_enum::#variant)) }
                    }
                }
            };
            arms.push((pattern, body));
        }
        if !op
            .responses
            .iter()
            .any(|r| r.status == StatusMatch::Default)
        {
            if successes.is_empty() {
                arms.push((quote! { 200..=299 }, quote! { response.empty() }));
            }
            arms.push((
                quote! { _ },
                quote! { ::std::result::Result::Err(response.unexpected()) },
            ));
        }
        (success_ty, error_ty, arms)
    }
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote! { #code }
        }
        StatusMatch::Range(digit) => {
            let low = proc_macro2::Literal::u16_unsuffixed(digit * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99);
            quote! { #low..=#high }
        }
        StatusMatch::Default => quote! { _ },
    }
}

fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("Status {code}."),
        StatusMatch::Range(digit) => format!("Status {digit}XX."),
        StatusMatch::Default => "Any other status.".into(),
    }
}

impl Emitter<'_> {
    /// Types whose `Display` is their wire form in a URL, header or form part.
    fn is_plain_display(&self, ty: &TypeRef) -> bool {
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

    fn is_displayable(&self, ty: &TypeRef) -> bool {
        self.is_plain_display(ty) || matches!(ty, TypeRef::DateTime | TypeRef::Vec(_))
    }
}

/// An expression usable as `&dyn Display` for a parameter value; `value` is a reference
/// when `borrowed`.
fn display_value(ty: &TypeRef, value: TokenStream, borrowed: bool) -> TokenStream {
    match ty {
        TypeRef::DateTime => quote! { &#value.to_rfc3339() },
        TypeRef::Vec(_) => {
            quote! { &#value.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",") }
        }
        _ if borrowed => value,
        _ => quote! { &#value },
    }
}
