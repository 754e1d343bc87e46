//! Which list operations page with a cursor, and where the cursor and the items sit.
//!
//! Three sources, the first that speaks wins: the build script
//! ([`Config::paginate`](crate::Config::paginate) and
//! [`Config::no_pagination`](crate::Config::no_pagination)), the operation's
//! `x-specgen-pagination` extension, and detection from the operation's shape when it is
//! unambiguous. What is asked for explicitly and does not fit the operation is a located
//! error with the fix; what detection cannot settle is simply not paginated.

use heck::ToSnakeCase;

use super::{
    Field, Operation, ParamLocation, ResponseEncoding, Struct, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::config::{Config, Pagination};
use crate::error::{Error, ErrorKind};
use crate::resolve::Resolver;

/// The vendor extension that declares an operation's pagination.
pub(crate) const EXTENSION: &str = "x-specgen-pagination";

/// Query parameter names detection takes for a page cursor (compared in snake case).
const CURSOR_PARAMS: [&str; 3] = ["cursor", "page_cursor", "page_token"];

/// How an operation pages: indices into the operation and its success body.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// The cursor parameter, an index into [`Operation::params`]; an optional query string.
    pub cursor_param: usize,
    /// The success body's struct.
    pub page: TypeId,
    /// The field of `page` holding the next cursor, a string.
    pub next_cursor: usize,
    /// The field of `page` holding the page's items, an array.
    pub items: usize,
    /// The type of one item.
    pub item: TypeRef,
}

/// Where an operation's pagination was asked for, for the diagnostics.
enum Source<'a> {
    /// `x-specgen-pagination` at this pointer.
    Extension(String),
    /// `Config::paginate` for this operation id.
    Config(&'a str),
}

/// A requested pagination that does not fit: what is wrong, with which key, and the fix.
struct Misfit {
    key: Option<&'static str>,
    message: String,
    help: String,
}

/// Sets [`Operation::paging`] on every operation that pages. `extensions` holds each
/// operation's `x-specgen-pagination` value, in order.
pub(super) fn assign(
    operations: &mut [Operation],
    extensions: &[Option<serde_json::Value>],
    types: &[TypeDef],
    resolver: &Resolver,
    config: &Config,
) -> Result<(), Error> {
    for name in config.paginations.keys() {
        if !operations.iter().any(|op| &op.name == name) {
            let mut ids: Vec<&str> = operations.iter().map(|op| op.name.as_str()).collect();
            ids.sort_unstable();
            return Err(resolver
                .error(
                    ErrorKind::Inconsistent,
                    &resolver.root,
                    "/paths",
                    format!("`Config::paginate` or `Config::no_pagination` names operation `{name}`, which this spec does not have"),
                )
                .help(format!("use one of its operationIds: {}", quoted(&ids))));
        }
    }
    for (op, extension) in operations.iter_mut().zip(extensions) {
        let extension_pointer = format!("{}/{}", op.pointer, crate::pointer::escape(EXTENSION));
        let (requested, source) = match (config.paginations.get(&op.name), extension) {
            (Some(None), _) => continue,
            (Some(Some(requested)), _) => (Some(requested.clone()), Source::Config(&op.name)),
            (None, Some(value)) => (
                parse_extension(value).map_err(|misfit| {
                    located(
                        resolver,
                        &extension_pointer,
                        misfit,
                        format!("`{EXTENSION}`"),
                    )
                })?,
                Source::Extension(extension_pointer),
            ),
            (None, None) => {
                op.paging = detect(op, types, config);
                continue;
            }
        };
        let Some(requested) = requested else {
            continue;
        };
        op.paging = Some(
            fit(op, &requested, types, config).map_err(|misfit| match &source {
                Source::Extension(pointer) => {
                    located(resolver, pointer, misfit, format!("`{EXTENSION}`"))
                }
                Source::Config(id) => located(
                    resolver,
                    &op.pointer,
                    Misfit {
                        key: None,
                        ..misfit
                    },
                    format!("`Config::paginate(\"{id}\", …)`"),
                ),
            })?,
        );
    }
    Ok(())
}

fn located(resolver: &Resolver, pointer: &str, misfit: Misfit, source: String) -> Error {
    let pointer = match misfit.key {
        Some(key) => format!("{pointer}/{key}"),
        None => pointer.to_string(),
    };
    resolver
        .error(
            ErrorKind::Inconsistent,
            &resolver.root,
            &pointer,
            format!("{source}: {}", misfit.message),
        )
        .help(misfit.help)
}

