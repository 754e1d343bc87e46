//! Model types: structs, string enums, unions, aliases.

use super::code::Code;
use super::construct::{Member, Slot};
use super::docs::{doc_lines, DocLines};
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{
    Docs, Field, FloatKind, IntKind, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union,
};

const SERDE_DERIVES: [&str; 2] = [
    "::specgen_runtime::serde::Serialize",
    "::specgen_runtime::serde::Deserialize",
];

/// The expression for a spec default, in the shapes rustfmt lays out differently.
pub(super) enum Value {
    Plain(Rust),
    /// `String::from("…")`.
    Call(Rust, Rust),
    /// `vec![…]`.
    List(Vec<Rust>),
}

impl Value {
    fn flat(&self) -> Rust {
        match self {
            Value::Plain(text) => text.clone(),
            Value::Call(callee, arg) => rust![callee, "(", arg, ")"],
            Value::List(items) => rust!["vec![", Rust::join(items, ", "), "]"],
        }
    }

    fn write(&self, code: &mut Code) {
        match self {
            Value::Plain(text) => code.line(text),
            Value::Call(callee, arg) => code.call(callee, &[arg], ""),
            Value::List(items) => code.array("vec!", items, ""),
        }
    }
}

impl Emitter<'_> {
    /// The model types `range` of the IR's types (the emission is split across threads).
    pub(super) fn types(&self, range: std::ops::Range<usize>, code: &mut Code) {
        for index in range {
            if self.replacement(index).is_some() {
                continue;
            }
            let start = code.mark();
            let def = &self.ir.types[index];
            let name = Rust::ident(&self.names.types[index]);
            let members = &self.names.members[index];
            let docs = type_docs(def);
            if !matches!(def.kind, TypeKind::Enum(_)) {
                code.docs(&docs);
            }
            match &def.kind {
                TypeKind::Struct(s) => {
                    self.structure(code, &name, s, members, &self.names.setters[index])
                }
                TypeKind::Enum(e) => {
                    self.string_enum(code, &name, &docs, e, members, &self.names.fallbacks[index])
                }
                TypeKind::Union(u) => self.union(code, &name, u, members),
                TypeKind::Alias(ty) => code.type_alias(&name, &self.rust_type(ty)),
            }
            code.blank();
            self.gate_type(code, start, index);
        }
    }

    /// Whether `ty` is a generated struct with a deprecated field.
    pub(super) fn has_deprecated_fields(&self, ty: &TypeRef) -> bool {
        self.generated_struct(ty)
            .is_some_and(|(_, s)| s.fields.iter().any(|f| f.docs.deprecated))
    }

    /// The generated struct `ty` is, through aliases (the spec's, and those of inline
    /// types that are the same type), with its index in the IR; `None` for anything else,
    /// or where the user's own type replaces one on the way.
    pub(super) fn generated_struct(&self, ty: &TypeRef) -> Option<(usize, &Struct)> {
        let mut ty = ty;
        for _ in 0..=self.ir.types.len() {
            let TypeRef::Named(id) = ty else { return None };
            if self.replacement(id.0).is_some() {
                return None;
            }
            match &self.ir.types[id.0].kind {
                TypeKind::Struct(s) => return Some((id.0, s)),
                TypeKind::Alias(inner) => ty = inner,
                _ => return None,
            }
        }
        None
    }

    /// The Rust path a user asked to use instead of generating a schema's type.
    pub(super) fn replacement(&self, index: usize) -> Option<&Rust> {
        self.user.replacements[index].as_ref()
    }

    /// The derives every model type gets, then the user's.
    fn derives(&self, code: &mut Code, base: &[&'static str]) {
        let all: Vec<Rust> = base
            .iter()
            .map(|&d| Rust::from(d))
            .chain(self.user.derives.iter().cloned())
            .collect();
        code.derive(&all);
    }

    fn structure(
        &self,
        code: &mut Code,
        name: &Rust,
        s: &Struct,
        members: &[String],
        setters: &[String],
    ) {
        let defaults: Vec<Option<Value>> = s.fields.iter().map(|f| self.default_value(f)).collect();
        let has_defaults = defaults.iter().any(Option::is_some);
        // An all-optional struct has `Default` (what `new()` returns); with spec defaults
        // the impl is written out so it agrees with deserialization.
        let all_optional = s.fields.iter().all(|f| !f.required);
        // `serde_struct!` reads and writes plain structs at a fraction of the derives'
        // compile cost. Flattened extra properties and lenient dates keep serde's derives,
        // and so does every struct when the user adds derives: theirs (schemars'
        // `JsonSchema`, say) may read the `#[serde]` attributes for the wire names.
        let compact = self.user.derives.is_empty()
            && s.additional.is_none()
            && !s.fields.iter().any(|f| self.lenient(f));
        let mut derives = if compact {
            Vec::new()
        } else {
            SERDE_DERIVES.to_vec()
        };
        derives.extend(["Debug", "Clone", "PartialEq"]);
        if all_optional && !has_defaults {
            derives.push("Default");
        }
        self.derives(code, &derives);
        if !compact {
            code.line("#[serde(crate = \"::specgen_runtime::serde\")]");
        }
        self.non_exhaustive(code);
        if s.fields.is_empty() && s.additional.is_none() {
            code.line(rust!["pub struct ", name, " {}"]);
        } else {
            code.open(rust!["pub struct ", name]);
            for ((field, member), default) in s.fields.iter().zip(members).zip(&defaults) {
                self.field(code, field, member, name, default.is_some(), compact);
            }
            if let Some(value) = &s.additional {
                let member = Rust::ident(&members[s.fields.len()]);
                code.line("/// Properties beyond the declared ones, kept so nothing the server sends is lost.");
                code.line("#[serde(flatten)]");
                let ty = rust![
                    "::std::collections::BTreeMap<",
                    self.prelude.string,
                    ", ",
                    self.rust_type(value),
                    ">"
                ];
                code.field(rust!["pub ", member], ty, ",");
            }
            code.close("");
        }
        code.blank();
        if compact {
            self.serde_struct(code, name, s, members, &defaults);
            code.blank();
        }

        let mut built: Vec<Member> = s
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let setter = setters.get(i).filter(|s| !s.is_empty());
                self.member(field, &members[i], defaults[i].is_some(), setter)
            })
            .collect();
        if s.additional.is_some() {
            built.push(Member {
                name: Rust::ident(&members[s.fields.len()]),
                value: Rust::default(),
                plain: false,
                slot: Slot::EmptyMap,
                setter: None,
                deprecated: false,
            });
        }
        code.open_inherent_impl(name);
        self.build_methods(code, &built);
        for ((field, member), default) in s.fields.iter().zip(members).zip(&defaults) {
            let Some(default) = default else { continue };
            code.blank();
            let params: [&str; 0] = [];
            code.open_fn(
                rust!["fn ", default_function(member)],
                &params,
                self.rust_type(&field.ty),
            );
            default.write(code);
            code.close("");
        }
        code.close("");
        if !(all_optional && has_defaults) {
            return;
        }
        code.blank();
        if s.fields.iter().any(|f| f.docs.deprecated) {
            // Filling in a deprecated field is the impl's job; only users are warned.
            code.line("#[allow(deprecated)]");
        }
        code.open_impl(rust!["impl ", self.prelude.default], name);
        code.open("fn default() -> Self");
        code.open("Self");
        for ((_, member), default) in s.fields.iter().zip(members).zip(&defaults) {
            let member_ident = Rust::ident(member);
            match default {
                Some(_) => code.struct_field(
                    &member_ident,
                    rust!["Self::", default_function(member), "()"],
                ),
                None => {
                    code.struct_field(&member_ident, rust![self.prelude.default, "::default()"])
                }
            }
        }
        if s.additional.is_some() {
            let member = Rust::ident(&members[s.fields.len()]);
            code.line(rust![member, ": ", self.prelude.default, "::default(),"]);
        }
        code.close("");
        code.close("");
        code.close("");
    }

    /// A struct field as `new` and its setter see it.
    fn member(
        &self,
        field: &Field,
        member: &str,
        has_default: bool,
        setter: Option<&String>,
    ) -> Member {
        let value = self.value_type(field);
        let plain = !field.boxed && !field.sensitive && self.takes_plain(&field.ty);
        let (slot, value, plain) = match (field.required, field.nullable) {
            (false, false) if has_default => {
                (Slot::Defaulted(default_function(member)), value, plain)
            }
            (true, false) => (Slot::Required, value, plain),
            (true, true) => (
                Slot::Required,
                rust![self.prelude.option, "<", value, ">"],
                false,
            ),
            (false, false) => (Slot::Optional, value, plain),
            (false, true) => (
                Slot::Patch,
                rust!["::specgen_runtime::Patch<", value, ">"],
                false,
            ),
        };
        Member {
            name: Rust::ident(member),
            value,
            plain,
            slot,
            setter: setter.map(|s| Rust::ident(s)),
            deprecated: field.docs.deprecated,
        }
    }

    /// A field's type without its `Option` or `Patch`: boxed where it closes a cycle,
    /// `Sensitive` where the spec says so.
    fn value_type(&self, field: &Field) -> Rust {
        let mut ty = self.rust_type(&field.ty);
        if field.boxed {
            ty = rust![self.prelude.boxed, "<", ty, ">"];
        }
        if field.sensitive {
            ty = rust!["::specgen_runtime::Sensitive<", ty, ">"];
        }
        ty
    }

    /// The Rust expression for an optional field's spec `default`, when the field can hold
    /// it directly (then it is a plain `T`, filled in when absent).
    pub(super) fn default_value(&self, field: &Field) -> Option<Value> {
        if field.required || field.nullable || field.boxed || field.sensitive {
            return None;
        }
        self.value_expression(&field.ty, field.default.as_ref()?)
    }

    fn value_expression(&self, ty: &TypeRef, value: &serde_json::Value) -> Option<Value> {
        use serde_json::Value as Json;
        match (ty, value) {
            (TypeRef::Bool, Json::Bool(b)) => {
                Some(Value::Plain(Rust::from(if *b { "true" } else { "false" })))
            }
            (TypeRef::Int(kind), Json::Number(n)) => {
                let n = n
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| n.as_u64().map(i128::from))?;
                let (low, high) = kind.range();
                (low..=high)
                    .contains(&n)
                    .then(|| Value::Plain(Rust::number(n)))
            }
            (TypeRef::Float(_), Json::Number(n)) => Some(Value::Plain(Rust::float(n.as_f64()?)?)),
            (TypeRef::String, Json::String(text)) => Some(Value::Call(
                rust![self.prelude.string, "::from"],
                Rust::literal(text),
            )),
            (TypeRef::Vec(item), Json::Array(values)) => {
                let values = values
                    .iter()
                    .map(|v| self.value_expression(item, v).map(|v| v.flat()))
                    .collect::<Option<Vec<_>>>()?;
                Some(Value::List(values))
            }
            (TypeRef::Named(id), _) if self.replacement(id.0).is_none() => {
                match &self.ir.types[id.0].kind {
                    TypeKind::Enum(e) => {
                        let position = e
                            .values
                            .iter()
                            .position(|v| Some(v.as_str()) == value.as_str())?;
                        Some(Value::Plain(rust![
                            Rust::ident(&self.names.types[id.0]),
                            "::",
                            Rust::ident(&self.names.members[id.0][position])
                        ]))
                    }
                    TypeKind::Alias(inner) => self.value_expression(inner, value),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether `field` reads a date-time where the spec says date. Dates in any position
    /// (inside Option, Patch, Sensitive, Vec, maps) do: the runtime's `LenientDates` covers
    /// each wrapper.
    fn lenient(&self, field: &Field) -> bool {
        self.config.lenient_dates && holds_date(&field.ty)
    }

    /// The `serde_struct!` call that writes a struct's `Serialize` and `Deserialize`: each
    /// field with its position, wire name and kind.
    fn serde_struct(
        &self,
        code: &mut Code,
        name: &Rust,
        s: &Struct,
        members: &[String],
        defaults: &[Option<Value>],
    ) {
        code.open("::specgen_runtime::serde_struct!");
        code.open(name.clone());
        let fields = s.fields.iter().zip(members).zip(defaults);
        for (index, ((field, member), default)) in fields.enumerate() {
            let kind = match (default, field.required, field.nullable) {
                (Some(_), _, _) => rust!["defaulted(", default_function(member), ")"],
                (None, true, false) => "required".into(),
                (None, true, true) => "nullable".into(),
                (None, false, _) => "optional".into(),
            };
            code.line(rust![
                Rust::number(index as i128),
                " ",
                Rust::ident(member),
                " = ",
                Rust::literal(&field.wire_name),
                " ",
                kind,
                ","
            ]);
        }
        code.close("");
        code.close("");
    }

    fn field(
        &self,
        code: &mut Code,
        field: &Field,
        member: &str,
        owner: &Rust,
        has_default: bool,
        compact: bool,
    ) {
        let name = Rust::ident(member);
        let ty = self.value_type(field);
        let lenient = self.lenient(field);
        let mut serde_args: Vec<Rust> = Vec::new();
        let wire = &field.wire_name;
        if member.trim_start_matches("r#") != wire {
            serde_args.push(rust!["rename = ", Rust::literal(wire)]);
        }
        let option = self.prelude.option;
        let ty = match (field.required || has_default, field.nullable) {
            (true, false) if has_default => {
                serde_args.push(rust![
                    "default = \"",
                    owner,
                    "::",
                    default_function(member),
                    "\""
                ]);
                ty
            }
            (true, false) => ty,
            (true, true) => {
                if lenient {
                    // A custom deserializer loses serde's "missing Option is None".
                    serde_args.push("default".into());
                }
                rust![option, "<", ty, ">"]
            }
            (false, false) => {
                serde_args.push("default".into());
                serde_args.push(rust!["skip_serializing_if = \"", option, "::is_none\""]);
                rust![option, "<", ty, ">"]
            }
            (false, true) => {
                serde_args.push("default".into());
                serde_args
                    .push("skip_serializing_if = \"::specgen_runtime::Patch::is_absent\"".into());
                rust!["::specgen_runtime::Patch<", ty, ">"]
            }
        };
        if lenient {
            serde_args
                .push("deserialize_with = \"::specgen_runtime::date::deserialize_lenient\"".into());
        }
        code.docs(&field_docs(field));
        if field.docs.deprecated {
            code.line("#[deprecated]");
        }
        if !serde_args.is_empty() && !compact {
            code.attr("serde", &serde_args);
        }
        code.field(rust!["pub ", name], ty, ",");
    }

    /// A string enum is one `string_enum!` call: the runtime's macro writes `ALL`,
    /// `as_str` and the conversions, the same for every enum, from the variants and their
    /// wire values. The enum's doc comment goes inside, on the enum it declares.
    fn string_enum(
        &self,
        code: &mut Code,
        name: &Rust,
        docs: &DocLines,
        e: &StringEnum,
        members: &[String],
        fallback: &str,
    ) {
        let open = self.config.open_enums;
        let mut derives = vec!["Debug", "Clone"];
        if !open {
            derives.push("Copy");
        }
        derives.extend(["PartialEq", "Eq", "Hash", "PartialOrd", "Ord"]);
        code.open("::specgen_runtime::string_enum!");
        code.docs(docs);
        self.derives(code, &derives);
        self.non_exhaustive(code);
        code.open(rust!["pub enum ", name]);
        for (member, value) in members.iter().zip(&e.values) {
            let literal = Rust::literal(value);
            code.docs(&wire_value_docs(value, &literal));
            code.line(rust![Rust::ident(member), " = ", literal, ","]);
        }
        if open {
            code.line(rust!["_ => ", Rust::ident(fallback), "(String),"]);
        }
        code.close("");
        code.close("");
    }

    fn union(&self, code: &mut Code, name: &Rust, u: &Union, members: &[String]) {
        let mut derives = SERDE_DERIVES.to_vec();
        derives.extend(["Debug", "Clone", "PartialEq"]);
        self.derives(code, &derives);
        let representation = match &u.tag {
            Some(tag) => rust!["tag = ", Rust::literal(tag)],
            None => "untagged".into(),
        };
        code.attr(
            "serde",
            &[
                Rust::from("crate = \"::specgen_runtime::serde\""),
                representation,
            ],
        );
        code.line("#[allow(clippy::large_enum_variant)]");
        self.non_exhaustive(code);
        code.open(rust!["pub enum ", name]);
        for (variant, member) in u.variants.iter().zip(members) {
            let mut ty = self.rust_type(&variant.ty);
            if variant.boxed {
                ty = rust![self.prelude.boxed, "<", ty, ">"];
            }
            // serde's tag value is the variant's name unless renamed.
            if let Some(value) = variant
                .tag_value
                .as_ref()
                .filter(|value| value.as_str() != member.trim_start_matches("r#"))
            {
                code.attr("serde", &[rust!["rename = ", Rust::literal(value)]]);
            }
            code.tuple_variant(&Rust::ident(member), &ty);
        }
        code.close("");
    }

    pub(super) fn rust_type(&self, ty: &TypeRef) -> Rust {
        let p = &self.prelude;
        match ty {
            TypeRef::Bool => "bool".into(),
            TypeRef::Int(kind) => match kind {
                IntKind::I8 => "i8",
                IntKind::I16 => "i16",
                IntKind::I32 => "i32",
                IntKind::I64 => "i64",
                IntKind::U8 => "u8",
                IntKind::U16 => "u16",
                IntKind::U32 => "u32",
                IntKind::U64 => "u64",
            }
            .into(),
            TypeRef::Float(FloatKind::F32) => "f32".into(),
            TypeRef::Float(FloatKind::F64) => "f64".into(),
            TypeRef::String => p.string.into(),
            TypeRef::Date => "::specgen_runtime::chrono::NaiveDate".into(),
            TypeRef::DateTime => {
                "::specgen_runtime::chrono::DateTime<::specgen_runtime::chrono::Utc>".into()
            }
            TypeRef::Uuid => "::specgen_runtime::uuid::Uuid".into(),
            TypeRef::Binary => rust![p.vec, "<u8>"],
            TypeRef::Base64 => "::specgen_runtime::Base64".into(),
            TypeRef::Json => "::specgen_runtime::serde_json::Value".into(),
            TypeRef::JsonMap => "::specgen_runtime::Map".into(),
            TypeRef::Vec(inner) => rust![p.vec, "<", self.rust_type(inner), ">"],
            TypeRef::Map(inner) => rust![
                "::std::collections::BTreeMap<",
                p.string,
                ", ",
                self.rust_type(inner),
                ">"
            ],
            TypeRef::Option(inner) => rust![p.option, "<", self.rust_type(inner), ">"],
            TypeRef::Named(id) => match self.replacement(id.0) {
                Some(path) => path.clone(),
                None => Rust::ident(&self.names.types[id.0]),
            },
        }
    }
}

fn holds_date(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Date => true,
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => holds_date(inner),
        _ => false,
    }
}

/// `default_limit` for the field `limit`: unique within the struct's `impl`.
fn default_function(member: &str) -> Rust {
    Rust::ident(&format!("default_{}", member.trim_start_matches("r#")))
}

/// The doc line of a string enum variant: its wire value in code style, or the value as a
/// Rust literal when the value has characters a code span cannot show.
fn wire_value_docs(value: &str, literal: &Rust) -> DocLines {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| !c.is_control() && c != '`' && !super::source::is_invisible(c))
        && !value.contains(['\u{2028}', '\u{2029}']);
    if plain {
        DocLines::one(&format!("`{value}`"))
    } else if literal.as_str().contains('`') {
        DocLines::one(&format!("`` {literal} ``"))
    } else {
        DocLines::one(&format!("`{literal}`"))
    }
}

fn type_docs(def: &TypeDef) -> DocLines {
    let deprecated = def.docs.deprecated.then_some("**Deprecated.**");
    let title = def
        .docs
        .title
        .as_deref()
        .filter(|t| Some(*t) != def.docs.description.as_deref());
    doc_lines(
        title
            .into_iter()
            .chain(def.docs.description.as_deref())
            .chain(deprecated),
    )
}

fn field_docs(field: &Field) -> DocLines {
    let docs: &Docs = &field.docs;
    let default = field
        .default
        .as_ref()
        .map(|d| format!("Defaults to `{d}` when absent."));
    let sensitive = field
        .sensitive
        .then_some("Sensitive: redacted in `Debug` output.");
    doc_lines(
        docs.title
            .as_deref()
            .filter(|t| Some(*t) != docs.description.as_deref())
            .into_iter()
            .chain(docs.description.as_deref())
            .chain(default.as_deref())
            .chain(sensitive),
    )
}
