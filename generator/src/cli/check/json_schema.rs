//! OpenAPI 3.0 schema objects → JSON Schema draft 2020-12, for validating examples and
//! defaults.
//!
//! Every schema of the document is converted once, into one JSON Schema resource that keeps
//! the document's layout ([`Converter::resource`]): the schema at `/components/schemas/Pet`
//! is at `/components/schemas/Pet` there too, so the document's own `$ref`s resolve inside
//! it unchanged, and a validator for any schema is a `$ref` to its pointer
//! ([`Converter::entry`]). A schema that is converted into a wrapper (a `nullable` one
//! without `type`) moves one level down; [`Converter::resource_pointer`] follows it.
//!
//! - `$ref: '#/components/schemas/X…'` is kept; siblings of a `$ref` are dropped, as 3.0
//!   ignores them. Other references (other files, other sections, names that are not
//!   defined) become `true`: a review runs offline, and an example is then only checked as
//!   far as the local schemas go.
//! - `nullable: true` adds `"null"` to `type` (and `null` to `enum`); without a `type` the
//!   schema becomes `anyOf: [schema, {type: null}]`.
//! - OpenAPI-only keywords are dropped: `example`, `nullable`, `discriminator`, `xml`,
//!   `externalDocs`, every `x-*`, and `readOnly`/`writeOnly`, whose properties are also
//!   dropped from `required` (a response example lacks write-only properties, a request
//!   example read-only ones, and one schema serves both). JSON Schema's own identifiers
//!   (`$id`, `$anchor`, …) go too: they would move the base of the document's references.
//! - The boolean `exclusiveMinimum`/`exclusiveMaximum` of 3.0 become numbers.
//! - A `discriminator` picks the member: each referenced member of the `oneOf`/`anyOf`
//!   also requires the discriminator property to hold one of its values (those the
//!   `mapping` gives it, else its name), so members that overlap in shape do not make a
//!   valid example match "more than one" of them.
//! - Undeclared properties: an object that declares `properties` and says nothing about
//!   `additionalProperties` gets `unevaluatedProperties: false` — but only where a value
//!   sits (the example itself, a property, an item), never on an `allOf`/`oneOf`/`anyOf`
//!   part or a schema root. `unevaluatedProperties` sees through `$ref` and the
//!   combinators, so `allOf: [A, B]` accepts the properties of both, which closing A and B
//!   one by one would not.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

use crate::pointer::{escape, percent_decode, unescape};

const SCHEMAS: &str = "#/components/schemas/";
const MAX_DEPTH: usize = 32;

/// The base URI of the converted document; nothing is ever fetched from it.
pub const RESOURCE_URI: &str = "urn:specgen:openapi";

/// What a JSON pointer keeps as is in a URI fragment; the rest is percent-encoded.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

pub struct Converter<'a> {
    root: &'a Value,
    /// (declares properties, is open) of each `$ref` target, worked out once.
    shapes: RefCell<HashMap<&'a str, (bool, bool)>>,
    /// Pointers of the schemas converted into an `anyOf` wrapper: their keywords sit one
    /// level down, at `/anyOf/0`.
    wrapped: RefCell<HashSet<String>>,
}

impl<'a> Converter<'a> {
    pub fn new(root: &'a Value) -> Self {
        Converter {
            root,
            shapes: RefCell::new(HashMap::new()),
            wrapped: RefCell::new(HashSet::new()),
        }
    }

