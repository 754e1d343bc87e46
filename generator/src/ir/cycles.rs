//! Which fields need a `Box`: only those that close a cycle of by-value containment.

use super::{TypeDef, TypeId, TypeKind, TypeRef};

/// Marks the struct fields and union variants that get a `Box` so that no type contains
/// itself by value (a `Vec` or map already breaks a cycle), boxing as few as it can.
///
/// Candidates are tried in a fixed order, optional fields first (a back-reference such as
/// `parent` or `B.a` in A → B → A is where a reader expects the `Box`), then union
/// variants, then required fields; one is boxed only if a cycle through it remains among
/// the edges not yet boxed. Every cycle keeps at least one boxed edge: its last candidate
/// to be tried still saw all the others.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    // Per type: (slot, target) by value; `None` for an alias, which cannot be boxed.
    let edges: Vec<Vec<(Option<usize>, TypeId)>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .enumerate()
                .filter_map(|(slot, f)| Some((Some(slot), by_value(&f.ty)?)))
                .collect(),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .enumerate()
                .filter_map(|(slot, v)| Some((Some(slot), by_value(&v.ty)?)))
                .collect(),
            TypeKind::Alias(ty) => by_value(ty).map(|to| (None, to)).into_iter().collect(),
            TypeKind::Enum(_) => Vec::new(),
        })
        .collect();
    let mut candidates: Vec<(u8, usize, usize, TypeId)> = Vec::new();
    for (owner, out) in edges.iter().enumerate() {
        for &(slot, target) in out {
            let Some(slot) = slot else { continue };
            let rank = match &types[owner].kind {
                TypeKind::Struct(s) if !s.fields[slot].required || s.fields[slot].nullable => 0,
                TypeKind::Union(_) => 1,
                _ => 2,
            };
            candidates.push((rank, owner, slot, target));
        }
    }
    candidates.sort_by_key(|&(rank, owner, slot, _)| (rank, owner, slot));
    let mut boxed: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let reaches = |boxed: &std::collections::HashSet<(usize, usize)>, from: TypeId, to: usize| {
        let mut stack = vec![from.0];
        let mut visited = vec![false; edges.len()];
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if std::mem::replace(&mut visited[at], true) {
                continue;
            }
            stack.extend(
                edges[at]
                    .iter()
                    .filter(|(slot, _)| slot.is_none_or(|slot| !boxed.contains(&(at, slot))))
                    .map(|(_, target)| target.0),
            );
        }
        false
    };
    for (_, owner, slot, target) in candidates {
        if reaches(&boxed, target, owner) {
            boxed.insert((owner, slot));
        }
    }
    for (index, slot) in boxed {
        match &mut types[index].kind {
            TypeKind::Struct(s) => s.fields[slot].boxed = true,
            TypeKind::Union(u) => u.variants[slot].boxed = true,
            _ => {}
        }
    }
}

fn by_value(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Option(inner) => by_value(inner),
        _ => None,
    }
}

