//! Fuzzing load → generate with proptest: arbitrary text, arbitrary JSON, and the real specs
//! of `specs/` mutated node by node. Whatever the input, generation returns code or an
//! error — never a panic, never a hang. Case counts are bounded so the suite stays quick.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Map, Value};

mod oracle;

/// A generation that takes longer than this (in a debug build) counts as a hang.
const HANG: Duration = Duration::from_secs(60);

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn scratch_file(extension: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).expect("the scratch directory can be created");
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("case-{}-{n}.{extension}", std::process::id()))
}

/// Generates from `text` on another thread: a panic or a hang fails the case, and code that
/// does not parse or declares other items than the IR says fails it too.
fn generates_without_panic(text: &str, extension: &str) -> Result<(), TestCaseError> {
    let path = scratch_file(extension);
    std::fs::write(&path, text).expect("the scratch file can be written");
    let (send, receive) = mpsc::channel();
    let spec = path.clone();
    std::thread::spawn(move || {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            specgen::Config::new().spec(&spec).generate_code()
        }));
        let _ = send.send(outcome);
    });
    let outcome = receive.recv_timeout(HANG);
    let checked = match &outcome {
        Ok(Ok(Ok(generated))) => {
            let expected = specgen::declared_items(&path, &specgen::Config::new());
            let found = oracle::declared_by(&generated[0].code);
            Some((expected.map_err(|e| e.to_string()), found))
        }
        _ => None,
    };
    let _ = std::fs::remove_file(&path);
    match outcome {
        Ok(Ok(Ok(_))) => match checked {
            Some((Ok(expected), Ok(found))) if expected == found => Ok(()),
            Some((_, Err(problem))) => Err(TestCaseError::fail(format!(
                "generated code {problem}, from:\n{text}"
            ))),
            other => Err(TestCaseError::fail(format!(
                "declared items differ from the IR's ({other:?}), from:\n{text}"
            ))),
        },
        Ok(Ok(Err(error))) => {
            prop_assert!(!error.message.is_empty(), "an error without a message");
            prop_assert_eq!(&error.location.file, &path);
            Ok(())
        }
        Ok(Err(_)) => Err(TestCaseError::fail(format!("panicked on:\n{text}"))),
        Err(_) => Err(TestCaseError::fail(format!(
            "no result after {HANG:?} on:\n{text}"
        ))),
    }
}

fn real_specs() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("specs/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("spec is readable");
            let value = serde_yaml::from_str(&text).expect("spec is YAML");
            (text, value)
        })
        .collect()
}

/// Words that matter to the generator, so mutations hit meaningful places often.
const KEYWORDS: &[&str] = &[
    "type",
    "items",
    "properties",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "required",
    "nullable",
    "$ref",
    "additionalProperties",
    "format",
    "discriminator",
    "default",
    "in",
    "name",
    "schema",
    "content",
    "responses",
    "parameters",
    "requestBody",
    "const",
    "examples",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "null",
    "date-time",
    "binary",
    "path",
    "query",
    "header",
    "cookie",
    "application/json",
    "200",
    "default",
    "#/components/schemas/",
    "#/components/schemas/Nope",
    "#/paths",
    "other.yaml#/x",
    "#",
    "3.1.0",
    "",
    "+1",
    "-1",
    "self",
    "Self",
    "r#type",
    "x-sensitive",
];

/// Strings that try to leave their place in generated code: line breaks of every kind,
/// comment and attribute markers, quotes, backslashes, NUL, bidirectional and zero-width
/// characters.
const HOSTILE: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    "\u{2028}",
    "*/",
    "/*",
    "\"",
    "\\",
    "`",
    "#[",
    "}",
    "//",
    "\0",
    "\u{202e}",
    "\u{200b}",
    "```",
    "a`\n    A,\n}\npub fn injected() -> u32 { 42 }\npub enum Dummy {\n    /// `",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(KEYWORDS).prop_map(str::to_string),
        1 => "[a-zA-Z0-9_ {}/$#-]{0,10}",
        2 => hostile(),
    ]
}

/// A hostile string, alone or between ordinary words; now and then a very long line.
fn hostile() -> impl Strategy<Value = String> {
    (
        "[a-z]{0,4}",
        proptest::sample::select(HOSTILE),
        "[a-z]{0,4}",
        0..8usize,
    )
        .prop_map(|(before, hostile, after, long)| {
            let long = if long == 0 {
                "x".repeat(300)
            } else {
                String::new()
            };
            format!("{before}{hostile}{after}{long}")
        })
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        word().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec((word(), inner), 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
    Insert(String, Value),
    CopyFrom(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Remove),
        json().prop_map(Mutation::Replace),
        (word(), json()).prop_map(|(k, v)| Mutation::Insert(k, v)),
        any::<usize>().prop_map(Mutation::CopyFrom),
    ]
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(members) => members.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The node at preorder position `index` (`index < count_nodes(value)`).
fn node(value: &Value, index: usize) -> &Value {
    let mut index = index;
    fn walk<'v>(value: &'v Value, index: &mut usize) -> Option<&'v Value> {
        if *index == 0 {
            return Some(value);
        }
        *index -= 1;
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(members) => Box::new(members.values()),
            _ => Box::new(std::iter::empty()),
        };
        children.into_iter().find_map(|child| walk(child, index))
    }
    walk(value, &mut index).unwrap_or(value)
}

