//! Paths, operations, servers and security schemes → IR; the entry point of the stage.

use std::collections::BTreeSet;

use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, SecurityScheme as Scheme, StatusCode,
};

use super::schema::{docs_of, Place, TypeBuilder};
use super::{
    Body, BodyEncoding, Docs, Ir, Operation, Param, ParamLocation, ResponseCase, ResponseEncoding,
    SchemeKind, Security, SecurityScheme, Server, StatusMatch, TypeRef,
};
use crate::config::Config;
use crate::error::{Error, ErrorKind, Warning};
use crate::pointer::escape;
use crate::resolve::Resolver;

use super::media::{
    pick_request_media, pick_response_media, request_encoding, response_kind, ResponseKind,
};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Lowers a resolved document into the IR; `config` says which operations page.
pub(crate) fn lower(resolver: &Resolver, config: &Config) -> Result<(Ir, Vec<Warning>), Error> {
    let doc = resolver.doc;
    let mut types = TypeBuilder::new(resolver);
    types.components()?;
    let schemes = security_schemes(resolver)?;
    let mut operations = Vec::new();
    let mut pagination_extensions = Vec::new();
    for (path, item) in &doc.paths.paths {
        let path_pointer = format!("/paths/{}", escape(path));
        // A path item may be a `$ref` to another path of the document (same operations).
        let target = match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/paths/")
                .and_then(|name| doc.paths.paths.get(&crate::pointer::unescape(name)))
                .and_then(ReferenceOr::as_item),
        };
        let Some(item) = target else {
            return Err(resolver
                .error(
                    ErrorKind::Unsupported,
                    &resolver.root,
                    &path_pointer,
                    "a `$ref` for a whole path item is supported only to another path of this document",
                )
                .help("inline the path item, or refer to `#/paths/…` of this document"));
        };
        let by_method = [
            &item.get,
            &item.put,
            &item.post,
            &item.delete,
            &item.options,
            &item.head,
            &item.patch,
            &item.trace,
        ];
        for (method, operation) in METHODS.iter().zip(by_method) {
            let Some(operation) = operation else { continue };
            let pointer = format!("{path_pointer}/{method}");
            let lowering = OperationLowering {
                resolver,
                path,
                method,
                pointer,
                schemes: &schemes,
            };
            operations.push(lowering.lower(operation, &item.parameters, &mut types)?);
            pagination_extensions.push(
                operation
                    .extensions
                    .get(super::PAGINATION_EXTENSION)
                    .cloned(),
            );
        }
    }
    let (mut types, warnings) = types.finish();
    super::shared::alias_same_inline_types(&mut types);
    super::graph::drop_unreachable(&mut types, &mut operations);
    super::pagination::assign(
        &mut operations,
        &pagination_extensions,
        &types,
        resolver,
        config,
    )?;
    let servers = doc
        .servers
        .iter()
        .map(|s| Server {
            url: s.url.clone(),
            description: s.description.clone(),
        })
        .collect();
    let tags = unique(operations.iter().flat_map(|op| &op.tags));
    let ir = Ir {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        servers,
        schemes,
        types,
        operations,
        tags,
        unused_schemas_left_out: 0,
    };
    Ok((ir, warnings))
}

fn security_schemes(resolver: &Resolver) -> Result<Vec<SecurityScheme>, Error> {
    let Some(components) = &resolver.doc.components else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let pointer = format!("/components/securitySchemes/{}", escape(name));
        let scheme =
            resolver.component(scheme, "securitySchemes", |c| &c.security_schemes, &pointer)?;
        let (kind, description) = match &*scheme {
            Scheme::APIKey {
                location,
                name,
                description,
                ..
            } => {
                let location = match location {
                    openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                    openapiv3::APIKeyLocation::Header => ParamLocation::Header,
                    openapiv3::APIKeyLocation::Cookie => ParamLocation::Cookie,
                };
                (
                    SchemeKind::ApiKey {
                        location,
                        name: name.clone(),
                    },
                    description,
                )
            }
            Scheme::HTTP {
                scheme,
                description,
                ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "bearer" => (SchemeKind::HttpBearer, description),
                "basic" => (SchemeKind::HttpBasic, description),
                other => (
                    SchemeKind::BearerLike {
                        why: format!("HTTP `{other}` authentication"),
                    },
                    description,
                ),
            },
            Scheme::OAuth2 {
                flows, description, ..
            } => match &flows.client_credentials {
                Some(flow) => (
                    SchemeKind::OAuth2ClientCredentials {
                        token_url: flow.token_url.clone(),
                        scopes: flow
                            .scopes
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect(),
                    },
                    description,
                ),
                None => (
                    SchemeKind::BearerLike {
                        why: "an OAuth2 flow other than client credentials".into(),
                    },
                    description,
                ),
            },
            Scheme::OpenIDConnect { description, .. } => (
                SchemeKind::BearerLike {
                    why: "OpenID Connect".into(),
                },
                description,
            ),
        };
        out.push(SecurityScheme {
            name: name.clone(),
            kind,
            description: description.clone(),
        });
    }
    Ok(out)
}

