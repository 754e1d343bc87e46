//! Operations matched across versions (by method and path, else by operationId), then
//! compared: parameters, request body, responses and security.

use crate::ir::{
    Body, Operation, Param, ParamLocation, ResponseCase, ResponseEncoding, StatusMatch,
};
use crate::pointer::escape;

use super::change::{Bump, Level};
use super::components::Folded;
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
    /// For each old operation, the index of the same operation in the new version: the same
    /// route, else the same operationId on a route the old version did not have.
    pub(super) fn match_operations(&self) -> Vec<Option<usize>> {
        let (old_ops, new_ops) = (
            &self.old.analysis.ir.operations,
            &self.new.analysis.ir.operations,
        );
        let mut matched_new = vec![false; new_ops.len()];
        old_ops
            .iter()
            .map(|old| {
                let same_route = new_ops.iter().position(|n| route_key(n) == route_key(old));
                let same_id = || {
                    new_ops.iter().enumerate().position(|(i, n)| {
                        n.name == old.name
                            && !matched_new[i]
                            && route_key(n) != route_key(old)
                            && !old_ops.iter().any(|o| route_key(o) == route_key(n))
                    })
                };
                let index = same_route.or_else(same_id)?;
                matched_new[index] = true;
                Some(index)
            })
            .collect()
    }

    pub(super) fn compare_operations(&mut self, matches: &[Option<usize>], folded: &Folded) {
        let (old_ops, new_ops) = (
            &self.old.analysis.ir.operations,
            &self.new.analysis.ir.operations,
        );
        for (i, (old, matched)) in old_ops.iter().zip(matches).enumerate() {
            let Some(index) = *matched else {
                self.operation = label(old);
                let with = match folded.get(&i) {
                    Some(names) => format!(
                        ", with {} component schema{} no remaining operation uses: {}",
                        names.len(),
                        if names.len() == 1 { "" } else { "s" },
                        listing(names, 10)
                    ),
                    None => String::new(),
                };
                self.push(
                    "operation-removed",
                    (Level::Err, Bump::Major),
                    &old.pointer,
                    format!("operation `{}` was removed{with}", old.name),
                );
                continue;
            };
            let new = &new_ops[index];
            self.operation = label(new);
            self.visited.clear();
            self.compare_operation(old, new);
        }
        for (index, new) in new_ops.iter().enumerate() {
            if !matches.contains(&Some(index)) {
                self.operation = label(new);
                self.push(
                    "operation-added",
                    (Level::Info, Bump::Minor),
                    &new.pointer,
                    format!("operation `{}` was added", new.name),
                );
            }
        }
        self.operation.clear();
    }

    fn compare_operation(&mut self, old: &Operation, new: &Operation) {
        if old.method != new.method {
            self.push(
                "operation-method-changed",
                (Level::Err, Bump::Patch),
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
                (Level::Err, Bump::Patch),
                &new.pointer,
                format!("`{}` moved from `{}` to `{}`", new.name, old.path, new.path),
            );
        }
        if old.name != new.name {
            self.push(
                "operation-id-changed",
                (Level::Info, Bump::Major),
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
                (Level::Info, Bump::Minor),
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
            let name = &param.wire_name;
            match new.params.iter().find(|p| key(new, p) == key(old, param)) {
                Some(now) => {
                    let at = self.new.param_pointer(new, now);
                    if !param.required && now.required {
                        self.push(
                            "parameter-became-required",
                            (Level::Err, Bump::Major),
                            &at,
                            format!("{} parameter `{name}` became required", where_(now)),
                        );
                    }
                    if param.required && !now.required {
                        self.push(
                            "parameter-became-optional",
                            (Level::Info, Bump::Major),
                            &at,
                            format!("{} parameter `{name}` became optional: its field in the params struct becomes an Option", where_(now)),
                        );
                    }
                    self.exploded_query = now.location == ParamLocation::Query && now.explode;
                    self.compare_types(
                        &param.ty,
                        &now.ty,
                        Flow::Parameter,
                        &format!("{at}/schema"),
                        &format!("{old_at}/schema"),
                    );
                    self.exploded_query = false;
                }
                None => match new.params.iter().find(|p| p.wire_name == param.wire_name) {
                    Some(moved) => {
                        let at = self.new.param_pointer(new, moved);
                        // Path parameters are arguments of the method, the others fields
                        // of its params struct.
                        let semver = if (param.location == ParamLocation::Path)
                            != (moved.location == ParamLocation::Path)
                        {
                            Bump::Major
                        } else {
                            Bump::Patch
                        };
                        self.push(
                            "parameter-location-changed",
                            (Level::Err, semver),
                            &at,
                            format!(
                                "parameter `{name}` moved from the {} to the {}",
                                where_(param),
                                where_(moved)
                            ),
                        );
                    }
                    None => {
                        // A server ignores most parameters it does not know; a path without
                        // its segment is another route.
                        let (level, note) = if param.location == ParamLocation::Path {
                            (Level::Err, "")
                        } else {
                            (
                                Level::Warn,
                                " (a server that rejects unknown parameters rejects it)",
                            )
                        };
                        self.push(
                            "parameter-removed",
                            (level, Bump::Major),
                            &old_at,
                            format!("{} parameter `{name}` was removed{note}", where_(param)),
                        );
                    }
                },
            }
        }
        let had_params_struct = old.params.iter().any(|p| p.location != ParamLocation::Path);
        for param in new.params.iter().filter(|p| {
            !old.params
                .iter()
                .any(|o| o.wire_name == p.wire_name || key(old, o) == key(new, p))
        }) {
            let at = self.new.param_pointer(new, param);
            let name = &param.wire_name;
            if param.required {
                self.push(
                    "parameter-added-required",
                    (Level::Err, Bump::Major),
                    &at,
                    format!("required {} parameter `{name}` was added", where_(param)),
                );
            } else {
                let (semver, note) = if had_params_struct {
                    (self.additive(), "")
                } else {
                    (Bump::Major, ": the method gains a params argument")
                };
                self.push(
                    "parameter-added-optional",
                    (Level::Info, semver),
                    &at,
                    format!(
                        "optional {} parameter `{name}` was added{note}",
                        where_(param)
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
        let required = |body: &Body| {
            if body.required {
                "required"
            } else {
                "optional"
            }
        };
        match (&old.body, &new.body) {
            (None, None) => {}
            (None, Some(body)) => {
                let level = if body.required {
                    Level::Err
                } else {
                    Level::Info
                };
                self.push(
                    "request-body-added",
                    (level, Bump::Major),
                    &format!("{}/requestBody", new.pointer),
                    format!(
                        "a {} request body was added: the method gains a body argument",
                        required(body)
                    ),
                );
            }
            (Some(_), None) => self.push(
                "request-body-removed",
                (Level::Err, Bump::Major),
                &format!("{}/requestBody", old.pointer),
                "the request body was removed",
            ),
            (Some(before), Some(after)) => {
                if before.media_type != after.media_type {
                    // The body argument keeps its type while the encoding does.
                    let semver = if before.encoding == after.encoding {
                        Bump::Patch
                    } else {
                        Bump::Major
                    };
                    self.push(
                        "request-body-media-type-changed",
                        (Level::Err, semver),
                        &format!("{}/requestBody/content", new.pointer),
                        format!(
                            "request body media type changed from `{}` to `{}`",
                            before.media_type, after.media_type
                        ),
                    );
                }
                if before.required != after.required {
                    let (id, level) = if after.required {
                        ("request-body-became-required", Level::Err)
                    } else {
                        ("request-body-became-optional", Level::Info)
                    };
                    self.push(
                        id,
                        (level, Bump::Major),
                        &format!("{}/requestBody", new.pointer),
                        format!(
                            "the request body became {}: the method's body argument {}",
                            required(after),
                            if after.required {
                                "is no longer an Option"
                            } else {
                                "becomes an Option"
                            }
                        ),
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
        let (old_api, new_api) = (ResponseApi::of(old), ResponseApi::of(new));
        for before in &old.responses {
            let Some(after) = new.responses.iter().find(|r| r.status == before.status) else {
                let status = status_key(before.status);
                if old_api.is_success(before) {
                    let semver = if old_api.single_success() && new_api.single_success() {
                        Bump::Patch
                    } else {
                        Bump::Major
                    };
                    self.push(
                        "response-success-status-removed",
                        (Level::Err, semver),
                        &at(old, before),
                        format!("success response {status} was removed"),
                    );
                } else {
                    self.push(
                        "response-status-removed",
                        (Level::Info, Bump::Major),
                        &at(old, before),
                        format!("response {status} was removed: its error variant goes away"),
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
                        (Level::Err, Bump::Major),
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
                        (Level::Err, Bump::Major),
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
            let status = status_key(after.status);
            // The method's success type is the one body, or an enum over several; its error
            // type is `Infallible`, or an enum over the documented errors.
            let (semver, note) = if new_api.is_success(after) {
                match (old_api.single_success(), new_api.single_success()) {
                    (true, true) => (Bump::Patch, ""),
                    (false, false) if !old_api.successes.is_empty() => (self.additive(), ""),
                    _ => (Bump::Major, ": the method's success type changes"),
                }
            } else if old_api.errors == 0 {
                (Bump::Major, ": the method's error type changes")
            } else {
                (self.additive(), "")
            };
            self.push(
                "response-status-added",
                (Level::Info, semver),
                &at(new, after),
                format!("response {status} was added{note}"),
            );
        }
        // One success status replaced by another (200 → 201): the method still returns the
        // one body, which is compared.
        let success = |api: &ResponseApi, op: &'_ Operation| {
            op.responses
                .iter()
                .find(|r| api.is_success(r))
                .filter(|_| api.single_success())
                .cloned()
        };
        let kept = old
            .responses
            .iter()
            .any(|o| old_api.is_success(o) && new.responses.iter().any(|n| n.status == o.status));
        if let (false, Some(before), Some(after)) =
            (kept, success(&old_api, old), success(&new_api, new))
        {
            let pointer = at(new, &after);
            match (&before.encoding, &after.encoding) {
                (ResponseEncoding::Json(a), ResponseEncoding::Json(b)) => {
                    let schema = |case: &ResponseCase| {
                        format!(
                            "/content/{}/schema",
                            escape(case.media_type.as_deref().unwrap_or(""))
                        )
                    };
                    let old_pointer = format!("{}{}", at(old, &before), schema(&before));
                    self.compare_types(
                        a,
                        b,
                        Flow::Response,
                        &format!("{pointer}{}", schema(&after)),
                        &old_pointer,
                    );
                }
                (a, b) if a != b => self.push(
                    "response-type-changed",
                    (Level::Err, Bump::Major),
                    &pointer,
                    format!(
                        "the success response changed from {} to {}",
                        encoding_word(a),
                        encoding_word(b)
                    ),
                ),
                _ => {}
            }
        }
    }
}

/// What an operation's responses make of its method's return type (as the emitter does).
struct ResponseApi<'o> {
    has_success: bool,
    successes: Vec<&'o ResponseEncoding>,
    errors: usize,
}

impl<'o> ResponseApi<'o> {
    fn of(op: &'o Operation) -> Self {
        let has_success = op.responses.iter().any(|r| r.status.is_success());
        let mut api = ResponseApi {
            has_success,
            successes: Vec::new(),
            errors: 0,
        };
        for case in &op.responses {
            if api.is_success(case) {
                api.successes.push(&case.encoding);
            } else {
                api.errors += 1;
            }
        }
        api
    }

    fn is_success(&self, case: &ResponseCase) -> bool {
        case.status.is_success() || (!self.has_success && case.status == StatusMatch::Default)
    }

    /// One success type (not an enum): every success has the same body.
    fn single_success(&self) -> bool {
        !self.successes.is_empty() && self.successes.windows(2).all(|w| w[0] == w[1])
    }
}

/// Up to `max` names in backticks, then how many more.
fn listing(names: &[String], max: usize) -> String {
    let mut out: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    if names.len() > max {
        out.push(format!("and {} more", names.len() - max));
    }
    out.join(", ")
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
