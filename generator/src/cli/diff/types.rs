//! Comparing the types of two IRs: structs field by field, enums value by value, unions
//! variant by variant, following named types (each pair once per operation).
//!
//! The same change means different things by direction: a property removed from a request
//! is at most a nuisance, from a response it can fail decoding. [`Flow`] carries that. The
//! crate's side does not depend on direction: every public item removed or retyped is major,
//! every addition minor (major for exhaustive types, or where a constructor or a method
//! signature gains an argument).

use crate::ir::{Struct, TypeDef, TypeId, TypeKind, TypeRef, Union};

use super::change::{Bump, Level};
use super::fit::{Fit, Fitting, Reader};
use super::{follow_aliases, Differ};

/// Where a type sits, which decides ids (`request-…`, `response-…`, `parameter-…`,
/// `schema-…`) and wire levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flow {
    Request,
    Response,
    Parameter,
    /// A component schema compared on its own, for the crate: no operation compared it
    /// (none uses it, or one now uses another component and reports that on the wire).
    Schema,
}

impl Flow {
    pub fn sends(self) -> bool {
        matches!(self, Flow::Request | Flow::Parameter)
    }

    /// The wire level of a change found here: a component compared on its own has none.
    fn wire(self, level: Level) -> Level {
        match self {
            Flow::Schema => Level::Info,
            _ => level,
        }
    }
}