struct OperationLowering<'l, 'r, 'a> {
    resolver: &'r Resolver<'a>,
    path: &'l str,
    method: &'l str,
    pointer: String,
    schemes: &'l [SecurityScheme],
}

impl OperationLowering<'_, '_, '_> {
    fn error(&self, kind: ErrorKind, pointer: &str, message: impl Into<String>) -> Error {
        self.resolver
            .error(kind, &self.resolver.root, pointer, message)
    }

    fn lower(
        &self,
        operation: &openapiv3::Operation,
        path_params: &[ReferenceOr<Parameter>],
        types: &mut TypeBuilder,
    ) -> Result<Operation, Error> {
        let name = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| synthesize_name(self.method, self.path));
        let place = Place {
            file: &self.resolver.root,
            pointer: self.pointer.clone(),
            name: vec![name.clone()],
        };
        let params = self.params(operation, path_params, &place, types)?;
        self.check_path_template(&params)?;
        let body = self.body(operation, &place, types)?;
        let responses = self.responses(operation, &place, types)?;
        let security = self.security(operation, types);
        Ok(Operation {
            name,
            method: self.method.to_ascii_uppercase(),
            path: self.path.to_string(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            tags: unique(&operation.tags),
            params,
            body,
            responses,
            security,
            pointer: self.pointer.clone(),
            paging: None,
        })
    }

    fn params(
        &self,
        operation: &openapiv3::Operation,
        path_params: &[ReferenceOr<Parameter>],
        place: &Place,
        types: &mut TypeBuilder,
    ) -> Result<Vec<Param>, Error> {
        let path_pointer = self
            .pointer
            .rsplit_once('/')
            .map_or("", |(p, _)| p)
            .to_string();
        let mut all: Vec<(std::borrow::Cow<Parameter>, String)> = Vec::new();
        let declared = path_params
            .iter()
            .enumerate()
            .map(|(i, p)| (p, format!("{path_pointer}/parameters/{i}")))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, format!("{}/parameters/{i}", self.pointer))),
            );
        for (param, pointer) in declared {
            let param =
                self.resolver
                    .component(param, "parameters", |c| &c.parameters, &pointer)?;
            let key = |p: &Parameter| {
                (
                    p.parameter_data_ref().name.clone(),
                    std::mem::discriminant(p),
                )
            };
            // An operation's parameter overrides the path item's of the same name and place.
            all.retain(|(existing, _)| key(existing) != key(&param));
            all.push((param, pointer));
        }
        let mut params = Vec::with_capacity(all.len());
        for (param, pointer) in all {
            let data = param.parameter_data_ref();
            let (location, explode) = match &*param {
                Parameter::Query { .. } => (ParamLocation::Query, data.explode.unwrap_or(true)),
                Parameter::Header { .. } => (ParamLocation::Header, data.explode.unwrap_or(false)),
                Parameter::Path { .. } => (ParamLocation::Path, data.explode.unwrap_or(false)),
                Parameter::Cookie { .. } => (ParamLocation::Cookie, data.explode.unwrap_or(true)),
            };
            let param_place = Place {
                file: place.file,
                pointer: format!("{pointer}/schema"),
                name: [place.name.clone(), vec![data.name.clone()]].concat(),
            };
            let (ty, sensitive, docs) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let lowered = types.lower(schema, &param_place)?;
                    let docs = match schema {
                        ReferenceOr::Item(s) => docs_of(s),
                        ReferenceOr::Reference { .. } => Docs::default(),
                    };
                    (lowered.ty, lowered.sensitive, docs)
                }
                ParameterSchemaOrContent::Content(content) => {
                    match content.first().and_then(|(_, m)| m.schema.as_ref()) {
                        Some(schema) => {
                            let lowered = types.lower(schema, &param_place)?;
                            (lowered.ty, lowered.sensitive, Docs::default())
                        }
                        None => (TypeRef::String, false, Docs::default()),
                    }
                }
            };
            params.push(Param {
                wire_name: data.name.clone(),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                sensitive,
                explode,
                docs: Docs {
                    description: data.description.clone().or(docs.description),
                    deprecated: data.deprecated.unwrap_or(false) || docs.deprecated,
                    title: None,
                },
            });
        }
        Ok(params)
    }

    fn check_path_template(&self, params: &[Param]) -> Result<(), Error> {
        let declared: BTreeSet<&str> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .map(|p| p.wire_name.as_str())
            .collect();
        for name in template_names(self.path) {
            if !declared.contains(name) {
                return Err(self
                    .error(ErrorKind::Inconsistent, &self.pointer, format!("path parameter `{name}` of `{}` is not declared", self.path))
                    .help(format!("add a parameter `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` to this operation or its path item")));
            }
        }
        Ok(())
    }

    fn body(
        &self,
        operation: &openapiv3::Operation,
        place: &Place,
        types: &mut TypeBuilder,
    ) -> Result<Option<Body>, Error> {
        let Some(body) = &operation.request_body else {
            return Ok(None);
        };
        let pointer = format!("{}/requestBody", self.pointer);
        let body =
            self.resolver
                .component(body, "requestBodies", |c| &c.request_bodies, &pointer)?;
        let Some((media_type, media)) = pick_request_media(&body.content) else {
            return Ok(None);
        };
        let encoding = request_encoding(media_type);
        let ty = match (&media.schema, encoding) {
            (Some(schema), _) => {
                let body_place = Place {
                    file: place.file,
                    pointer: format!("{pointer}/content/{}/schema", escape(media_type)),
                    name: [place.name.clone(), vec!["Request".into()]].concat(),
                };
                types.lower(schema, &body_place)?.ty
            }
            (None, BodyEncoding::Text) => TypeRef::String,
            (None, _) => TypeRef::Binary,
        };
        let ty = match encoding {
            BodyEncoding::Bytes => TypeRef::Binary,
            BodyEncoding::Text => TypeRef::String,
            _ => ty,
        };
        Ok(Some(Body {
            media_type: media_type.clone(),
            encoding,
            ty,
            required: body.required,
            description: body.description.clone(),
        }))
    }

    fn responses(
        &self,
        operation: &openapiv3::Operation,
        place: &Place,
        types: &mut TypeBuilder,
    ) -> Result<Vec<ResponseCase>, Error> {
        let mut statuses: Vec<(StatusMatch, &ReferenceOr<openapiv3::Response>, String)> =
            Vec::new();
        for (code, response) in &operation.responses.responses {
            let (status, key) = match code {
                StatusCode::Code(code) => (StatusMatch::Code(*code), code.to_string()),
                StatusCode::Range(digit) => (StatusMatch::Range(*digit), format!("{digit}XX")),
            };
            statuses.push((status, response, key));
        }
        if let Some(default) = &operation.responses.default {
            statuses.push((StatusMatch::Default, default, "default".into()));
        }
        let success_count = statuses.iter().filter(|(s, ..)| s.is_success()).count();
        let mut cases = Vec::with_capacity(statuses.len());
        for (status, response, key) in statuses {
            let pointer = format!("{}/responses/{}", self.pointer, escape(&key));
            let response =
                self.resolver
                    .component(response, "responses", |c| &c.responses, &pointer)?;
            let (media_type, encoding) = match pick_response_media(&response.content) {
                None => (None, ResponseEncoding::Empty),
                Some((media_type, media)) => {
                    let encoding = match (response_kind(media_type), &media.schema) {
                        (ResponseKind::Json, Some(schema)) => {
                            let word = if status.is_success() && success_count == 1 {
                                Vec::new()
                            } else {
                                vec![status_word(status)]
                            };
                            let body_place = Place {
                                file: place.file,
                                pointer: format!("{pointer}/content/{}/schema", escape(media_type)),
                                name: [place.name.clone(), word, vec!["Response".into()]].concat(),
                            };
                            ResponseEncoding::Json(types.lower(schema, &body_place)?.ty)
                        }
                        (ResponseKind::Json, None) => ResponseEncoding::Json(TypeRef::Json),
                        (ResponseKind::Text, _) => ResponseEncoding::Text,
                        (ResponseKind::Bytes, _) => ResponseEncoding::Bytes,
                    };
                    (Some(media_type.clone()), encoding)
                }
            };
            cases.push(ResponseCase {
                status,
                media_type,
                encoding,
                description: response.description.clone(),
            });
        }
        cases.sort_by_key(|c| c.status);
        Ok(cases)
    }

    /// The operation's security requirements. A requirement naming a scheme the document
    /// does not define is kept, and warned about: the client cannot meet it, so the call
    /// fails with `AuthError::MissingCredentials` unless another alternative applies.
    fn security(&self, operation: &openapiv3::Operation, types: &mut TypeBuilder) -> Security {
        let requirements = operation
            .security
            .as_ref()
            .or(self.resolver.doc.security.as_ref());
        let (requirements, pointer) = match (&operation.security, requirements) {
            (Some(_), Some(r)) => (r, format!("{}/security", self.pointer)),
            (None, Some(r)) => (r, "/security".to_string()),
            (_, None) => return Vec::new(),
        };
        let mut out = Vec::with_capacity(requirements.len());
        for (index, requirement) in requirements.iter().enumerate() {
            let mut set = Vec::with_capacity(requirement.len());
            for (scheme, scopes) in requirement {
                if !self.schemes.iter().any(|s| &s.name == scheme) {
                    let place = Place {
                        file: &self.resolver.root,
                        pointer: format!("{pointer}/{index}/{}", escape(scheme)),
                        name: Vec::new(),
                    };
                    types.warn(
                        &place,
                        format!(
                            "security scheme `{scheme}` is not defined under \
                             `components/securitySchemes`: a call that needs it fails with \
                             `MissingCredentials`; define the scheme to authenticate it"
                        ),
                    );
                }
                set.push((scheme.clone(), scopes.clone()));
            }
            out.push(set);
        }
        out
    }
}

