//! How users build values of `#[non_exhaustive]` types: `new` from the required fields, and a
//! chainable setter per optional field on the types a request carries.
//!
//! Every struct gets `new`; reading stays plain field access, and a field can be assigned
//! from any crate, so a response value for a test is `new` plus assignments. Setters are
//! written only where users build values (request bodies, what they reach, parameters),
//! because every line is compiled in each user's build.

use super::code::Code;
use super::docs::DocLines;
use super::source::{rust, Rust};
use super::Emitter;
use crate::ir::{TypeKind, TypeRef};

/// What a field holds until it is set.
pub(super) enum Slot {
    /// A parameter of `new`.
    Required,
    /// `None`.
    Optional,
    /// `Patch::Absent`; its setter takes the whole `Patch`, so it can also send `null`.
    Patch,
    /// The spec's default, from the named function (`default_limit`).
    Defaulted(Rust),
    /// An empty map (the properties beyond the declared ones); no setter.
    EmptyMap,
}

/// A field of a struct being built.
pub(super) struct Member {
    pub name: Rust,
    /// The type a caller supplies: the field's type, without the `Option` of an optional one.
    pub value: Rust,
    /// Taken as it is rather than `impl Into<…>`: numbers, booleans, dates and ids, where
    /// `Into` would only defeat the inference of a literal (`5` for a `u64`).
    pub plain: bool,
    pub slot: Slot,
    /// Its setter's name, on the types a request carries.
    pub setter: Option<Rust>,
    pub deprecated: bool,
}

impl Emitter<'_> {
    /// `#[non_exhaustive]`, unless the user asked for exhaustive types.
    pub(super) fn non_exhaustive(&self, code: &mut Code) {
        if !self.config.exhaustive_types {
            code.line("#[non_exhaustive]");
        }
    }

    /// Whether a value of `ty` is taken as it is (see [`Member::plain`]).
    pub(super) fn takes_plain(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(id) if self.replacement(id.0).is_none() => {
                match &self.ir.types[id.0].kind {
                    TypeKind::Alias(inner) => self.takes_plain(inner),
                    _ => false,
                }
            }
            ty => super::request::passed_by_value(ty),
        }
    }

    /// `new` and the setters, inside the type's open `impl` block.
    pub(super) fn build_methods(&self, code: &mut Code, members: &[Member]) {
        let required: Vec<&Member> = members
            .iter()
            .filter(|m| matches!(m.slot, Slot::Required))
            .collect();
        let defaults = members.iter().any(|m| matches!(m.slot, Slot::Defaulted(_)));
        let docs = match (required.is_empty(), defaults) {
            (true, false) => "Builds a value with every field empty.",
            (true, true) => "Builds a value with every field empty or at its spec default.",
            (false, false) => "Builds a value from its required fields; the others start empty.",
            (false, true) => {
                "Builds a value from its required fields; the others start empty or at their spec default."
            }
        };
        code.docs(&DocLines::one(docs));
        if required.len() > 7 {
            code.line("#[allow(clippy::too_many_arguments)]");
        }
        let params: Vec<Rust> = required
            .iter()
            .map(|m| rust![m.name, ": ", self.supplied(m, &m.value)])
            .collect();
        if required.is_empty() {
            // An all-optional struct has `Default` (derived, or written for its spec defaults).
            code.open("pub fn new() -> Self");
            code.line(rust![self.prelude.default, "::default()"]);
        } else {
            if members.iter().any(|m| m.deprecated) {
                // Filling in a deprecated field is the constructor's job; only users are warned.
                code.line("#[allow(deprecated)]");
            }
            code.open_fn("pub fn new", &params, "Self");
            let fields: Vec<(Rust, Option<Rust>)> = members
                .iter()
                .map(|m| {
                    let value = match &m.slot {
                        Slot::Required if m.plain => None,
                        Slot::Required => Some(rust![m.name, ".into()"]),
                        Slot::Optional => Some("None".into()),
                        Slot::Patch => Some("::specgen_runtime::Patch::Absent".into()),
                        Slot::Defaulted(function) => Some(rust!["Self::", function, "()"]),
                        Slot::EmptyMap => Some("::std::collections::BTreeMap::new()".into()),
                    };
                    (m.name.clone(), value)
                })
                .collect();
            code.struct_literal("Self", &fields, "");
        }
        code.close("");
        for member in members {
            let Some(setter) = &member.setter else {
                continue;
            };
            let value = if member.plain {
                "value"
            } else {
                "value.into()"
            };
            let stored = match member.slot {
                Slot::Optional => rust!["Some(", value, ")"],
                Slot::Patch | Slot::Defaulted(_) => value.into(),
                Slot::Required | Slot::EmptyMap => continue,
            };
            code.blank();
            if matches!(member.slot, Slot::Patch) {
                code.line("/// A value sets the field; [`Patch::Null`](::specgen_runtime::Patch::Null) clears it.");
            }
            if member.deprecated {
                // Callers are warned; the setter's own use of the field is no news.
                code.line("#[deprecated]");
                code.line("#[allow(deprecated)]");
            }
            code.open_fn(
                rust!["pub fn ", setter],
                &[
                    rust!["mut self"],
                    rust!["value: ", self.supplied(member, &member.value)],
                ],
                "Self",
            );
            code.assign(rust!["self.", member.name], stored);
            code.line("self");
            code.close("");
        }
    }

    /// How a parameter of type `ty` is declared: `T`, or `impl Into<T>`.
    fn supplied(&self, member: &Member, ty: &Rust) -> Rust {
        if member.plain {
            ty.clone()
        } else {
            rust!["impl ", self.prelude.into, "<", ty, ">"]
        }
    }
}
