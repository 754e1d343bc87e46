//! `example-invalid`, `example-undeclared-property` and `default-invalid`: every schema,
//! parameter, header and media type example, and every schema's `default`, is validated
//! against its schema by a JSON Schema validator.
//!
//! The document's schemas are converted once ([`Converter::resource`]); values are grouped
//! by the schema they must satisfy, each schema's validator is compiled once and dropped
//! when its values are checked, and each value is validated once, however many places
//! refer to it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Registry, Validator};
use serde_json::{json, Value};

use super::document::{entries, Spec};
use super::json_schema::{Converter, RESOURCE_URI};
use super::rules::{DEFAULT_INVALID, EXAMPLE_INVALID, EXAMPLE_UNDECLARED_PROPERTY};
use super::Finding;
use crate::pointer::{escape, percent_decode};

/// Following more `$ref`s than this in a row means they form a cycle.
const MAX_REF_CHAIN: usize = 32;

/// A value the document says satisfies a schema: an example, or a schema's `default`.
pub struct Sample<'a> {
    /// Where the value is written (a `components/examples` entry when referenced).
    pub pointer: String,
    pub schema: &'a Value,
    /// Where the schema is written.
    pub schema_pointer: String,
    pub value: &'a Value,
    pub is_default: bool,
}

/// How the `date` format is read, as the generated client reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// A full-date, or a date-time whose date is kept (the generator's default).
    Lenient,
    Strict,
}

pub fn check(spec: &Spec, dates: Dates, out: &mut Vec<Finding>) {
    let samples = collect(spec);
    if samples.is_empty() {
        return;
    }
    let converter = Converter::new(spec.root);
    let resource = converter.resource(&spec.schema_roots());
    let registry = match Registry::new()
        .draft(Draft::Draft202012)
        .add(RESOURCE_URI, &resource)
        .and_then(|builder| builder.prepare())
    {
        Ok(registry) => registry,
        Err(error) => {
            for sample in &samples {
                out.push(not_compiled(sample, &error.to_string()));
            }
            return;
        }
    };
    // By the schema they must satisfy (where a chain of references ends), each value once.
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for sample in &samples {
        let (schema, pointer) = target(&converter, sample.schema, &sample.schema_pointer);
        groups
            .entry(pointer)
            .or_insert_with(|| (schema, BTreeMap::new()))
            .1
            .insert(&sample.pointer, sample);
    }
    let groups: Vec<(String, Group)> = groups.into_iter().collect();
    let context = Context {
        converter: &converter,
        registry: &registry,
        dates,
    };
    validate_groups(&context, &groups, out);
}

/// The schema the values must satisfy, and the values by where they are written.
type Group<'s, 'a> = (&'a Value, BTreeMap<&'s str, &'s Sample<'a>>);

struct Context<'c, 'a> {
    converter: &'c Converter<'a>,
    registry: &'c Registry<'c>,
    dates: Dates,
}

/// One validator for every schema of `groups` at once: each component is compiled once,
/// however many schemas refer to it. A value is checked as the member of an object whose
/// key names its schema's entry, so only that entry applies to it. When some schema cannot
/// be compiled (an invalid `pattern`, say), the halves are tried apart until the schema
/// that fails is alone, and its values are reported as not checked.
fn validate_groups<'a>(
    context: &Context<'_, 'a>,
    groups: &[(String, Group<'_, 'a>)],
    out: &mut Vec<Finding>,
) {
    let entries: serde_json::Map<String, Value> = groups
        .iter()
        .enumerate()
        .map(|(i, (pointer, (schema, _)))| {
            (i.to_string(), context.converter.entry(schema, pointer))
        })
        .collect();
    match build(
        &json!({ "properties": entries }),
        context.dates,
        context.registry,
    ) {
        Ok(validator) => {
            for (i, (_, (_, samples))) in groups.iter().enumerate() {
                let key = i.to_string();
                for sample in samples.values() {
                    let instance = json!({ key.as_str(): sample.value });
                    validate(&validator, &instance, &format!("/{key}"), sample, out);
                }
            }
        }
        Err(message) if groups.len() == 1 => {
            for sample in groups[0].1 .1.values() {
                out.push(not_compiled(sample, &message));
            }
        }
        Err(_) => {
            let (first, second) = groups.split_at(groups.len() / 2);
            validate_groups(context, first, out);
            validate_groups(context, second, out);
        }
    }
}

