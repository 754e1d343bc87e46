//! The spec as a JSON tree, with the walks the rules share: operations, the places that
//! hold a schema (parameters, headers, media types) and every schema nested in them.
//!
//! The rules read the tree rather than the generator's IR because the IR stops at the
//! first inconsistency, and a review should report all of them at once.

use std::cell::OnceCell;

use serde_json::Value;

use crate::pointer::escape;

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Following more `$ref`s than this in a row means they form a cycle.
const MAX_REF_CHAIN: usize = 32;

/// The document, and its walks: each is made once, on first use, and shared by the rules.
pub struct Spec<'a> {
    pub root: &'a Value,
    operations: OnceCell<Vec<OperationRef<'a>>>,
    holders: OnceCell<Vec<Holder<'a>>>,
    schemas: OnceCell<Vec<SchemaNode<'a>>>,
}

pub struct OperationRef<'a> {
    pub path: &'a str,
    pub method: &'static str,
    pub pointer: String,
    pub item_pointer: String,
    pub operation: &'a Value,
    pub item: &'a Value,
}

/// A node that has a `schema` and may have examples: a parameter, a header or a media type.
pub struct Holder<'a> {
    pub value: &'a Value,
    pub pointer: String,
}

/// A schema object somewhere in the document.
pub struct SchemaNode<'a> {
    pub value: &'a Value,
    pub pointer: String,
    /// Set for the parts of an `allOf`, which may legitimately say only part of a type.
    pub in_all_of: bool,
}

impl<'a> Spec<'a> {
    pub fn new(root: &'a Value) -> Self {
        Spec {
            root,
            operations: OnceCell::new(),
            holders: OnceCell::new(),
            schemas: OnceCell::new(),
        }
    }

    /// Whether the document is OpenAPI 3.0, where keywords beside a `$ref` are ignored.
    pub fn is_3_0(&self) -> bool {
        self.root
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(|version| version.starts_with("3.0"))
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> &[OperationRef<'a>] {
        self.operations.get_or_init(|| self.find_operations())
    }

    fn find_operations(&self) -> Vec<OperationRef<'a>> {
        let mut out = Vec::new();
        for (path, item) in entries(self.root.get("paths")) {
            let item_pointer = format!("/paths/{}", escape(path));
            for method in METHODS {
                if let Some(operation) = item.get(method).filter(|o| o.is_object()) {
                    out.push(OperationRef {
                        path,
                        method,
                        pointer: format!("{item_pointer}/{method}"),
                        item_pointer: item_pointer.clone(),
                        operation,
                        item,
                    });
                }
            }
        }
        out
    }

    /// Follows local `$ref`s from `node` (at `pointer`) to what they point at; stops at a
    /// reference that does not resolve locally and returns it as is.
    pub fn resolve(&self, node: &'a Value, pointer: &str) -> (&'a Value, String) {
        let mut current = (node, pointer.to_string());
        for _ in 0..MAX_REF_CHAIN {
            let Some(target) = current.0.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(fragment) = target.strip_prefix('#') else {
                break;
            };
            match self.root.pointer(fragment) {
                Some(found) => current = (found, fragment.to_string()),
                None => break,
            }
        }
        current
    }

