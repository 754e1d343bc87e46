//! Rules about what a schema declares, seen through `$ref` and `allOf`/`anyOf`/`oneOf`:
//! `required` names against the properties defined, and discriminators against the members
//! of their union.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::document::{entries, items, Spec};
use super::rules::{
    DISCRIMINATOR_MAPPING_INVALID, DISCRIMINATOR_PROPERTY_MISSING, REQUIRED_PROPERTY_UNDEFINED,
};
use super::Finding;
use crate::pointer::{escape, percent_decode};

const SCHEMAS: &str = "/components/schemas/";
const COMBINATORS: [&str; 3] = ["allOf", "anyOf", "oneOf"];

/// The properties a schema declares, or `None` when it is open to any (an
/// `additionalProperties` other than `false`, or a reference this review cannot follow).
type Declared<'a> = Option<BTreeSet<&'a str>>;

pub fn check(spec: &Spec, out: &mut Vec<Finding>) {
    let shapes = Shapes { root: spec.root };
    let nodes: HashMap<&str, &Value> = spec
        .schemas()
        .iter()
        .map(|node| (node.pointer.as_str(), node.value))
        .collect();
    for node in spec.schemas() {
        if node.pointer.contains("/not") {
            continue; // `not: {required: [x]}` forbids x: it need not be declared.
        }
        required(&shapes, &nodes, node.value, &node.pointer, out);
        if let Some(discriminator) = node.value.get("discriminator") {
            discriminated(&shapes, node.value, &node.pointer, discriminator, out);
        }
    }
}

struct Shapes<'a> {
    root: &'a Value,
}

impl<'a> Shapes<'a> {
    /// The component schema a `$ref` names, with its pointer.
    fn target(&self, reference: &str) -> Option<(&'a Value, String)> {
        let pointer = percent_decode(reference.strip_prefix('#')?);
        pointer.strip_prefix(SCHEMAS)?;
        Some((self.root.pointer(&pointer)?, pointer))
    }

    /// The properties `schema` declares, its parts' and its references' included.
    fn declared(&self, schema: &'a Value) -> Declared<'a> {
        let mut names = BTreeSet::new();
        let closed = self.collect(schema, &mut names, &mut HashSet::new());
        closed.then_some(names)
    }

    /// Adds what `schema` declares to `names`; false when it is open. Each reference is
    /// followed once (`seen`), so cycles and shared parts cost nothing more.
    fn collect(
        &self,
        schema: &'a Value,
        names: &mut BTreeSet<&'a str>,
        seen: &mut HashSet<&'a str>,
    ) -> bool {
        let Some(map) = schema.as_object() else {
            return true;
        };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            if !seen.insert(reference) {
                return true;
            }
            return match self.target(reference) {
                Some((target, _)) => self.collect(target, names, seen),
                None => false,
            };
        }
        if map
            .get("additionalProperties")
            .is_some_and(|a| *a != Value::Bool(false))
        {
            return false;
        }
        names.extend(entries(map.get("properties")).map(|(name, _)| name.as_str()));
        COMBINATORS
            .iter()
            .flat_map(|key| items(map.get(*key)))
            .all(|(_, part)| self.collect(part, names, seen))
    }

    /// Whether `schema` includes the component at `base` through `allOf`, at any depth.
    fn extends(&self, schema: &'a Value, base: &str, seen: &mut HashSet<&'a str>) -> bool {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if !seen.insert(reference) {
                return false;
            }
            return match self.target(reference) {
                Some((_, pointer)) if pointer == base => true,
                Some((target, _)) => self.extends(target, base, seen),
                None => false,
            };
        }
        items(schema.get("allOf")).any(|(_, part)| self.extends(part, base, seen))
    }
}

/// `required-property-undefined`. A part of a combination may require what its siblings
/// or the schema around it declare (`allOf: [Base, {required: [id]}]`).
fn required(
    shapes: &Shapes,
    nodes: &HashMap<&str, &Value>,
    schema: &Value,
    pointer: &str,
    out: &mut Vec<Finding>,
) {
    let Some(names) = schema.get("required").and_then(Value::as_array) else {
        return;
    };
    let Some(mut declared) = shapes.declared(schema) else {
        return;
    };
    let mut at = pointer;
    while let Some(parent) = combination_parent(at) {
        let Some(parent_schema) = nodes.get(parent) else {
            break;
        };
        let Some(names) = shapes.declared(parent_schema) else {
            return;
        };
        declared.extend(names);
        at = parent;
    }
    for (i, name) in names.iter().enumerate() {
        let Some(name) = name.as_str() else { continue };
        if !declared.contains(name) {
            out.push(
                Finding::new(
                    REQUIRED_PROPERTY_UNDEFINED,
                    &format!("{pointer}/required/{i}"),
                    format!("required property `{name}` is not defined by the schema"),
                )
                .help(format!(
                    "define `{name}` under `properties`, or fix the name: the generated type has no field for it"
                )),
            );
        }
    }
}