/// Validates `instance`, which holds the sample's value at `prefix`.
fn validate(
    validator: &Validator,
    instance: &Value,
    prefix: &str,
    sample: &Sample,
    out: &mut Vec<Finding>,
) {
    for error in validator.iter_errors(instance) {
        let path = error.instance_path().as_str();
        let path = path.strip_prefix(prefix).unwrap_or(path);
        let at = format!("{}{path}", sample.pointer);
        if sample.is_default {
            out.push(
                Finding::new(
                    DEFAULT_INVALID,
                    &at,
                    format!("default does not match its schema{}: {error}", place(path)),
                )
                .help("fix the default: the server fills it in, and the client reads it back"),
            );
            continue;
        }
        match error.kind() {
            ValidationErrorKind::UnevaluatedProperties { unexpected }
            | ValidationErrorKind::AdditionalProperties { unexpected } => {
                for name in unexpected {
                    out.push(
                        Finding::new(
                            EXAMPLE_UNDECLARED_PROPERTY,
                            &format!("{at}/{}", escape(name)),
                            format!(
                                "example has property `{name}`, which its schema does not declare"
                            ),
                        )
                        .help("fix the property name, or declare it in the schema"),
                    );
                }
            }
            _ => out.push(
                Finding::new(
                    EXAMPLE_INVALID,
                    &at,
                    format!("example does not match its schema{}: {error}", place(path)),
                )
                .help(
                    "fix the example, or the schema if the example shows what the API really sends",
                ),
            ),
        }
    }
}

fn place(path: &str) -> String {
    match path {
        "" => String::new(),
        path => format!(" at `{path}`"),
    }
}

fn not_compiled(sample: &Sample, message: &str) -> Finding {
    let rule = if sample.is_default {
        DEFAULT_INVALID
    } else {
        EXAMPLE_INVALID
    };
    Finding::new(
        rule,
        &sample.pointer,
        format!("the schema of this value cannot be compiled: {message}"),
    )
}

/// Follows `$ref`s to component schemas from `schema` (written at `pointer`).
fn target<'a>(converter: &Converter<'a>, schema: &'a Value, pointer: &str) -> (&'a Value, String) {
    let mut current = (schema, pointer.to_string());
    for _ in 0..MAX_REF_CHAIN {
        let Some(reference) = current.0.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match converter.local_schema(reference) {
            Some(found) => current = (found, percent_decode(&reference[1..])),
            None => break,
        }
    }
    current
}

/// Every example and default in the document with its schema.
pub fn collect<'a>(spec: &Spec<'a>) -> Vec<Sample<'a>> {
    let mut out = Vec::new();
    for schema in spec.schemas() {
        // Beside a `$ref`, OpenAPI 3.0 ignores both (`ref-sibling-ignored` says so).
        if schema.value.get("$ref").is_some() {
            continue;
        }
        for (key, is_default) in [("example", false), ("default", true)] {
            if let Some(value) = schema.value.get(key) {
                out.push(Sample {
                    pointer: format!("{}/{key}", schema.pointer),
                    schema: schema.value,
                    schema_pointer: schema.pointer.clone(),
                    value,
                    is_default,
                });
            }
        }
    }
    for holder in spec.holders() {
        let Some(schema) = holder.value.get("schema") else {
            continue;
        };
        let schema_pointer = format!("{}/schema", holder.pointer);
        if let Some(value) = holder.value.get("example") {
            out.push(Sample {
                pointer: format!("{}/example", holder.pointer),
                schema,
                schema_pointer: schema_pointer.clone(),
                value,
                is_default: false,
            });
        }
        for (name, example) in entries(holder.value.get("examples")) {
            let at = format!("{}/examples/{}", holder.pointer, escape(name));
            let (example, at) = spec.resolve(example, &at);
            // An example given only by `externalValue` has no value to check offline.
            if let Some(value) = example.get("value") {
                out.push(Sample {
                    pointer: format!("{at}/value"),
                    schema,
                    schema_pointer: schema_pointer.clone(),
                    value,
                    is_default: false,
                });
            }
        }
    }
    out
}

