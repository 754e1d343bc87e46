//! One read-only shape for a schema, whichever way `openapiv3` parsed it.
//!
//! `openapiv3` parses a well-behaved schema into a typed variant and anything unusual
//! (an enum containing `null`, `properties` beside `allOf`, a missing `type`) into
//! `AnySchema`. Lowering reads both through [`SchemaView`], so the unusual cases get the
//! same treatment as the well-behaved ones.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

pub(super) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

pub(super) struct SchemaView<'s> {
    pub typ: Option<&'s str>,
    pub format: Option<String>,
    pub enumeration: Vec<serde_json::Value>,
    pub properties: Option<&'s Properties>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
    pub items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub one_of: &'s [ReferenceOr<Schema>],
    pub any_of: &'s [ReferenceOr<Schema>],
    pub all_of: &'s [ReferenceOr<Schema>],
    pub not: bool,
}

fn format_of<T: std::fmt::Debug>(
    format: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item).to_string()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

impl<'s> SchemaView<'s> {
    pub fn of(schema: &'s Schema) -> Self {
        let mut view = SchemaView {
            typ: None,
            format: None,
            enumeration: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            one_of: &[],
            any_of: &[],
            all_of: &[],
            not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.typ = Some("string");
                view.format = format_of(&s.format, |f| match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                view.enumeration = s
                    .enumeration
                    .iter()
                    .map(|v| {
                        v.clone()
                            .map_or(serde_json::Value::Null, serde_json::Value::String)
                    })
                    .collect();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.typ = Some("integer");
                view.format = format_of(&i.format, |f| match f {
                    openapiv3::IntegerFormat::Int32 => "int32",
                    openapiv3::IntegerFormat::Int64 => "int64",
                });
                view.enumeration = i.enumeration.iter().map(|v| serde_json::json!(v)).collect();
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.typ = Some("number");
                view.format = format_of(&n.format, |f| match f {
                    openapiv3::NumberFormat::Float => "float",
                    openapiv3::NumberFormat::Double => "double",
                });
            }
            SchemaKind::Type(Type::Boolean(_)) => view.typ = Some("boolean"),
            SchemaKind::Type(Type::Object(o)) => {
                view.typ = Some("object");
                view.properties = Some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.typ = Some("array");
                view.items = a.items.as_ref();
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::Not { .. } => view.not = true,
            SchemaKind::Any(any) => {
                view.typ = any.typ.as_deref();
                view.format = any.format.clone();
                view.enumeration = any.enumeration.clone();
                view.properties = (!any.properties.is_empty()).then_some(&any.properties);
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.all_of = &any.all_of;
                view.not = any.not.is_some();
            }
        }
        view
    }

    pub fn is_object_like(&self) -> bool {
        self.typ == Some("object")
            || self.properties.is_some()
            || (self.typ.is_none() && self.additional.is_some())
    }
}

/// A `ReferenceOr` over either `Schema` or `Box<Schema>`, seen the same way.
pub(super) enum RefOr<'s> {
    Ref(&'s str),
    Schema(&'s Schema),
}

pub(super) fn ref_or(item: &ReferenceOr<Schema>) -> RefOr<'_> {
    match item {
        ReferenceOr::Reference { reference } => RefOr::Ref(reference),
        ReferenceOr::Item(schema) => RefOr::Schema(schema),
    }
}

pub(super) fn ref_or_boxed(item: &ReferenceOr<Box<Schema>>) -> RefOr<'_> {
    match item {
        ReferenceOr::Reference { reference } => RefOr::Ref(reference),
        ReferenceOr::Item(schema) => RefOr::Schema(schema),
    }
}
