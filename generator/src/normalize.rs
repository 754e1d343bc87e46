//! OpenAPI 3.1 input: rewrites a 3.1 document's JSON tree into its 3.0 equivalent, so that
//! it deserializes into `openapiv3::OpenAPI` and lowers into the same IR as a 3.0 document.
//!
//! 3.1 schemas are JSON Schema 2020-12; what differs from 3.0, and becomes:
//! - `type: [X, "null"]` → `type: X, nullable: true` (several non-null types: no `type`);
//! - `const: v` → `enum: [v]`; `examples: [a, …]` → `example: a`;
//! - numeric `exclusiveMinimum: n` → `minimum: n, exclusiveMinimum: true` (and maximum);
//! - `$ref` beside other keywords → `allOf: [{$ref}]` beside them (3.0 ignores siblings);
//! - `contentEncoding: base64` → `format: byte`; a binary `contentMediaType` → `format: binary`;
//! - boolean schemas `true` → `{}`, `false` → `{not: {}}`.
//!
//! `anyOf`/`oneOf` with a `{type: "null"}` alternative need no rewrite: the IR reads that
//! alternative as "nullable" in both versions. Documents also lose 3.1's relaxations that
//! 3.0 parsing rejects: `paths` and an operation's `responses` become optional, and a
//! `mutualTLS` security scheme is kept as an HTTP scheme the caller authenticates for.
//!
//! Only documents that declare `openapi: 3.1.x` pay for this: 3.0 documents are still
//! deserialized straight from their text.

use serde_json::{Map, Value};

/// Whether the document's top-level `openapi` field says 3.1, read without parsing it.
pub(crate) fn declares_3_1(text: &str, is_json: bool) -> bool {
    let version = if is_json {
        json_openapi_field(text)
    } else {
        yaml_openapi_field(text)
    };
    version.is_some_and(|v| v.trim().starts_with("3.1"))
}

/// The top-level `"openapi"` string of a JSON document. Usually the first key, so the scan
/// stops within the first bytes; it never looks inside nested objects or strings.
fn json_openapi_field(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                depth += 1;
                expect_key = depth == 1;
            }
            b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' => expect_key = depth == 1,
            b'"' => {
                let start = i + 1;
                let end = string_end(bytes, start)?;
                if expect_key && &text[start..end] == "openapi" {
                    let value = text[end + 1..].trim_start().strip_prefix(':')?.trim_start();
                    return value.strip_prefix('"')?.split('"').next();
                }
                expect_key = false;
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the quote closing the string that starts at `start`.
fn string_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The top-level `openapi:` of a YAML document: a key at column 0.
fn yaml_openapi_field(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        ["openapi:", "\"openapi\":", "'openapi':"]
            .iter()
            .find_map(|key| line.strip_prefix(key))
            .map(|value| value.trim().trim_matches(['"', '\'']))
    })
}

/// Rewrites a whole 3.1 document in place.
pub(crate) fn document(document: &mut Value) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    let paths = root
        .entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    for_each_value(paths, path_item);
    let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) else {
        return;
    };
    for (kind, rewrite) in [
        ("schemas", schema as fn(&mut Value)),
        ("parameters", parameter),
        ("headers", parameter),
        ("responses", response),
        ("requestBodies", request_body),
        ("securitySchemes", security_scheme),
        ("callbacks", callback),
        ("pathItems", path_item),
    ] {
        if let Some(map) = components.get_mut(kind) {
            for_each_value(map, rewrite);
        }
    }
}

fn for_each_value(map: &mut Value, rewrite: fn(&mut Value)) {
    if let Some(map) = map.as_object_mut() {
        map.values_mut().for_each(rewrite);
    }
}