/// A validator for `schema` (whose references reach into `registry`) asserting formats:
/// `date` per `dates`, OpenAPI's own formats accepted, and formats nobody knows ignored
/// (they are annotations in JSON Schema).
pub fn build(schema: &Value, dates: Dates, registry: &Registry) -> Result<Validator, String> {
    let mut options = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_registry(registry)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(true)
        .with_format("int32", |_: &str| true)
        .with_format("int64", |_: &str| true)
        .with_format("float", |_: &str| true)
        .with_format("double", |_: &str| true)
        .with_format("binary", |_: &str| true)
        .with_format("password", |_: &str| true)
        .with_format("byte", is_base64);
    if dates == Dates::Lenient {
        options = options.with_format("date", is_lenient_date);
    }
    options.build(schema).map_err(|e| e.to_string())
}

/// An RFC 3339 full-date, or an RFC 3339 date-time (whose date the client keeps).
pub fn is_lenient_date(text: &str) -> bool {
    static CHECKS: OnceLock<(Validator, Validator)> = OnceLock::new();
    let (date, date_time) = CHECKS.get_or_init(|| {
        let strict = |format: &str| {
            jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .build(&json!({ "type": "string", "format": format }))
                .expect("a format schema compiles")
        };
        (strict("date"), strict("date-time"))
    });
    let value = Value::String(text.to_owned());
    date.is_valid(&value) || date_time.is_valid(&value)
}

fn is_base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    text.len() % 4 == 0
        && text.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_example_is_validated_once_and_a_default_against_its_enum() {
        let root = json!({
            "openapi": "3.0.3",
            "paths": { "/a": { "get": { "responses": {
                "200": { "description": "", "content": {
                    "application/json": { "schema": { "$ref": "#/components/schemas/N" },
                        "examples": { "one": { "$ref": "#/components/examples/Bad" } } },
                    "application/x-json": { "schema": { "$ref": "#/components/schemas/N" },
                        "examples": { "two": { "$ref": "#/components/examples/Bad" } } }
                } } } } } },
            "components": {
                "schemas": {
                    "N": { "type": "integer" },
                    "S": { "type": "string", "enum": ["a", "b"], "default": "c" },
                    "Ok": { "type": "string", "nullable": true, "default": null }
                },
                "examples": { "Bad": { "value": "text" } }
            }
        });
        let spec = Spec::new(&root);
        let mut findings = Vec::new();
        check(&spec, Dates::Lenient, &mut findings);
        let found: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.pointer.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (EXAMPLE_INVALID, "/components/examples/Bad/value"),
                (DEFAULT_INVALID, "/components/schemas/S/default"),
            ]
        );
    }

    #[test]
    fn a_schema_that_cannot_be_compiled_leaves_the_others_checked() {
        let root = json!({
            "openapi": "3.0.3",
            "components": { "schemas": {
                "A": { "type": "integer", "example": "one" },
                "B": { "type": "string", "pattern": "(unclosed", "example": "x" },
                "C": { "type": "string", "example": 3 },
                "D": { "type": "boolean", "example": true }
            } }
        });
        let spec = Spec::new(&root);
        let mut findings = Vec::new();
        check(&spec, Dates::Lenient, &mut findings);
        let found: Vec<(&str, &str, bool)> = findings
            .iter()
            .map(|f| {
                let not_compiled = f.message.contains("cannot be compiled");
                (f.rule, f.pointer.as_str(), not_compiled)
            })
            .collect();
        assert_eq!(
            found,
            [
                (EXAMPLE_INVALID, "/components/schemas/A/example", false),
                (EXAMPLE_INVALID, "/components/schemas/B/example", true),
                (EXAMPLE_INVALID, "/components/schemas/C/example", false),
            ]
        );
    }
}
