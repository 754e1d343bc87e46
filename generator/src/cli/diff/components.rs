//! Changes outside operations: component schemas (each is a generated type) and security
//! schemes (each is a way the client builder authenticates).
//!
//! Components are matched by name, then removed and added ones by shape (a rename, see
//! [`super::renames`]). What changed inside a matched pair is found through the operations
//! that reach it; a pair that no operation compared (unused, or reached only where an
//! operation now uses another component, which that operation reports) is compared here,
//! for the crate alone.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::ir::{Operation, ResponseEncoding, SecurityScheme, TypeDef, TypeId, TypeKind, TypeRef};
use crate::pointer::escape;
use crate::Analysis;

use super::change::{Bump, Level};
use super::renames;
use super::types::Flow;
use super::Differ;

const SCHEMAS: &str = "/components/schemas/";

/// The component name of a type generated from `#/components/schemas/NAME`.
pub fn component_name(def: &TypeDef) -> Option<&str> {
    let name = def.pointer.strip_prefix(SCHEMAS)?;
    (def.named_in_spec && !name.contains('/')).then_some(name)
}

/// Component schemas of the two versions, matched.
pub struct Components {
    /// `(old type, new type)` of each component in both versions, renamed ones included.
    pairs: Vec<(usize, usize)>,
    /// `(old name, new name, new type, similarity)`.
    renames: Vec<(String, String, usize, f64)>,
    /// `(name, old type)` of each component gone without a rename.
    pub removed: Vec<(String, usize)>,
    /// `(name, new type)` of each component new without a rename.
    added: Vec<(String, usize)>,
}

/// Removed components that only removed operations used, folded into the first such
/// operation's `operation-removed` (index into the old operations → component names).
pub type Folded = HashMap<usize, Vec<String>>;

fn components(analysis: &Analysis) -> BTreeMap<String, usize> {
    analysis
        .ir
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| component_name(def).map(|name| (name.to_string(), i)))
        .collect()
}

/// Every type the operations reach through parameters, bodies and responses.
pub fn reach<'o>(
    analysis: &Analysis,
    operations: impl IntoIterator<Item = &'o Operation>,
) -> HashSet<usize> {
    let mut stack: Vec<&TypeRef> = Vec::new();
    for op in operations {
        stack.extend(op.params.iter().map(|p| &p.ty));
        stack.extend(op.body.iter().map(|b| &b.ty));
        stack.extend(op.responses.iter().filter_map(|r| match &r.encoding {
            ResponseEncoding::Json(ty) => Some(ty),
            _ => None,
        }));
    }
    let mut seen = HashSet::new();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => stack.push(inner),
            TypeRef::Named(TypeId(id)) if seen.insert(*id) => match &analysis.ir.types[*id].kind {
                TypeKind::Struct(s) => {
                    stack.extend(s.fields.iter().map(|f| &f.ty));
                    stack.extend(s.additional.iter());
                }
                TypeKind::Union(u) => stack.extend(u.variants.iter().map(|v| &v.ty)),
                TypeKind::Alias(inner) => stack.push(inner),
                TypeKind::Enum(_) => {}
            },
            _ => {}
        }
    }
    seen
}

