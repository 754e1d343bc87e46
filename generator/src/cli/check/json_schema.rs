//! OpenAPI 3.0 schema objects → JSON Schema draft 2020-12, for validating examples.
//!
//! - `$ref: '#/components/schemas/X…'` → `#/$defs/X…`, with every component schema
//!   converted under `$defs`; siblings of a `$ref` are dropped, as 3.0 ignores them. Other
//!   references (other files, other sections) become `true`: a review runs offline, and an
//!   example is then only checked as far as the local schemas go.
//! - `nullable: true` adds `"null"` to `type` (and `null` to `enum`); without a `type` the
//!   schema becomes `anyOf: [schema, {type: null}]`.
//! - OpenAPI-only keywords are dropped: `example`, `nullable`, `discriminator`, `xml`,
//!   `externalDocs`, every `x-*`, and `readOnly`/`writeOnly`, whose properties are also
//!   dropped from `required` (a response example lacks write-only properties, a request
//!   example read-only ones, and one schema serves both).
//! - The boolean `exclusiveMinimum`/`exclusiveMaximum` of 3.0 become numbers.
//! - Undeclared properties: an object that declares `properties` and says nothing about
//!   `additionalProperties` gets `unevaluatedProperties: false` — but only where a value
//!   sits (the example itself, a property, an item), never on an `allOf`/`oneOf`/`anyOf`
//!   part or a `$defs` entry. `unevaluatedProperties` sees through `$ref` and the
//!   combinators, so `allOf: [A, B]` accepts the properties of both, which closing A and B
//!   one by one would not.

use serde_json::{json, Map, Value};

const SCHEMAS: &str = "#/components/schemas/";
const MAX_DEPTH: usize = 32;

pub struct Converter<'a> {
    root: &'a Value,
    /// The converted component schemas, shared by every example of the document.
    defs: std::cell::OnceCell<Value>,
}

impl<'a> Converter<'a> {
    pub fn new(root: &'a Value) -> Self {
        Converter {
            root,
            defs: std::cell::OnceCell::new(),
        }
    }

    /// A complete JSON Schema for a value that must satisfy `schema`: the schema itself,
    /// closed, with every component schema under `$defs`.
    pub fn document(&self, schema: &Value) -> Value {
        let mut document = match self.convert(schema, true) {
            Value::Object(map) => map,
            Value::Bool(true) => Map::new(),
            other => return other,
        };
        document.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        let defs = self.defs.get_or_init(|| Value::Object(self.defs()));
        document.insert("$defs".into(), defs.clone());
        Value::Object(document)
    }