fn for_each_item(list: &mut Value, rewrite: fn(&mut Value)) {
    if let Some(list) = list.as_array_mut() {
        list.iter_mut().for_each(rewrite);
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn path_item(item: &mut Value) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    if let Some(parameters) = item.get_mut("parameters") {
        for_each_item(parameters, parameter);
    }
    for method in METHODS {
        if let Some(operation) = item.get_mut(method) {
            self::operation(operation);
        }
    }
}

fn operation(operation: &mut Value) {
    let Some(operation) = operation.as_object_mut() else {
        return;
    };
    if let Some(parameters) = operation.get_mut("parameters") {
        for_each_item(parameters, parameter);
    }
    if let Some(body) = operation.get_mut("requestBody") {
        request_body(body);
    }
    let responses = operation
        .entry("responses")
        .or_insert_with(|| Value::Object(Map::new()));
    for_each_value(responses, response);
    if let Some(callbacks) = operation.get_mut("callbacks") {
        for_each_value(callbacks, callback);
    }
}

fn callback(callback: &mut Value) {
    for_each_value(callback, path_item);
}

/// A parameter or a header: both carry a `schema` or a `content`.
fn parameter(parameter: &mut Value) {
    if let Some(schema) = parameter.get_mut("schema") {
        self::schema(schema);
    }
    if let Some(content) = parameter.get_mut("content") {
        for_each_value(content, media_type);
    }
}

fn request_body(body: &mut Value) {
    if let Some(content) = body.get_mut("content") {
        for_each_value(content, media_type);
    }
}

fn response(response: &mut Value) {
    if let Some(headers) = response.get_mut("headers") {
        for_each_value(headers, parameter);
    }
    if let Some(content) = response.get_mut("content") {
        for_each_value(content, media_type);
    }
}

fn media_type(media: &mut Value) {
    if let Some(schema) = media.get_mut("schema") {
        self::schema(schema);
    }
}

fn security_scheme(scheme: &mut Value) {
    let Some(scheme) = scheme.as_object_mut() else {
        return;
    };
    if scheme.get("type").and_then(Value::as_str) == Some("mutualTLS") {
        scheme.insert("type".into(), "http".into());
        scheme.insert("scheme".into(), "mutualTLS".into());
    }
}

/// Keywords that only annotate: beside a `$ref` they change nothing worth an `allOf`.
const ANNOTATIONS: [&str; 7] = [
    "$ref",
    "description",
    "summary",
    "title",
    "$comment",
    "example",
    "examples",
];

/// Subschema-valued keywords, by shape.
const SINGLE: [&str; 9] = [
    "items",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "additionalItems",
    "unevaluatedItems",
];
const LISTS: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAPS: [&str; 5] = [
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Rewrites one schema and everything nested in it.
pub(crate) fn schema(value: &mut Value) {
    let object = match value {
        Value::Bool(true) => {
            *value = Value::Object(Map::new());
            return;
        }
        Value::Bool(false) => {
            *value = serde_json::json!({ "not": {} });
            return;
        }
        Value::Object(object) => object,
        _ => return,
    };
    if object.contains_key("$ref") && object.keys().any(|k| !ANNOTATIONS.contains(&k.as_str())) {
        ref_with_siblings(object);
    }
    type_list(object);
    if let Some(constant) = object.remove("const") {
        object
            .entry("enum")
            .or_insert_with(|| Value::Array(vec![constant]));
    }
    if let Some(Value::Array(mut examples)) = object.remove("examples") {
        if !examples.is_empty() && !object.contains_key("example") {
            object.insert("example".into(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = object.get(exclusive).filter(|v| v.is_number()).cloned() {
            object.insert(bound.into(), limit);
            object.insert(exclusive.into(), Value::Bool(true));
        }
    }
    content_format(object);
    if object.get("items").is_some_and(Value::is_boolean) {
        // `items: false` closes a tuple (`prefixItems`); 3.0 has no tuples to close.
        object.remove("items");
    }
    for key in SINGLE {
        if let Some(child) = object.get_mut(key) {
            schema(child);
        }
    }
    if let Some(child @ Value::Object(_)) = object.get_mut("additionalProperties") {
        schema(child);
    }
    for key in LISTS {
        if let Some(children) = object.get_mut(key) {
            for_each_item(children, schema);
        }
    }
    for key in MAPS {
        if let Some(children) = object.get_mut(key) {
            for_each_value(children, schema);
        }
    }
}

/// `{$ref: X, nullable…}` → `{allOf: [{$ref: X}], nullable…}`: in 3.1 the siblings apply.
fn ref_with_siblings(object: &mut Map<String, Value>) {
    let Some(reference) = object.remove("$ref") else {
        return;
    };
    let target = serde_json::json!({ "$ref": reference });
    match object.get_mut("allOf") {
        Some(Value::Array(parts)) => parts.insert(0, target),
        _ => {
            object.insert("allOf".into(), Value::Array(vec![target]));
        }
    }
}

/// `type: [X, "null"]` → `type: X, nullable: true`.
fn type_list(object: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = object.get("type") else {
        return;
    };
    let nullable = types.iter().any(|t| t == "null");
    let mut others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    match others.len() {
        0 => {
            object.insert("type".into(), "null".into());
        }
        1 => {
            object.insert("type".into(), others.swap_remove(0));
            if nullable {
                object.insert("nullable".into(), Value::Bool(true));
            }
        }
        // Several types: 3.0 cannot say it; without `type` the value stays any JSON.
        _ => {
            object.remove("type");
            if nullable {
                object.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
}

/// `contentEncoding`/`contentMediaType` on a string → the 3.0 `format` for encoded bytes.
fn content_format(object: &mut Map<String, Value>) {
    if object.contains_key("format") {
        return;
    }
    let encoding = object.get("contentEncoding").and_then(Value::as_str);
    let media = object.get("contentMediaType").and_then(Value::as_str);
    let format = match (encoding, media) {
        (Some(e), _) if e.eq_ignore_ascii_case("base64") || e.eq_ignore_ascii_case("base64url") => {
            "byte"
        }
        (None, Some(m)) if !m.starts_with("text/") && !m.contains("json") => "binary",
        _ => return,
    };
    object.insert("format".into(), format.into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn normalized(mut value: Value) -> Value {
        schema(&mut value);
        value
    }

    #[test]
    fn version_is_read_from_the_top_level_only() {
        assert!(declares_3_1(
            r#"{"info": {"openapi": "3.0.0"}, "openapi": "3.1.0"}"#,
            true
        ));
        assert!(!declares_3_1(
            r#"{"openapi" : "3.0.3", "x": "\"openapi\": \"3.1\""}"#,
            true
        ));
        assert!(declares_3_1(
            "info:\n  openapi: 3.0.0\nopenapi: '3.1.1'\n",
            false
        ));
        assert!(!declares_3_1("openapi: 3.0.3\n", false));
        assert!(!declares_3_1("swagger: '2.0'\n", false));
    }

    #[test]
    fn type_lists_become_nullable_types() {
        assert_eq!(
            normalized(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            normalized(json!({"type": ["integer"]})),
            json!({"type": "integer"})
        );
        assert_eq!(
            normalized(json!({"type": ["string", "integer", "null"]})),
            json!({"nullable": true})
        );
    }

    #[test]
    fn const_examples_and_exclusive_bounds_take_their_3_0_form() {
        assert_eq!(
            normalized(json!({"const": "card", "examples": ["a", "b"]})),
            json!({"enum": ["card"], "example": "a"})
        );
        assert_eq!(
            normalized(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 9})),
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true,
                   "maximum": 9, "exclusiveMaximum": true})
        );
    }

    #[test]
    fn ref_siblings_apply_through_all_of_but_annotations_stay() {
        assert_eq!(
            normalized(json!({"$ref": "#/components/schemas/A", "readOnly": true})),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "readOnly": true})
        );
        let annotated = json!({"$ref": "#/components/schemas/A", "description": "d"});
        assert_eq!(normalized(annotated.clone()), annotated);
    }

    #[test]
    fn nested_schemas_and_content_keywords_are_rewritten() {
        assert_eq!(
            normalized(json!({
                "properties": {
                    "const": {"type": ["number", "null"]},
                    "file": {"type": "string", "contentMediaType": "image/png"},
                    "data": {"type": "string", "contentEncoding": "base64"},
                },
                "items": false,
                "additionalProperties": false,
                "anyOf": [true, false],
            })),
            json!({
                "properties": {
                    "const": {"type": "number", "nullable": true},
                    "file": {"type": "string", "contentMediaType": "image/png", "format": "binary"},
                    "data": {"type": "string", "contentEncoding": "base64", "format": "byte"},
                },
                "additionalProperties": false,
                "anyOf": [{}, {"not": {}}],
            })
        );
    }

    #[test]
    fn documents_gain_what_3_0_requires() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "webhooks": {},
            "components": {"securitySchemes": {"tls": {"type": "mutualTLS"}}}
        });
        document(&mut doc);
        assert_eq!(doc["paths"], json!({}));
        assert_eq!(
            doc["components"]["securitySchemes"]["tls"],
            json!({"type": "http", "scheme": "mutualTLS"})
        );
        let mut doc = json!({"paths": {"/a": {"get": {"parameters": [
            {"name": "n", "in": "query", "schema": {"type": ["string", "null"]}}
        ]}}}});
        document(&mut doc);
        let get = &doc["paths"]["/a"]["get"];
        assert_eq!(get["responses"], json!({}));
        assert_eq!(get["parameters"][0]["schema"]["nullable"], json!(true));
    }
}
