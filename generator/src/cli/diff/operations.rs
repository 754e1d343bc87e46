//! Operations matched across versions (by method and path, else by operationId), then
//! compared: parameters, request body, responses and security.

use crate::ir::{
    Body, Operation, Param, ParamLocation, ResponseCase, ResponseEncoding, StatusMatch,
};
use crate::pointer::escape;

use super::change::Level;
use super::types::Flow;
use super::Differ;

/// `/pets/{petId}` and `/pets/{id}` are the same route.
fn route_key(op: &Operation) -> (String, String) {
    let mut path = String::new();
    let mut in_param = false;
    for c in op.path.chars() {
        match c {
            '{' => {
                in_param = true;
                path.push_str("{}");
            }
            '}' => in_param = false,
            c if !in_param => path.push(c),
            _ => {}
        }
    }
    (op.method.clone(), path)
}

fn label(op: &Operation) -> String {
    format!("{} {}", op.method, op.path)
}

impl Differ<'_> {
    pub fn compare_operations(&mut self) {
        let (old_ops, new_ops) = (
            &self.old.analysis.ir.operations,
            &self.new.analysis.ir.operations,
        );
        let mut matched_new = vec![false; new_ops.len()];
        for old in old_ops {
            let same_route = new_ops.iter().position(|n| route_key(n) == route_key(old));
            let same_id = || {
                new_ops.iter().enumerate().position(|(i, n)| {
                    n.name == old.name
                        && !matched_new[i]
                        && route_key(n) != route_key(old)
                        && !old_ops.iter().any(|o| route_key(o) == route_key(n))
                })
            };
            let Some(index) = same_route.or_else(same_id) else {
                self.operation = label(old);
                self.push(
                    "operation-removed",
                    Level::Err,
                    &old.pointer,
                    format!("operation `{}` was removed", old.name),
                );
                continue;
            };
            matched_new[index] = true;
            let new = &new_ops[index];
            self.operation = label(new);
            self.visited.clear();
            self.compare_operation(old, new);
        }
        for (new, _) in new_ops
            .iter()
            .zip(&matched_new)
            .filter(|(_, matched)| !**matched)
        {
            self.operation = label(new);
            self.push(
                "operation-added",
                Level::Info,
                &new.pointer,
                format!("operation `{}` was added", new.name),
            );
        }
        self.operation.clear();
    }

    fn compare_operation(&mut self, old: &Operation, new: &Operation) {
        if old.method != new.method {
            self.push(
                "operation-method-changed",
                Level::Err,
                &new.pointer,
                format!(
                    "`{}` changed method from {} to {}",
                    new.name, old.method, new.method
                ),
            );
        }
        if route_key(old).1 != route_key(new).1 {
            self.push(
                "operation-path-changed",
                Level::Err,
                &new.pointer,
                format!("`{}` moved from `{}` to `{}`", new.name, old.path, new.path),
            );
        }
        if old.name != new.name {
            self.push(
                "operation-id-changed",
                Level::Err,
                &format!("{}/operationId", new.pointer),
                format!(
                    "operationId changed from `{}` to `{}`: the generated method is renamed",
                    old.name, new.name
                ),
            );
        }
        if !old.deprecated && new.deprecated {
            self.push(
                "operation-deprecated",
                Level::Info,
                &new.pointer,
                format!("`{}` is deprecated", new.name),
            );
        }
        self.compare_params(old, new);
        self.compare_body(old, new);
        self.compare_responses(old, new);
        self.compare_security(&old.security, &new.security, &new.pointer);
    }

    fn compare_params(&mut self, old: &Operation, new: &Operation) {
        // A path parameter is its place in the template: `{id}` renamed `{petId}` is the
        // same positional argument of the generated method.
        let key = |op: &Operation, p: &Param| match p.location {
            ParamLocation::Path => (p.location, template_position(&op.path, &p.wire_name)),
            _ => (p.location, p.wire_name.clone()),
        };
        let where_ = |p: &Param| location_word(p.location);
        for param in &old.params {
            let old_at = self.old.param_pointer(old, param);
            match new.params.iter().find(|p| key(new, p) == key(old, param)) {
                Some(now) => {
                    let at = self.new.param_pointer(new, now);
                    if !param.required && now.required {
                        self.push(
                            "parameter-became-required",
                            Level::Err,
                            &at,
                            format!(
                                "{} parameter `{}` became required",
                                where_(now),
                                now.wire_name
                            ),
                        );
                    }
                    if param.required && !now.required {
                        self.push("parameter-became-optional", Level::Warn, &at, format!("{} parameter `{}` became optional: its field in the params struct becomes an Option", where_(now), now.wire_name));
                    }
                    self.compare_types(
                        &param.ty,
                        &now.ty,
                        Flow::Parameter,
                        &format!("{at}/schema"),
                        &format!("{old_at}/schema"),
                    );
                }
                None => match new.params.iter().find(|p| p.wire_name == param.wire_name) {
                    Some(moved) => {
                        let at = self.new.param_pointer(new, moved);
                        self.push(
                            "parameter-location-changed",
                            Level::Err,
                            &at,
                            format!(
                                "parameter `{}` moved from the {} to the {}",
                                param.wire_name,
                                where_(param),
                                where_(moved)
                            ),
                        );
                    }
                    None => self.push(
                        "parameter-removed",
                        Level::Err,
                        &old_at,
                        format!(
                            "{} parameter `{}` was removed",
                            where_(param),
                            param.wire_name
                        ),
                    ),
                },
            }
        }
        for param in new.params.iter().filter(|p| {
            !old.params
                .iter()
                .any(|o| o.wire_name == p.wire_name || key(old, o) == key(new, p))
        }) {
            let at = self.new.param_pointer(new, param);
            if param.required {
                self.push(
                    "parameter-added-required",
                    Level::Err,
                    &at,
                    format!(
                        "required {} parameter `{}` was added",
                        where_(param),
                        param.wire_name
                    ),
                );
            } else {
                self.push(
                    "parameter-added-optional",
                    Level::Info,
                    &at,
                    format!(
                        "optional {} parameter `{}` was added",
                        where_(param),
                        param.wire_name
                    ),
                );
            }
        }
    }

    fn compare_body(&mut self, old: &Operation, new: &Operation) {
        let body_pointer = |op: &Operation, body: &Body| {
            format!(
                "{}/requestBody/content/{}/schema",
                op.pointer,
                escape(&body.media_type)
            )
        };
        match (&old.body, &new.body) {
            (None, None) => {}
            (None, Some(body)) => {
                let level = if body.required {
                    Level::Err
                } else {
                    Level::Warn
                };
                self.push(
                    "request-body-added",
                    level,
                    &format!("{}/requestBody", new.pointer),
                    format!(
                        "a {} request body was added",
                        if body.required {
                            "required"
                        } else {
                            "optional"
                        }
                    ),
                );
            }
            (Some(_), None) => self.push(
                "request-body-removed",
                Level::Err,
                &format!("{}/requestBody", old.pointer),
                "the request body was removed",
            ),
            (Some(before), Some(after)) => {
                if before.media_type != after.media_type {
                    self.push(
                        "request-body-media-type-changed",
                        Level::Err,
                        &format!("{}/requestBody/content", new.pointer),
                        format!(
                            "request body media type changed from `{}` to `{}`",
                            before.media_type, after.media_type
                        ),
                    );
                }
                if !before.required && after.required {
                    self.push(
                        "request-body-became-required",
                        Level::Err,
                        &format!("{}/requestBody", new.pointer),
                        "the request body became required",
                    );
                }
                self.compare_types(
                    &before.ty,
                    &after.ty,
                    Flow::Request,
                    &body_pointer(new, after),
                    &body_pointer(old, before),
                );
            }
        }
    }

    fn compare_responses(&mut self, old: &Operation, new: &Operation) {
        let at = |op: &Operation, case: &ResponseCase| {
            format!(
                "{}/responses/{}",
                op.pointer,
                escape(&status_key(case.status))
            )
        };
        for before in &old.responses {
            let Some(after) = new.responses.iter().find(|r| r.status == before.status) else {
                let status = status_key(before.status);
                if before.status.is_success() {
                    self.push(
                        "response-success-status-removed",
                        Level::Err,
                        &at(old, before),
                        format!("success response {status} was removed"),
                    );
                } else {
                    self.push(
                        "response-status-removed",
                        Level::Info,
                        &at(old, before),
                        format!("response {status} was removed"),
                    );
                }
                continue;
            };
            let pointer = at(new, after);
            if let Some(media) = &before.media_type {
                if after.media_type.as_ref() != Some(media) {
                    let now = after
                        .media_type
                        .as_deref()
                        .map_or("no body".to_string(), |m| format!("`{m}`"));
                    self.push(
                        "response-media-type-removed",
                        Level::Err,
                        &pointer,
                        format!(
                            "response {} no longer offers `{media}` (now {now})",
                            status_key(after.status)
                        ),
                    );
                    continue;
                }
            }
            match (&before.encoding, &after.encoding) {
                (ResponseEncoding::Json(a), ResponseEncoding::Json(b)) => {
                    let media = escape(after.media_type.as_deref().unwrap_or(""));
                    let old_media = escape(before.media_type.as_deref().unwrap_or(""));
                    let old_pointer = format!("{}/content/{old_media}/schema", at(old, before));
                    self.compare_types(
                        a,
                        b,
                        Flow::Response,
                        &format!("{pointer}/content/{media}/schema"),
                        &old_pointer,
                    );
                }
                (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
                    self.push(
                        "response-type-changed",
                        Level::Err,
                        &pointer,
                        format!(
                            "response {} changed from {} to {}",
                            status_key(after.status),
                            encoding_word(a),
                            encoding_word(b)
                        ),
                    );
                }
                _ => {}
            }
        }
        for after in new
            .responses
            .iter()
            .filter(|r| !old.responses.iter().any(|o| o.status == r.status))
        {
            self.push(
                "response-status-added",
                Level::Info,
                &at(new, after),
                format!("response {} was added", status_key(after.status)),
            );
        }
    }
}

/// `#1` for the second `{…}` of the template (or the name, if it is not in the template).
fn template_position(path: &str, name: &str) -> String {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(n, _)| n))
        .position(|n| n == name)
        .map_or_else(|| name.to_string(), |i| format!("#{i}"))
}

fn status_key(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::Default => "default".into(),
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn encoding_word(encoding: &ResponseEncoding) -> &'static str {
    match encoding {
        ResponseEncoding::Json(_) => "JSON",
        ResponseEncoding::Text => "text",
        ResponseEncoding::Bytes => "bytes",
        ResponseEncoding::Empty => "no body",
    }
}
