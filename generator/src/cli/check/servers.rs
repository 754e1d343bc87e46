//! Server URLs: a trailing slash, and `{variables}` that the client cannot fill in.

use serde_json::Value;

use super::document::{entries, items, Spec, METHODS};
use super::rules::{SERVER_TRAILING_SLASH, SERVER_VARIABLE_INVALID};
use super::Finding;
use crate::pointer::escape;

pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    let mut lists: Vec<(&Value, String)> = Vec::new();
    if let Some(servers) = spec.root.get("servers") {
        lists.push((servers, "/servers".into()));
    }
    for (path, item) in entries(spec.root.get("paths")) {
        let item_pointer = format!("/paths/{}", escape(path));
        if let Some(servers) = item.get("servers") {
            lists.push((servers, format!("{item_pointer}/servers")));
        }
        for method in METHODS {
            if let Some(servers) = item.get(method).and_then(|op| op.get("servers")) {
                lists.push((servers, format!("{item_pointer}/{method}/servers")));
            }
        }
    }
    for (list, pointer) in lists {
        for (i, server) in items(Some(list)) {
            let Some(url) = server.get("url").and_then(Value::as_str) else {
                continue;
            };
            let at = format!("{pointer}/{i}");
            if url.len() > 1 && url.ends_with('/') {
                out.push(
                    Finding::new(
                        SERVER_TRAILING_SLASH,
                        &format!("{at}/url"),
                        format!("server URL `{url}` ends with `/`"),
                    )
                    .help(format!(
                        "write `{}`: paths start with `/`, so joining them gives `//`",
                        url.trim_end_matches('/')
                    )),
                );
            }
            variables(server, url, &at, out);
        }
    }
}

/// Each `{name}` in the URL needs a variable (with its `default`, the value the client
/// uses unless told otherwise: a variable without one is no valid document), and an
/// `enum`, when there is one, must offer that default.
fn variables(server: &Value, url: &str, pointer: &str, out: &mut Vec<Finding>) {
    let defined = server.get("variables");
    for name in url
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
    {
        if defined.and_then(|d| d.get(name)).is_none() {
            out.push(
                Finding::new(
                    SERVER_VARIABLE_INVALID,
                    &format!("{pointer}/url"),
                    format!(
                        "server URL `{url}` uses `{{{name}}}`, which `variables` does not define"
                    ),
                )
                .help(format!(
                    "define `{name}` under the server's `variables`, with a `default`"
                )),
            );
        }
    }
    for (name, variable) in entries(defined) {
        let at = format!("{pointer}/variables/{}", escape(name));
        let (Some(default), Some(values)) = (
            variable.get("default"),
            variable.get("enum").and_then(Value::as_array),
        ) else {
            continue;
        };
        let problem = if values.is_empty() {
            format!("server variable `{name}` has an empty `enum`")
        } else if !values.contains(default) {
            format!("the default {default} of server variable `{name}` is not in its `enum`")
        } else {
            continue;
        };
        out.push(
            Finding::new(SERVER_VARIABLE_INVALID, &at, problem)
                .help("list the values the server accepts in `enum`, the default among them"),
        );
    }
}
