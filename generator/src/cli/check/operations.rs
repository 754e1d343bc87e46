//! Operation rules: operationIds, path templates against path parameters, parameters
//! declared twice, success and client-error responses, and security requirements against
//! the schemes and scopes defined.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::document::{entries, items, OperationRef, Spec};
use super::rules::{
    NO_4XX_RESPONSE, NO_SUCCESS_RESPONSE, OPERATION_ID_DUPLICATE, OPERATION_ID_MISSING,
    OPERATION_ID_NOT_IDENTIFIER, PARAMETER_DUPLICATE, PATH_PARAM_UNDECLARED, PATH_PARAM_UNUSED,
    SECURITY_REQUIREMENT_EMPTY, SECURITY_SCHEME_UNDEFINED, SECURITY_SCOPE_UNDEFINED,
};
use super::Finding;
use crate::pointer::escape;

pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    let operations = spec.operations();
    operation_ids(operations, out);
    let global = spec.root.get("security");
    for op in operations {
        undeclared_path_params(spec, op, out);
        responses(op, out);
        if let Some(security) = op.operation.get("security") {
            let pointer = format!("{}/security", op.pointer);
            requirements(spec, security, &pointer, out);
            if names_nothing(security) && !global.is_some_and(names_a_scheme) {
                out.push(
                    Finding::new(
                        SECURITY_REQUIREMENT_EMPTY,
                        &pointer,
                        format!(
                            "the security of `{}` names no scheme, and there is no document-wide requirement for it to lift",
                            route(op)
                        ),
                    )
                    .help("name the scheme the operation needs, or remove `security`: the operation is public either way"),
                );
            }
        }
    }
    parameter_lists(spec, out);
    if let Some(security) = global {
        requirements(spec, security, "/security", out);
        if names_nothing(security) {
            out.push(
                Finding::new(
                    SECURITY_REQUIREMENT_EMPTY,
                    "/security",
                    "the document-wide security names no scheme",
                )
                .help("name the scheme the operations need, or write `security: []` to say they are public"),
            );
        }
    }
}

fn route(op: &OperationRef) -> String {
    format!("{} {}", op.method.to_ascii_uppercase(), op.path)
}

/// `[{}]`: requirements, none naming a scheme. (`[]` is the documented way to say
/// "public", and `[{}, {bearer: []}]` makes authentication optional: both are fine.)
fn names_nothing(security: &Value) -> bool {
    security.as_array().is_some_and(|list| {
        !list.is_empty()
            && list
                .iter()
                .all(|r| r.as_object().is_some_and(|r| r.is_empty()))
    })
}

fn names_a_scheme(security: &Value) -> bool {
    items(Some(security)).any(|(_, r)| r.as_object().is_some_and(|r| !r.is_empty()))
}

fn operation_ids(operations: &[OperationRef], out: &mut Vec<Finding>) {
    let mut first_seen: BTreeMap<&str, &OperationRef> = BTreeMap::new();
    for op in operations {
        let route = route(op);
        let Some(id) = op.operation.get("operationId").and_then(Value::as_str) else {
            out.push(
                Finding::new(
                    OPERATION_ID_MISSING,
                    &op.pointer,
                    format!("`{route}` has no operationId"),
                )
                .help("add one: the generated method is named after it, and a name derived from the path changes when the path does"),
            );
            continue;
        };
        let pointer = format!("{}/operationId", op.pointer);
        if let Some(first) = first_seen.get(id) {
            out.push(
                Finding::new(
                    OPERATION_ID_DUPLICATE,
                    &pointer,
                    format!(
                        "operationId `{id}` of `{route}` is already used by `{} {}`",
                        first.method.to_ascii_uppercase(),
                        first.path
                    ),
                )
                .help("operationIds must be unique in the document"),
            );
        } else {
            first_seen.insert(id, op);
        }
        if !is_identifier_safe(id) {
            out.push(
                Finding::new(
                    OPERATION_ID_NOT_IDENTIFIER,
                    &pointer,
                    format!("operationId `{id}` is not identifier-safe"),
                )
                .help("use letters, digits and `_`, starting with a letter (e.g. `getPet`): other characters are dropped or replaced in generated names"),
            );
        }
    }
}

fn is_identifier_safe(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `{id}` names in a path template, in order (an empty `{}` is `path-template-invalid`).
fn template_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty())
        .collect()
}

fn is_path_param(param: &Value) -> bool {
    param.get("in").and_then(Value::as_str) == Some("path")
}

fn undeclared_path_params<'a>(spec: &Spec<'a>, op: &OperationRef<'a>, out: &mut Vec<Finding>) {
    let declared: BTreeSet<&str> = spec
        .parameters(op)
        .into_iter()
        .filter(|(p, _)| is_path_param(p))
        .filter_map(|(p, _)| p.get("name").and_then(Value::as_str))
        .collect();
    for name in template_names(op.path) {
        if !declared.contains(name) {
            out.push(
                Finding::new(
                    PATH_PARAM_UNDECLARED,
                    &op.pointer,
                    format!(
                        "path parameter `{name}` of `{}` is not declared by `{}`",
                        op.path,
                        op.method.to_ascii_uppercase()
                    ),
                )
                .help(format!(
                    "add `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` to the operation or its path item"
                )),
            );
        }
    }
}

