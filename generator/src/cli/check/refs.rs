//! `unresolved-ref` and `unused-component`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::document::{entries, items, Spec};
use super::rules::{UNRESOLVED_REF, UNUSED_COMPONENT};
use super::Finding;
use crate::cli::source::SourceFile;
use crate::pointer::{escape, percent_decode, unescape};

/// A `$ref` (or a discriminator mapping to a schema) and where it is written.
pub struct Reference<'a> {
    pub target: &'a str,
    pub pointer: String,
}

/// Maps whose keys are names (a status `default`, a property `example`), not keywords.
const NAME_MAPS: [&str; 9] = [
    "properties",
    "patternProperties",
    "paths",
    "responses",
    "content",
    "headers",
    "encoding",
    "callbacks",
    "links",
];

/// Keys whose values are data (examples, defaults, enum values), never references.
fn is_data_key(key: &str) -> bool {
    matches!(key, "example" | "default" | "enum" | "const") || key.starts_with("x-")
}

fn collect<'a>(node: &'a Value, pointer: &str, keys_are_names: bool, out: &mut Vec<Reference<'a>>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                out.push(Reference {
                    target,
                    pointer: format!("{pointer}/$ref"),
                });
            }
            for (key, value) in map {
                let at = format!("{pointer}/{}", escape(key));
                if !keys_are_names && is_data_key(key) {
                    continue;
                }
                if !keys_are_names && key == "mapping" {
                    for (name, target) in entries(Some(value)) {
                        if let Some(target) = target.as_str() {
                            out.push(Reference {
                                target,
                                pointer: format!("{at}/{}", escape(name)),
                            });
                        }
                    }
                    continue;
                }
                if !keys_are_names && key == "examples" {
                    // Only a whole example can be a reference; its `value` is data.
                    for (name, example) in entries(Some(value)) {
                        if let Some(Value::String(target)) = example.get("$ref") {
                            out.push(Reference {
                                target,
                                pointer: format!("{at}/{}/$ref", escape(name)),
                            });
                        }
                    }
                    continue;
                }
                let names_below = !keys_are_names
                    && (NAME_MAPS.contains(&key.as_str())
                        || (pointer == "/components" && value.is_object()));
                collect(value, &at, names_below, out);
            }
        }
        Value::Array(list) => {
            for (i, item) in list.iter().enumerate() {
                collect(item, &format!("{pointer}/{i}"), false, out);
            }
        }
        _ => {}
    }
}

/// `#/components/schemas/Pet/properties/x` → `("schemas", "Pet")`; a bare discriminator
/// mapping value names a schema.
fn component_of(target: &str) -> Option<(String, String)> {
    if !target.contains('#') && !target.contains('/') && !target.contains('.') {
        return Some(("schemas".into(), target.to_string()));
    }
    let rest = target.strip_prefix("#/components/")?;
    let mut segments = rest.split('/');
    let kind = segments.next()?;
    let name = segments.next()?;
    Some((kind.to_string(), unescape(name)))
}

/// Every reference written in the document.
pub fn references<'a>(spec: &Spec<'a>) -> Vec<Reference<'a>> {
    let mut references = Vec::new();
    collect(spec.root, "", false, &mut references);
    references
}

pub fn check(spec: &Spec, file: &Path, out: &mut Vec<Finding>) {
    let references = references(spec);
    unresolved(spec, file, &references, out);
    unused(spec, &references, out);
}

fn unresolved(spec: &Spec, file: &Path, references: &[Reference], out: &mut Vec<Finding>) {
    let mut external: HashMap<PathBuf, Option<Value>> = HashMap::new();
    let base = file.parent().unwrap_or(Path::new(""));
    for reference in references {
        let target = reference.target;
        if target.starts_with("http://") || target.starts_with("https://") {
            continue; // not fetched: a review runs offline
        }
        let (file_part, fragment) = target.split_once('#').unwrap_or((target, ""));
        let fragment = percent_decode(fragment);
        if file_part.is_empty() && !target.contains('#') {
            continue;
        }
        let found = if file_part.is_empty() {
            spec.root.pointer(&fragment).is_some()
        } else if !target.contains('#') && !file_part.contains('.') {
            // A bare discriminator mapping value: a component schema name.
            spec.root
                .pointer(&format!("/components/schemas/{}", escape(file_part)))
                .is_some()
        } else {
            let path = base.join(file_part);
            let document = external.entry(path.clone()).or_insert_with(|| {
                SourceFile::read(&path)
                    .ok()
                    .and_then(|source| source.tree.ok())
            });
            document
                .as_ref()
                .is_some_and(|d| fragment.is_empty() || d.pointer(&fragment).is_some())
        };
        if !found {
            out.push(
                Finding::new(
                    UNRESOLVED_REF,
                    &reference.pointer,
                    format!("unresolved reference `{target}`"),
                )
                .help("define the referenced component, or fix the name in the reference"),
            );
        }
    }
}

fn unused(spec: &Spec, references: &[Reference], out: &mut Vec<Finding>) {
    // Which components each component refers to, and which ones the rest of the spec uses.
    let mut inner: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    let mut used: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    for reference in references {
        let Some(target) = component_of(reference.target) else {
            continue;
        };
        match component_of(&format!("#{}", reference.pointer)) {
            Some(owner) if reference.pointer.starts_with("/components/") => {
                inner.entry(owner).or_default().push(target)
            }
            _ => pending.push(target),
        }
    }
    while let Some(component) = pending.pop() {
        if used.insert(component.clone()) {
            pending.extend(inner.get(&component).into_iter().flatten().cloned());
        }
    }
    let components = spec.root.get("components");
    for (kind, section) in entries(components) {
        if kind == "securitySchemes" || kind.starts_with("x-") {
            continue;
        }
        for (name, _) in entries(Some(section)) {
            if !used.contains(&(kind.clone(), name.clone())) {
                out.push(
                    Finding::new(
                        UNUSED_COMPONENT,
                        &format!("/components/{kind}/{}", escape(name)),
                        format!("component `{kind}/{name}` is not used"),
                    )
                    .help("refer to it, or remove it (an unused schema still becomes a Rust type)"),
                );
            }
        }
    }
    let mut schemes_used = BTreeSet::new();
    let requirements = items(spec.root.get("security")).map(|(_, r)| r).chain(
        spec.operations()
            .iter()
            .flat_map(|op| items(op.operation.get("security")).map(|(_, r)| r)),
    );
    for requirement in requirements {
        schemes_used.extend(entries(Some(requirement)).map(|(name, _)| name.clone()));
    }
    for (name, _) in entries(components.and_then(|c| c.get("securitySchemes"))) {
        if !schemes_used.contains(name) {
            out.push(
                Finding::new(
                    UNUSED_COMPONENT,
                    &format!("/components/securitySchemes/{}", escape(name)),
                    format!("security scheme `{name}` is not required by any operation"),
                )
                .help("add it to a `security` requirement, or remove it"),
            );
        }
    }
}
