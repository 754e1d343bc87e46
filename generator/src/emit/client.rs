//! The client: server constants, `Client` and its builder, and one async method per
//! operation (its parameters and bodies are in `request`, its responses in `response`).

use super::code::{Code, Expr};
use super::docs::{doc_lines, DocLines};
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{BodyEncoding, Operation, Param, ParamLocation, SchemeKind, StatusMatch};
use crate::names::OperationNames;

impl Emitter<'_> {
    pub(super) fn client(&self, code: &mut Code) {
        if !self.ir.servers.is_empty() {
            code.line("/// Base URLs of the servers the spec lists.");
            code.open("pub mod servers");
            for (i, (server, name)) in self.ir.servers.iter().zip(&self.names.servers).enumerate() {
                if i > 0 {
                    code.blank();
                }
                let url = server.url.trim_end_matches('/');
                code.docs(&doc_lines(
                    server.description.as_deref().into_iter().chain(Some(url)),
                ));
                code.line(rust![
                    "pub const ",
                    Rust::ident(name),
                    ": &str = ",
                    Rust::literal(url),
                    ";"
                ]);
            }
            code.close("");
            code.blank();
        }
        let title = format!(
            "A client for {} {}.",
            self.ir.title.trim(),
            self.ir.version.trim()
        );
        code.docs(&doc_lines([
            title.as_str(),
            self.ir.description.as_deref().unwrap_or(""),
            "Build one with [`Client::builder`]; clones share one connection pool and token cache.",
        ]));
        code.line("#[derive(Clone, Debug)]");
        code.open("pub struct Client");
        code.line("inner: ::specgen_runtime::ApiClient,");
        code.close("");
        code.blank();
        code.open_impl(
            rust!["impl ", self.prelude.from, "<::specgen_runtime::ApiClient>"],
            "Client",
        );
        code.open("fn from(inner: ::specgen_runtime::ApiClient) -> Self");
        code.line("Client { inner }");
        code.close("");
        code.close("");
        code.blank();

        // The methods go into one `impl Client` after the types they use.
        let mut methods = Code::with_capacity(self.ir.operations.len() * 1024);
        methods.open("impl Client");
        self.builder(&mut methods);
        methods.blank();
        methods.line("/// The runtime client underneath, for its configuration.");
        methods.open("pub fn api_client(&self) -> &::specgen_runtime::ApiClient");
        methods.line("&self.inner");
        methods.close("");
        for (index, (op, names)) in self
            .ir
            .operations
            .iter()
            .zip(&self.names.operations)
            .enumerate()
        {
            methods.blank();
            let (items_start, method_start) = (code.mark(), methods.mark());
            self.operation(code, &mut methods, op, names);
            self.gate_operation(code, items_start, index);
            self.gate_operation(&mut methods, method_start, index);
        }
        methods.close("");
        code.push_code(methods);
    }

    fn builder(&self, code: &mut Code) {
        let schemes: Vec<String> = self
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
        let schemes =
            (!schemes.is_empty()).then(|| format!("Security schemes:\n{}", schemes.join("\n")));
        let start = if self.ir.servers.is_empty() {
            "Starts configuring a client for `base_url`."
        } else {
            "Starts configuring a client for `base_url` (one of [`servers`], or any URL)."
        };
        code.docs(&doc_lines(
            Some(start).into_iter().chain(schemes.as_deref()),
        ));
        code.open(rust![
            "pub fn builder(base_url: impl ",
            self.prelude.into,
            "<",
            self.prelude.string,
            ">) -> ::specgen_runtime::ClientBuilder<Self>"
        ]);
        for (i, scheme) in self.ir.schemes.iter().enumerate() {
            let binding = rust![
                "let scheme_",
                Rust::number(i as u64 + 1),
                " = ::specgen_runtime::SchemeKind::"
            ];
            match &scheme.kind {
                SchemeKind::OAuth2ClientCredentials { token_url, .. } => {
                    code.open(rust![binding, "OAuth2ClientCredentials"]);
                    code.struct_field("token_url", Rust::literal(token_url));
                    code.close(";");
                }
                SchemeKind::HttpBearer | SchemeKind::BearerLike { .. } => {
                    code.line(rust![binding, "HttpBearer;"])
                }
                SchemeKind::HttpBasic => code.line(rust![binding, "HttpBasic;"]),
                SchemeKind::ApiKey { location, name } => {
                    let location = match location {
                        ParamLocation::Query => "Query",
                        ParamLocation::Cookie => "Cookie",
                        _ => "Header",
                    };
                    code.open(rust![binding, "ApiKey"]);
                    code.struct_field(
                        "location",
                        rust!["::specgen_runtime::ApiKeyLocation::", location],
                    );
                    code.struct_field("name", Rust::literal(name));
                    code.close(";");
                }
            }
        }
        let new = "::specgen_runtime::ClientBuilder::new(base_url)";
        let scheme_args = |i: usize| {
            [
                Rust::literal(&self.ir.schemes[i].name),
                rust!["scheme_", Rust::number(i as u64 + 1)],
            ]
        };
        // A single call on the builder is no chain to rustfmt: it stays on the line.
        match self.ir.schemes.len() {
            0 => code.line(new),
            1 => code.call(rust![new, ".scheme"], &scheme_args(0), ""),
            count => {
                code.line(new);
                code.indented(|code| {
                    for i in 0..count {
                        code.call(".scheme", &scheme_args(i), "");
                    }
                });
            }
        }
        code.close("");
    }

    /// Writes the operation's params struct and response enums into `items` and its
    /// method into `methods`.
    fn operation(
        &self,
        items: &mut Code,
        methods: &mut Code,
        op: &Operation,
        names: &OperationNames,
    ) {
        let mut args: Vec<Rust> = vec!["&self".into()];
        let (path_params, other_params): (Vec<(&Param, &String)>, Vec<_>) = op
            .params
            .iter()
            .zip(&names.params)
            .partition(|(p, _)| p.location == ParamLocation::Path);
        for (param, name) in &path_params {
            args.push(rust![
                Rust::ident(name),
                ": ",
                self.argument_type(&param.ty)
            ]);
        }
        if !other_params.is_empty() {
            let params_struct = Rust::ident(&names.params_struct);
            self.params_struct(items, op, &params_struct, names);
            args.push(rust!["params: &", params_struct]);
        }
        if let Some(body) = &op.body {
            let ty = self.body_argument(body.encoding, &body.ty);
            if body.required {
                args.push(rust!["body: ", ty]);
            } else {
                args.push(rust!["body: ", self.prelude.option, "<", ty, ">"]);
            }
        }
        let responses = self.responses(items, op, names);

        let code = methods;
        code.docs(&self.operation_docs(op));
        if op.deprecated {
            code.line("#[deprecated]");
        }
        if args.len() > 7 {
            code.line("#[allow(clippy::too_many_arguments)]");
        }
        // Sending a deprecated parameter or multipart field is still the method's job; only
        // callers are warned.
        let multipart_deprecated = op.body.as_ref().is_some_and(|body| {
            body.encoding == BodyEncoding::Multipart && self.has_deprecated_fields(&body.ty)
        });
        if op.params.iter().any(|p| p.docs.deprecated) || multipart_deprecated {
            code.line("#[allow(deprecated)]");
        }
        code.open_fn(
            rust!["pub async fn ", Rust::ident(&names.method)],
            &args,
            rust![
                self.prelude.result,
                "<::specgen_runtime::Response<",
                responses.success,
                ">, ::specgen_runtime::Error<",
                responses.error,
                ">>"
            ],
        );
        self.operation_static(code, op);
        code.line("let mut request = self.inner.request(&OPERATION);");
        for (param, name) in &path_params {
            let value = self.display_value(&param.ty, &Rust::ident(name), false);
            code.call(
                "request.path_param",
                &[Rust::literal(&param.wire_name), value],
                ";",
            );
        }
        for (param, name) in &other_params {
            self.param_statement(code, param, name);
        }
        if let Some(body) = &op.body {
            if body.required {
                self.body_statements(code, body.encoding, &body.media_type, &body.ty);
            } else {
                code.open("if let Some(body) = body");
                self.body_statements(code, body.encoding, &body.media_type, &body.ty);
                code.close("");
            }
        }
        let mut accept: Vec<&str> = op
            .responses
            .iter()
            .filter_map(|r| r.media_type.as_deref())
            .collect();
        accept.sort_unstable();
        accept.dedup();
        if !accept.is_empty() {
            code.call("request.accept", &[Rust::literal(&accept.join(", "))], ";");
        }
        code.chain(
            "let response = ",
            "request",
            &[rust![".send::<", responses.error, ">()"], ".await?".into()],
            ";",
        );
        // Only `default` documented: one arm that matches everything needs no `match`.
        let only_default =
            matches!(op.responses.as_slice(), [r] if r.status == StatusMatch::Default);
        match responses.arms.as_slice() {
            [arm] if only_default => {
                code.line(rust!["response.", arm.method, "(", arm.argument, ")"])
            }
            arms => {
                code.open("match response.status().as_u16()");
                for arm in arms {
                    code.response_arm(&arm.pattern, arm.error, arm.method, &arm.argument);
                }
                code.close("");
            }
        }
        code.close("");
        self.paging_methods(code, op, names, &responses);
    }

    /// The operation's description for the runtime, a `static` inside its method.
    fn operation_static(&self, code: &mut Code, op: &Operation) {
        code.open("static OPERATION: ::specgen_runtime::Operation = ::specgen_runtime::Operation");
        code.struct_field("id", Rust::literal(&op.name));
        code.struct_field(
            "method",
            rust![
                "::specgen_runtime::reqwest::Method::",
                Rust::ident(&op.method)
            ],
        );
        code.struct_field("path", Rust::literal(&op.path));
        let security = Expr::List(
            "&[",
            "]",
            op.security
                .iter()
                .map(|alternative| {
                    Expr::List(
                        "&[",
                        "]",
                        alternative
                            .iter()
                            .map(|(scheme, scopes)| {
                                let scopes = scopes
                                    .iter()
                                    .map(|s| Expr::Atom(Rust::literal(s)))
                                    .collect();
                                Expr::List(
                                    "(",
                                    ")",
                                    vec![
                                        Expr::Atom(Rust::literal(scheme)),
                                        Expr::List("&[", "]", scopes),
                                    ],
                                )
                            })
                            .collect(),
                    )
                })
                .collect(),
        );
        code.expr("security: ", &security, ",");
        code.close(";");
    }

    fn operation_docs(&self, op: &Operation) -> DocLines {
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
        doc_lines(
            op.summary
                .as_deref()
                .into_iter()
                .chain(op.description.as_deref())
                .chain(Some(route.as_str()))
                .chain(auth.as_deref()),
        )
    }
}