/// The extension's value: `false` (no pagination) or the three names.
fn parse_extension(value: &serde_json::Value) -> Result<Option<Pagination>, Misfit> {
    const SHAPE: &str = "write `x-specgen-pagination: {cursor_param: <query parameter>, \
                         next_cursor: <response property>, items: <response array property>}`, \
                         or `false` to turn pagination off for this operation";
    let object = match value {
        serde_json::Value::Bool(false) => return Ok(None),
        serde_json::Value::Object(object) => object,
        _ => {
            return Err(Misfit {
                key: None,
                message: "must be an object or `false`".into(),
                help: SHAPE.into(),
            })
        }
    };
    if let Some(unknown) = object
        .keys()
        .find(|key| !["cursor_param", "next_cursor", "items"].contains(&key.as_str()))
    {
        return Err(Misfit {
            key: None,
            message: format!("unknown key `{unknown}`"),
            help: SHAPE.into(),
        });
    }
    let name = |key: &'static str| match object.get(key) {
        Some(serde_json::Value::String(name)) => Ok(name.clone()),
        Some(_) => Err(Misfit {
            key: Some(key),
            message: format!("`{key}` must be a string"),
            help: SHAPE.into(),
        }),
        None => Err(Misfit {
            key: None,
            message: format!("`{key}` is missing"),
            help: SHAPE.into(),
        }),
    };
    Ok(Some(Pagination {
        cursor_param: name("cursor_param")?,
        next_cursor: name("next_cursor")?,
        items: name("items")?,
    }))
}

/// The requested pagination resolved against the operation, or what does not fit.
fn fit(
    op: &Operation,
    requested: &Pagination,
    types: &[TypeDef],
    config: &Config,
) -> Result<Paging, Misfit> {
    let route = format!("`{} {}`", op.method, op.path);
    if op.body.is_some() {
        return Err(Misfit {
            key: None,
            message: format!(
                "{route} takes a request body; only operations without one are paginated"
            ),
            help: "remove the pagination, or send the cursor of such an operation yourself".into(),
        });
    }
    let query: Vec<&str> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.wire_name.as_str())
        .collect();
    let Some(cursor_param) = op
        .params
        .iter()
        .position(|p| p.location == ParamLocation::Query && p.wire_name == requested.cursor_param)
    else {
        return Err(Misfit {
            key: Some("cursor_param"),
            message: format!(
                "`{}` is not a query parameter of {route}",
                requested.cursor_param
            ),
            help: if query.is_empty() {
                "declare the cursor as an optional query parameter of this operation".into()
            } else {
                format!("name one of its query parameters: {}", quoted(&query))
            },
        });
    };
    let param = &op.params[cursor_param];
    if param.required || unalias(&param.ty, types) != &TypeRef::String {
        return Err(Misfit {
            key: Some("cursor_param"),
            message: format!(
                "query parameter `{}` must be an optional string: the first page is asked for without a cursor",
                param.wire_name
            ),
            help: format!(
                "declare `{}` with `required: false` and `schema: {{type: string}}`",
                param.wire_name
            ),
        });
    }
    let Some((page, page_struct)) = page_struct(op, types, config) else {
        return Err(Misfit {
            key: None,
            message: format!("the successful response of {route} is not one JSON object"),
            help: "give the operation one success status whose JSON body is an object holding the next cursor and the items".into(),
        });
    };
    let field_named = |key: &'static str, wanted: &str| {
        page_struct
            .fields
            .iter()
            .position(|f| f.wire_name == wanted && !f.boxed)
            .ok_or_else(|| {
                let properties: Vec<&str> = page_struct
                    .fields
                    .iter()
                    .map(|f| f.wire_name.as_str())
                    .collect();
                Misfit {
                    key: Some(key),
                    message: format!("the response body of {route} has no property `{wanted}`"),
                    help: format!("name one of its properties: {}", quoted(&properties)),
                }
            })
    };
    // The properties of a kind, for a fix that names one of them.
    let properties_where = |keep: fn(&TypeRef) -> bool, kind: &str| {
        let names: Vec<&str> = page_struct
            .fields
            .iter()
            .filter(|f| keep(unalias(&f.ty, types)))
            .map(|f| f.wire_name.as_str())
            .collect();
        if names.is_empty() {
            format!("the response body has no {kind} property: add one")
        } else {
            format!("name one of its {kind} properties: {}", quoted(&names))
        }
    };
    let next_cursor = field_named("next_cursor", &requested.next_cursor)?;
    if unalias(&page_struct.fields[next_cursor].ty, types) != &TypeRef::String {
        return Err(Misfit {
            key: Some("next_cursor"),
            message: format!(
                "response property `{}` must be a string, the cursor of the next page",
                requested.next_cursor
            ),
            help: properties_where(|ty| ty == &TypeRef::String, "string"),
        });
    }
    let items = field_named("items", &requested.items)?;
    let TypeRef::Vec(item) = unalias(&page_struct.fields[items].ty, types) else {
        return Err(Misfit {
            key: Some("items"),
            message: format!(
                "response property `{}` must be an array, the page's items",
                requested.items
            ),
            help: properties_where(|ty| matches!(ty, TypeRef::Vec(_)), "array"),
        });
    };
    Ok(Paging {
        cursor_param,
        page,
        next_cursor,
        items,
        item: (**item).clone(),
    })
}

