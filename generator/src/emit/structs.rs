//! Model structs: the struct with its fields' serde attributes (or its `serde_struct!`
//! call), its constructor and setters, and the spec's defaults.

use super::code::Code;
use super::construct::{Member, Slot};
use super::docs::{doc_lines, DocLines};
use super::source::{rust, Rust};
use super::types::SERDE_DERIVES;
use super::Emitter;
use crate::ir::{Docs, Field, Struct, TypeKind, TypeRef};

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
    pub(super) fn structure(
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
