//! The client: server constants, `Client` and its builder, and one async method per
//! operation (its parameters and bodies are in `request`, its responses in `response`).

use super::code::{string_literal, Code, Columns, Expr, CHAIN_WIDTH};
use super::docs::doc_lines;
use super::{ident, Emitter};
use crate::ir::{Operation, Param, ParamLocation, SchemeKind, StatusMatch};
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
                code.line_fmt(format_args!(
                    "pub const {}: &str = {};",
                    ident(name),
                    string_literal(url)
                ));
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
            &format!("impl {}<::specgen_runtime::ApiClient>", self.prelude.from),
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
        code.open(&format!(
            "pub fn builder(base_url: impl {}<{}>) -> ::specgen_runtime::ClientBuilder<Self>",
            self.prelude.into, self.prelude.string
        ));
        for (i, scheme) in self.ir.schemes.iter().enumerate() {
            let binding = format!("let scheme_{} = ::specgen_runtime::SchemeKind::", i + 1);
            match &scheme.kind {
                SchemeKind::OAuth2ClientCredentials { token_url, .. } => {
                    code.open(&format!("{binding}OAuth2ClientCredentials"));
                    code.struct_field("token_url", &string_literal(token_url));
                    code.close(";");
                }
                SchemeKind::HttpBearer | SchemeKind::BearerLike { .. } => {
                    code.line_fmt(format_args!("{binding}HttpBearer;"))
                }
                SchemeKind::HttpBasic => code.line_fmt(format_args!("{binding}HttpBasic;")),
                SchemeKind::ApiKey { location, name } => {
                    let location = match location {
                        ParamLocation::Query => "Query",
                        ParamLocation::Cookie => "Cookie",
                        _ => "Header",
                    };
                    code.open(&format!("{binding}ApiKey"));
                    code.struct_field(
                        "location",
                        &format!("::specgen_runtime::ApiKeyLocation::{location}"),
                    );
                    code.struct_field("name", &string_literal(name));
                    code.close(";");
                }
            }
        }
        let new = "::specgen_runtime::ClientBuilder::new(base_url)";
        let scheme_args = |i: usize| {
            [
                string_literal(&self.ir.schemes[i].name),
                format!("scheme_{}", i + 1),
            ]
        };
        // A single call on the builder is no chain to rustfmt: it stays on the line.
        match self.ir.schemes.len() {
            0 => code.line(new),
            1 => code.call(&format!("{new}.scheme"), &scheme_args(0), ""),
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
        let mut args: Vec<String> = vec!["&self".into()];
        let (path_params, other_params): (Vec<(&Param, &String)>, Vec<_>) = op
            .params
            .iter()
            .zip(&names.params)
            .partition(|(p, _)| p.location == ParamLocation::Path);
        for (param, name) in &path_params {
            args.push(format!(
                "{}: {}",
                ident(name),
                self.argument_type(&param.ty)
            ));
        }
        if !other_params.is_empty() {
            let params_struct = ident(&names.params_struct);
            self.params_struct(items, op, &params_struct, &other_params);
            args.push(format!("params: &{params_struct}"));
        }
        if let Some(body) = &op.body {
            let ty = self.body_argument(body.encoding, &body.ty);
            if body.required {
                args.push(format!("body: {ty}"));
            } else {
                args.push(format!("body: {}<{ty}>", self.prelude.option));
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
        // Sending a deprecated parameter is still the method's job; only callers are warned.
        if op.params.iter().any(|p| p.docs.deprecated) {
            code.line("#[allow(deprecated)]");
        }
        code.open_fn(
            &format!("pub async fn {}", ident(&names.method)),
            &args,
            &format!(
                "{}<::specgen_runtime::Response<{}>, ::specgen_runtime::Error<{}>>",
                self.prelude.result, responses.success, responses.error
            ),
        );
        self.operation_static(code, op);
        code.line("let mut request = self.inner.request(&OPERATION);");
        for (param, name) in &path_params {
            let value = self.display_value(&param.ty, &ident(name), false);
            code.call(
                "request.path_param",
                &[string_literal(&param.wire_name), value],
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
            code.call("request.accept", &[string_literal(&accept.join(", "))], ";");
        }
        let send = format!("request.send::<{}>().await?", responses.error);
        // The chain and the statement's `;`, as rustfmt measures it.
        if send.columns() < CHAIN_WIDTH {
            code.line_fmt(format_args!("let response = {send};"));
        } else {
            code.line("let response = request");
            code.indented(|code| {
                let call = format!(".send::<{}>()", responses.error);
                if code.indent_width() + call.columns() <= super::code::MAX_WIDTH {
                    code.line(&call);
                } else {
                    // What rustfmt makes of a call too long for any line.
                    code.line(&call[..call.len() - 1]);
                    code.line(")");
                }
                code.line(".await?;");
            });
        }
        // Only `default` documented: one arm that matches everything needs no `match`.
        let only_default =
            matches!(op.responses.as_slice(), [r] if r.status == StatusMatch::Default);
        match responses.arms.as_slice() {
            [arm] if only_default => {
                code.line_fmt(format_args!("response.{}({})", arm.method, arm.argument))
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
    }

    /// The operation's description for the runtime, a `static` inside its method.
    fn operation_static(&self, code: &mut Code, op: &Operation) {
        code.open("static OPERATION: ::specgen_runtime::Operation = ::specgen_runtime::Operation");
        code.struct_field("id", &string_literal(&op.name));
        code.struct_field(
            "method",
            &format!("::specgen_runtime::reqwest::Method::{}", op.method),
        );
        code.struct_field("path", &string_literal(&op.path));
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
                                    .map(|s| Expr::Atom(string_literal(s)))
                                    .collect();
                                Expr::List(
                                    "(",
                                    ")",
                                    vec![
                                        Expr::Atom(string_literal(scheme)),
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

    fn operation_docs(&self, op: &Operation) -> Vec<String> {
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
