//! Comparing the types of two IRs: structs field by field, enums value by value, unions
//! variant by variant, following named types (each pair once per operation).
//!
//! The same change means different things by direction: a property removed from a request
//! is at most a nuisance, from a response it can fail decoding. [`Flow`] carries that.

use crate::ir::{TypeDef, TypeKind, TypeRef};

use super::change::Level;
use super::Differ;

/// Where a type sits, which decides ids (`request-…`, `response-…`, `parameter-…`) and levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    Request,
    Response,
    Parameter,
}

impl Flow {
    fn sends(self) -> bool {
        self != Flow::Response
    }
}

/// Picks the id for a change by flow.
fn id(
    flow: Flow,
    request: &'static str,
    response: &'static str,
    parameter: &'static str,
) -> &'static str {
    match flow {
        Flow::Request => request,
        Flow::Response => response,
        Flow::Parameter => parameter,
    }
}

impl Differ<'_> {
    /// Compares the type at `pointer` (in the new spec; `old_pointer` in the old one).
    pub fn compare_types(
        &mut self,
        old: &TypeRef,
        new: &TypeRef,
        flow: Flow,
        pointer: &str,
        old_pointer: &str,
    ) {
        let old = super::unalias(self.old.analysis, strip_option(old));
        let new = super::unalias(self.new.analysis, strip_option(new));
        match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) => self.compare_named(a.0, b.0, flow),
            (TypeRef::Vec(a), TypeRef::Vec(b)) => self.compare_types(
                a,
                b,
                flow,
                &format!("{pointer}/items"),
                &format!("{old_pointer}/items"),
            ),
            (TypeRef::Map(a), TypeRef::Map(b)) => self.compare_types(
                a,
                b,
                flow,
                &format!("{pointer}/additionalProperties"),
                &format!("{old_pointer}/additionalProperties"),
            ),
            (a, b) if a == b => {}
            (a, b) => {
                let message = format!(
                    "type changed from {} to {}",
                    self.old.describe(a),
                    self.new.describe(b)
                );
                let id = id(
                    flow,
                    "request-type-changed",
                    "response-type-changed",
                    "parameter-type-changed",
                );
                self.push(id, Level::Err, pointer, message);
            }
        }
        if flow.sends() {
            self.compare_constraints(old_pointer, pointer, flow);
        }
    }

    fn compare_named(&mut self, old: usize, new: usize, flow: Flow) {
        if !self.visited.insert((old, new, flow)) {
            return;
        }
        let (old_def, new_def) = (
            &self.old.analysis.ir.types[old],
            &self.new.analysis.ir.types[new],
        );
        let name = &self.new.analysis.names.types[new];
        match (&old_def.kind, &new_def.kind) {
            (TypeKind::Struct(_), TypeKind::Struct(_)) => self.compare_structs(
                old_def,
                new_def,
                (&self.old.analysis.names.types[old], name),
                flow,
            ),
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let pointer = new_def.pointer.clone();
                for value in a.values.iter().filter(|v| !b.values.contains(v)) {
                    let (id, level) = match flow {
                        Flow::Response => ("response-enum-value-removed", Level::Warn),
                        _ => (
                            id(
                                flow,
                                "request-enum-value-removed",
                                "",
                                "parameter-enum-value-removed",
                            ),
                            Level::Err,
                        ),
                    };
                    self.push(
                        id,
                        level,
                        &pointer,
                        format!("enum value `{value}` of `{name}` was removed"),
                    );
                }
                for value in b.values.iter().filter(|v| !a.values.contains(v)) {
                    let (level, note) = match (flow, self.closed_enums) {
                        (Flow::Response, true) => {
                            (Level::Err, " (closed enums: decoding it fails)")
                        }
                        (Flow::Response, false) => {
                            (Level::Info, " (open enums keep it as the fallback variant)")
                        }
                        _ => (Level::Info, ""),
                    };
                    let id = id(
                        flow,
                        "request-enum-value-added",
                        "response-enum-value-added",
                        "parameter-enum-value-added",
                    );
                    self.push(
                        id,
                        level,
                        &pointer,
                        format!("enum value `{value}` was added to `{name}`{note}"),
                    );
                }
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                let pointer = new_def.pointer.clone();
                let names = |u: &crate::ir::Union| {
                    u.variants
                        .iter()
                        .map(|v| v.name.clone())
                        .collect::<Vec<_>>()
                };
                let (old_names, new_names) = (names(a), names(b));
                for variant in old_names.iter().filter(|v| !new_names.contains(v)) {
                    let (id, level) = if flow.sends() {
                        ("request-variant-removed", Level::Err)
                    } else {
                        ("response-variant-removed", Level::Info)
                    };
                    self.push(
                        id,
                        level,
                        &pointer,
                        format!("variant `{variant}` of `{name}` was removed"),
                    );
                }
                for variant in new_names.iter().filter(|v| !old_names.contains(v)) {
                    let (id, level, note) = if flow.sends() {
                        ("request-variant-added", Level::Info, "")
                    } else {
                        (
                            "response-variant-added",
                            Level::Err,
                            " (the old client cannot decode it)",
                        )
                    };
                    self.push(
                        id,
                        level,
                        &pointer,
                        format!("variant `{variant}` was added to `{name}`{note}"),
                    );
                }
                for (old_variant, new_variant) in a.variants.iter().flat_map(|o| {
                    b.variants
                        .iter()
                        .filter(move |n| n.name == o.name)
                        .map(move |n| (o, n))
                }) {
                    self.compare_types(
                        &old_variant.ty,
                        &new_variant.ty,
                        flow,
                        &new_def.pointer,
                        &old_def.pointer,
                    );
                }
            }
            _ => {
                let message = format!(
                    "`{name}` changed from {} to {}",
                    kind_word(&old_def.kind),
                    kind_word(&new_def.kind)
                );
                let id = id(
                    flow,
                    "request-type-changed",
                    "response-type-changed",
                    "parameter-type-changed",
                );
                self.push(id, Level::Err, &new_def.pointer, message);
            }
        }
    }

    /// `names`: the struct's name in the old and in the new version.
    fn compare_structs(
        &mut self,
        old_def: &TypeDef,
        new_def: &TypeDef,
        (old_name, name): (&str, &str),
        flow: Flow,
    ) {
        let (TypeKind::Struct(old), TypeKind::Struct(new)) = (&old_def.kind, &new_def.kind) else {
            return;
        };
        let at = |def: &TypeDef, field: &str| {
            format!(
                "{}/properties/{}",
                def.pointer,
                crate::pointer::escape(field)
            )
        };
        for field in &old.fields {
            let Some(now) = new.fields.iter().find(|f| f.wire_name == field.wire_name) else {
                let (id, level, note) = match flow {
                    Flow::Response if field.required => (
                        "response-property-removed",
                        Level::Err,
                        " (it was required: decoding now fails)",
                    ),
                    Flow::Response => ("response-property-removed", Level::Warn, ""),
                    _ => (
                        "request-property-removed",
                        Level::Warn,
                        " (a server that rejects unknown properties rejects it)",
                    ),
                };
                self.push(
                    id,
                    level,
                    &at(old_def, &field.wire_name),
                    format!(
                        "property `{}` of `{old_name}` was removed{note}",
                        field.wire_name
                    ),
                );
                continue;
            };
            let (pointer, old_pointer) =
                (at(new_def, &now.wire_name), at(old_def, &field.wire_name));
            let property = &field.wire_name;
            match (field.required, now.required, flow.sends()) {
                (false, true, true) => self.push("request-property-became-required", Level::Err, &pointer, format!("property `{property}` of `{name}` became required")),
                (false, true, false) => self.push("response-property-became-required", Level::Info, &pointer, format!("property `{property}` of `{name}` became required")),
                (true, false, true) => self.push("request-property-became-optional", Level::Info, &pointer, format!("property `{property}` of `{name}` became optional")),
                (true, false, false) => self.push("response-property-became-optional", Level::Err, &pointer, format!("property `{property}` of `{name}` became optional: decoding fails when it is absent")),
                _ => {}
            }
            match (field.nullable, now.nullable, flow.sends()) {
                (false, true, false) if now.required => self.push("response-property-became-nullable", Level::Err, &pointer, format!("required property `{property}` of `{name}` became nullable: decoding fails on null")),
                (false, true, false) => self.push("response-property-became-nullable", Level::Info, &pointer, format!("property `{property}` of `{name}` became nullable")),
                (true, false, true) => self.push("request-property-became-non-nullable", Level::Err, &pointer, format!("property `{property}` of `{name}` no longer accepts null")),
                _ => {}
            }
            self.compare_types(&field.ty, &now.ty, flow, &pointer, &old_pointer);
        }
        for field in new
            .fields
            .iter()
            .filter(|f| !old.fields.iter().any(|o| o.wire_name == f.wire_name))
        {
            let pointer = at(new_def, &field.wire_name);
            let property = &field.wire_name;
            match flow {
                Flow::Response => self.push(
                    "response-property-added",
                    Level::Info,
                    &pointer,
                    format!("property `{property}` was added to `{name}`"),
                ),
                _ if field.required => self.push(
                    "request-property-added-required",
                    Level::Err,
                    &pointer,
                    format!("required property `{property}` was added to `{name}`"),
                ),
                _ => self.push(
                    "request-property-added-optional",
                    Level::Info,
                    &pointer,
                    format!("optional property `{property}` was added to `{name}`"),
                ),
            }
        }
    }
}

fn strip_option(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Option(inner) => strip_option(inner),
        other => other,
    }
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "an object",
        TypeKind::Enum(_) => "a string enum",
        TypeKind::Union(_) => "a union",
        TypeKind::Alias(_) => "an alias",
    }
}
