//! `check` with a selection of operations: only the findings about the selected operations
//! and what they reach through `$ref`s (and discriminator mappings) are kept, besides the
//! document-wide ones (`info`, `servers`, security schemes), which every generated client
//! has.
//!
//! The document is divided into units: an operation (`/paths/{path}/{method}`), a path
//! item's shared parameters (`/paths/{path}/parameters`), and a component
//! (`/components/{kind}/{name}`). A unit is reached when a selected operation is in it or
//! a reference written in a reached unit points into it.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::document::{OperationRef, Spec};
use super::refs::references;
use crate::pointer::escape;
use crate::Selection;

pub struct Scope {
    reached: HashSet<String>,
}

/// The tags and the id (the operationId, or the one the generator makes up) of `op`.
pub fn tags_and_id(op: &OperationRef) -> (Vec<String>, String) {
    let tags = op
        .operation
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let id = match op.operation.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => crate::ir::synthesize_name(op.method, op.path),
    };
    (tags, id)
}

impl Scope {
    /// What the operations `selection` chooses in `spec` reach.
    pub fn new(spec: &Spec, selection: &Selection) -> Scope {
        let mut refers_to: HashMap<String, Vec<String>> = HashMap::new();
        for reference in references(spec) {
            if let (Some(from), Some(to)) =
                (unit_of(&reference.pointer), target_unit(reference.target))
            {
                refers_to.entry(from.to_string()).or_default().push(to);
            }
        }
        let mut reached = HashSet::new();
        let mut pending = Vec::new();
        for op in spec.operations() {
            let (tags, id) = tags_and_id(op);
            if selection.selects(&tags, &id) {
                // A finding about the path item as a whole concerns its selected operations.
                reached.insert(op.item_pointer.clone());
                pending.push(op.pointer.clone());
                pending.push(format!("{}/parameters", op.item_pointer));
            }
        }
        while let Some(unit) = pending.pop() {
            if let Some(targets) = refers_to.get(&unit) {
                pending.extend(targets.iter().filter(|t| !reached.contains(*t)).cloned());
            }
            reached.insert(unit);
        }
        Scope { reached }
    }

    /// Whether a finding at `pointer` is about what the selection reaches.
    pub fn covers(&self, pointer: &str) -> bool {
        match unit_of(pointer) {
            Some(unit) => self.reached.contains(unit),
            None => true,
        }
    }
}

/// The unit a pointer lies in, `None` for a document-wide place.
fn unit_of(pointer: &str) -> Option<&str> {
    if !pointer.starts_with("/paths/") && !pointer.starts_with("/components/") {
        return None;
    }
    if pointer.starts_with("/components/securitySchemes") {
        return None;
    }
    // The first three segments: `/paths/{path}/{method}`, `/components/{kind}/{name}`.
    let end = pointer
        .match_indices('/')
        .nth(3)
        .map_or(pointer.len(), |(at, _)| at);
    Some(&pointer[..end])
}

/// The unit a reference's target lies in: a local pointer, or the bare schema name of a
/// discriminator mapping. A reference into another file has no unit here.
fn target_unit(target: &str) -> Option<String> {
    if let Some(fragment) = target.strip_prefix('#') {
        return unit_of(fragment).map(str::to_string);
    }
    let bare = !target.contains(['#', '/', '.']);
    bare.then(|| format!("/components/schemas/{}", escape(target)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(
            unit_of("/paths/~1pets/get/responses/200"),
            Some("/paths/~1pets/get")
        );
        assert_eq!(unit_of("/paths/~1pets"), Some("/paths/~1pets"));
        assert_eq!(
            unit_of("/components/schemas/Pet/properties/a"),
            Some("/components/schemas/Pet")
        );
        assert_eq!(unit_of("/components/securitySchemes/oauth"), None);
        assert_eq!(unit_of("/servers/0"), None);
        assert_eq!(
            target_unit("#/components/schemas/Pet/properties/a").as_deref(),
            Some("/components/schemas/Pet")
        );
        assert_eq!(
            target_unit("Card").as_deref(),
            Some("/components/schemas/Card")
        );
        assert_eq!(target_unit("other.yaml#/Pet"), None);
    }

    #[test]
    fn a_selection_reaches_through_references() {
        let text = r##"{
          "openapi": "3.0.3",
          "paths": {
            "/a": {"get": {"operationId": "getA", "tags": ["a"], "responses": {"200": {
              "description": "ok",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}},
            "/b": {"get": {"tags": ["b"], "responses": {"200": {
              "description": "ok",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/B"}}}}}}}
          },
          "components": {"schemas": {
            "A": {"oneOf": [{"$ref": "#/components/schemas/C"}],
                  "discriminator": {"propertyName": "k", "mapping": {"c": "C"}}},
            "B": {"type": "object"},
            "C": {"type": "object", "properties": {"d": {"$ref": "#/components/schemas/D"}}},
            "D": {"type": "string"}
          }}
        }"##;
        let root: Value = serde_json::from_str(text).expect("JSON");
        let spec = Spec::new(&root);
        let only = |tag: &str| Selection {
            include_tags: vec![tag.into()],
            ..Selection::default()
        };
        let a = Scope::new(&spec, &only("a"));
        for covered in [
            "/paths/~1a/get/responses",
            "/components/schemas/A",
            "/components/schemas/C/properties/d",
            "/components/schemas/D",
            "/info",
        ] {
            assert!(a.covers(covered), "{covered}");
        }
        for outside in ["/paths/~1b/get", "/components/schemas/B"] {
            assert!(!a.covers(outside), "{outside}");
        }
        let b = Scope::new(
            &spec,
            &Selection {
                include_operations: vec!["get_b".into()],
                ..Selection::default()
            },
        );
        assert!(b.covers("/components/schemas/B"));
        assert!(!b.covers("/components/schemas/A"));
    }
}