/// The parameters of each path item and each operation, checked where they are written
/// (a path item once for all its operations): a path parameter whose name is not in the
/// template, and a parameter listed twice. An operation's parameter of the same name and
/// location as its path item's overrides it, which is no duplicate.
fn parameter_lists(spec: &Spec, out: &mut Vec<Finding>) {
    let mut places: Vec<(&str, &Value, String)> = Vec::new();
    for (path, item) in entries(spec.root.get("paths")) {
        places.push((path, item, format!("/paths/{}", escape(path))));
    }
    for op in spec.operations() {
        places.push((op.path, op.operation, op.pointer.clone()));
    }
    for (path, holder, pointer) in places {
        let template = template_names(path);
        let mut seen: BTreeMap<(String, &str), String> = BTreeMap::new();
        for (i, param) in items(holder.get("parameters")) {
            let at = format!("{pointer}/parameters/{i}");
            let (param, _) = spec.resolve(param, &at);
            let Some(name) = param.get("name").and_then(Value::as_str) else {
                continue;
            };
            let location = param.get("in").and_then(Value::as_str).unwrap_or("");
            if is_path_param(param) && !template.contains(&name) {
                out.push(
                    Finding::new(
                        PATH_PARAM_UNUSED,
                        &at,
                        format!("path parameter `{name}` is not in the path `{path}`"),
                    )
                    .help(format!(
                        "add `{{{name}}}` to the path, or remove the parameter"
                    )),
                );
            }
            // Header names are case-insensitive.
            let key = match location {
                "header" => name.to_ascii_lowercase(),
                _ => name.to_string(),
            };
            if let Some(first) = seen.get(&(key.clone(), location)) {
                out.push(
                    Finding::new(
                        PARAMETER_DUPLICATE,
                        &at,
                        format!(
                            "{location} parameter `{name}` is declared twice, first at #{first}"
                        ),
                    )
                    .help("remove one: a client cannot send both, and a server reads only one"),
                );
            } else {
                seen.insert((key, location), at);
            }
        }
    }
}

/// `no-success-response` and `no-4xx-response`.
fn responses(op: &OperationRef, out: &mut Vec<Finding>) {
    let responses = op.operation.get("responses");
    let pointer = match responses {
        Some(_) => format!("{}/responses", op.pointer),
        None => op.pointer.clone(),
    };
    if !has_status_class(responses, '2') {
        out.push(
            Finding::new(
                NO_SUCCESS_RESPONSE,
                &pointer,
                format!("`{}` documents no 2xx response", route(op)),
            )
            .help("document the success response: without one the client has no typed result"),
        );
    }
    if !has_status_class(responses, '4') {
        out.push(
            Finding::new(
                NO_4XX_RESPONSE,
                &pointer,
                format!("`{}` documents no 4xx response", route(op)),
            )
            .help("document the client errors (400, 404, 422, …) with their bodies: the client then returns them typed; `default` does not say which statuses it covers"),
        );
    }
}

/// Whether a status of class `class` (`2` for 2xx) is documented, as `201` or `2XX`.
fn has_status_class(responses: Option<&Value>, class: char) -> bool {
    entries(responses).any(|(status, _)| {
        status.len() == 3
            && status.starts_with(class)
            && (status[1..].chars().all(|c| c.is_ascii_digit())
                || status[1..].eq_ignore_ascii_case("xx"))
    })
}

fn requirements(spec: &Spec, security: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let schemes = spec
        .root
        .get("components")
        .and_then(|c| c.get("securitySchemes"));
    for (i, requirement) in items(Some(security)) {
        for (name, scopes) in entries(Some(requirement)) {
            let at = format!("{pointer}/{i}/{}", escape(name));
            let Some(scheme) = schemes.and_then(|s| s.get(name)) else {
                out.push(
                    Finding::new(
                        SECURITY_SCHEME_UNDEFINED,
                        &at,
                        format!("security scheme `{name}` is not defined"),
                    )
                    .help(format!(
                        "define `{name}` under `components/securitySchemes`"
                    )),
                );
                continue;
            };
            let (scheme, _) = spec.resolve(scheme, "");
            let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
            let defined: Option<BTreeSet<&str>> = match kind {
                "oauth2" => Some(
                    entries(scheme.get("flows"))
                        .flat_map(|(_, flow)| entries(flow.get("scopes")).map(|(s, _)| s.as_str()))
                        .collect(),
                ),
                // Its scopes live with the identity provider, not in the document.
                "openIdConnect" => None,
                _ => Some(BTreeSet::new()),
            };
            let Some(defined) = defined else { continue };
            for (j, scope) in items(Some(scopes)) {
                let Some(scope) = scope.as_str() else {
                    continue;
                };
                if !defined.contains(scope) {
                    let (message, help) = if kind == "oauth2" {
                        (
                            format!("scope `{scope}` is not defined by security scheme `{name}`"),
                            format!("add `{scope}` to the `scopes` of a flow of `{name}`"),
                        )
                    } else {
                        (
                            format!("scope `{scope}` given for `{name}`, a `{kind}` scheme without scopes"),
                            "only oauth2 and openIdConnect requirements list scopes; leave this list empty".to_string(),
                        )
                    };
                    out.push(
                        Finding::new(SECURITY_SCOPE_UNDEFINED, &format!("{at}/{j}"), message)
                            .help(help),
                    );
                }
            }
        }
    }
}