    /// The converted document: each schema of `roots` (a value and its pointer) at its own
    /// pointer, with the objects around it; nothing else of the document.
    pub fn resource(&self, roots: &[(&'a Value, String)]) -> Value {
        let mut resource = json!({ "$schema": "https://json-schema.org/draft/2020-12/schema" });
        for (schema, pointer) in roots {
            let converted = self.convert(schema, pointer, false);
            insert_at(&mut resource, pointer, converted);
        }
        resource
    }

    /// Where the schema written at `pointer` is in [`Converter::resource`].
    pub fn resource_pointer(&self, pointer: &str) -> String {
        let wrapped = self.wrapped.borrow();
        if wrapped.is_empty() {
            return pointer.to_string();
        }
        let mut out = String::with_capacity(pointer.len() + 16);
        let mut copied = 0;
        for (end, _) in pointer
            .match_indices('/')
            .skip(1)
            .chain([(pointer.len(), "")])
        {
            out.push_str(&pointer[copied..end]);
            copied = end;
            if wrapped.contains(&pointer[..end]) {
                out.push_str("/anyOf/0");
            }
        }
        out
    }

    /// A schema for a value that must satisfy the schema written at `pointer`: a reference
    /// into the resource, closed when the value may not have undeclared properties.
    pub fn entry(&self, schema: &'a Value, pointer: &str) -> Value {
        let fragment = utf8_percent_encode(&self.resource_pointer(pointer), FRAGMENT).to_string();
        let mut entry = Map::new();
        entry.insert("$ref".into(), json!(format!("{RESOURCE_URI}#{fragment}")));
        if self.closed_object(schema, 0) {
            entry.insert("unevaluatedProperties".into(), Value::Bool(false));
        }
        Value::Object(entry)
    }

    /// Whether a value of `schema` may not have properties beyond those it declares.
    pub fn closed_object(&self, schema: &'a Value, depth: usize) -> bool {
        let (declares, open) = self.object_shape(schema, depth);
        declares && !open
    }

    /// Converts one schema written at `pointer`; `close` is set where a value sits (see the
    /// module docs).
    fn convert(&self, schema: &'a Value, pointer: &str, close: bool) -> Value {
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        let mut out = match map.get("$ref").and_then(Value::as_str) {
            Some(reference) => match self.local_schema(reference) {
                Some(_) => {
                    let mut out = Map::new();
                    out.insert("$ref".into(), json!(reference_fragment(reference)));
                    out
                }
                None => Map::new(),
            },
            None => {
                let mut out = self.convert_keywords(map, pointer);
                tag_members(map, &mut out, |reference| {
                    self.local_schema(reference).is_some()
                });
                out
            }
        };
        if map.get("$ref").is_none() && map.get("nullable") == Some(&Value::Bool(true)) {
            out = self.nullable(out, pointer);
        }
        if close && self.closed_object(schema, 0) {
            out.insert("unevaluatedProperties".into(), Value::Bool(false));
        }
        Value::Object(out)
    }

    fn convert_keywords(&self, map: &'a Map<String, Value>, pointer: &str) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, value) in map {
            let at = |sub: &str| format!("{pointer}/{key}{sub}");
            let converted = match key.as_str() {
                "example" | "nullable" | "discriminator" | "xml" | "externalDocs" | "readOnly"
                | "writeOnly" | "$id" | "$anchor" | "$dynamicAnchor" | "$dynamicRef"
                | "$schema" | "$vocabulary" => continue,
                k if k.starts_with("x-") => continue,
                "properties" => Value::Object(
                    value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, s)| {
                            let at = at(&format!("/{}", escape(name)));
                            (name.clone(), self.convert(s, &at, true))
                        })
                        .collect(),
                ),
                "items" | "additionalProperties" => self.convert(value, &at(""), true),
                "not" => self.convert(value, &at(""), false),
                "allOf" | "anyOf" | "oneOf" => Value::Array(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, part)| self.convert(part, &at(&format!("/{i}")), false))
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

    fn nullable(&self, mut schema: Map<String, Value>, pointer: &str) -> Map<String, Value> {
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
                self.wrapped.borrow_mut().insert(pointer.to_string());
                let mut wrapper = Map::new();
                wrapper.insert(
                    "anyOf".into(),
                    json!([Value::Object(schema), { "type": "null" }]),
                );
                wrapper
            }
        }
    }

    /// The component schema a `$ref` names, when it is one of this document.
    pub fn local_schema(&self, reference: &str) -> Option<&'a Value> {
        reference.strip_prefix(SCHEMAS)?;
        self.root.pointer(&percent_decode(&reference[1..]))
    }

    /// (declares properties, has `additionalProperties` other than `false`), with what its
    /// `$ref`s and combinators bring in.
    fn object_shape(&self, schema: &'a Value, depth: usize) -> (bool, bool) {
        let Value::Object(map) = schema else {
            return (false, false);
        };
        if depth > MAX_DEPTH {
            return (false, true);
        }
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            if let Some(shape) = self.shapes.borrow().get(reference) {
                return *shape;
            }
            let shape = match self.local_schema(reference) {
                Some(target) => self.object_shape(target, depth + 1),
                // Unknown shape: never reject its properties.
                None => (false, true),
            };
            self.shapes.borrow_mut().insert(reference, shape);
            return shape;
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

/// Adds to each `$ref` member of a discriminated union the values of the discriminator
/// that select it (see the module docs); `is_local` tells the references this document
/// defines.
fn tag_members(
    schema: &Map<String, Value>,
    out: &mut Map<String, Value>,
    is_local: impl Fn(&str) -> bool,
) {
    let Some(discriminator) = schema.get("discriminator") else {
        return;
    };
    let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
        return;
    };
    let target = |reference: &str| match reference.strip_prefix('#') {
        Some(pointer) => Some(percent_decode(pointer)),
        None if !reference.contains(['/', '.']) => {
            Some(format!("/components/schemas/{}", escape(reference)))
        }
        None => None,
    };
    let mapping: Vec<(&String, String)> = discriminator
        .get("mapping")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(value, to)| Some((value, target(to.as_str()?)?)))
        .collect();
    for key in ["oneOf", "anyOf"] {
        let (Some(Value::Array(written)), Some(Value::Array(members))) =
            (schema.get(key), out.get_mut(key))
        else {
            continue;
        };
        for (member, converted) in written.iter().zip(members) {
            let Some(reference) = member.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let (Some(pointer), Value::Object(converted)) = (target(reference), converted) else {
                continue;
            };
            if !is_local(reference) {
                continue;
            }
            let mut values: Vec<Value> = mapping
                .iter()
                .filter(|(_, to)| *to == pointer)
                .map(|(value, _)| json!(value))
                .collect();
            if values.is_empty() {
                let name = pointer.rsplit('/').next().map(unescape).unwrap_or_default();
                values.push(json!(name));
            }
            converted.insert("properties".into(), json!({ property: { "enum": values } }));
        }
    }
}