/// Aliases that contain themselves through lists, maps or other aliases (`A = Vec<A>`):
/// Rust has no recursive type aliases, so each cycle's first alias becomes any JSON.
/// Returns the aliases changed, for a warning each.
pub(super) fn break_alias_cycles(types: &mut [TypeDef]) -> Vec<usize> {
    fn reaches(types: &[TypeDef], ty: &TypeRef, goal: usize, seen: &mut Vec<bool>) -> bool {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
                reaches(types, inner, goal, seen)
            }
            TypeRef::Named(id) if id.0 == goal => true,
            TypeRef::Named(id) if !seen[id.0] => {
                seen[id.0] = true;
                match &types[id.0].kind {
                    TypeKind::Alias(next) => reaches(types, next, goal, seen),
                    _ => false,
                }
            }
            _ => false,
        }
    }
    let mut broken = Vec::new();
    for index in 0..types.len() {
        let TypeKind::Alias(ty) = &types[index].kind else {
            continue;
        };
        if reaches(types, ty, index, &mut vec![false; types.len()]) {
            types[index].kind = TypeKind::Alias(TypeRef::Json);
            broken.push(index);
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Field, Struct};

    fn field(target: usize, required: bool) -> Field {
        Field {
            wire_name: format!("to{target}"),
            ty: TypeRef::Named(TypeId(target)),
            required,
            nullable: false,
            sensitive: false,
            boxed: false,
            default: None,
            docs: Docs::default(),
        }
    }

    fn structure(name: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef {
            name: vec![name.into()],
            named_in_spec: true,
            docs: Docs::default(),
            kind: TypeKind::Struct(Struct {
                fields,
                additional: None,
            }),
            pointer: String::new(),
        }
    }

    fn boxed(types: &[TypeDef]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (index, def) in types.iter().enumerate() {
            match &def.kind {
                TypeKind::Struct(s) => out.extend(
                    (0..s.fields.len())
                        .filter(|&i| s.fields[i].boxed)
                        .map(|i| (index, i)),
                ),
                TypeKind::Union(u) => out.extend(
                    (0..u.variants.len())
                        .filter(|&i| u.variants[i].boxed)
                        .map(|i| (index, i)),
                ),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn mutual_recursion_boxes_one_edge_the_optional_one() {
        // A { b: B }, B { a: Option<A>, leaf: Option<Leaf> }, Leaf {}
        let mut types = vec![
            structure("A", vec![field(1, true)]),
            structure("B", vec![field(0, false), field(2, false)]),
            structure("Leaf", vec![]),
        ];
        box_cycles(&mut types);
        assert_eq!(boxed(&types), [(1, 0)]);
    }

    #[test]
    fn self_reference_and_vec_children() {
        // Node { children: Vec<Node>, parent: Option<Node> }
        let mut node = structure("Node", vec![field(0, false), field(0, false)]);
        if let TypeKind::Struct(s) = &mut node.kind {
            s.fields[0].ty = TypeRef::Vec(Box::new(TypeRef::Named(TypeId(0))));
        }
        let mut types = vec![node];
        box_cycles(&mut types);
        assert_eq!(boxed(&types), [(0, 1)]);
    }

    #[test]
    fn every_cycle_is_broken_even_when_all_fields_are_required() {
        // A → B → C → A and A → C, all required (no finite JSON value has this shape, but
        // the types must still compile).
        let mut types = vec![
            structure("A", vec![field(1, true), field(2, true)]),
            structure("B", vec![field(2, true)]),
            structure("C", vec![field(0, true)]),
        ];
        box_cycles(&mut types);
        let boxed = boxed(&types);
        let unboxed_edges = |from: usize| -> Vec<usize> {
            match &types[from].kind {
                TypeKind::Struct(s) => (0..s.fields.len())
                    .filter(|&i| !boxed.contains(&(from, i)))
                    .filter_map(|i| by_value(&s.fields[i].ty).map(|t| t.0))
                    .collect(),
                _ => Vec::new(),
            }
        };
        // No type reaches itself through unboxed fields.
        for start in 0..types.len() {
            let mut stack = unboxed_edges(start);
            let mut seen = vec![false; types.len()];
            while let Some(at) = stack.pop() {
                assert_ne!(
                    at, start,
                    "a cycle through {start} is left unboxed: {boxed:?}"
                );
                if !std::mem::replace(&mut seen[at], true) {
                    stack.extend(unboxed_edges(at));
                }
            }
        }
    }

    #[test]
    fn aliases_that_contain_themselves_become_json() {
        let alias = |ty: TypeRef| TypeDef {
            kind: TypeKind::Alias(ty),
            ..structure("A", Vec::new())
        };
        let named = |i: usize| TypeRef::Named(TypeId(i));
        let list = |i: usize| TypeRef::Vec(Box::new(named(i)));
        let mut types = vec![
            alias(list(0)),
            alias(TypeRef::Map(Box::new(named(2)))),
            alias(TypeRef::Option(Box::new(named(1)))),
            // Through a struct the cycle is nominal: Rust allows it.
            alias(list(4)),
            structure("S", vec![field(3, false)]),
        ];
        assert_eq!(break_alias_cycles(&mut types), vec![0, 1]);
        assert_eq!(types[0].kind, TypeKind::Alias(TypeRef::Json));
        assert_eq!(types[1].kind, TypeKind::Alias(TypeRef::Json));
        assert_eq!(types[3].kind, TypeKind::Alias(list(4)));
    }
}