/// Applies `mutation` to the node at preorder position `index`.
fn mutate(value: &mut Value, index: usize, mutation: &Mutation, source: &Value) {
    fn walk(value: &mut Value, index: &mut usize, mutation: &Mutation, source: &Value) -> bool {
        let children: Vec<String> = match value {
            Value::Object(members) => members.keys().cloned().collect(),
            Value::Array(items) => (0..items.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        for key in children {
            *index -= 1;
            if *index == 0 {
                match (mutation, &mut *value) {
                    (Mutation::Remove, Value::Object(members)) => {
                        members.remove(&key);
                    }
                    (Mutation::Remove, Value::Array(items)) => {
                        items.remove(key.parse::<usize>().expect("an index"));
                    }
                    _ => {
                        let child = child_mut(value, &key);
                        apply(child, mutation, source);
                    }
                }
                return true;
            }
            if walk(child_mut(value, &key), index, mutation, source) {
                return true;
            }
        }
        false
    }
    fn child_mut<'v>(value: &'v mut Value, key: &str) -> &'v mut Value {
        match value {
            Value::Object(members) => members.get_mut(key).expect("a member"),
            Value::Array(items) => &mut items[key.parse::<usize>().expect("an index")],
            _ => unreachable!("only containers have children"),
        }
    }
    fn apply(target: &mut Value, mutation: &Mutation, source: &Value) {
        match mutation {
            Mutation::Remove => *target = Value::Null,
            Mutation::Replace(new) => *target = new.clone(),
            Mutation::Insert(key, new) => match target {
                Value::Object(members) => {
                    members.insert(key.clone(), new.clone());
                }
                Value::Array(items) => items.push(new.clone()),
                other => *other = new.clone(),
            },
            Mutation::CopyFrom(from) => {
                *target = node(source, from % count_nodes(source)).clone();
            }
        }
    }
    let mut index = index % count_nodes(value);
    if index == 0 {
        apply(value, mutation, source);
    } else {
        walk(value, &mut index, mutation, source);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}", json_like in any::<bool>()) {
        generates_without_panic(&text, if json_like { "json" } else { "yaml" })?;
    }

    #[test]
    fn arbitrary_json_documents_never_panic(mut document in json(), version in prop_oneof![Just("3.0.3"), Just("3.1.0")]) {
        if let Value::Object(members) = &mut document {
            members.insert("openapi".into(), version.into());
        }
        generates_without_panic(&document.to_string(), "json")?;
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn mutated_real_specs_never_panic(
        which in any::<usize>(),
        mutations in proptest::collection::vec((any::<usize>(), mutation()), 1..6),
        as_json in any::<bool>(),
        as_3_1 in any::<bool>(),
    ) {
        let specs = real_specs();
        let (_, original) = &specs[which % specs.len()];
        let mut spec = original.clone();
        for (index, mutation) in &mutations {
            mutate(&mut spec, *index, mutation, original);
        }
        if as_3_1 {
            if let Value::Object(members) = &mut spec {
                members.insert("openapi".into(), "3.1.0".into());
            }
        }
        if as_json {
            generates_without_panic(&spec.to_string(), "json")?;
        } else {
            let yaml = serde_yaml::to_string(&spec).expect("a JSON value is YAML");
            generates_without_panic(&yaml, "yaml")?;
        }
    }

    #[test]
    fn spliced_spec_text_never_panics(
        which in any::<usize>(),
        at in any::<usize>(),
        cut in 0usize..40,
        insert in "\\PC{0,12}",
    ) {
        let specs = real_specs();
        let (text, _) = &specs[which % specs.len()];
        let chars: Vec<char> = text.chars().collect();
        let at = at % chars.len();
        let end = (at + cut).min(chars.len());
        let spliced: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[end..]).collect();
        generates_without_panic(&spliced, "yaml")?;
    }
}

#[test]
fn mutation_reaches_every_node() {
    let original = serde_json::json!({"a": [1, {"b": 2}], "c": 3});
    assert_eq!(count_nodes(&original), 6);
    for index in 0..6 {
        let mut copy = original.clone();
        mutate(
            &mut copy,
            index,
            &Mutation::Replace(Value::from("X")),
            &original,
        );
        assert_ne!(copy, original, "node {index} was not mutated");
        assert_eq!(node(&copy, index), &Value::from("X"), "node {index}");
    }
}
