//! Random valid specs generate code that compiles: a sample of specs built from awkward
//! names, enum values, nesting, cycles and parameter shapes, all generated into one crate
//! and compiled by one `cargo check`.
//!
//! It compiles a crate, so it takes a minute or two and is ignored by default:
//!
//! ```text
//! cargo test -p specgen --test random_specs_compile -- --ignored
//! ```

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Value};

mod oracle;

/// How many random specs are generated and compiled together, unless
/// `SPECGEN_RANDOM_SPECS` says otherwise.
const SPECS: usize = 32;

/// Names that have broken generators: keywords, prelude types, case collisions, digits.
const NAMES: &[&str] = &[
    "Pet",
    "type",
    "Self",
    "self",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Client",
    "errorCode",
    "error_code",
    "ErrorCode",
    "123abc",
    "a b",
    "ÄÖ",
    "match",
    "Default",
    "status",
    "Status",
    "kind",
    "value",
    "items",
    "_",
    "x-y",
    "Into",
    // Hostile: each tries to leave its place in the generated code.
    "line\nbreak",
    "cr\ronly",
    "*/",
    "quote\"d",
    "back\\slash",
    "#[x]",
    "}",
    "//c",
    "nul\0",
    "rtl\u{202e}x",
    "zero\u{200b}w",
];

/// Enum values that have broken generators: symbols, sentences, collisions.
const VALUES: &[&str] = &[
    "+1",
    "-1",
    "",
    "a b",
    "Under $50,000",
    "type",
    "1st",
    "ÄÖ",
    "A",
    "a",
    "None",
    "Some",
    "0-10 Transactions",
    "self",
    "Unknown",
    // Hostile: each tries to end its doc line or its literal.
    "a`\n    A,\n}\npub fn injected() -> u32 { 42 }\npub enum Dummy {\n    /// `",
    "*/",
    "/*",
    "\"",
    "\\",
    "`",
    "#[",
    "nul\0",
    "cr\r",
    "rtl\u{202e}",
    "\u{2028}",
];

fn name() -> impl Strategy<Value = String> {
    proptest::sample::select(NAMES).prop_map(str::to_string)
}

fn reference(count: usize) -> impl Strategy<Value = Value> {
    (0..count).prop_map(|i| json!({ "$ref": format!("#/components/schemas/S{i}") }))
}

/// A property schema: scalars, formats, lists, inline objects and enums, references.
fn property(schemas: usize) -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": "string", "format": "date-time"})),
        Just(json!({"type": "string", "format": "date"})),
        Just(json!({"type": "string", "format": "uuid"})),
        Just(json!({"type": "string", "format": "binary"})),
        Just(json!({"type": "integer", "format": "int32"})),
        Just(json!({"type": "integer"})),
        Just(json!({"type": "number"})),
        Just(json!({"type": "boolean"})),
        Just(json!({})),
        Just(json!({"type": "object"})),
        proptest::sample::subsequence(VALUES, 1..4)
            .prop_map(|v| json!({"type": "string", "enum": v})),
        reference(schemas),
    ];
    scalar.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            inner
                .clone()
                .prop_map(|v| json!({"type": "object", "additionalProperties": v})),
            proptest::collection::btree_map(name(), inner, 1..3)
                .prop_map(|p| json!({"type": "object", "properties": p})),
        ]
    })
}

fn with_flags(schema: Value, nullable: bool, description: bool) -> Value {
    let mut schema = schema;
    if let Value::Object(members) = &mut schema {
        if nullable && !members.contains_key("$ref") {
            members.insert("nullable".into(), true.into());
        }
        if description {
            members.insert(
                "description".into(),
                "Line one.\n\nA `code` */ span\rpub fn after_cr() {}\n```\nfn doctest() {}".into(),
            );
        }
    }
    schema
}

/// An object with awkwardly named, sometimes required, nullable or documented properties.
fn object(schemas: usize) -> impl Strategy<Value = Value> {
    proptest::collection::btree_map(
        name(),
        (
            property(schemas),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        0..5,
    )
    .prop_map(|properties| {
        let required: Vec<&String> = properties
            .iter()
            .filter(|(_, p)| p.1)
            .map(|(k, _)| k)
            .collect();
        let members: Map<String, Value> = properties
            .iter()
            .map(|(k, (schema, _, nullable, docs))| {
                (k.clone(), with_flags(schema.clone(), *nullable, *docs))
            })
            .collect();
        json!({"type": "object", "required": required, "properties": members})
    })
}

/// A component schema: an object, a string enum, a union, an `allOf` or an alias.
fn component(schemas: usize) -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => object(schemas),
        1 => proptest::sample::subsequence(VALUES, 1..6).prop_map(|v| json!({"type": "string", "enum": v})),
        1 => proptest::collection::vec(property(schemas), 2..4).prop_map(|v| json!({"oneOf": v})),
        1 => proptest::collection::vec(property(schemas), 2..4).prop_map(|v| json!({"anyOf": v})),
        1 => (reference(schemas), object(schemas)).prop_map(|(r, o)| json!({"allOf": [r, o]})),
        1 => property(schemas),
    ]
}

