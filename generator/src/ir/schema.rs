//! Schemas → named types and type references.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::path::Path;

use openapiv3::{AdditionalProperties, Schema};

use super::view::{ref_or, ref_or_boxed, RefOr, SchemaView};
use super::{
    Docs, Field, FloatKind, IntKind, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef,
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
            pointer.push_str(&crate::pointer::escape(segment));
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

pub(super) enum Shape {
    Ref(TypeRef),
    Kind(TypeKind),
}

pub(super) struct TypeBuilder<'r, 'a> {
    pub resolver: &'r Resolver<'a>,
    pub(super) types: Vec<Option<TypeDef>>,
    /// What each schema reached so far lowered to, by file and pointer: a schema used in
    /// several places (by `$ref`, or through an `allOf`) becomes one type. Looked up for
    /// every schema: a fast hasher, as no key comes from outside the spec being read.
    seen: FxHashMap<SchemaId, TypeRef>,
    /// Tagged unions whose variant structs must not also declare the tag as a field.
    pub(super) tags_to_strip: Vec<(TypeId, String)>,
    pub warnings: Vec<Warning>,
}

impl<'r, 'a> TypeBuilder<'r, 'a> {
    pub fn new(resolver: &'r Resolver<'a>) -> Self {
        TypeBuilder {
            resolver,
            types: Vec::new(),
            seen: FxHashMap::default(),
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
        for index in super::cycles::break_alias_cycles(&mut types) {
            let location = self
                .resolver
                .sources
                .borrow()
                .locate(&self.resolver.root, &types[index].pointer);
            self.warnings.push(Warning {
                location,
                message: "this schema contains itself only through lists or maps, which a Rust \
                          type alias cannot say; typed as serde_json::Value"
                    .into(),
            });
        }
        super::cycles::box_cycles(&mut types);
        (types, self.warnings)
    }

    pub(super) fn warn(&mut self, place: &Place, message: impl Into<String>) {
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
            let reference = format!("#/components/schemas/{}", crate::pointer::escape(name));
            let place = Place {
                file: &root,
                pointer: format!("/components/schemas/{}", crate::pointer::escape(name)),
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

    pub(super) fn lower_boxed(
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

    pub(super) fn shape(&mut self, schema: &Schema, place: &Place) -> Result<Shape, Error> {
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

    pub(super) fn additional(
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

    pub(super) fn field(
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

    pub(super) fn enumeration(&mut self, view: &SchemaView, place: &Place) -> Shape {
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

pub(super) fn optional_if(ty: TypeRef, nullable: bool) -> TypeRef {
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

pub(super) fn is_null_only(schema: &Schema) -> bool {
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
