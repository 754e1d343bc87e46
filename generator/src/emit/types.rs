//! Model types: what every one gets (derives, docs, the Rust type of a reference), string
//! enums, unions and aliases; structs are in `structs`.

use super::code::Code;
use super::docs::{doc_lines, DocLines};
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{FloatKind, IntKind, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union};

pub(super) const SERDE_DERIVES: [&str; 2] = [
    "::specgen_runtime::serde::Serialize",
    "::specgen_runtime::serde::Deserialize",
];

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
    pub(super) fn derives(&self, code: &mut Code, base: &[&'static str]) {
        let all: Vec<Rust> = base
            .iter()
            .map(|&d| Rust::from(d))
            .chain(self.user.derives.iter().cloned())
            .collect();
        code.derive(&all);
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
