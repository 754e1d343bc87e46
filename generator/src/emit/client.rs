//! The client: server constants, `Client` and its builder, and one async method per
//! operation (its parameters and bodies are in `request`, its responses in `response`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{Operation, Param, ParamLocation, SchemeKind, StatusMatch};
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
            let value = self.display_value(&param.ty, quote! { #arg }, false);
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
}