/// `items` without repeats, in their first order.
fn unique<'s>(items: impl IntoIterator<Item = &'s String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// `{id}` names in a path template, in order.
pub(crate) fn template_names(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `get /pets/{id}/toys` → `get_pets_by_id_toys`: stable, and readable in a method list.
/// Symbols become `_`, so `get /health-check.json` is `get_health_check_json`: the id is
/// what users name an operation by (`operation_scopes`), and it reads like one.
pub(crate) fn synthesize_name(method: &str, path: &str) -> String {
    let mut raw = method.to_string();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        raw.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                raw.push_str("by_");
                raw.push_str(param);
            }
            None => raw.push_str(segment),
        }
    }
    let mut name = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    name.trim_end_matches('_').to_string()
}

/// The word for a status in a body type's name: the same as its variant in the operation's
/// success or error enum (`NotFound`, `ClientError` for `4XX`, `Default`).
fn status_word(status: StatusMatch) -> String {
    crate::names::status_variant(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthesized_names_are_identifier_like() {
        assert_eq!(
            synthesize_name("get", "/pets/{id}/toys"),
            "get_pets_by_id_toys"
        );
        assert_eq!(
            synthesize_name("delete", "/users/{user_id}/keys/{key-id}"),
            "delete_users_by_user_id_keys_by_key_id"
        );
        assert_eq!(
            synthesize_name("get", "/health-check.json"),
            "get_health_check_json"
        );
        assert_eq!(synthesize_name("get", "/"), "get");
        assert_eq!(synthesize_name("post", "/v1/{a}.{b}/"), "post_v1_by_a_b");
    }

    #[test]
    fn a_path_item_may_refer_to_another_path() {
        let dir = std::env::temp_dir().join(format!("specgen-path-ref-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let spec = dir.join("spec.yaml");
        let text =
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
                    responses: {'204': {description: ok}}\n  /b:\n    $ref: '#/paths/~1a'\n  \
                    /c:\n    $ref: '#/components/pathItems/c'\n";
        std::fs::write(&spec, text).expect("spec written");
        let error = crate::analyze(&spec).expect_err("only `#/paths/…` is followed");
        assert_eq!(error.location.pointer, "/paths/~1c");
        std::fs::write(&spec, text.split("  /c:").next().expect("text")).expect("spec written");
        let analysis = crate::analyze(&spec).expect("a `$ref` to a path is followed");
        let _ = std::fs::remove_dir_all(&dir);
        let paths: Vec<&str> = analysis
            .ir
            .operations
            .iter()
            .map(|o| o.path.as_str())
            .collect();
        assert_eq!(paths, ["/a", "/b"]);
    }

    #[test]
    fn body_type_words_match_the_response_variants() {
        assert_eq!(status_word(StatusMatch::Code(404)), "NotFound");
        assert_eq!(status_word(StatusMatch::Range(4)), "ClientError");
        assert_eq!(status_word(StatusMatch::Default), "Default");
    }
}
