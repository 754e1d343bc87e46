//! Schemas → named types and type references.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use openapiv3::{AdditionalProperties, Schema};

use super::view::{ref_or, ref_or_boxed, RefOr, SchemaView};
use super::{
    Docs, Field, FloatKind, IntKind, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef, Union,
    Variant,
};
use crate::error::{Error, Warning};
use crate::resolve::{Resolver, SchemaId};

/// Where a schema sits: its file and pointer (for diagnostics and for caching), and the
/// words its type would be named from.
#[derive(Clone)]
pub(super) struct Place<'p> {
    pub file: &'p Path,
    pub pointer: String,
    pub name: Vec<String>,
}

impl<'p> Place<'p> {
    pub fn child(&self, segments: &[&str], name_word: Option<&str>) -> Place<'p> {
        let mut pointer = self.pointer.clone();
        for segment in segments {
            pointer.push('/');
            pointer.push_str(&crate::locate::escape(segment));
        }
        let mut name = self.name.clone();
        name.extend(name_word.map(str::to_string));
        Place {
            file: self.file,
            pointer,
            name,
        }
    }
}

/// What a schema lowered to, plus the facts about it that belong to the field using it.
pub(super) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub sensitive: bool,
}

enum Shape {
    Ref(TypeRef),
    Kind(TypeKind),
}

pub(super) struct TypeBuilder<'r, 'a> {
    pub resolver: &'r Resolver<'a>,
    types: Vec<Option<TypeDef>>,
    /// What each schema reached so far lowered to, by file and pointer: a schema used in
    /// several places (by `$ref`, or through an `allOf`) becomes one type.
    seen: HashMap<SchemaId, TypeRef>,
    /// Tagged unions whose variant structs must not also declare the tag as a field.
    tags_to_strip: Vec<(TypeId, String)>,
    pub warnings: Vec<Warning>,
}

impl<'r, 'a> TypeBuilder<'r, 'a> {
    pub fn new(resolver: &'r Resolver<'a>) -> Self {
        TypeBuilder {
            resolver,
            types: Vec::new(),
            seen: HashMap::new(),
            tags_to_strip: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn finish(mut self) -> (Vec<TypeDef>, Vec<Warning>) {
        for (id, tag) in std::mem::take(&mut self.tags_to_strip) {
            if let Some(Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            })) = self.types.get_mut(id.0)
            {
                s.fields.retain(|f| f.wire_name != tag);
            }
        }
        let mut types: Vec<TypeDef> = self
            .types
            .into_iter()
            .map(|t| t.expect("every reserved type is filled before lowering returns"))
            .collect();
        box_cycles(&mut types);
        (types, self.warnings)
    }

    fn warn(&mut self, place: &Place, message: impl Into<String>) {
        let location = self
            .resolver
            .sources
            .borrow()
            .locate(place.file, &place.pointer);
        self.warnings.push(Warning {
            location,
            message: message.into(),
        });
    }

