//! Schema rules: enum values against the schema's type, duplicates, constructs the
//! generator can only type as `serde_json::Value`, and server URLs.

use serde_json::Value;

use super::document::{items, Spec, METHODS};
use super::rules::{ENUM_VALUE_DUPLICATE, ENUM_VALUE_TYPE, LOOSE_TYPE, SERVER_TRAILING_SLASH};
use super::Finding;
use crate::pointer::escape;

pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    for schema in spec.schemas() {
        enum_values(schema.value, &schema.pointer, out);
        // `additionalProperties: {}` is how a free-form map says "any value": deliberate.
        if !schema.in_all_of && !schema.pointer.ends_with("/additionalProperties") {
            untyped(schema.value, &schema.pointer, out);
        }
    }
    untyped_json_bodies(spec, out);
    servers(spec, out);
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

fn servers(spec: &Spec, out: &mut Vec<Finding>) {
    let mut lists: Vec<(&Value, String)> = Vec::new();
    if let Some(servers) = spec.root.get("servers") {
        lists.push((servers, "/servers".into()));
    }
    for (path, item) in super::document::entries(spec.root.get("paths")) {
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
            if url.len() > 1 && url.ends_with('/') {
                out.push(
                    Finding::new(
                        SERVER_TRAILING_SLASH,
                        &format!("{pointer}/{i}/url"),
                        format!("server URL `{url}` ends with `/`"),
                    )
                    .help(format!(
                        "write `{}`: paths start with `/`, so joining them gives `//`",
                        url.trim_end_matches('/')
                    )),
                );
            }
        }
    }
}
