//! `example-invalid` and `example-undeclared-property`: every schema, parameter, header and
//! media type example is validated against its schema by a JSON Schema validator.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

use super::document::{entries, Spec};
use super::json_schema::Converter;
use super::rules::{EXAMPLE_INVALID, EXAMPLE_UNDECLARED_PROPERTY};
use super::Finding;
use crate::pointer::escape;

/// One example and the schema it must satisfy.
pub struct Example<'a> {
    /// Where the example's value is written (a `components/examples` entry when referenced).
    pub pointer: String,
    pub schema: &'a Value,
    pub value: &'a Value,
}

/// How the `date` format is read, as the generated client reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// A full-date, or a date-time whose date is kept (the generator's default).
    Lenient,
    Strict,
}

pub fn check(spec: &Spec, dates: Dates, out: &mut Vec<Finding>) {
    let converter = Converter::new(spec.root);
    for example in collect(spec) {
        let validator = match build(&converter.document(example.schema), dates) {
            Ok(validator) => validator,
            Err(message) => {
                out.push(Finding::new(
                    EXAMPLE_INVALID,
                    &example.pointer,
                    format!("the schema of this example cannot be compiled: {message}"),
                ));
                continue;
            }
        };
        for error in validator.iter_errors(example.value) {
            let at = format!("{}{}", example.pointer, error.instance_path());
            match error.kind() {
                ValidationErrorKind::UnevaluatedProperties { unexpected }
                | ValidationErrorKind::AdditionalProperties { unexpected } => {
                    for name in unexpected {
                        out.push(
                            Finding::new(
                                EXAMPLE_UNDECLARED_PROPERTY,
                                &format!("{at}/{}", escape(name)),
                                format!("example has property `{name}`, which its schema does not declare"),
                            )
                            .help("fix the property name, or declare it in the schema"),
                        );
                    }
                }
                _ => {
                    let place = match error.instance_path().as_str() {
                        "" => String::new(),
                        path => format!(" at `{path}`"),
                    };
                    out.push(
                        Finding::new(EXAMPLE_INVALID, &at, format!("example does not match its schema{place}: {error}"))
                            .help("fix the example, or the schema if the example shows what the API really sends"),
                    );
                }
            }
        }
    }
}

/// Every example in the document with its schema.
pub fn collect<'a>(spec: &Spec<'a>) -> Vec<Example<'a>> {
    let mut out = Vec::new();
    for schema in spec.schemas() {
        if let Some(value) = schema.value.get("example") {
            out.push(Example {
                pointer: format!("{}/example", schema.pointer),
                schema: schema.value,
                value,
            });
        }
    }
    for holder in spec.holders() {
        let Some(schema) = holder.value.get("schema") else {
            continue;
        };
        if let Some(value) = holder.value.get("example") {
            out.push(Example {
                pointer: format!("{}/example", holder.pointer),
                schema,
                value,
            });
        }
        for (name, example) in entries(holder.value.get("examples")) {
            let at = format!("{}/examples/{}", holder.pointer, escape(name));
            let (example, at) = spec.resolve(example, &at);
            // An example given only by `externalValue` has no value to check offline.
            if let Some(value) = example.get("value") {
                out.push(Example {
                    pointer: format!("{at}/value"),
                    schema,
                    value,
                });
            }
        }
    }
    out
}

/// A validator asserting formats: `date` per `dates`, OpenAPI's own formats accepted, and
/// formats nobody knows ignored (they are annotations in JSON Schema).
pub fn build(schema: &Value, dates: Dates) -> Result<Validator, String> {
    let mut options = jsonschema::options()
        .with_draft(Draft::Draft202012)
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
