//! The IR as a graph: every `$ref`, discriminator mapping and merged `allOf` has become a
//! [`TypeRef::Named`] edge, from an operation (its parameters, body and response bodies) or
//! a type (struct fields, additional properties, union variants, aliases) to a type, through
//! lists, maps and `Option`s. What is reached from where decides what a selection keeps
//! ([`super::select`]) and which inline types are emitted at all ([`drop_unreachable`]).

use super::{Operation, ResponseEncoding, TypeDef, TypeId, TypeKind, TypeRef};

/// Calls `visit` with every type `ty` names directly (through `Vec`, map and `Option`).
fn named_in(ty: &TypeRef, visit: &mut impl FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => visit(*id),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
            named_in(inner, visit)
        }
        _ => {}
    }
}

/// Every type reference written in a type definition.
pub(super) fn type_refs(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| &f.ty)
            .chain(s.additional.as_ref())
            .collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Every type reference of an operation: parameters, body, and each response's body.
fn operation_refs(op: &Operation) -> Vec<&TypeRef> {
    op.params
        .iter()
        .map(|p| &p.ty)
        .chain(op.body.as_ref().map(|b| &b.ty))
        .chain(op.responses.iter().filter_map(|r| match &r.encoding {
            ResponseEncoding::Json(ty) => Some(ty),
            _ => None,
        }))
        .collect()
}

/// The types each type refers to directly, indexed like `types`; an inline type made an
/// alias of the same type elsewhere ([`super::shared`]) also holds the inline aliases
/// lowered inside it, so that the names of its former parts keep compiling.
pub(super) fn type_edges(types: &[TypeDef]) -> Vec<Vec<TypeId>> {
    let mut edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            for ty in type_refs(def) {
                named_in(ty, &mut |id| out.push(id));
            }
            out
        })
        .collect();
    let mut shared: Vec<(&str, usize)> = types
        .iter()
        .enumerate()
        .filter(|(_, def)| is_shared_alias(def))
        .map(|(index, def)| (def.pointer.as_str(), index))
        .collect();
    shared.sort_unstable();
    for &(pointer, index) in &shared {
        let inside = format!("{pointer}/");
        let start = shared.partition_point(|(other, _)| *other < inside.as_str());
        let parts = shared[start..]
            .iter()
            .take_while(|(other, _)| other.starts_with(&inside));
        edges[index].extend(parts.map(|&(_, part)| TypeId(part)));
    }
    edges
}

/// Whether `def` is an inline type that [`super::shared`] made an alias of the same type.
fn is_shared_alias(def: &TypeDef) -> bool {
    !def.named_in_spec && matches!(def.kind, TypeKind::Alias(_))
}

/// The types an operation refers to directly.
pub(super) fn operation_roots(op: &Operation) -> Vec<TypeId> {
    let mut out = Vec::new();
    for ty in operation_refs(op) {
        named_in(ty, &mut |id| out.push(id));
    }
    out
}

/// Marks every type reachable from `roots` (the roots included).
pub(super) fn mark_reached(edges: &[Vec<TypeId>], roots: Vec<TypeId>, marked: &mut [bool]) {
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut marked[id.0], true) {
            continue;
        }
        stack.extend(edges[id.0].iter().filter(|next| !marked[next.0]));
    }
}

/// Drops the inline types that neither an operation nor a type the spec names reaches —
/// the type of a discriminator property (the union's tag replaces the field) and what only
/// such a type used: no user could get or give a value of them. A type the spec names (a component, a schema with a `title`) is
/// the user's API and stays, used or not, with what it reaches.
pub(super) fn drop_unreachable(types: &mut Vec<TypeDef>, operations: &mut [Operation]) {
    let edges = type_edges(types);
    let mut reached = vec![false; types.len()];
    let roots = operations
        .iter()
        .flat_map(operation_roots)
        .chain(
            types
                .iter()
                .enumerate()
                .filter(|(_, def)| def.named_in_spec)
                .map(|(index, _)| TypeId(index)),
        )
        .collect();
    mark_reached(&edges, roots, &mut reached);
    if reached.iter().all(|&r| r) {
        return;
    }
    let renumbered = keep_types(types, &reached);
    for op in operations {
        renumber_operation(op, &renumbered);
    }
}

/// Keeps the types `keep` marks, in their order, with every reference between them
/// renumbered; returns each old index's new [`TypeId`] (`None` for a dropped type), for
/// renumbering what else refers to them.
pub(super) fn keep_types(types: &mut Vec<TypeDef>, keep: &[bool]) -> Vec<Option<TypeId>> {
    let mut renumbered = vec![None; types.len()];
    let mut next = 0;
    for (old, kept) in keep.iter().enumerate() {
        if *kept {
            renumbered[old] = Some(TypeId(next));
            next += 1;
        }
    }
    *types = kept_only(std::mem::take(types), keep);
    for def in types.iter_mut() {
        renumber_type(def, &renumbered);
    }
    renumbered
}