    /// Lowers every component schema, in spec order, so each gets the spec's name even when
    /// nothing refers to it.
    pub fn components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.resolver.doc.components else {
            return Ok(());
        };
        let root = self.resolver.root.clone();
        for (name, schema) in &components.schemas {
            let reference = format!("#/components/schemas/{}", crate::locate::escape(name));
            let place = Place {
                file: &root,
                pointer: format!("/components/schemas/{}", crate::locate::escape(name)),
                name: vec![name.clone()],
            };
            let lowered = self.reference(&reference, &place)?;
            // `BillingAddress: {$ref: '#/components/schemas/Address'}` resolves to `Address`;
            // the spec's other name for it stays available as an alias.
            if let openapiv3::ReferenceOr::Reference { reference: target } = schema {
                if target.starts_with("#/components/schemas/") {
                    let id = SchemaId {
                        file: root.clone(),
                        pointer: place.pointer.clone(),
                    };
                    self.seen.entry(id).or_insert_with(|| {
                        self.types.push(Some(TypeDef {
                            name: place.name.clone(),
                            named_in_spec: true,
                            docs: Docs::default(),
                            kind: TypeKind::Alias(lowered.ty),
                            pointer: place.pointer.clone(),
                        }));
                        TypeRef::Named(TypeId(self.types.len() - 1))
                    });
                }
            }
        }
        Ok(())
    }

    pub fn lower(
        &mut self,
        item: &openapiv3::ReferenceOr<Schema>,
        place: &Place,
    ) -> Result<Lowered, Error> {
        match ref_or(item) {
            RefOr::Ref(reference) => self.reference(reference, place),
            RefOr::Schema(schema) => self.inline(schema, place),
        }
    }

    fn lower_boxed(
        &mut self,
        item: &openapiv3::ReferenceOr<Box<Schema>>,
        place: &Place,
    ) -> Result<Lowered, Error> {
        match ref_or_boxed(item) {
            RefOr::Ref(reference) => self.reference(reference, place),
            RefOr::Schema(schema) => self.inline(schema, place),
        }
    }

    fn reference(&mut self, reference: &str, used_at: &Place) -> Result<Lowered, Error> {
        let (id, schema) = self
            .resolver
            .schema(reference, used_at.file, &used_at.pointer)?;
        let nullable = is_nullable(&schema);
        let sensitive = is_sensitive(&schema);
        if let Some(ty) = self.seen.get(&id) {
            return Ok(Lowered {
                ty: ty.clone(),
                nullable,
                sensitive,
            });
        }
        // Reserve the slot first: a schema that refers to itself finds its own id.
        let type_id = TypeId(self.types.len());
        self.types.push(None);
        self.seen.insert(id.clone(), TypeRef::Named(type_id));
        let place = Place {
            file: &id.file,
            pointer: id.pointer.clone(),
            name: vec![id.name()],
        };
        let kind = match self.shape(&schema, &place)? {
            Shape::Kind(kind) => kind,
            Shape::Ref(ty) => TypeKind::Alias(ty),
        };
        self.types[type_id.0] = Some(TypeDef {
            name: place.name.clone(),
            named_in_spec: true,
            docs: docs_of(&schema),
            kind,
            pointer: id.pointer.clone(),
        });
        Ok(Lowered {
            ty: TypeRef::Named(type_id),
            nullable,
            sensitive,
        })
    }

    fn inline(&mut self, schema: &Schema, place: &Place) -> Result<Lowered, Error> {
        let id = SchemaId {
            file: place.file.to_path_buf(),
            pointer: place.pointer.clone(),
        };
        let nullable = is_nullable(schema);
        let sensitive = is_sensitive(schema);
        if let Some(ty) = self.seen.get(&id) {
            return Ok(Lowered {
                ty: ty.clone(),
                nullable,
                sensitive,
            });
        }
        let ty = match self.shape(schema, place)? {
            Shape::Ref(ty) => ty,
            Shape::Kind(kind) => {
                let type_id = TypeId(self.types.len());
                self.types.push(Some(TypeDef {
                    name: place.name.clone(),
                    named_in_spec: schema.schema_data.title.is_some(),
                    docs: docs_of(schema),
                    kind,
                    pointer: place.pointer.clone(),
                }));
                TypeRef::Named(type_id)
            }
        };
        self.seen.insert(id, ty.clone());
        Ok(Lowered {
            ty,
            nullable,
            sensitive,
        })
    }

    fn shape(&mut self, schema: &Schema, place: &Place) -> Result<Shape, Error> {
        let view = SchemaView::of(schema);
        if view.not {
            self.warn(
                place,
                "`not` cannot be expressed as a Rust type; using serde_json::Value",
            );
            return Ok(Shape::Ref(TypeRef::Json));
        }
        if !view.all_of.is_empty() {
            return self.all_of(&view, place);
        }
        if !view.one_of.is_empty() || !view.any_of.is_empty() {
            return self.union(schema, &view, place);
        }
        if !view.enumeration.is_empty() {
            return Ok(self.enumeration(&view, place));
        }
        Ok(match view.typ {
            Some("string") => Shape::Ref(string_type(view.format.as_deref())),
            Some("integer") => Shape::Ref(TypeRef::Int(int_kind(view.format.as_deref()))),
            Some("number") => Shape::Ref(TypeRef::Float(match view.format.as_deref() {
                Some("float") => FloatKind::F32,
                _ => FloatKind::F64,
            })),
            Some("boolean") => Shape::Ref(TypeRef::Bool),
            Some("array") => Shape::Ref(self.array(&view, place)?),
            Some("object") => self.object(&view, place)?,
            None if view.properties.is_some() || view.additional.is_some() => {
                self.object(&view, place)?
            }
            None if view.items.is_some() => Shape::Ref(self.array(&view, place)?),
            None => Shape::Ref(TypeRef::Json),
            Some(other) => {
                self.warn(
                    place,
                    format!("unknown type `{other}`; using serde_json::Value"),
                );
                Shape::Ref(TypeRef::Json)
            }
        })
    }

    fn array(&mut self, view: &SchemaView, place: &Place) -> Result<TypeRef, Error> {
        let Some(items) = view.items else {
            return Ok(TypeRef::Vec(Box::new(TypeRef::Json)));
        };
        let item = self.lower_boxed(items, &place.child(&["items"], Some("Item")))?;
        Ok(TypeRef::Vec(Box::new(optional_if(item.ty, item.nullable))))
    }

    fn object(&mut self, view: &SchemaView, place: &Place) -> Result<Shape, Error> {
        let additional = self.additional(view.additional, place)?;
        let Some(properties) = view.properties.filter(|p| !p.is_empty()) else {
            return Ok(match (view.additional, additional) {
                (Some(AdditionalProperties::Any(false)), _) => {
                    Shape::Kind(TypeKind::Struct(Struct::default()))
                }
                (_, Some(TypeRef::Json) | None) => Shape::Ref(TypeRef::JsonMap),
                (_, Some(value)) => Shape::Ref(TypeRef::Map(Box::new(value))),
            });
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, property) in properties {
            let field_place = place.child(&["properties", wire_name], Some(wire_name));
            fields.push(self.field(
                wire_name,
                property,
                view.required.contains(wire_name),
                &field_place,
            )?);
        }
        Ok(Shape::Kind(TypeKind::Struct(Struct { fields, additional })))
    }

    fn additional(
        &mut self,
        additional: Option<&AdditionalProperties>,
        place: &Place,
    ) -> Result<Option<TypeRef>, Error> {
        Ok(match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.lower(
                    schema,
                    &place.child(&["additionalProperties"], Some("Value")),
                )?;
                Some(optional_if(value.ty, value.nullable))
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) | None => None,
        })
    }

    fn field(
        &mut self,
        wire_name: &str,
        property: &openapiv3::ReferenceOr<Box<Schema>>,
        required: bool,
        place: &Place,
    ) -> Result<Field, Error> {
        let lowered = self.lower_boxed(property, place)?;
        let (docs, default, write_or_read_only) = match property {
            openapiv3::ReferenceOr::Item(schema) => (
                docs_of(schema),
                schema.schema_data.default.clone(),
                schema.schema_data.read_only || schema.schema_data.write_only,
            ),
            openapiv3::ReferenceOr::Reference { .. } => (Docs::default(), None, false),
        };
        Ok(Field {
            wire_name: wire_name.to_string(),
            ty: lowered.ty,
            // A read-only field is absent from requests and a write-only one from responses,
            // so a single type can only hold them as optional.
            required: required && !write_or_read_only,
            nullable: lowered.nullable,
            sensitive: lowered.sensitive,
            boxed: false,
            default,
            docs,
        })
    }

    fn all_of(&mut self, view: &SchemaView, place: &Place) -> Result<Shape, Error> {
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
                    crate::locate::escape(name)
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

    fn union(&mut self, schema: &Schema, view: &SchemaView, place: &Place) -> Result<Shape, Error> {
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
    fn struct_behind(&self, mut id: TypeId) -> Option<TypeId> {
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
    fn specificity(&self, ty: &TypeRef) -> (usize, i64) {
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

    fn enumeration(&mut self, view: &SchemaView, place: &Place) -> Shape {
        let strings: Vec<&str> = view.enumeration.iter().filter_map(|v| v.as_str()).collect();
        let non_null = view.enumeration.iter().filter(|v| !v.is_null()).count();
        if strings.len() == non_null
            && !strings.is_empty()
            && matches!(view.typ, Some("string") | None)
        {
            let mut seen = BTreeSet::new();
            let values = strings
                .into_iter()
                .filter(|v| seen.insert(*v))
                .map(str::to_string)
                .collect();
            return Shape::Kind(TypeKind::Enum(StringEnum { values }));
        }
        match view.typ {
            Some("integer") => Shape::Ref(TypeRef::Int(int_kind(view.format.as_deref()))),
            Some("number") => Shape::Ref(TypeRef::Float(FloatKind::F64)),
            Some("boolean") => Shape::Ref(TypeRef::Bool),
            Some("string") => Shape::Ref(string_type(view.format.as_deref())),
            _ => {
                self.warn(
                    place,
                    "an enum of mixed value types; using serde_json::Value",
                );
                Shape::Ref(TypeRef::Json)
            }
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

fn optional_if(ty: TypeRef, nullable: bool) -> TypeRef {
    if nullable {
        TypeRef::Option(Box::new(ty))
    } else {
        ty
    }
}

fn string_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("date") => TypeRef::Date,
        Some("date-time") => TypeRef::DateTime,
        Some("uuid") => TypeRef::Uuid,
        Some("binary") => TypeRef::Binary,
        Some("byte") => TypeRef::Base64,
        _ => TypeRef::String,
    }
}

fn int_kind(format: Option<&str>) -> IntKind {
    match format {
        Some("int8") => IntKind::I8,
        Some("int16") => IntKind::I16,
        Some("int32") => IntKind::I32,
        Some("uint8") => IntKind::U8,
        Some("uint16") => IntKind::U16,
        Some("uint32") => IntKind::U32,
        Some("uint64" | "uint") => IntKind::U64,
        _ => IntKind::I64,
    }
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

pub(super) fn is_nullable(schema: &Schema) -> bool {
    let view = SchemaView::of(schema);
    schema.schema_data.nullable
        || view.enumeration.iter().any(serde_json::Value::is_null)
        || view
            .one_of
            .iter()
            .chain(view.any_of)
            .any(|p| matches!(ref_or(p), RefOr::Schema(s) if is_null_only(s)))
}

fn is_null_only(schema: &Schema) -> bool {
    let view = SchemaView::of(schema);
    view.typ == Some("null")
        || (!view.enumeration.is_empty() && view.enumeration.iter().all(serde_json::Value::is_null))
}

pub(super) fn is_sensitive(schema: &Schema) -> bool {
    schema
        .schema_data
        .extensions
        .get("x-sensitive")
        .and_then(|v| v.as_bool())
        == Some(true)
        || SchemaView::of(schema).format.as_deref() == Some("password")
}

pub(super) fn docs_of(schema: &Schema) -> Docs {
    Docs {
        title: schema.schema_data.title.clone(),
        description: schema.schema_data.description.clone(),
        deprecated: schema.schema_data.deprecated,
    }
}

/// Marks the struct fields and union variants that get a `Box` so that no type contains
/// itself by value (a `Vec` or map already breaks a cycle), boxing as few as it can.
///
/// Candidates are tried in a fixed order, optional fields first (a back-reference such as
/// `parent` or `B.a` in A → B → A is where a reader expects the `Box`), then union
/// variants, then required fields; one is boxed only if a cycle through it remains among
/// the edges not yet boxed. Every cycle keeps at least one boxed edge: its last candidate
/// to be tried still saw all the others.
fn box_cycles(types: &mut [TypeDef]) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