/// Picks the id by flow: `[request, response, parameter, schema]`.
fn id(flow: Flow, ids: [&'static str; 4]) -> &'static str {
    match flow {
        Flow::Request => ids[0],
        Flow::Response => ids[1],
        Flow::Parameter => ids[2],
        Flow::Schema => ids[3],
    }
}

/// Ids of changes inside objects, unions and enums: a parameter counts as a request.
fn member_id(flow: Flow, [request, response, schema]: [&'static str; 3]) -> &'static str {
    id(flow, [request, response, request, schema])
}

const TYPE_CHANGED: [&str; 4] = [
    "request-type-changed",
    "response-type-changed",
    "parameter-type-changed",
    "schema-type-changed",
];

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
        // The name the place gives its type, before aliases: an inline type that became an
        // alias of the same type elsewhere, or stopped being one, keeps its name.
        let named_alike = match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) => {
                self.old.analysis.names.types[a.0] == self.new.analysis.names.types[b.0]
            }
            _ => false,
        };
        let old = super::unalias(self.old.analysis, old);
        let new = super::unalias(self.new.analysis, new);
        match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) if self.same_type(a.0, b.0) => {
                self.compare_named(a.0, b.0, flow, named_alike)
            }
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
            (a, b) if !matches!(a, TypeRef::Named(_)) && a == b => {}
            (a, b) => {
                let what = format!(
                    "type changed from {} to {}",
                    self.old.describe(a),
                    self.new.describe(b)
                );
                self.type_changed(a, b, flow, pointer, what);
            }
        }
        if flow.sends() {
            self.compare_constraints(old_pointer, pointer, flow);
        }
    }

    /// Whether two named types are one type in two versions, to be compared member by
    /// member: not two different component schemas, unless one was renamed the other.
    fn same_type(&self, old: usize, new: usize) -> bool {
        let (a, b) = (
            &self.old.analysis.ir.types[old],
            &self.new.analysis.ir.types[new],
        );
        match (super::component_name(a), super::component_name(b)) {
            (Some(x), Some(y)) => x == y || self.renamed.get(&old) == Some(&new),
            _ => true,
        }
    }

    /// A type replaced by another: the wire level says which values still get through.
    fn type_changed(
        &mut self,
        old: &TypeRef,
        new: &TypeRef,
        flow: Flow,
        pointer: &str,
        what: String,
    ) {
        let fit = self.fit(old, new, flow);
        let note = match (flow, fit) {
            (Flow::Schema, _) => " (in the component: its generated type changes)",
            (_, Fit::None) => "",
            (Flow::Response, Fit::All) => {
                " (the old client still decodes every value of the new type)"
            }
            (Flow::Response, Fit::Some) => {
                " (the old client cannot decode some values of the new type)"
            }
            (_, Fit::All) => " (the new type accepts every value the old client sends)",
            (_, Fit::Some) => " (some values the old client sends are no longer accepted)",
        };
        self.push(
            id(flow, TYPE_CHANGED),
            (flow.wire(fit.level()), Bump::Major),
            pointer,
            format!("{what}{note}"),
        );
    }

    /// How the values of `old` get through where `new` is now expected, by direction: what
    /// the old client sends against the new schema, or what the new server sends against the
    /// old client's decoding.
    fn fit(&self, old: &TypeRef, new: &TypeRef, flow: Flow) -> Fit {
        let (before, after) = (self.old.analysis, self.new.analysis);
        match flow {
            Flow::Request => Fitting::new(before, after, Reader::Server).fits(old, new),
            Flow::Parameter => Fitting::new(
                before,
                after,
                Reader::ServerText {
                    exploded: self.exploded_query,
                },
            )
            .fits(old, new),
            Flow::Response => Fitting::new(after, before, self.client()).fits(new, old),
            Flow::Schema => Fit::All,
        }
    }

    /// The old generated client, as the config generates it.
    fn client(&self) -> Reader {
        Reader::Client {
            open_enums: self.config.open_enums,
            lenient_dates: self.config.lenient_dates,
        }
    }

    /// Whether the new version still declares `name` as an alias of type `new` (an inline
    /// type now the same as one elsewhere keeps its name that way): users naming it compile.
    fn still_names(&self, name: &str, new: usize) -> bool {
        let Some(&declared) = self.new_names.get(name) else {
            return false;
        };
        let analysis = self.new.analysis;
        let (declared, new) = (
            TypeRef::Named(TypeId(declared)),
            TypeRef::Named(TypeId(new)),
        );
        follow_aliases(analysis, &declared, false) == follow_aliases(analysis, &new, false)
    }

    /// Compares two named types member by member; `named_alike` when the place that uses
    /// them calls them the same (then a change of the name behind an alias is no rename).
    pub(super) fn compare_named(&mut self, old: usize, new: usize, flow: Flow, named_alike: bool) {
        // A pair an operation already compared is not compared again for the crate alone.
        let first = self.compared.insert((old, new));
        if (flow == Flow::Schema && !first) || !self.visited.insert((old, new, flow)) {
            return;
        }
        let (old_def, new_def) = (
            &self.old.analysis.ir.types[old],
            &self.new.analysis.ir.types[new],
        );
        let (old_name, name) = (
            &self.old.analysis.names.types[old],
            &self.new.analysis.names.types[new],
        );
        if old_name != name
            && !named_alike
            && self.renamed.get(&old) != Some(&new)
            && !self.still_names(old_name, new)
        {
            self.push(
                "generated-type-renamed",
                (Level::Info, Bump::Major),
                &new_def.pointer,
                format!("the generated type `{old_name}` is now named `{name}`"),
            );
        }
        match (&old_def.kind, &new_def.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.compare_structs((old_def, a), (new_def, b), (old_name, name), flow)
            }
            (TypeKind::Enum(a), TypeKind::Enum(b)) => {
                let pointer = new_def.pointer.clone();
                self.compare_enums(&a.values, &b.values, name, flow, &pointer)
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => {
                self.compare_unions((old, a), (new, b), name, flow, &new_def.pointer)
            }
            (a, b) => {
                let what = format!("`{name}` changed from {} to {}", kind_word(a), kind_word(b));
                let (old_ty, new_ty) = (
                    TypeRef::Named(crate::ir::TypeId(old)),
                    TypeRef::Named(crate::ir::TypeId(new)),
                );
                self.type_changed(&old_ty, &new_ty, flow, &new_def.pointer, what);
            }
        }
    }

    fn compare_enums(
        &mut self,
        old: &[String],
        new: &[String],
        name: &str,
        flow: Flow,
        pointer: &str,
    ) {
        for value in old.iter().filter(|v| !new.contains(v)) {
            let (level, note) = if flow.sends() {
                (Level::Err, " (the old client may send it)")
            } else {
                (Level::Info, "")
            };
            self.push(
                id(
                    flow,
                    [
                        "request-enum-value-removed",
                        "response-enum-value-removed",
                        "parameter-enum-value-removed",
                        "schema-enum-value-removed",
                    ],
                ),
                (flow.wire(level), Bump::Major),
                pointer,
                format!("enum value `{value}` of `{name}` was removed{note}"),
            );
        }
        for value in new.iter().filter(|v| !old.contains(v)) {
            let (level, note) = match (flow, self.config.open_enums) {
                (Flow::Response, false) => (Level::Err, " (closed enums: decoding it fails)"),
                (Flow::Response, true) => {
                    (Level::Info, " (open enums keep it as the fallback variant)")
                }
                _ => (Level::Info, ""),
            };
            self.push(
                id(
                    flow,
                    [
                        "request-enum-value-added",
                        "response-enum-value-added",
                        "parameter-enum-value-added",
                        "schema-enum-value-added",
                    ],
                ),
                (flow.wire(level), self.additive()),
                pointer,
                format!("enum value `{value}` was added to `{name}`{note}"),
            );
        }
    }

    /// Variants match by name, then by shape (a renamed variant); tags must agree.
    fn compare_unions(
        &mut self,
        (old_id, old): (usize, &Union),
        (new_id, new): (usize, &Union),
        name: &str,
        flow: Flow,
        pointer: &str,
    ) {
        if old.tag != new.tag {
            let tag = |t: &Option<String>| {
                t.as_deref()
                    .map_or("no property (untagged)".to_string(), |t| format!("`{t}`"))
            };
            self.push(
                id(flow, TYPE_CHANGED),
                (flow.wire(Level::Err), Bump::Major),
                pointer,
                format!(
                    "`{name}` is now told apart by {} instead of {}",
                    tag(&new.tag),
                    tag(&old.tag)
                ),
            );
        }
        // The IR's variant names are hints and may repeat; the generated names are unique.
        let (old_members, new_members) = (
            &self.old.analysis.names.members[old_id],
            &self.new.analysis.names.members[new_id],
        );
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let old_left: Vec<usize> = (0..old.variants.len())
            .filter(
                |&i| match new_members.iter().position(|m| *m == old_members[i]) {
                    Some(j) => {
                        pairs.push((i, j));
                        false
                    }
                    None => true,
                },
            )
            .collect();
        let new_left: Vec<usize> = (0..new.variants.len())
            .filter(|&j| !pairs.iter().any(|&(_, n)| n == j))
            .collect();
        let names = |members: &[String], left: &[usize]| -> Vec<String> {
            left.iter().map(|&i| members[i].clone()).collect()
        };
        let (old_names, new_names) = (names(old_members, &old_left), names(new_members, &new_left));
        let renames = super::renames::pair_up(
            &old_names.iter().map(String::as_str).collect::<Vec<_>>(),
            &new_names.iter().map(String::as_str).collect::<Vec<_>>(),
            |r, a| {
                let (x, y) = (&old.variants[old_left[r]], &new.variants[new_left[a]]);
                if x.tag_value != y.tag_value {
                    return 0.0;
                }
                super::renames::similarity(self.old.analysis, &x.ty, self.new.analysis, &y.ty)
            },
        );
        for &(r, a, similarity) in &renames {
            self.push(
                member_id(
                    flow,
                    [
                        "request-variant-renamed",
                        "response-variant-renamed",
                        "schema-variant-renamed",
                    ],
                ),
                (Level::Info, Bump::Major),
                pointer,
                format!(
                    "variant `{}` of `{name}` was renamed `{}` (same shape: similarity {similarity:.2})",
                    old_names[r], new_names[a]
                ),
            );
            pairs.push((old_left[r], new_left[a]));
        }
        for (i, &index) in old_left.iter().enumerate() {
            if renames.iter().any(|&(r, _, _)| r == i) {
                continue;
            }
            let variant = &old.variants[index];
            let (level, note) = if flow.sends() {
                let fit = Fitting::new(self.old.analysis, self.new.analysis, Reader::Server)
                    .fits(&variant.ty, &TypeRef::Named(crate::ir::TypeId(new_id)));
                let note = match fit {
                    Fit::All => " (the union still accepts its values)",
                    Fit::Some => " (the union still accepts some of its values)",
                    Fit::None => " (the old client may send it)",
                };
                (fit.level(), note)
            } else {
                (Level::Info, "")
            };
            self.push(
                member_id(
                    flow,
                    [
                        "request-variant-removed",
                        "response-variant-removed",
                        "schema-variant-removed",
                    ],
                ),
                (flow.wire(level), Bump::Major),
                pointer,
                format!(
                    "variant `{}` of `{name}` was removed{note}",
                    old_members[index]
                ),
            );
        }
        for (i, &index) in new_left.iter().enumerate() {
            if renames.iter().any(|&(_, a, _)| a == i) {
                continue;
            }
            let variant = &new.variants[index];
            let (level, note) = match flow {
                Flow::Response => self.added_variant_decodes(old, old_id, variant),
                _ => (Level::Info, String::new()),
            };
            self.push(
                member_id(
                    flow,
                    [
                        "request-variant-added",
                        "response-variant-added",
                        "schema-variant-added",
                    ],
                ),
                (flow.wire(level), self.additive()),
                pointer,
                format!(
                    "variant `{}` was added to `{name}`{note}",
                    new_members[index]
                ),
            );
        }
        pairs.sort_unstable();
        for (i, j) in pairs {
            self.compare_types(
                &old.variants[i].ty,
                &new.variants[j].ty,
                flow,
                pointer,
                &self.old.analysis.ir.types[old_id].pointer.clone(),
            );
        }
    }

    /// Whether the old client's union decodes what a new response variant carries.
    fn added_variant_decodes(
        &self,
        old: &Union,
        old_id: usize,
        variant: &crate::ir::Variant,
    ) -> (Level, String) {
        if old.tag.is_some() {
            let known = old
                .variants
                .iter()
                .any(|v| v.tag_value == variant.tag_value);
            if !known {
                return (
                    Level::Err,
                    " (the old client does not know its tag: decoding fails)".into(),
                );
            }
        }
        let fit = Fitting::new(self.new.analysis, self.old.analysis, self.client())
            .fits(&variant.ty, &TypeRef::Named(crate::ir::TypeId(old_id)));
        let note = match fit {
            Fit::All => " (the old client's untagged union still decodes it as another variant)",
            Fit::Some => " (the old client's union decodes only some of its values)",
            Fit::None => " (the old client cannot decode it)",
        };
        (fit.level(), note.into())
    }

    fn compare_structs(
        &mut self,
        (old_def, old): (&TypeDef, &Struct),
        (new_def, new): (&TypeDef, &Struct),
        (old_name, name): (&str, &str),
        flow: Flow,
    ) {
        let at = |def: &TypeDef, field: &str| {
            format!(
                "{}/properties/{}",
                def.pointer,
                crate::pointer::escape(field)
            )
        };
        for field in &old.fields {
            let property = &field.wire_name;
            let Some(now) = new.fields.iter().find(|f| f.wire_name == field.wire_name) else {
                let (level, note) = match flow {
                    Flow::Response if field.required => {
                        (Level::Err, " (it was required: decoding now fails)")
                    }
                    Flow::Response => (Level::Warn, ""),
                    Flow::Schema => (Level::Info, ""),
                    _ => (
                        Level::Warn,
                        " (a server that rejects unknown properties rejects it)",
                    ),
                };
                self.push(
                    member_id(
                        flow,
                        [
                            "request-property-removed",
                            "response-property-removed",
                            "schema-property-removed",
                        ],
                    ),
                    (flow.wire(level), Bump::Major),
                    &at(old_def, property),
                    format!("property `{property}` of `{old_name}` was removed{note}"),
                );
                continue;
            };
            let (pointer, old_pointer) = (at(new_def, property), at(old_def, property));
            if field.required != now.required {
                let (word, level, note) = match (now.required, flow) {
                    (true, Flow::Request | Flow::Parameter) => ("required", Level::Err, ""),
                    (false, Flow::Response) => {
                        ("optional", Level::Err, ": decoding fails when it is absent")
                    }
                    (true, _) => ("required", Level::Info, ""),
                    (false, _) => ("optional", Level::Info, ""),
                };
                let ids: [&'static str; 3] = if now.required {
                    [
                        "request-property-became-required",
                        "response-property-became-required",
                        "schema-property-became-required",
                    ]
                } else {
                    [
                        "request-property-became-optional",
                        "response-property-became-optional",
                        "schema-property-became-optional",
                    ]
                };
                self.push(
                    member_id(flow, ids),
                    (flow.wire(level), Bump::Major),
                    &pointer,
                    format!("property `{property}` of `{name}` became {word}{note}"),
                );
            }
            if field.nullable != now.nullable {
                // A response field that is optional reads `null` as absent already.
                let (level, note) = match (now.nullable, flow) {
                    (true, Flow::Response) if now.required => {
                        (Level::Err, ": decoding fails on null")
                    }
                    (false, Flow::Request | Flow::Parameter) => {
                        (Level::Err, ": the old client may send null")
                    }
                    _ => (Level::Info, ""),
                };
                let ids: [&'static str; 3] = if now.nullable {
                    [
                        "request-property-became-nullable",
                        "response-property-became-nullable",
                        "schema-property-became-nullable",
                    ]
                } else {
                    [
                        "request-property-became-non-nullable",
                        "response-property-became-non-nullable",
                        "schema-property-became-non-nullable",
                    ]
                };
                let word = if now.nullable {
                    "nullable"
                } else {
                    "non-nullable"
                };
                self.push(
                    member_id(flow, ids),
                    (flow.wire(level), Bump::Major),
                    &pointer,
                    format!("property `{property}` of `{name}` became {word}{note}"),
                );
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
            // A required field is an argument of the constructor: major on either side.
            let (level, semver, word) = match (field.required, flow) {
                (true, Flow::Request | Flow::Parameter) => (Level::Err, Bump::Major, "required"),
                (true, _) => (Level::Info, Bump::Major, "required"),
                (false, _) => (Level::Info, self.additive(), "optional"),
            };
            let ids = match (field.required, flow) {
                (true, Flow::Request | Flow::Parameter) => "request-property-added-required",
                (false, Flow::Request | Flow::Parameter) => "request-property-added-optional",
                (_, Flow::Response) => "response-property-added",
                (_, Flow::Schema) => "schema-property-added",
            };
            self.push(
                ids,
                (flow.wire(level), semver),
                &pointer,
                format!("{word} property `{property}` was added to `{name}`"),
            );
        }
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
