//! Path keys: templates that cannot be filled (`{}`, an unclosed brace, a name used twice),
//! a query string or a trailing slash in the key, and two paths a server cannot tell apart.

use std::collections::HashMap;

use super::document::entries;
use super::rules::{
    PATH_AMBIGUOUS, PATH_IDENTICAL, PATH_QUERY_STRING, PATH_TEMPLATE_INVALID, PATH_TRAILING_SLASH,
};
use super::Finding;
use crate::pointer::escape;

/// One path key, cut into segments; a segment holding a `{…}` is a template segment.
struct Route<'a> {
    path: &'a str,
    pointer: String,
    segments: Vec<&'a str>,
    templates: usize,
}

pub fn check(root: &serde_json::Value, out: &mut Vec<Finding>) {
    let mut routes = Vec::new();
    for (path, _) in entries(root.get("paths")) {
        if path.starts_with("x-") {
            continue;
        }
        let pointer = format!("/paths/{}", escape(path));
        if path.contains('?') {
            out.push(
                Finding::new(
                    PATH_QUERY_STRING,
                    &pointer,
                    format!("path `{path}` contains a query string"),
                )
                .help("remove it from the path and declare each query value as an `in: query` parameter"),
            );
        }
        if path.len() > 1 && path.ends_with('/') {
            out.push(
                Finding::new(
                    PATH_TRAILING_SLASH,
                    &pointer,
                    format!("path `{path}` ends with `/`"),
                )
                .help(format!(
                    "write `{}`: many servers answer a trailing slash with a redirect or a 404",
                    path.trim_end_matches('/')
                )),
            );
        }
        if let Some(problem) = template_problem(path) {
            out.push(
                Finding::new(
                    PATH_TEMPLATE_INVALID,
                    &pointer,
                    format!("path `{path}`: {problem}"),
                )
                .help("each `{name}` names one path parameter, once, between a `{` and a `}`"),
            );
            continue;
        }
        let segments: Vec<&str> = path.split('/').collect();
        let templates = segments.iter().filter(|s| s.contains('{')).count();
        routes.push(Route {
            path,
            pointer,
            segments,
            templates,
        });
    }
    same_routes(&routes, out);
}

/// Why a path template cannot be filled, if it cannot.
fn template_problem(path: &str) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Some("a `}` without its `{`".into());
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Some("a `{` without its `}`".into());
        };
        let name = &after[..close];
        if name.is_empty() {
            return Some("an empty `{}` names no parameter".into());
        }
        if name.contains('{') {
            return Some(format!("`{{{name}` is not closed before the next `{{`"));
        }
        if names.contains(&name) {
            return Some(format!("`{{{name}}}` appears twice"));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    None
}

/// `path-identical`: the same template with other parameter names (`/a/{x}`, `/a/{y}`).
/// `path-ambiguous`: as many template segments, each literal matched by a literal or a
/// template of the other (`/{kind}/me`, `/books/{id}`): a URL such as `/books/me` matches
/// both, and neither is the more literal one a router prefers.
fn same_routes(routes: &[Route], out: &mut Vec<Finding>) {
    let mut first_with_shape: HashMap<Vec<&str>, &Route> = HashMap::new();
    // Only routes with as many segments and as many template segments can be ambiguous.
    let mut groups: HashMap<(usize, usize), Vec<&Route>> = HashMap::new();
    for route in routes {
        let shape: Vec<&str> = route
            .segments
            .iter()
            .map(|s| if s.contains('{') { "{}" } else { s })
            .collect();
        if let Some(first) = first_with_shape.get(&shape) {
            out.push(
                Finding::new(
                    PATH_IDENTICAL,
                    &route.pointer,
                    format!(
                        "path `{}` is the same as `{}` with other parameter names",
                        route.path, first.path
                    ),
                )
                .help("merge the two path items: a server cannot tell them apart"),
            );
            continue;
        }
        first_with_shape.insert(shape, route);
        if route.templates == 0 {
            continue;
        }
        let group = groups
            .entry((route.segments.len(), route.templates))
            .or_default();
        if let Some(other) = group.iter().find(|other| ambiguous(other, route)) {
            out.push(
                Finding::new(
                    PATH_AMBIGUOUS,
                    &route.pointer,
                    format!(
                        "path `{}` and `{}` both match some URLs, and neither is more literal",
                        route.path, other.path
                    ),
                )
                .help("use a literal segment in the same place in both, or merge them"),
            );
        }
        group.push(route);
    }
}

fn ambiguous(a: &Route, b: &Route) -> bool {
    a.segments
        .iter()
        .zip(&b.segments)
        .all(|(x, y)| x == y || x.contains('{') || y.contains('{'))
}

#[cfg(test)]
mod tests {
    use super::template_problem;

    #[test]
    fn templates() {
        assert_eq!(template_problem("/pets/{id}/toys/{toyId}"), None);
        assert_eq!(template_problem("/files/{name}.{ext}"), None);
        assert!(template_problem("/pets/{}").unwrap().contains("empty"));
        assert!(template_problem("/pets/{id")
            .unwrap()
            .contains("without its `}`"));
        assert!(template_problem("/pets/id}")
            .unwrap()
            .contains("without its `{`"));
        assert!(template_problem("/a/{id}/b/{id}")
            .unwrap()
            .contains("twice"));
        assert!(template_problem("/a/{x{y}").unwrap().contains("not closed"));
    }
}