/// The items whose flag in `keep` (indexed like them) is set, in their order.
pub(super) fn kept_only<T>(items: Vec<T>, keep: &[bool]) -> Vec<T> {
    items
        .into_iter()
        .zip(keep)
        .filter(|(_, kept)| **kept)
        .map(|(item, _)| item)
        .collect()
}

fn renumber(ty: &mut TypeRef, renumbered: &[Option<TypeId>]) {
    match ty {
        TypeRef::Named(id) => {
            *id = renumbered[id.0].expect("a kept item refers only to kept types")
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
            renumber(inner, renumbered)
        }
        _ => {}
    }
}

fn renumber_type(def: &mut TypeDef, renumbered: &[Option<TypeId>]) {
    match &mut def.kind {
        TypeKind::Struct(s) => {
            for ty in s
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(&mut s.additional)
            {
                renumber(ty, renumbered);
            }
        }
        TypeKind::Union(u) => {
            for variant in &mut u.variants {
                renumber(&mut variant.ty, renumbered);
            }
        }
        TypeKind::Alias(ty) => renumber(ty, renumbered),
        TypeKind::Enum(_) => {}
    }
}

pub(super) fn renumber_operation(op: &mut Operation, renumbered: &[Option<TypeId>]) {
    for param in &mut op.params {
        renumber(&mut param.ty, renumbered);
    }
    if let Some(body) = &mut op.body {
        renumber(&mut body.ty, renumbered);
    }
    for response in &mut op.responses {
        if let ResponseEncoding::Json(ty) = &mut response.encoding {
            renumber(ty, renumbered);
        }
    }
    if let Some(paging) = &mut op.paging {
        // The page is the success body, so a kept operation keeps it.
        if let Some(page) = renumbered[paging.page.0] {
            paging.page = page;
        }
        renumber(&mut paging.item, renumbered);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, Field, ResponseCase, StatusMatch, StringEnum, Struct};

    fn def(name: &str, named_in_spec: bool, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: vec![name.to_string()],
            named_in_spec,
            docs: Docs::default(),
            kind,
            pointer: format!("/{name}"),
        }
    }

    fn holding(ty: TypeRef) -> TypeKind {
        TypeKind::Struct(Struct {
            fields: vec![Field {
                wire_name: "x".into(),
                ty,
                required: true,
                nullable: false,
                sensitive: false,
                boxed: false,
                default: None,
                docs: Docs::default(),
            }],
            additional: None,
        })
    }

    fn enumeration() -> TypeKind {
        TypeKind::Enum(StringEnum {
            values: vec!["a".into()],
        })
    }

    fn returning(ty: TypeRef) -> Operation {
        Operation {
            name: "get".into(),
            method: "get".into(),
            path: "/".into(),
            summary: None,
            description: None,
            deprecated: false,
            tags: Vec::new(),
            params: Vec::new(),
            body: None,
            responses: vec![ResponseCase {
                status: StatusMatch::Code(200),
                media_type: Some("application/json".into()),
                encoding: ResponseEncoding::Json(ty),
                description: "ok".into(),
            }],
            security: Vec::new(),
            pointer: "/paths/~1/get".into(),
            paging: None,
        }
    }

    #[test]
    fn inline_types_nothing_reaches_are_dropped_and_references_renumbered() {
        let named = |i: usize| TypeRef::Named(TypeId(i));
        let mut types = vec![
            def("Unused", true, holding(named(1))),
            def("unused_x", false, enumeration()),
            def("stray", false, holding(named(3))),
            def("stray_x", false, enumeration()),
            def("body", false, holding(TypeRef::Vec(Box::new(named(5))))),
            def("body_x", false, enumeration()),
        ];
        let mut operations = vec![returning(TypeRef::Option(Box::new(named(4))))];
        drop_unreachable(&mut types, &mut operations);
        let kept: Vec<&str> = types.iter().map(|t| t.name[0].as_str()).collect();
        assert_eq!(kept, ["Unused", "unused_x", "body", "body_x"]);
        assert_eq!(types[0].kind, holding(named(1)));
        assert_eq!(types[2].kind, holding(TypeRef::Vec(Box::new(named(3)))));
        assert_eq!(
            operations[0].responses[0].encoding,
            ResponseEncoding::Json(TypeRef::Option(Box::new(named(2))))
        );
    }
}
