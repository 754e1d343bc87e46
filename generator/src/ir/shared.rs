//! Inline types that are the same type, compiled once.
//!
//! Real specs repeat inline schemas: GitHub's description writes `state: open | closed`, the
//! app permission levels `read | write` and whole inline objects again in hundreds of
//! places, each of which would otherwise be a type of its own with its own impls, compiled
//! in every user's build. Two inline types are the same when they have the same contents:
//! an enum the same values in the same order; a struct the same fields (wire name, type,
//! required, nullable, sensitive, boxed, default and doc comment, in order) and the same
//! additional properties; a union the same tag and the same variants. Where they refer to
//! types, those must be the same type too.
//!
//! The rule, stable from one generation to the next: of a set of the same inline type,
//! the first in the order the IR lowers schemas (the components in the spec's order, then
//! the operations in path order) is the type; each other one becomes an alias of it
//! (`pub type PullsListState = IssuesListState;`). So every place keeps the name it would
//! have alone, with its own doc comment, and a user who names it keeps compiling, while
//! the code behind it is written and compiled once. The inline types inside an aliased
//! struct or union are the same as those inside the first, so they are aliases too, and
//! kept ([`super::graph::type_edges`]): when a spec revision adds an earlier copy, the
//! names of the old type's parts still compile.
//!
//! A type the spec names (a component, or a schema with a `title`) is the user's API: it is
//! never made an alias, nor is an inline type made an alias of it.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::{Field, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef, Union, Variant};

/// Makes each inline type an alias of the first inline type that is the same (see the
/// module's rule). Refers to nothing by position beyond `types`, so it can run as soon as
/// the types are lowered.
pub(super) fn alias_same_inline_types(types: &mut [TypeDef]) {
    // Per type: the type it is the same as, or itself. Always an earlier type, so
    // following it ends.
    let mut same_as: Vec<usize> = (0..types.len()).collect();
    let candidates: Vec<usize> = (0..types.len())
        .filter(|&i| {
            !types[i].named_in_spec
                && matches!(
                    types[i].kind,
                    TypeKind::Struct(_) | TypeKind::Enum(_) | TypeKind::Union(_)
                )
        })
        .collect();
    // A struct can only be found the same as another once the types of its fields are, so
    // this repeats until a pass finds nothing more. Within a pass types are taken in order,
    // and an inline type is lowered after the inline types inside it: most sets are found
    // in the first pass.
    loop {
        let mut first_of: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut found = false;
        for &index in &candidates {
            if same_as[index] != index {
                continue;
            }
            let kind = &types[index].kind;
            let seen = first_of.entry(shape_hash(kind, &same_as)).or_default();
            match seen
                .iter()
                .find(|&&earlier| same_kind(&types[earlier].kind, kind, &same_as))
            {
                Some(&earlier) => {
                    same_as[index] = earlier;
                    found = true;
                }
                None => seen.push(index),
            }
        }
        if !found {
            break;
        }
    }
    for index in candidates {
        let target = representative(&same_as, index);
        if target != index {
            types[index].kind = TypeKind::Alias(TypeRef::Named(TypeId(target)));
        }
    }
}

/// The type `index` is the same as, through every later finding.
fn representative(same_as: &[usize], mut index: usize) -> usize {
    while same_as[index] != index {
        index = same_as[index];
    }
    index
}

