//! `allOf` (merged into one struct) and `oneOf`/`anyOf` (tagged or untagged unions).

use std::collections::BTreeSet;

use openapiv3::Schema;

use super::schema::{is_null_only, optional_if, Place, Shape, TypeBuilder};
use super::view::{ref_or, RefOr, SchemaView};
use super::{Struct, TypeId, TypeKind, TypeRef, Union, Variant};
use crate::error::Error;

impl TypeBuilder<'_, '_> {
    pub(super) fn all_of(&mut self, view: &SchemaView, place: &Place) -> Result<Shape, Error> {
        if view.all_of.len() == 1 && view.properties.is_none() {
            // `allOf: [$ref]` is how 3.0 specs attach a description or `nullable` to a ref.
            let only = self.lower(&view.all_of[0], &place.child(&["allOf", "0"], None))?;
            return Ok(Shape::Ref(only.ty));
        }
        let mut merged = Merged::default();
        self.collect_all_of(view, place, &mut merged, 0)?;
        if merged.loose {
            self.warn(
                place,
                "`allOf` mixes objects with non-object schemas; using serde_json::Value",
            );
            return Ok(Shape::Ref(TypeRef::Json));
        }
        let mut fields = Vec::with_capacity(merged.properties.len());
        for (wire_name, (property, file, pointer)) in &merged.properties {
            let field_place = Place {
                file,
                pointer: pointer.clone(),
                name: [place.name.clone(), vec![wire_name.clone()]].concat(),
            };
            fields.push(self.field(
                wire_name,
                property,
                merged.required.contains(wire_name),
                &field_place,
            )?);
        }
        Ok(Shape::Kind(TypeKind::Struct(Struct {
            fields,
            additional: merged.additional,
        })))
    }

    /// Gathers the properties of every `allOf` part, following references and nested `allOf`.
    fn collect_all_of(
        &mut self,
        view: &SchemaView,
        place: &Place,
        merged: &mut Merged,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > 32 {
            merged.loose = true;
            return Ok(());
        }
        if let Some(properties) = view.properties {
            for (name, property) in properties {
                let pointer = format!(
                    "{}/properties/{}",
                    place.pointer,
                    crate::pointer::escape(name)
                );
                merged.properties.entry(name.clone()).or_insert((
                    property.clone(),
                    place.file.to_path_buf(),
                    pointer,
                ));
            }
        }
        merged.required.extend(view.required.iter().cloned());
        if let Some(extra) = self.additional(view.additional, place)? {
            merged.additional.get_or_insert(extra);
        }
        for (index, part) in view.all_of.iter().enumerate() {
            let part_place = place.child(&["allOf", &index.to_string()], None);
            let (schema, file, pointer) = match ref_or(part) {
                RefOr::Ref(reference) => {
                    let (id, schema) =
                        self.resolver
                            .schema(reference, place.file, &part_place.pointer)?;
                    (schema, id.file, id.pointer)
                }
                RefOr::Schema(schema) => (
                    crate::resolve::SchemaHandle::Owned(std::rc::Rc::new(schema.clone())),
                    place.file.to_path_buf(),
                    part_place.pointer.clone(),
                ),
            };
            let part_view = SchemaView::of(&schema);
            let inner_place = Place {
                file: &file,
                pointer,
                name: place.name.clone(),
            };
            if part_view.is_object_like() || !part_view.all_of.is_empty() {
                self.collect_all_of(&part_view, &inner_place, merged, depth + 1)?;
            } else if part_view.typ.is_some()
                || !part_view.one_of.is_empty()
                || !part_view.any_of.is_empty()
            {
                merged.loose = true;
            }
            // A part with neither type nor properties only adds a description or a constraint.
        }
        Ok(())
    }

