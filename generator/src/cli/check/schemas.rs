//! Schema rules: enum values against the schema's type, duplicates, keywords that
//! contradict the type or that a `$ref` beside them voids, and constructs the generator can
//! only type as `serde_json::Value`.

use serde_json::Value;

use super::document::Spec;
use super::rules::{
    ENUM_VALUE_DUPLICATE, ENUM_VALUE_TYPE, LOOSE_TYPE, REF_SIBLING_IGNORED, SCHEMA_TYPE_MISMATCH,
};
use super::Finding;
use crate::pointer::escape;

pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    let is_3_0 = spec.is_3_0();
    for schema in spec.schemas() {
        enum_values(schema.value, &schema.pointer, out);
        type_mismatch(schema.value, &schema.pointer, out);
        if is_3_0 {
            ref_siblings(schema.value, &schema.pointer, out);
        }
        // `additionalProperties: {}` is how a free-form map says "any value": deliberate.
        if !schema.in_all_of && !schema.pointer.ends_with("/additionalProperties") {
            untyped(schema.value, &schema.pointer, out);
        }
    }
    untyped_json_bodies(spec, out);
}

/// `type: object` with `items`, `type: array` with `properties`, a scalar with either: the
/// generator follows `type` and drops the rest, so what the author described is lost.
fn type_mismatch(schema: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let Some(ty) = schema.get("type").and_then(Value::as_str) else {
        return;
    };
    let misplaced: &[&str] = match ty {
        "object" => &["items"],
        "array" => &["properties", "additionalProperties"],
        _ => &["items", "properties", "additionalProperties"],
    };
    for keyword in misplaced {
        if schema.get(keyword).is_some() {
            out.push(
                Finding::new(
                    SCHEMA_TYPE_MISMATCH,
                    &format!("{pointer}/{keyword}"),
                    format!("`{keyword}` in a schema of `type: {ty}`, which has none"),
                )
                .help("fix `type`, or move the keyword where it belongs: the generator follows `type` and drops it"),
            );
        }
    }
}

/// Beside a `$ref`, OpenAPI 3.0 ignores every keyword; those that only document (a
/// description, an example) lose nothing, the others change the type and are lost.
fn ref_siblings(schema: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if !map.contains_key("$ref") {
        return;
    }
    const DOCUMENTING: [&str; 7] = [
        "$ref",
        "description",
        "summary",
        "title",
        "example",
        "externalDocs",
        "deprecated",
    ];
    let ignored: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|key| !DOCUMENTING.contains(key))
        // Extensions are annotations, except the one the generator acts on.
        .filter(|key| !key.starts_with("x-") || *key == "x-sensitive")
        .collect();
    let Some(first) = ignored.first() else {
        return;
    };
    let list = ignored
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            REF_SIBLING_IGNORED,
            &format!("{pointer}/{}", escape(first)),
            format!("{list} beside `$ref` is ignored by OpenAPI 3.0"),
        )
        .help("wrap the reference, `allOf: [{$ref: …}]`, and keep the keywords beside `allOf`, where they apply"),
    );
}

fn enum_values(schema: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let Some(values) = schema.get("enum").and_then(Value::as_array) else {
        return;
    };
    let nullable = schema.get("nullable") == Some(&Value::Bool(true));
    let ty = schema.get("type").and_then(Value::as_str);
    for (i, value) in values.iter().enumerate() {
        let at = format!("{pointer}/enum/{i}");
        if values[..i].contains(value) {
            out.push(
                Finding::new(
                    ENUM_VALUE_DUPLICATE,
                    &at,
                    format!("enum value {value} is listed twice"),
                )
                .help("remove the repeated value"),
            );
        }
        let fits = match (value, ty) {
            (Value::Null, _) => nullable,
            (_, None) => true,
            (Value::String(_), Some(ty)) => ty == "string",
            (Value::Number(n), Some(ty)) => ty == "number" || (ty == "integer" && is_integer(n)),
            (Value::Bool(_), Some(ty)) => ty == "boolean",
            (Value::Array(_), Some(ty)) => ty == "array",
            (Value::Object(_), Some(ty)) => ty == "object",
        };
        if !fits {
            let (message, help) = match (value, ty) {
                (Value::Null, _) => (
                    "enum value null in a schema that is not nullable".to_string(),
                    "add `nullable: true`, or remove null".to_string(),
                ),
                (_, ty) => (
                    format!(
                        "enum value {value} is not of the schema's type `{}`",
                        ty.unwrap_or("")
                    ),
                    match (value, ty) {
                        (Value::Number(_) | Value::Bool(_), Some("string")) => format!(
                            "quote it (`\"{value}\"`): unquoted, YAML reads it as a {}",
                            if value.is_boolean() {
                                "boolean"
                            } else {
                                "number"
                            }
                        ),
                        _ => "make every value match `type`".to_string(),
                    },
                ),
            };
            out.push(Finding::new(ENUM_VALUE_TYPE, &at, message).help(help));
        }
    }
}

fn is_integer(number: &serde_json::Number) -> bool {
    number.is_i64() || number.is_u64() || number.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// Schemas that say nothing about their shape, and arrays that say nothing about their
/// items: the generator can only use `serde_json::Value` for them. (The generator reports
/// the constructs it cannot express, such as `not`, itself.)
fn untyped(schema: &Value, pointer: &str, out: &mut Vec<Finding>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    const SHAPE: [&str; 10] = [
        "$ref",
        "type",
        "properties",
        "additionalProperties",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "enum",
        "not",
    ];
    if !SHAPE.iter().any(|key| map.contains_key(*key)) {
        out.push(
            Finding::new(LOOSE_TYPE, pointer, "schema without a type: generated as serde_json::Value")
                .help("give it a `type` (and `properties`/`items`), or allow it in specgen.toml with the reason it is free-form"),
        );
    } else if map.get("type").and_then(Value::as_str) == Some("array") && !map.contains_key("items")
    {
        out.push(
            Finding::new(
                LOOSE_TYPE,
                pointer,
                "array without `items`: generated as Vec<serde_json::Value>",
            )
            .help("describe the items with `items`"),
        );
    }
}

/// A JSON response documented without a schema is decoded as `serde_json::Value`.
fn untyped_json_bodies(spec: &Spec, out: &mut Vec<Finding>) {
    for holder in spec.holders() {
        let Some((_, media_type)) = holder.pointer.rsplit_once("/content/") else {
            continue;
        };
        let media_type = media_type.replace("~1", "/");
        let json = media_type.starts_with("application/json") || media_type.contains("+json");
        if json && holder.pointer.contains("/responses/") && holder.value.get("schema").is_none() {
            out.push(
                Finding::new(
                    LOOSE_TYPE,
                    &holder.pointer,
                    format!(
                        "`{media_type}` response without a schema: decoded as serde_json::Value"
                    ),
                )
                .help("add a `schema`"),
            );
        }
    }
}