/// A hash of what [`same_kind`] compares, doc comments left out (they are compared only
/// between types whose hashes agree).
fn shape_hash(kind: &TypeKind, same_as: &[usize]) -> u64 {
    let mut hasher = DefaultHasher::new();
    match kind {
        TypeKind::Enum(StringEnum { values }) => {
            0u8.hash(&mut hasher);
            values.hash(&mut hasher);
        }
        TypeKind::Struct(Struct { fields, additional }) => {
            1u8.hash(&mut hasher);
            fields.len().hash(&mut hasher);
            for field in fields {
                field.wire_name.hash(&mut hasher);
                hash_ref(&field.ty, same_as, &mut hasher);
                (field.required, field.nullable, field.sensitive, field.boxed).hash(&mut hasher);
            }
            if let Some(additional) = additional {
                hash_ref(additional, same_as, &mut hasher);
            }
        }
        TypeKind::Union(Union { tag, variants }) => {
            2u8.hash(&mut hasher);
            tag.hash(&mut hasher);
            variants.len().hash(&mut hasher);
            for variant in variants {
                (&variant.name, &variant.tag_value, variant.boxed).hash(&mut hasher);
                hash_ref(&variant.ty, same_as, &mut hasher);
            }
        }
        TypeKind::Alias(ty) => hash_ref(ty, same_as, &mut hasher),
    }
    hasher.finish()
}

fn hash_ref(ty: &TypeRef, same_as: &[usize], hasher: &mut DefaultHasher) {
    std::mem::discriminant(ty).hash(hasher);
    match ty {
        TypeRef::Named(id) => representative(same_as, id.0).hash(hasher),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
            hash_ref(inner, same_as, hasher)
        }
        other => other.hash(hasher),
    }
}

fn same_kind(a: &TypeKind, b: &TypeKind, same_as: &[usize]) -> bool {
    match (a, b) {
        (TypeKind::Enum(a), TypeKind::Enum(b)) => a.values == b.values,
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            a.fields.len() == b.fields.len()
                && a.fields
                    .iter()
                    .zip(&b.fields)
                    .all(|(a, b)| same_field(a, b, same_as))
                && match (&a.additional, &b.additional) {
                    (Some(a), Some(b)) => same_ref(a, b, same_as),
                    (a, b) => a.is_none() && b.is_none(),
                }
        }
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            a.tag == b.tag
                && a.variants.len() == b.variants.len()
                && a.variants
                    .iter()
                    .zip(&b.variants)
                    .all(|(a, b)| same_variant(a, b, same_as))
        }
        _ => false,
    }
}

fn same_field(a: &Field, b: &Field, same_as: &[usize]) -> bool {
    // Destructured, so that a new property of fields has to be decided on here.
    let Field {
        wire_name,
        ty,
        required,
        nullable,
        sensitive,
        boxed,
        default,
        docs,
    } = a;
    *wire_name == b.wire_name
        && same_ref(ty, &b.ty, same_as)
        && *required == b.required
        && *nullable == b.nullable
        && *sensitive == b.sensitive
        && *boxed == b.boxed
        && *default == b.default
        && *docs == b.docs
}

fn same_variant(a: &Variant, b: &Variant, same_as: &[usize]) -> bool {
    let Variant {
        name,
        tag_value,
        ty,
        boxed,
    } = a;
    *name == b.name
        && *tag_value == b.tag_value
        && same_ref(ty, &b.ty, same_as)
        && *boxed == b.boxed
}