/// Pagination read from the operation's shape: exactly one optional string query parameter
/// named like a cursor, and a JSON object body with exactly one string property named like
/// a next cursor (`next…cursor`, `next…token`) and exactly one array property.
fn detect(op: &Operation, types: &[TypeDef], config: &Config) -> Option<Paging> {
    if op.body.is_some() {
        return None;
    }
    let cursor_params: Vec<usize> = (0..op.params.len())
        .filter(|&i| {
            let p = &op.params[i];
            p.location == ParamLocation::Query
                && CURSOR_PARAMS.contains(&p.wire_name.to_snake_case().as_str())
        })
        .collect();
    let [cursor_param] = cursor_params[..] else {
        return None;
    };
    let param = &op.params[cursor_param];
    if param.required || unalias(&param.ty, types) != &TypeRef::String {
        return None;
    }
    let (page, page_struct) = page_struct(op, types, config)?;
    let fields_where = |keep: &dyn Fn(&Field) -> bool| -> Vec<usize> {
        (0..page_struct.fields.len())
            .filter(|&i| !page_struct.fields[i].boxed && keep(&page_struct.fields[i]))
            .collect()
    };
    let next_cursors = fields_where(&|f| {
        let name = f.wire_name.to_snake_case();
        name.starts_with("next")
            && (name.ends_with("cursor") || name.ends_with("token"))
            && unalias(&f.ty, types) == &TypeRef::String
    });
    let arrays = fields_where(&|f| matches!(unalias(&f.ty, types), TypeRef::Vec(_)));
    let (&[next_cursor], &[items]) = (next_cursors.as_slice(), arrays.as_slice()) else {
        return None;
    };
    let TypeRef::Vec(item) = unalias(&page_struct.fields[items].ty, types) else {
        return None;
    };
    Some(Paging {
        cursor_param,
        page,
        next_cursor,
        items,
        item: (**item).clone(),
    })
}

/// The struct every success status of `op` returns as JSON, unless the build script
/// replaces it with a type of its own (whose fields are unknown).
fn page_struct<'t>(
    op: &Operation,
    types: &'t [TypeDef],
    config: &Config,
) -> Option<(TypeId, &'t Struct)> {
    let mut bodies = op.responses.iter().filter(|r| r.status.is_success());
    let ResponseEncoding::Json(first) = &bodies.next()?.encoding else {
        return None;
    };
    if !bodies.all(|r| matches!(&r.encoding, ResponseEncoding::Json(ty) if ty == first)) {
        return None;
    }
    let TypeRef::Named(id) = unalias(first, types) else {
        return None;
    };
    let def = &types[id.0];
    let replaced = def.named_in_spec
        && matches!(def.name.as_slice(), [name] if config.replacements.contains_key(name));
    match &def.kind {
        TypeKind::Struct(page) if !replaced => Some((*id, page)),
        _ => None,
    }
}

/// The type behind aliases and `Option`s: what a field's value is at heart.
fn unalias<'t>(mut ty: &'t TypeRef, types: &'t [TypeDef]) -> &'t TypeRef {
    // Alias cycles are broken before this runs; the bound is a guard, not a rule.
    for _ in 0..=types.len() {
        ty = match ty {
            TypeRef::Option(inner) => inner,
            TypeRef::Named(id) => match &types[id.0].kind {
                TypeKind::Alias(inner) => inner,
                _ => return ty,
            },
            _ => return ty,
        };
    }
    ty
}

