//! Renames: a component schema (or a union variant) that disappeared while another of the
//! same shape appeared is one schema renamed, not a removal and an addition.
//!
//! Similarity of two schemas, from 0 to 1:
//! - objects: each property name in either schema counts 1 when both have it with the same
//!   shape of type, ½ when both have it with different types, 0 when only one has it; the
//!   sum over the number of property names;
//! - string enums: shared values over all values;
//! - unions: variants of the same shape over all variant shapes;
//! - anything else: 1 when the shapes are equal, else 0.
//!
//! A pair is a rename at [`THRESHOLD`] or above: one retyped property in five still matches
//! (0.9), two properties of five replaced by others do not (0.43). Pairs are taken best
//! first, each schema at most once; equal scores go by name, so the result is deterministic.

use std::collections::BTreeSet;

use crate::ir::{TypeDef, TypeKind, TypeRef};
use crate::Analysis;

/// The similarity from which two schemas are taken for one renamed.
pub const THRESHOLD: f64 = 0.8;

/// Pairs `(removed index, added index, similarity)` of a rename, best first; `score` gives
/// the similarity of a removed and an added item by their indices.
pub fn pair_up(
    removed: &[&str],
    added: &[&str],
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize, f64)> {
    let mut candidates = Vec::new();
    for r in 0..removed.len() {
        for a in 0..added.len() {
            let similarity = score(r, a);
            if similarity >= THRESHOLD {
                candidates.push((r, a, similarity));
            }
        }
    }
    candidates.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then_with(|| removed[x.0].cmp(removed[y.0]))
            .then_with(|| added[x.1].cmp(added[y.1]))
    });
    let (mut used_removed, mut used_added) = (BTreeSet::new(), BTreeSet::new());
    candidates.retain(|(r, a, _)| {
        let free = !used_removed.contains(r) && !used_added.contains(a);
        if free {
            used_removed.insert(*r);
            used_added.insert(*a);
        }
        free
    });
    candidates
}

/// How alike the type `old` (in the old spec) and `new` (in the new one) are.
pub fn similarity(old: &Analysis, old_ty: &TypeRef, new: &Analysis, new_ty: &TypeRef) -> f64 {
    let (a, b) = (definition(old, old_ty), definition(new, new_ty));
    match (a.map(|d| &d.kind), b.map(|d| &d.kind)) {
        (Some(TypeKind::Struct(a)), Some(TypeKind::Struct(b))) => {
            let names: BTreeSet<&str> = a
                .fields
                .iter()
                .chain(&b.fields)
                .map(|f| f.wire_name.as_str())
                .collect();
            if names.is_empty() {
                return 1.0;
            }
            let score: f64 = names
                .iter()
                .map(|name| match (field(a, name), field(b, name)) {
                    (Some(x), Some(y)) if shape(old, &x.ty, false) == shape(new, &y.ty, false) => {
                        1.0
                    }
                    (Some(_), Some(_)) => 0.5,
                    _ => 0.0,
                })
                .sum();
            score / names.len() as f64
        }
        (Some(TypeKind::Enum(a)), Some(TypeKind::Enum(b))) => {
            let all: BTreeSet<&String> = a.values.iter().chain(&b.values).collect();
            let shared = a.values.iter().filter(|v| b.values.contains(v)).count();
            if all.is_empty() {
                1.0
            } else {
                shared as f64 / all.len() as f64
            }
        }
        (Some(TypeKind::Union(a)), Some(TypeKind::Union(b))) => {
            let shapes = |analysis: &Analysis, u: &crate::ir::Union| -> BTreeSet<String> {
                u.variants
                    .iter()
                    .map(|v| shape(analysis, &v.ty, true))
                    .collect()
            };
            let (x, y) = (shapes(old, a), shapes(new, b));
            let all = x.union(&y).count();
            if all == 0 {
                1.0
            } else {
                x.intersection(&y).count() as f64 / all as f64
            }
        }
        _ if shape(old, old_ty, true) == shape(new, new_ty, true) => 1.0,
        _ => 0.0,
    }
}

fn field<'a>(s: &'a crate::ir::Struct, name: &str) -> Option<&'a crate::ir::Field> {
    s.fields.iter().find(|f| f.wire_name == name)
}

/// The named definition behind a type, through aliases.
fn definition<'a>(analysis: &'a Analysis, ty: &'a TypeRef) -> Option<&'a TypeDef> {
    match super::unalias(analysis, ty) {
        TypeRef::Named(id) => Some(&analysis.ir.types[id.0]),
        _ => None,
    }
}

/// A type's shape, independent of names: `String`, `[Int(I64)]`, `object(id,name)`. With
/// `open`, a named object or enum shows its property names or values, one level deep.
pub fn shape(analysis: &Analysis, ty: &TypeRef, open: bool) -> String {
    match super::unalias(analysis, ty) {
        TypeRef::Vec(inner) => format!("[{}]", shape(analysis, inner, false)),
        TypeRef::Map(inner) => format!("{{{}}}", shape(analysis, inner, false)),
        TypeRef::Named(id) => match &analysis.ir.types[id.0].kind {
            TypeKind::Struct(s) if open => {
                let mut names: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
                names.sort_unstable();
                format!("object({})", names.join(","))
            }
            TypeKind::Struct(_) => "object".into(),
            TypeKind::Enum(e) if open => format!("enum({})", e.values.join(",")),
            TypeKind::Enum(_) => "enum".into(),
            TypeKind::Union(u) => format!("union({})", u.variants.len()),
            TypeKind::Alias(_) => "alias".into(),
        },
        scalar => format!("{scalar:?}"),
    }
}