    /// The parameters that apply to an operation, resolved: the path item's, overridden
    /// by the operation's own of the same name and location.
    pub fn parameters(&self, op: &OperationRef<'a>) -> Vec<(&'a Value, String)> {
        let mut out: Vec<(&'a Value, String)> = Vec::new();
        let declared = items(op.item.get("parameters"))
            .map(|(i, p)| (p, format!("{}/parameters/{i}", op.item_pointer)))
            .chain(
                items(op.operation.get("parameters"))
                    .map(|(i, p)| (p, format!("{}/parameters/{i}", op.pointer))),
            );
        for (param, pointer) in declared {
            let (param, _) = self.resolve(param, &pointer);
            let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
            out.retain(|(existing, _)| key(existing) != key(param));
            out.push((param, pointer));
        }
        out
    }

    /// Every parameter, header and media type object written in the document (referenced
    /// ones once, where they are defined).
    pub fn holders(&self) -> &[Holder<'a>] {
        self.holders.get_or_init(|| self.find_holders())
    }

    fn find_holders(&self) -> Vec<Holder<'a>> {
        let mut out = Vec::new();
        let components = self.root.get("components");
        for kind in ["parameters", "headers"] {
            for (name, param) in entries(components.and_then(|c| c.get(kind))) {
                parameter_holders(
                    param,
                    &format!("/components/{kind}/{}", escape(name)),
                    &mut out,
                );
            }
        }
        for (name, body) in entries(components.and_then(|c| c.get("requestBodies"))) {
            media_holders(
                body,
                &format!("/components/requestBodies/{}", escape(name)),
                &mut out,
            );
        }
        for (name, response) in entries(components.and_then(|c| c.get("responses"))) {
            response_holders(
                response,
                &format!("/components/responses/{}", escape(name)),
                &mut out,
            );
        }
        for (path, item) in entries(self.root.get("paths")) {
            let item_pointer = format!("/paths/{}", escape(path));
            for (i, param) in items(item.get("parameters")) {
                parameter_holders(param, &format!("{item_pointer}/parameters/{i}"), &mut out);
            }
            for method in METHODS {
                let Some(op) = item.get(method) else { continue };
                let pointer = format!("{item_pointer}/{method}");
                for (i, param) in items(op.get("parameters")) {
                    parameter_holders(param, &format!("{pointer}/parameters/{i}"), &mut out);
                }
                if let Some(body) = op.get("requestBody") {
                    media_holders(body, &format!("{pointer}/requestBody"), &mut out);
                }
                for (status, response) in entries(op.get("responses")) {
                    let at = format!("{pointer}/responses/{}", escape(status));
                    response_holders(response, &at, &mut out);
                }
            }
        }
        out
    }

    /// Every schema object in the document, nested ones included; `$ref`s are not followed
    /// (what they point at is visited where it is defined).
    pub fn schemas(&self) -> &[SchemaNode<'a>] {
        self.schemas.get_or_init(|| self.find_schemas())
    }

    /// The schema roots: each component schema, and the schema of each holder.
    pub fn schema_roots(&self) -> Vec<(&'a Value, String)> {
        let mut out = Vec::new();
        let schemas = self.root.get("components").and_then(|c| c.get("schemas"));
        for (name, schema) in entries(schemas) {
            out.push((schema, format!("/components/schemas/{}", escape(name))));
        }
        for holder in self.holders() {
            if let Some(schema) = holder.value.get("schema") {
                out.push((schema, format!("{}/schema", holder.pointer)));
            }
        }
        out
    }

    fn find_schemas(&self) -> Vec<SchemaNode<'a>> {
        let mut out = Vec::new();
        for (schema, pointer) in self.schema_roots() {
            walk_schema(schema, pointer, false, &mut out);
        }
        out
    }
}

fn parameter_holders<'a>(param: &'a Value, pointer: &str, out: &mut Vec<Holder<'a>>) {
    if !param.is_object() || param.get("$ref").is_some() {
        return;
    }
    out.push(Holder {
        value: param,
        pointer: pointer.to_string(),
    });
    media_holders(param, pointer, out);
}

fn media_holders<'a>(holder: &'a Value, pointer: &str, out: &mut Vec<Holder<'a>>) {
    if holder.get("$ref").is_some() {
        return;
    }
    for (media_type, media) in entries(holder.get("content")) {
        if media.is_object() {
            out.push(Holder {
                value: media,
                pointer: format!("{pointer}/content/{}", escape(media_type)),
            });
        }
    }
}

fn response_holders<'a>(response: &'a Value, pointer: &str, out: &mut Vec<Holder<'a>>) {
    if response.get("$ref").is_some() {
        return;
    }
    media_holders(response, pointer, out);
    for (name, header) in entries(response.get("headers")) {
        parameter_holders(header, &format!("{pointer}/headers/{}", escape(name)), out);
    }
}

fn walk_schema<'a>(
    schema: &'a Value,
    pointer: String,
    in_all_of: bool,
    out: &mut Vec<SchemaNode<'a>>,
) {
    if !schema.is_object() {
        return;
    }
    for (name, property) in entries(schema.get("properties")) {
        walk_schema(
            property,
            format!("{pointer}/properties/{}", escape(name)),
            false,
            out,
        );
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(sub) = schema.get(key).filter(|s| s.is_object()) {
            walk_schema(sub, format!("{pointer}/{key}"), false, out);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for (i, part) in items(schema.get(key)) {
            walk_schema(part, format!("{pointer}/{key}/{i}"), key == "allOf", out);
        }
    }
    out.push(SchemaNode {
        value: schema,
        pointer,
        in_all_of,
    });
}

/// The members of an object node (none when absent or not an object).
pub fn entries(node: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    node.and_then(Value::as_object).into_iter().flatten()
}

/// The items of an array node with their indexes (none when absent or not an array).
pub fn items(node: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    node.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}