fn same_ref(a: &TypeRef, b: &TypeRef, same_as: &[usize]) -> bool {
    match (a, b) {
        (TypeRef::Named(a), TypeRef::Named(b)) => {
            representative(same_as, a.0) == representative(same_as, b.0)
        }
        (TypeRef::Vec(a), TypeRef::Vec(b))
        | (TypeRef::Map(a), TypeRef::Map(b))
        | (TypeRef::Option(a), TypeRef::Option(b)) => same_ref(a, b, same_as),
        (a, b) => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Docs;

    fn def(name: &str, named_in_spec: bool, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: vec![name.to_string()],
            named_in_spec,
            docs: Docs::default(),
            kind,
            pointer: format!("/{name}"),
        }
    }

    fn inline_enum(name: &str, values: &[&str]) -> TypeDef {
        let values = values.iter().map(|v| v.to_string()).collect();
        def(name, false, TypeKind::Enum(StringEnum { values }))
    }

    fn field(wire_name: &str, ty: TypeRef) -> Field {
        Field {
            wire_name: wire_name.into(),
            ty,
            required: false,
            nullable: false,
            sensitive: false,
            boxed: false,
            default: None,
            docs: Docs::default(),
        }
    }

    fn inline_struct(name: &str, fields: Vec<Field>) -> TypeDef {
        let kind = TypeKind::Struct(Struct {
            fields,
            additional: None,
        });
        def(name, false, kind)
    }

    fn named(index: usize) -> TypeRef {
        TypeRef::Named(TypeId(index))
    }

    /// Per type: the index it is an alias of, or `None` for a type of its own.
    fn aliases(types: &[TypeDef]) -> Vec<Option<usize>> {
        types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Alias(TypeRef::Named(id)) => Some(id.0),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_first_of_the_same_inline_enums_is_the_type_and_the_others_alias_it() {
        let mut types = vec![
            inline_enum("a", &["open", "closed"]),
            inline_enum("b", &["closed", "open"]),
            inline_enum("c", &["open", "closed"]),
            def(
                "Component",
                true,
                TypeKind::Enum(StringEnum {
                    values: vec!["open".into(), "closed".into()],
                }),
            ),
            inline_enum("d", &["open", "closed"]),
            inline_enum("e", &["closed", "open"]),
        ];
        let docs = Docs {
            description: Some("The state of d.".into()),
            ..Docs::default()
        };
        types[4].docs = docs.clone();
        alias_same_inline_types(&mut types);
        // Order matters (`ALL`); a component is never an alias, nor aliased to.
        assert_eq!(
            aliases(&types),
            [None, None, Some(0), None, Some(0), Some(1)]
        );
        assert_eq!(types[4].docs, docs, "an alias keeps its own doc comment");
    }

    #[test]
    fn structs_are_the_same_when_their_fields_and_the_types_they_hold_are() {
        let described = Field {
            docs: Docs {
                description: Some("Who opened it.".into()),
                ..Docs::default()
            },
            ..field("user", TypeRef::String)
        };
        let mut types = vec![
            inline_enum("a_state", &["open", "closed"]),
            // Lowered before the enum it holds, which is found the same as `a_state` only
            // after `b` was taken: `b` and `a` are found the same in a second pass.
            inline_struct("b", vec![field("state", named(3)), described.clone()]),
            inline_struct("a", vec![field("state", named(0)), described.clone()]),
            inline_enum("b_state", &["open", "closed"]),
            inline_struct(
                "c",
                vec![field("state", named(0)), field("user", TypeRef::String)],
            ),
            inline_struct(
                "d",
                vec![
                    field("state", TypeRef::Option(Box::new(named(0)))),
                    described,
                ],
            ),
            // Hold `a` and `b`, which are the same.
            inline_struct("e", vec![field("x", TypeRef::Vec(Box::new(named(2))))]),
            inline_struct("f", vec![field("x", TypeRef::Vec(Box::new(named(1))))]),
        ];
        alias_same_inline_types(&mut types);
        assert_eq!(
            aliases(&types),
            [None, None, Some(1), Some(0), None, None, None, Some(6)],
            "c differs by a field's doc comment, d by an Option"
        );
    }

    #[test]
    fn unions_compare_tags_and_variants() {
        let union = |tag: Option<&str>, variant_type: usize| {
            TypeKind::Union(Union {
                tag: tag.map(str::to_string),
                variants: vec![Variant {
                    name: "Cat".into(),
                    tag_value: tag.map(|_| "cat".to_string()),
                    ty: named(variant_type),
                    boxed: false,
                }],
            })
        };
        let mut types = vec![
            def("Cat", true, TypeKind::Struct(Struct::default())),
            def("a", false, union(Some("kind"), 0)),
            def("b", false, union(Some("kind"), 0)),
            def("c", false, union(None, 0)),
        ];
        alias_same_inline_types(&mut types);
        assert_eq!(aliases(&types), [None, None, Some(1), None]);
    }
}
