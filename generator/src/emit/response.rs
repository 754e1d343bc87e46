//! What comes back: success and error types, and the `match` over the status code.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::{ident, Emitter};
use crate::ir::{Operation, ResponseCase, ResponseEncoding, StatusMatch};
use crate::names::OperationNames;

impl Emitter<'_> {
    /// An enum with one variant per documented response, pushed into `items`; returns its
    /// name. `payload` gives the variant's type for a response that has a body.
    pub(super) fn response_enum(
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

    pub(super) fn response_type(&self, encoding: &ResponseEncoding) -> TokenStream {
        match encoding {
            ResponseEncoding::Json(ty) => self.rust_type(ty),
            ResponseEncoding::Text => quote! { ::std::string::String },
            ResponseEncoding::Bytes => quote! { ::specgen_runtime::bytes::Bytes },
            ResponseEncoding::Empty => quote! { () },
        }
    }

    /// The success type, the error type and the `match` arms over the status code.
    pub(super) fn responses(
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