impl Differ<'_> {
    /// Matches components by name, then by shape; remembers the renames for the comparison.
    pub(super) fn match_components(&mut self) -> Components {
        let (old, new) = (components(self.old.analysis), components(self.new.analysis));
        let mut pairs: Vec<(usize, usize)> = old
            .iter()
            .filter_map(|(name, &a)| new.get(name).map(|&b| (a, b)))
            .collect();
        let gone: Vec<(String, usize)> = old
            .iter()
            .filter(|(n, _)| !new.contains_key(*n))
            .map(|(n, &i)| (n.clone(), i))
            .collect();
        let fresh: Vec<(String, usize)> = new
            .iter()
            .filter(|(n, _)| !old.contains_key(*n))
            .map(|(n, &i)| (n.clone(), i))
            .collect();
        let names = |list: &[(String, usize)]| -> Vec<String> {
            list.iter().map(|(n, _)| n.clone()).collect()
        };
        let (gone_names, fresh_names) = (names(&gone), names(&fresh));
        let matched = renames::pair_up(
            &gone_names.iter().map(String::as_str).collect::<Vec<_>>(),
            &fresh_names.iter().map(String::as_str).collect::<Vec<_>>(),
            |r, a| {
                renames::similarity(
                    self.old.analysis,
                    &TypeRef::Named(TypeId(gone[r].1)),
                    self.new.analysis,
                    &TypeRef::Named(TypeId(fresh[a].1)),
                )
            },
        );
        let mut renamed = Vec::new();
        for &(r, a, similarity) in &matched {
            let (old_id, new_id) = (gone[r].1, fresh[a].1);
            self.renamed.insert(old_id, new_id);
            pairs.push((old_id, new_id));
            renamed.push((gone[r].0.clone(), fresh[a].0.clone(), new_id, similarity));
        }
        Components {
            pairs,
            renames: renamed,
            removed: gone
                .into_iter()
                .enumerate()
                .filter(|(r, _)| !matched.iter().any(|m| m.0 == *r))
                .map(|(_, c)| c)
                .collect(),
            added: fresh
                .into_iter()
                .enumerate()
                .filter(|(a, _)| !matched.iter().any(|m| m.1 == *a))
                .map(|(_, c)| c)
                .collect(),
        }
    }

    /// Removed components that no remaining operation reaches but a removed one did go with
    /// the first removed operation that reached them: the operation's removal says it all.
    pub(super) fn fold_removed(
        &self,
        operations: &[Option<usize>],
        components: &Components,
    ) -> Folded {
        let ops = &self.old.analysis.ir.operations;
        let kept = reach(
            self.old.analysis,
            ops.iter()
                .zip(operations)
                .filter(|(_, m)| m.is_some())
                .map(|(op, _)| op),
        );
        let removed: Vec<(usize, HashSet<usize>)> = ops
            .iter()
            .enumerate()
            .filter(|(i, _)| operations[*i].is_none())
            .map(|(i, op)| (i, reach(self.old.analysis, [op])))
            .collect();
        let mut folded = Folded::new();
        for (name, id) in &components.removed {
            if kept.contains(id) {
                continue;
            }
            if let Some((op, _)) = removed.iter().find(|(_, reached)| reached.contains(id)) {
                folded.entry(*op).or_default().push(name.clone());
            }
        }
        folded
    }

    pub(super) fn compare_components(&mut self, components: &Components, folded: &Folded) {
        self.operation.clear();
        let is_folded = |name: &String| folded.values().any(|names| names.contains(name));
        for (name, id) in components.removed.iter().filter(|(n, _)| !is_folded(n)) {
            let pointer = self.old.analysis.ir.types[*id].pointer.clone();
            self.push(
                "component-schema-removed",
                (Level::Info, Bump::Major),
                &pointer,
                format!("component schema `{name}` was removed: its generated type goes away"),
            );
        }
        for (old_name, name, id, similarity) in &components.renames {
            let pointer = self.new.analysis.ir.types[*id].pointer.clone();
            self.push(
                "component-schema-renamed",
                (Level::Info, Bump::Major),
                &pointer,
                format!(
                    "component schema `{old_name}` was renamed `{name}` (same shape: similarity {similarity:.2}): its generated type is renamed"
                ),
            );
        }
        for (name, id) in &components.added {
            let pointer = self.new.analysis.ir.types[*id].pointer.clone();
            self.push(
                "component-schema-added",
                (Level::Info, Bump::Minor),
                &pointer,
                format!("component schema `{name}` was added"),
            );
        }
        for &(old, new) in &components.pairs {
            if !self.compared.contains(&(old, new)) {
                self.visited.clear();
                let (old_pointer, pointer) = (
                    self.old.analysis.ir.types[old].pointer.clone(),
                    self.new.analysis.ir.types[new].pointer.clone(),
                );
                self.compare_types(
                    &TypeRef::Named(TypeId(old)),
                    &TypeRef::Named(TypeId(new)),
                    Flow::Schema,
                    &pointer,
                    &old_pointer,
                );
            }
        }
        self.compare_schemes();
    }

    fn compare_schemes(&mut self) {
        let (old_schemes, new_schemes) =
            (&self.old.analysis.ir.schemes, &self.new.analysis.ir.schemes);
        for scheme in old_schemes {
            let pointer = format!("/components/securitySchemes/{}", escape(&scheme.name));
            match new_schemes.iter().find(|s| s.name == scheme.name) {
                None => self.push(
                    "security-scheme-removed",
                    (Level::Err, Bump::Major),
                    &pointer,
                    format!(
                        "security scheme `{}` was removed: credentials configured for it are no longer sent",
                        scheme.name
                    ),
                ),
                Some(now) if kind_name(now) != kind_name(scheme) => self.push(
                    "security-scheme-type-changed",
                    (Level::Err, Bump::Major),
                    &pointer,
                    format!(
                        "security scheme `{}` changed from {} to {}",
                        scheme.name,
                        kind_name(scheme),
                        kind_name(now)
                    ),
                ),
                Some(_) => {}
            }
        }
        for scheme in new_schemes
            .iter()
            .filter(|s| !old_schemes.iter().any(|o| o.name == s.name))
        {
            let pointer = format!("/components/securitySchemes/{}", escape(&scheme.name));
            self.push(
                "security-scheme-added",
                (Level::Info, Bump::Minor),
                &pointer,
                format!(
                    "security scheme `{}` ({}) was added",
                    scheme.name,
                    kind_name(scheme)
                ),
            );
        }
    }
}

fn kind_name(scheme: &SecurityScheme) -> &'static str {
    use crate::ir::SchemeKind;
    match scheme.kind {
        SchemeKind::OAuth2ClientCredentials { .. } => "OAuth2 client credentials",
        SchemeKind::HttpBearer => "HTTP bearer",
        SchemeKind::HttpBasic => "HTTP basic",
        SchemeKind::ApiKey { .. } => "an API key",
        SchemeKind::BearerLike { .. } => "a bearer-like scheme",
    }
}