    pub(super) fn union(
        &mut self,
        schema: &Schema,
        view: &SchemaView,
        place: &Place,
    ) -> Result<Shape, Error> {
        let (keyword, parts) = if view.one_of.is_empty() {
            ("anyOf", view.any_of)
        } else {
            ("oneOf", view.one_of)
        };
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let hint = match ref_or(part) {
                RefOr::Ref(reference) => reference
                    .rsplit('/')
                    .next()
                    .unwrap_or("Variant")
                    .to_string(),
                RefOr::Schema(s) if is_null_only(s) => continue,
                RefOr::Schema(s) => s
                    .schema_data
                    .title
                    .clone()
                    .unwrap_or_else(|| variant_hint(s, index)),
            };
            let lowered = self.lower(
                part,
                &place.child(&[keyword, &index.to_string()], Some(&hint)),
            )?;
            let reference = match part {
                openapiv3::ReferenceOr::Reference { reference } => Some(reference.clone()),
                openapiv3::ReferenceOr::Item(_) => None,
            };
            variants.push((hint, reference, optional_if(lowered.ty, lowered.nullable)));
        }
        if variants.len() == 1 {
            return Ok(Shape::Ref(variants.remove(0).2));
        }
        if variants.is_empty() {
            return Ok(Shape::Ref(TypeRef::Json));
        }
        if let Some(discriminator) = &schema.schema_data.discriminator {
            if let Some(union) = self.tagged(discriminator, &variants) {
                return Ok(Shape::Kind(TypeKind::Union(union)));
            }
            self.warn(
                place,
                "discriminator variants are not all objects; decoding them untagged",
            );
        }
        let mut variants: Vec<Variant> = variants
            .into_iter()
            .map(|(name, _, ty)| Variant {
                name,
                tag_value: None,
                ty,
                boxed: false,
            })
            .collect();
        // serde tries untagged variants in order: the most demanding shapes go first.
        let ranks: Vec<(usize, i64)> = variants.iter().map(|v| self.specificity(&v.ty)).collect();
        let mut order: Vec<usize> = (0..variants.len()).collect();
        order.sort_by_key(|&i| ranks[i]);
        let mut taken: Vec<Option<Variant>> = variants.drain(..).map(Some).collect();
        let variants = order.into_iter().filter_map(|i| taken[i].take()).collect();
        Ok(Shape::Kind(TypeKind::Union(Union {
            tag: None,
            variants,
        })))
    }

    fn tagged(
        &mut self,
        discriminator: &openapiv3::Discriminator,
        variants: &[(String, Option<String>, TypeRef)],
    ) -> Option<Union> {
        let mut out = Vec::with_capacity(variants.len());
        let mut structs = Vec::new();
        for (name, reference, ty) in variants {
            let TypeRef::Named(id) = ty else { return None };
            let target = self.struct_behind(*id)?;
            let tag_value = reference.as_ref().map(|r| {
                discriminator
                    .mapping
                    .iter()
                    .find(|(_, target)| {
                        *target == r || r.ends_with(&format!("/{}", target.as_str()))
                    })
                    .map(|(value, _)| value.clone())
                    .unwrap_or_else(|| r.rsplit('/').next().unwrap_or(r).to_string())
            });
            structs.push(target);
            out.push(Variant {
                name: name.clone(),
                tag_value: Some(tag_value.unwrap_or_else(|| name.clone())),
                ty: ty.clone(),
                boxed: false,
            });
        }
        for target in structs {
            self.tags_to_strip
                .push((target, discriminator.property_name.clone()));
        }
        Some(Union {
            tag: Some(discriminator.property_name.clone()),
            variants: out,
        })
    }

    /// The struct a named type is, following aliases; `None` for anything else.
    pub(super) fn struct_behind(&self, mut id: TypeId) -> Option<TypeId> {
        for _ in 0..self.types.len() + 1 {
            match self.types.get(id.0)?.as_ref().map(|t| &t.kind) {
                Some(TypeKind::Struct(_)) => return Some(id),
                Some(TypeKind::Alias(TypeRef::Named(next))) => id = *next,
                _ => return None,
            }
        }
        None
    }

    /// Sort key for untagged variants: lower tries first.
    pub(super) fn specificity(&self, ty: &TypeRef) -> (usize, i64) {
        match ty {
            TypeRef::Named(id) => match self
                .types
                .get(id.0)
                .and_then(Option::as_ref)
                .map(|t| &t.kind)
            {
                Some(TypeKind::Struct(s)) => {
                    (0, -(s.fields.iter().filter(|f| f.required).count() as i64))
                }
                Some(TypeKind::Union(_)) => (1, 0),
                Some(TypeKind::Enum(_)) => (5, 0),
                Some(TypeKind::Alias(inner)) => self.specificity(inner),
                None => (0, 0),
            },
            TypeRef::Vec(_) => (2, 0),
            TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Date
            | TypeRef::DateTime
            | TypeRef::Uuid
            | TypeRef::Base64 => (3, 0),
            TypeRef::Float(_) => (4, 0),
            TypeRef::Map(_) | TypeRef::JsonMap => (6, 0),
            TypeRef::String | TypeRef::Binary => (7, 0),
            TypeRef::Option(inner) => self.specificity(inner),
            TypeRef::Json => (9, 0),
        }
    }
}

#[derive(Default)]
struct Merged {
    properties: indexmap::IndexMap<
        String,
        (
            openapiv3::ReferenceOr<Box<Schema>>,
            std::path::PathBuf,
            String,
        ),
    >,
    required: BTreeSet<String>,
    additional: Option<TypeRef>,
    loose: bool,
}

fn variant_hint(schema: &Schema, index: usize) -> String {
    let view = SchemaView::of(schema);
    match (view.typ, view.format.as_deref()) {
        (Some("string"), Some("date")) => "Date".into(),
        (Some("string"), Some("date-time")) => "DateTime".into(),
        (Some("string"), _) if !view.enumeration.is_empty() => "Enum".into(),
        (Some("string"), _) => "String".into(),
        (Some("integer"), _) => "Integer".into(),
        (Some("number"), _) => "Number".into(),
        (Some("boolean"), _) => "Boolean".into(),
        (Some("array"), _) => "Array".into(),
        _ => format!("Variant{index}"),
    }
}