fn parameter(schemas: usize) -> impl Strategy<Value = Value> {
    (
        name(),
        proptest::sample::select(&["query", "header", "cookie"][..]),
        property(schemas),
        any::<bool>(),
    )
        .prop_map(|(name, location, schema, required)| {
            json!({"name": name, "in": location, "required": required, "schema": schema})
        })
}

fn operation(schemas: usize) -> impl Strategy<Value = Value> {
    (
        proptest::option::of(name()),
        proptest::collection::vec(parameter(schemas), 0..3),
        proptest::option::of((
            property(schemas),
            proptest::sample::select(
                &[
                    "application/json",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                    "text/plain",
                    "application/octet-stream",
                ][..],
            ),
        )),
        proptest::collection::btree_map(
            proptest::sample::select(&["200", "201", "204", "400", "404", "4XX", "default"][..]),
            proptest::option::of(property(schemas)),
            1..4,
        ),
    )
        .prop_map(|(id, parameters, body, responses)| {
            let responses: Map<String, Value> = responses
                .into_iter()
                .map(|(status, schema)| {
                    let mut response = json!({"description": "d"});
                    if let Some(schema) = schema.filter(|_| status != "204") {
                        response["content"] = json!({"application/json": {"schema": schema}});
                    }
                    (status.to_string(), response)
                })
                .collect();
            let mut operation = json!({"parameters": parameters, "responses": responses});
            if let Some(id) = id {
                operation["operationId"] = id.into();
            }
            if let Some((schema, media)) = body {
                operation["requestBody"] = json!({"content": {media: {"schema": schema}}});
            }
            operation
        })
}

fn spec() -> impl Strategy<Value = Value> {
    (1usize..6).prop_flat_map(|schemas| {
        (
            proptest::collection::vec(component(schemas), schemas),
            proptest::collection::vec(
                (
                    proptest::sample::select(&["get", "put", "post", "delete", "patch"][..]),
                    operation(schemas),
                    property(schemas),
                ),
                1..4,
            ),
        )
            .prop_map(|(components, operations)| {
                let schemas: Map<String, Value> = components
                    .into_iter()
                    .enumerate()
                    .map(|(i, schema)| (format!("S{i}"), schema))
                    .collect();
                let mut paths = Map::new();
                for (i, (method, mut operation, id_schema)) in operations.into_iter().enumerate() {
                    let id_schema = match id_schema.get("type").and_then(Value::as_str) {
                        Some("integer" | "string") => id_schema,
                        _ => json!({"type": "string"}),
                    };
                    let parameters = operation["parameters"].as_array_mut().expect("a list");
                    parameters.push(
                        json!({"name": "id", "in": "path", "required": true, "schema": id_schema}),
                    );
                    paths.insert(
                        format!("/things{i}/\"q\\*/{{id}}"),
                        json!({ method: operation }),
                    );
                }
                json!({
                    "openapi": "3.0.3",
                    "info": {
                        "title": "Random \"title\"\n}\npub fn from_title() {}",
                        "version": "1\r\n*/",
                        "description": "A description\u{2028}pub fn from_description() {}",
                    },
                    "paths": paths,
                    "components": {"schemas": schemas},
                })
            })
    })
}

#[test]
#[ignore = "compiles a crate of generated code: run with --ignored"]
fn random_valid_specs_generate_code_that_compiles() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("random-specs");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("the crate directory can be created");
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"random-specs\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
             [dependencies]\nspecgen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    )
    .expect("the manifest can be written");
    let _ = std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock"));
    let mut runner = TestRunner::deterministic();
    let mut lib = String::from("#![deny(warnings)]\n");
    let specs = std::env::var("SPECGEN_RANDOM_SPECS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SPECS);
    for i in 0..specs {
        let spec = spec().new_tree(&mut runner).expect("a spec").current();
        let path = dir.join(format!("spec{i}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&spec).expect("JSON"))
            .expect("the spec can be written");
        let generated = specgen::Config::new()
            .spec(&path)
            .generate_code()
            .unwrap_or_else(|e| panic!("spec{i}.json does not generate: {e}"));
        oracle::assert_declares_expected(&path, &specgen::Config::new(), &generated[0].code);
        std::fs::write(dir.join(format!("src/spec{i}.rs")), &generated[0].code)
            .expect("the module can be written");
        lib.push_str(&format!("pub mod spec{i};\n"));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs can be written");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(&dir)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "generated code does not compile (specs and modules in {}):\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}