    fn defs(&self) -> Map<String, Value> {
        self.root
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|schemas| {
                schemas
                    .iter()
                    .map(|(name, schema)| (name.clone(), self.convert(schema, false)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Converts one schema; `close` is set where a value sits (see the module docs).
    fn convert(&self, schema: &Value, close: bool) -> Value {
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        let mut out = match map.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix(SCHEMAS) {
                Some(rest) => {
                    let mut out = Map::new();
                    out.insert("$ref".into(), json!(format!("#/$defs/{rest}")));
                    out
                }
                None => Map::new(),
            },
            None => self.convert_keywords(map),
        };
        if map.get("$ref").is_none() && map.get("nullable") == Some(&Value::Bool(true)) {
            out = nullable(out);
        }
        if close && self.closed_object(schema, 0) {
            out.insert("unevaluatedProperties".into(), Value::Bool(false));
        }
        Value::Object(out)
    }

    fn convert_keywords(&self, map: &Map<String, Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, value) in map {
            let converted = match key.as_str() {
                "example" | "nullable" | "discriminator" | "xml" | "externalDocs" | "readOnly"
                | "writeOnly" => continue,
                k if k.starts_with("x-") => continue,
                "properties" => Value::Object(
                    value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, s)| (name.clone(), self.convert(s, true)))
                        .collect(),
                ),
                "items" | "additionalProperties" => self.convert(value, true),
                "not" => self.convert(value, false),
                "allOf" | "anyOf" | "oneOf" => Value::Array(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|part| self.convert(part, false))
                        .collect(),
                ),
                "required" => Value::Array(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|name| !is_read_or_write_only(map, name))
                        .cloned()
                        .collect(),
                ),
                _ => value.clone(),
            };
            out.insert(key.clone(), converted);
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(Value::Bool(flag)) = out.get(exclusive).cloned() {
                out.remove(exclusive);
                if flag {
                    if let Some(limit) = out.remove(bound) {
                        out.insert(exclusive.into(), limit);
                    }
                }
            }
        }
        out
    }

    /// Whether `schema`, with what its `$ref`s and combinators bring in, declares
    /// properties and nowhere opens itself with `additionalProperties`.
    fn closed_object(&self, schema: &Value, depth: usize) -> bool {
        let (declares, open) = self.object_shape(schema, depth);
        declares && !open
    }

    /// (declares properties, has `additionalProperties` other than `false`).
    fn object_shape(&self, schema: &Value, depth: usize) -> (bool, bool) {
        let Value::Object(map) = schema else {
            return (false, false);
        };
        if depth > MAX_DEPTH {
            return (false, true);
        }
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            let target = reference
                .strip_prefix(SCHEMAS)
                .and_then(|_| self.root.pointer(&reference[1..]));
            return match target {
                Some(target) => self.object_shape(target, depth + 1),
                // Unknown shape: never reject its properties.
                None => (false, true),
            };
        }
        let mut declares = map
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        let mut open = map
            .get("additionalProperties")
            .is_some_and(|a| *a != Value::Bool(false));
        for key in ["allOf", "anyOf", "oneOf"] {
            for part in map.get(key).and_then(Value::as_array).into_iter().flatten() {
                let (d, o) = self.object_shape(part, depth + 1);
                declares |= d;
                open |= o;
            }
        }
        (declares, open)
    }
}

fn is_read_or_write_only(map: &Map<String, Value>, name: &Value) -> bool {
    let Some(property) = name.as_str().and_then(|n| map.get("properties")?.get(n)) else {
        return false;
    };
    [property.get("readOnly"), property.get("writeOnly")].contains(&Some(&Value::Bool(true)))
}

fn nullable(mut schema: Map<String, Value>) -> Map<String, Value> {
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    match schema.get("type").cloned() {
        Some(Value::String(ty)) => {
            schema.insert("type".into(), json!([ty, "null"]));
            schema
        }
        _ => {
            let mut wrapper = Map::new();
            wrapper.insert(
                "anyOf".into(),
                json!([Value::Object(schema), { "type": "null" }]),
            );
            wrapper
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closes_values_not_parts() {
        let root = json!({ "components": { "schemas": {
            "A": { "type": "object", "properties": { "a": { "type": "string" } } },
            "B": { "allOf": [ { "$ref": "#/components/schemas/A" },
                              { "properties": { "b": { "type": "integer", "readOnly": true } }, "required": ["b"] } ] },
            "Free": { "type": "object", "additionalProperties": true, "properties": { "x": {} } }
        } } });
        let converter = Converter::new(&root);
        let b = converter.document(&json!({ "$ref": "#/components/schemas/B" }));
        assert_eq!(b["unevaluatedProperties"], json!(false));
        assert_eq!(b["$ref"], json!("#/$defs/B"));
        let defs = &b["$defs"];
        assert!(defs["A"].get("unevaluatedProperties").is_none());
        assert_eq!(defs["B"]["allOf"][1]["required"], json!([]));
        assert!(defs["Free"].get("unevaluatedProperties").is_none());
        let free = converter.document(&json!({ "$ref": "#/components/schemas/Free" }));
        assert!(free.get("unevaluatedProperties").is_none());
    }

    #[test]
    fn nullable_and_exclusive_bounds() {
        let root = json!({});
        let converter = Converter::new(&root);
        let converted = converter.convert(
            &json!({ "type": "integer", "nullable": true, "minimum": 1, "exclusiveMinimum": true, "x-a": 1 }),
            true,
        );
        assert_eq!(
            converted,
            json!({ "type": ["integer", "null"], "exclusiveMinimum": 1 })
        );
        let untyped = converter.convert(&json!({ "nullable": true, "enum": ["a"] }), true);
        assert_eq!(
            untyped,
            json!({ "anyOf": [ { "enum": ["a", null] }, { "type": "null" } ] })
        );
    }
}