/// `` `a`, `b`, `c` ``: the first few names a fix can choose from.
fn quoted(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut list: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|name| format!("`{name}`"))
        .collect();
    if names.len() > SHOWN {
        list.push(format!("… ({} in all)", names.len()));
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    /// The pagination of the single operation `list` of a spec with this query parameter,
    /// these response properties (YAML flow mappings), and this extension line.
    fn paging(
        param: &str,
        required: bool,
        properties: &str,
        extension: &str,
    ) -> Option<(String, String, String)> {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /things:\n    get:\n      \
             operationId: list\n{extension}      parameters:\n        - {{name: {param}, in: query, \
             required: {required}, schema: {{type: string}}}}\n      responses:\n        '200':\n          \
             description: ok\n          content:\n            application/json:\n              schema:\n                \
             type: object\n                properties: {properties}\n"
        );
        let analysis = analyze(&text);
        let op = &analysis.ir.operations[0];
        let paging = op.paging.as_ref()?;
        let super::super::TypeKind::Struct(page) = &analysis.ir.types[paging.page.0].kind else {
            panic!("the page is a struct");
        };
        Some((
            op.params[paging.cursor_param].wire_name.clone(),
            page.fields[paging.next_cursor].wire_name.clone(),
            page.fields[paging.items].wire_name.clone(),
        ))
    }

    /// The analysis of a spec written out from `text`.
    fn analyze(text: &str) -> crate::Analysis {
        let dir = std::env::temp_dir().join(format!(
            "specgen-pagination-{}-{}",
            std::process::id(),
            case_key(text)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let spec = dir.join("spec.yaml");
        std::fs::write(&spec, text).expect("spec written");
        let analysis = crate::analyze(&spec).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_dir_all(&dir);
        analysis
    }

    /// Tests run in parallel: each spec text gets a directory of its own.
    fn case_key(text: &str) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        hasher.finish()
    }

    const ITEMS: &str = "items: {type: array, items: {type: string}}";

    #[test]
    fn detection_takes_only_what_is_unambiguous() {
        let found = |param: &str, next: &str| {
            paging(
                param,
                false,
                &format!("{{{ITEMS}, {next}: {{type: string}}}}"),
                "",
            )
        };
        for (param, next) in [
            ("page_cursor", "next_page_cursor"),
            ("cursor", "next_cursor"),
            ("pageToken", "nextPageToken"),
            ("page_token", "next_token"),
        ] {
            assert_eq!(
                found(param, next),
                Some((param.into(), next.into(), "items".into())),
                "{param} / {next}"
            );
        }
        // Not a cursor parameter, not a next-cursor property.
        assert_eq!(found("page", "next_page_cursor"), None);
        assert_eq!(found("cursor", "cursor"), None);
        // A required cursor: the first page could not be asked for.
        assert_eq!(
            paging(
                "cursor",
                true,
                &format!("{{{ITEMS}, next_cursor: {{type: string}}}}"),
                ""
            ),
            None
        );
        // Two candidates for the next cursor, or none of string type.
        assert_eq!(
            paging(
                "cursor",
                false,
                &format!(
                    "{{{ITEMS}, next_cursor: {{type: string}}, next_page_token: {{type: string}}}}"
                ),
                ""
            ),
            None
        );
        assert_eq!(
            paging(
                "cursor",
                false,
                &format!("{{{ITEMS}, next_cursor: {{type: integer}}}}"),
                ""
            ),
            None
        );
    }

    #[test]
    fn the_extension_names_what_detection_cannot_see() {
        let properties = format!(
            "{{{ITEMS}, more: {{type: array, items: {{type: string}}}}, token: {{type: string}}}}"
        );
        assert_eq!(paging("from", false, &properties, ""), None);
        let extension =
            "      x-specgen-pagination: {cursor_param: from, next_cursor: token, items: more}\n";
        assert_eq!(
            paging("from", false, &properties, extension),
            Some(("from".into(), "token".into(), "more".into()))
        );
        let off = "      x-specgen-pagination: false\n";
        let detectable = format!("{{{ITEMS}, next_cursor: {{type: string}}}}");
        assert_eq!(paging("cursor", false, &detectable, off), None);
    }

    /// The streaming methods are named after the operation's, and never take a name an
    /// operation of the spec has.
    #[test]
    fn stream_methods_yield_names_to_the_specs_operations() {
        let page = "{type: object, properties: {items: {type: array, items: {type: string}}, \
                    next_cursor: {type: string}}}";
        let operation = |path: &str, id: &str| {
            format!(
                "  {path}:\n    get:\n      operationId: {id}\n      parameters: [{{name: cursor, \
                 in: query, schema: {{type: string}}}}]\n      responses:\n        '200': \
                 {{description: ok, content: {{application/json: {{schema: {page}}}}}}}\n"
            )
        };
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{}{}",
            operation("/a", "list"),
            operation("/b", "listPages"),
        );
        let analysis = analyze(&text);
        let names = &analysis.names.operations;
        assert_eq!(names[1].method, "list_pages");
        let paging = names[0].paging.as_ref().expect("`list` pages");
        assert_eq!(
            (paging.pages.as_str(), paging.stream.as_str()),
            ("list_pages_2", "list_stream")
        );
        let paging = names[1].paging.as_ref().expect("`listPages` pages");
        assert_eq!(paging.pages, "list_pages_pages");
    }
}
