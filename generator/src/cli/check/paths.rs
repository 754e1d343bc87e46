//! Path keys: templates that cannot be filled (`{}`, an unclosed brace, a name used twice),
//! a query string or a trailing slash in the key, and two paths a server cannot tell apart.

use std::collections::{BTreeMap, HashMap};

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
    /// Bit `i` set: segment `i` is a template segment (paths of more than 64 segments are
    /// not compared for ambiguity).
    templates: u64,
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
        let templates = segments
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, s)| s.contains('{'))
            .fold(0, |mask, (i, _)| mask | 1 << i);
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

/// `path-identical`: the same template with other parameter names (`/a/{x}`, `/a/{y}`;
/// `/c/{base}...{head}` and `/c/{range}` are not: they are ambiguous).
/// `path-ambiguous`: as many template segments, each literal matched by a literal or a
/// template of the other (`/{kind}/me`, `/books/{id}`): a URL such as `/books/me` matches
/// both, and neither is the more literal one a router prefers.
fn same_routes(routes: &[Route], out: &mut Vec<Finding>) {
    let mut first_with_shape: HashMap<Vec<String>, &Route> = HashMap::new();
    // Only routes with as many segments and as many template segments can be ambiguous.
    let mut groups: HashMap<(usize, u32), Group> = HashMap::new();
    for route in routes {
        let shape: Vec<String> = route.segments.iter().map(|s| unnamed(s)).collect();
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
        if route.templates == 0 || route.segments.len() > 64 {
            continue;
        }
        let group = groups
            .entry((route.segments.len(), route.templates.count_ones()))
            .or_default();
        if let Some(other) = group.ambiguous_with(route) {
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
        group.add(route);
    }
}

/// Routes of one length and one number of template segments. Two of them are ambiguous
/// when their literal segments agree wherever neither has a template; for each pair of
/// template layouts, the routes of the second are indexed by their literals at those
/// places, so finding an ambiguous route is a lookup per layout, not a comparison per
/// route.
#[derive(Default)]
struct Group<'r, 'a> {
    by_layout: BTreeMap<u64, Vec<&'r Route<'a>>>,
    /// (layout asked about, layout indexed) → the literals where neither has a template
    /// → the first route of the indexed layout with them.
    indexes: HashMap<(u64, u64), HashMap<Vec<&'a str>, &'r Route<'a>>>,
}

impl<'r, 'a> Group<'r, 'a> {
    fn ambiguous_with(&mut self, route: &Route<'a>) -> Option<&'r Route<'a>> {
        for (&layout, routes) in &self.by_layout {
            let wildcards = route.templates | layout;
            let index = self
                .indexes
                .entry((route.templates, layout))
                .or_insert_with(|| {
                    let mut index = HashMap::new();
                    for other in routes {
                        index.entry(literals(other, wildcards)).or_insert(*other);
                    }
                    index
                });
            if let Some(other) = index.get(&literals(route, wildcards)) {
                return Some(other);
            }
        }
        None
    }

    fn add(&mut self, route: &'r Route<'a>) {
        for ((asked, indexed), index) in &mut self.indexes {
            if *indexed == route.templates {
                index
                    .entry(literals(route, asked | indexed))
                    .or_insert(route);
            }
        }
        self.by_layout
            .entry(route.templates)
            .or_default()
            .push(route);
    }
}

/// The segments of `route` outside `wildcards`.
fn literals<'a>(route: &Route<'a>, wildcards: u64) -> Vec<&'a str> {
    route
        .segments
        .iter()
        .enumerate()
        .filter(|(i, _)| wildcards & 1 << i == 0)
        .map(|(_, segment)| *segment)
        .collect()
}

/// A segment with its parameters' names left out: `{base}...{head}` → `{}...{}`.
fn unnamed(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..=open]);
        // The template is valid here: every `{` has its `}`.
        rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
        out.push('}');
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{check, template_problem, unnamed};
    use serde_json::json;

    #[test]
    fn ambiguity_is_found_across_template_layouts() {
        let paths = |list: &[&str]| {
            let root = json!({ "paths": list.iter().map(|p| (p.to_string(), json!({}))).collect::<serde_json::Map<_, _>>() });
            let mut out = Vec::new();
            check(&root, &mut out);
            out.iter()
                .map(|f| format!("{} {}", f.rule, f.pointer))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            paths(&["/{a}/x/{b}", "/y/z/{d}", "/y/{c}/{d}", "/y/w/{e}"]),
            ["path-ambiguous /paths/~1y~1{c}~1{d}"]
        );
        assert_eq!(
            paths(&["/a/{x}", "/b/{x}", "/a/{y}/c", "/a/b/{z}"]),
            ["path-ambiguous /paths/~1a~1b~1{z}"]
        );
        assert!(paths(&["/pets/{id}", "/pets/mine", "/toys/{id}"]).is_empty());
    }

    #[test]
    fn unnamed_segments() {
        assert_eq!(unnamed("{base}...{head}"), "{}...{}");
        assert_eq!(unnamed("pets"), "pets");
        assert_eq!(unnamed("v{version}"), "v{}");
    }

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