/// A local reference as a fragment the validator parses: decoded, then encoded strictly
/// (authors write `#/components/schemas/Foo Bar` too).
fn reference_fragment(reference: &str) -> String {
    let pointer = percent_decode(&reference[1..]);
    format!("#{}", utf8_percent_encode(&pointer, FRAGMENT))
}

/// Puts `value` at `pointer` in `resource`, making the objects on the way.
fn insert_at(resource: &mut Value, pointer: &str, value: Value) {
    let mut segments: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let Some(last) = segments.pop() else {
        return;
    };
    let mut node = resource;
    for segment in segments {
        let Value::Object(map) = node else { return };
        node = map
            .entry(segment)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(map) = node {
        map.insert(last, value);
    }
}

fn is_read_or_write_only(map: &Map<String, Value>, name: &Value) -> bool {
    let Some(property) = name.as_str().and_then(|n| map.get("properties")?.get(n)) else {
        return false;
    };
    [property.get("readOnly"), property.get("writeOnly")].contains(&Some(&Value::Bool(true)))
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
        let schemas = &root["components"]["schemas"];
        let roots: Vec<(&Value, String)> = ["A", "B", "Free"]
            .iter()
            .map(|name| (&schemas[*name], format!("/components/schemas/{name}")))
            .collect();
        let resource = converter.resource(&roots);
        let defs = &resource["components"]["schemas"];
        assert!(defs["A"].get("unevaluatedProperties").is_none());
        assert_eq!(
            defs["B"]["allOf"][0]["$ref"],
            json!("#/components/schemas/A")
        );
        assert_eq!(defs["B"]["allOf"][1]["required"], json!([]));
        assert!(defs["Free"].get("unevaluatedProperties").is_none());
        let b = converter.entry(&schemas["B"], "/components/schemas/B");
        assert_eq!(b["unevaluatedProperties"], json!(false));
        assert_eq!(
            b["$ref"],
            json!(format!("{RESOURCE_URI}#/components/schemas/B"))
        );
        let free = converter.entry(&schemas["Free"], "/components/schemas/Free");
        assert!(free.get("unevaluatedProperties").is_none());
    }

    #[test]
    fn nullable_and_exclusive_bounds() {
        let root = json!({});
        let integer = json!({ "type": "integer", "nullable": true, "minimum": 1, "exclusiveMinimum": true, "x-a": 1 });
        let untyped = json!({ "nullable": true, "enum": ["a"] });
        let converter = Converter::new(&root);
        assert_eq!(
            converter.convert(&integer, "/i", true),
            json!({ "type": ["integer", "null"], "exclusiveMinimum": 1 })
        );
        assert_eq!(
            converter.convert(&untyped, "/components/schemas/U", true),
            json!({ "anyOf": [ { "enum": ["a", null] }, { "type": "null" } ] })
        );
        assert_eq!(
            converter.resource_pointer("/components/schemas/U/enum"),
            "/components/schemas/U/anyOf/0/enum"
        );
    }

    #[test]
    fn discriminated_members_require_their_values() {
        let root = json!({ "components": { "schemas": {
            "Pet": { "oneOf": [ { "$ref": "#/components/schemas/Dog" },
                                { "$ref": "#/components/schemas/Cat" },
                                { "type": "string" } ],
                     "discriminator": { "propertyName": "kind",
                                        "mapping": { "dog": "#/components/schemas/Dog", "hound": "Dog" } } },
            "Dog": { "type": "object" },
            "Cat": { "type": "object" }
        } } });
        let converter = Converter::new(&root);
        let pet = converter.convert(&root["components"]["schemas"]["Pet"], "/p", false);
        assert_eq!(
            pet["oneOf"],
            json!([
                { "$ref": "#/components/schemas/Dog", "properties": { "kind": { "enum": ["dog", "hound"] } } },
                { "$ref": "#/components/schemas/Cat", "properties": { "kind": { "enum": ["Cat"] } } },
                { "type": "string" }
            ])
        );
    }

    #[test]
    fn references_that_do_not_name_a_local_schema_accept_anything() {
        let root = json!({ "components": { "schemas": { "Foo Bar": { "type": "string" } } } });
        let encoded = json!({ "$ref": "#/components/schemas/Foo%20Bar" });
        let plain = json!({ "$ref": "#/components/schemas/Foo Bar" });
        let others: Vec<Value> = [
            "#/components/schemas/Missing",
            "other.yaml#/Pet",
            "#/paths/x",
        ]
        .iter()
        .map(|other| json!({ "$ref": other }))
        .collect();
        let converter = Converter::new(&root);
        for reference in [&encoded, &plain] {
            assert_eq!(
                converter.convert(reference, "/x", true),
                json!({ "$ref": "#/components/schemas/Foo%20Bar" })
            );
        }
        for other in &others {
            assert_eq!(converter.convert(other, "/x", true), json!({}));
        }
    }
}