/// `/X/allOf/1` → `/X`: the schema a combination part belongs to.
fn combination_parent(pointer: &str) -> Option<&str> {
    let (rest, index) = pointer.rsplit_once('/')?;
    index.parse::<usize>().ok()?;
    let (parent, keyword) = rest.rsplit_once('/')?;
    COMBINATORS.contains(&keyword).then_some(parent)
}

/// `discriminator-mapping-invalid` and `discriminator-property-missing`.
fn discriminated<'a>(
    shapes: &Shapes<'a>,
    schema: &'a Value,
    pointer: &str,
    discriminator: &'a Value,
    out: &mut Vec<Finding>,
) {
    let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
        return;
    };
    let union = COMBINATORS[1..]
        .iter()
        .find(|key| schema.get(**key).is_some_and(Value::is_array));
    // The union's own properties are every member's too.
    let around: BTreeSet<&str> = entries(schema.get("properties"))
        .map(|(name, _)| name.as_str())
        .collect();
    let lacks = |member: &'a Value| {
        !around.contains(property)
            && shapes
                .declared(member)
                .is_some_and(|names| !names.contains(property))
    };
    let mut members: Vec<String> = Vec::new();
    if let Some(key) = union {
        for (i, member) in items(schema.get(*key)) {
            let Some(reference) = member.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let Some((target, target_pointer)) = shapes.target(reference) else {
                continue;
            };
            if lacks(target) {
                out.push(
                    Finding::new(
                        DISCRIMINATOR_PROPERTY_MISSING,
                        &format!("{pointer}/{key}/{i}"),
                        format!("member `{reference}` does not define the discriminator property `{property}`"),
                    )
                    .help(format!("declare `{property}` in the member (or in the union schema): it tells the members apart")),
                );
            }
            members.push(target_pointer);
        }
    }
    for (name, target) in entries(discriminator.get("mapping")) {
        let Some(target) = target.as_str() else {
            continue;
        };
        let reference = match target.starts_with('#') {
            true => target.to_string(),
            // A bare name is a component schema's; another file is not followed offline.
            false if !target.contains(['/', '.']) => format!("#{SCHEMAS}{}", escape(target)),
            false => continue,
        };
        let Some((mapped, mapped_pointer)) = shapes.target(&reference) else {
            continue; // `unresolved-ref` reports it
        };
        let at = format!("{pointer}/discriminator/mapping/{}", escape(name));
        let problem = match union {
            Some(key) if !members.contains(&mapped_pointer) => {
                Some(format!("is not one of the `{key}` members"))
            }
            None if pointer.starts_with(SCHEMAS)
                && !shapes.extends(mapped, pointer, &mut HashSet::new()) =>
            {
                Some(format!("does not include `#{pointer}` through `allOf`"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(
                Finding::new(
                    DISCRIMINATOR_MAPPING_INVALID,
                    &at,
                    format!("discriminator value `{name}` maps to `{target}`, which {problem}"),
                )
                .help("map each value to one of the schemas the union offers"),
            );
        } else if union.is_none() && lacks(mapped) {
            out.push(
                Finding::new(
                    DISCRIMINATOR_PROPERTY_MISSING,
                    &at,
                    format!("discriminator value `{name}` maps to `{target}`, which does not define `{property}`"),
                )
                .help(format!("declare `{property}` in the mapped schema")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::combination_parent;

    #[test]
    fn combination_parents() {
        assert_eq!(combination_parent("/c/X/allOf/1"), Some("/c/X"));
        assert_eq!(combination_parent("/c/X/oneOf/0"), Some("/c/X"));
        assert_eq!(combination_parent("/c/X/properties/1"), None);
        assert_eq!(combination_parent("/c/X/allOf"), None);
    }
}
