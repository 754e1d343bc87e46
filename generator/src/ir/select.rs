//! What a generation keeps: the operations a [`Selection`] chooses and every type they reach,
//! and, for a crate with one cargo feature per tag, the tags under which each type and
//! operation is compiled.
//!
//! Both work on the lowered IR as a graph ([`super::graph`]): a type is reached when a kept
//! operation's parameters, body or responses (errors included) lead to it through fields,
//! union variants, map values, list items or aliases. A component used only as an `allOf` part is
//! merged into the types that use it and is not needed itself; the types of its properties
//! are.
//!
//! Pruning runs after [`crate::names`] has named the whole spec, and keeps those names: a
//! type is called the same in a selective generation as in a full one, whatever was dropped.

use std::collections::{HashMap, HashSet};

use super::graph::{
    keep_types, kept_only, mark_reached, operation_roots, renumber_operation, type_edges,
};
use super::{Ir, TypeId};
use crate::error::Warning;
use crate::names::Names;

/// Which operations to generate: those with an included tag or operationId (all of them
/// when nothing is included), minus those with an excluded tag or operationId; and which
/// types: those the generated operations use, and with
/// [`keep_unused_schemas`](Self::keep_unused_schemas) every schema no operation uses too.
/// A spec without operations (a library of schemas) keeps all of its schemas.
///
/// An operation without an operationId is named by the id the generator makes up for it
/// from its method and path (`get_pets_by_id`), the name its method gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub include_tags: Vec<String>,
    pub exclude_tags: Vec<String>,
    pub include_operations: Vec<String>,
    pub exclude_operations: Vec<String>,
    /// Also generate the schemas that no operation of the spec uses (GitHub's webhook
    /// payloads, say): users who don't decode them by hand would only pay to compile them.
    pub keep_unused_schemas: bool,
}

/// A selection that names what the spec does not have (with what it does have), or keeps
/// no operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSelection {
    pub message: String,
    pub help: String,
}

/// How many of the spec's names an error lists before it counts the rest.
const LISTED: usize = 40;
/// How similar (Jaro-Winkler) a name must be to be suggested: clap suggests its one best
/// match from 0.7; a list of several is kept to the closer ones.
const CLOSE: f64 = 0.85;

impl Selection {
    /// Whether this selection keeps every operation (whatever it keeps of the types).
    pub fn is_everything(&self) -> bool {
        self.include_tags.is_empty()
            && self.exclude_tags.is_empty()
            && self.include_operations.is_empty()
            && self.exclude_operations.is_empty()
    }

    /// Adds one option as `specgen generate` spells it (`--include-tag`, `--exclude-tag`,
    /// `--include-operation`, `--exclude-operation`) with its value, or the flag
    /// `--keep-unused-schemas` with an empty one: for selections kept in files, such as a
    /// test fixture's options.
    pub fn add_option(&mut self, option: &str, value: &str) -> Result<(), String> {
        if option == "--keep-unused-schemas" {
            if !value.is_empty() {
                return Err(format!("`{option}` takes no value, found `{value}`"));
            }
            self.keep_unused_schemas = true;
            return Ok(());
        }
        let list = match option {
            "--include-tag" => &mut self.include_tags,
            "--exclude-tag" => &mut self.exclude_tags,
            "--include-operation" => &mut self.include_operations,
            "--exclude-operation" => &mut self.exclude_operations,
            other => return Err(format!("`{other}` is not a selection option")),
        };
        list.push(value.to_string());
        Ok(())
    }

    /// Whether an operation with these tags and this id is selected.
    pub fn selects(&self, tags: &[String], id: &str) -> bool {
        let any_tag_in = |list: &[String]| tags.iter().any(|tag| list.contains(tag));
        let id_in = |list: &[String]| list.iter().any(|listed| listed == id);
        let included = (self.include_tags.is_empty() && self.include_operations.is_empty())
            || any_tag_in(&self.include_tags)
            || id_in(&self.include_operations);
        included && !any_tag_in(&self.exclude_tags) && !id_in(&self.exclude_operations)
    }

    /// Checks the selection against `operations` (each its tags and id): every tag and
    /// operationId it names must be one of theirs (else the error lists the close matches
    /// and what there is), and it must keep one of them.
    pub fn validate<'o>(
        &self,
        operations: impl IntoIterator<Item = (&'o [String], &'o str)>,
    ) -> Result<(), InvalidSelection> {
        if self.is_everything() {
            return Ok(());
        }
        let operations: Vec<(&[String], &str)> = operations.into_iter().collect();
        let mut tags: Vec<&str> = Vec::new();
        let mut ids: Vec<&str> = Vec::new();
        for (op_tags, id) in &operations {
            tags.extend(op_tags.iter().map(String::as_str));
            ids.push(id);
        }
        tags.sort_unstable();
        tags.dedup();
        ids.sort_unstable();
        ids.dedup();
        let mut unknown = Vec::new();
        let named = [
            ("tag", &self.include_tags, &tags),
            ("tag", &self.exclude_tags, &tags),
            ("operationId", &self.include_operations, &ids),
            ("operationId", &self.exclude_operations, &ids),
        ];
        for (what, wanted, known) in named {
            for name in wanted {
                if known.binary_search(&name.as_str()).is_err() {
                    let line = format!("{what} `{name}`{}", suggestion(name, known));
                    if !unknown.contains(&line) {
                        unknown.push(line);
                    }
                }
            }
        }
        if !unknown.is_empty() {
            return Err(InvalidSelection {
                message: format!(
                    "the selection names what no operation of the spec has: {}",
                    unknown.join("; ")
                ),
                help: format!(
                    "the spec's tags: {}; its operationIds: {}",
                    listing(&tags),
                    listing(&ids)
                ),
            });
        }
        if !operations.iter().any(|(tags, id)| self.selects(tags, id)) {
            return Err(InvalidSelection {
                message: "the selection keeps no operation".into(),
                help: "the includes choose operations (all of them when there is none), then \
                       the excludes remove some: here they removed every one"
                    .into(),
            });
        }
        Ok(())
    }
}

/// `, close to `repos``, or nothing when no name is close.
fn suggestion(name: &str, known: &[&str]) -> String {
    let mut close: Vec<(f64, &str)> = known
        .iter()
        .map(|k| {
            let score = if k.eq_ignore_ascii_case(name) {
                1.0
            } else {
                strsim::jaro_winkler(&name.to_ascii_lowercase(), &k.to_ascii_lowercase())
            };
            (score, *k)
        })
        .filter(|(score, _)| *score >= CLOSE)
        .collect();
    // Best first; equal scores in name order, so the message is the same on every run.
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    if close.is_empty() {
        return String::new();
    }
    let names: Vec<String> = close
        .iter()
        .take(3)
        .map(|(_, k)| format!("`{k}`"))
        .collect();
    format!(" (close matches: {})", names.join(", "))
}

/// The first [`LISTED`] names, then how many more there are.
fn listing(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    let shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("`{n}`"))
        .collect();
    match names.len().checked_sub(LISTED) {
        Some(more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// Keeps the operations `keep` marks and the types they reach (with `keep_unused`, also
/// those no operation at all reaches), with their names from the whole spec; every
/// [`TypeId`] is renumbered to the kept types' order, which is the original one.
pub(crate) fn prune(mut ir: Ir, mut names: Names, keep: &[bool], keep_unused: bool) -> (Ir, Names) {
    let edges = type_edges(&ir.types);
    let mut used = vec![false; ir.types.len()];
    let every_root = ir.operations.iter().flat_map(operation_roots).collect();
    mark_reached(&edges, every_root, &mut used);
    let mut reached = vec![false; ir.types.len()];
    let kept_roots = ir
        .operations
        .iter()
        .zip(keep)
        .filter(|(_, kept)| **kept)
        .flat_map(|(op, _)| operation_roots(op))
        .collect();
    mark_reached(&edges, kept_roots, &mut reached);
    let unused: Vec<TypeId> = (0..ir.types.len())
        .filter(|&i| !used[i])
        .map(TypeId)
        .collect();
    if keep_unused {
        mark_reached(&edges, unused.clone(), &mut reached);
    }
    ir.unused_schemas_left_out = unused
        .iter()
        .filter(|id| !reached[id.0] && is_component_schema(&ir.types[id.0].pointer))
        .count();
    let renumbered = keep_types(&mut ir.types, &reached);
    names.types = kept_only(std::mem::take(&mut names.types), &reached);
    names.members = kept_only(std::mem::take(&mut names.members), &reached);
    names.fallbacks = kept_only(std::mem::take(&mut names.fallbacks), &reached);
    names.setters = kept_only(std::mem::take(&mut names.setters), &reached);

    ir.operations = kept_only(std::mem::take(&mut ir.operations), keep);
    for op in &mut ir.operations {
        renumber_operation(op, &renumbered);
    }
    names.operations = kept_only(std::mem::take(&mut names.operations), keep);
    // A type only the operations left out send is no longer built by users: no setters.
    for (setters, sent) in names.setters.iter_mut().zip(ir.sent_types()) {
        if !sent {
            setters.clear();
        }
    }

    let used_tags: HashSet<&String> = ir.operations.iter().flat_map(|op| &op.tags).collect();
    let tag_used: Vec<bool> = ir.tags.iter().map(|tag| used_tags.contains(tag)).collect();
    ir.tags = kept_only(std::mem::take(&mut ir.tags), &tag_used);
    names.features = kept_only(std::mem::take(&mut names.features), &tag_used);
    (ir, names)
}

/// Whether `pointer` is a whole component schema (`/components/schemas/Pet`), not one
/// inside it.
fn is_component_schema(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// Keeps the warnings about what `ir` kept: those under a kept operation (or its path
/// item's parameters) or type, and those outside `paths` and `components` (document-wide).
pub(crate) fn retain_kept_warnings(ir: &Ir, warnings: &mut Vec<Warning>) {
    let mut kept: HashSet<String> = ir.types.iter().map(|t| t.pointer.clone()).collect();
    for op in &ir.operations {
        kept.insert(op.pointer.clone());
        if let Some((item, _)) = op.pointer.rsplit_once('/') {
            kept.insert(format!("{item}/parameters"));
        }
    }
    warnings.retain(|warning| {
        let pointer = warning.location.pointer.as_str();
        let document_wide = !pointer.starts_with("/paths/") && !pointer.starts_with("/components/");
        document_wide
            || kept.contains(pointer)
            || pointer
                .match_indices('/')
                .any(|(at, _)| kept.contains(&pointer[..at]))
    });
}

/// For a crate with one cargo feature per tag: under which tags each item is compiled.
/// `None` is always compiled; `Some(tags)` (indices into [`Ir::tags`]) when any of them is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSets {
    pub types: Vec<Option<Vec<usize>>>,
    pub operations: Vec<Option<Vec<usize>>>,
}

/// An operation is compiled under its tags; an untagged one always. A type is compiled
/// under the tags of every operation that reaches it, and always when an untagged
/// operation reaches it or when no operation does (a component nothing uses stays what it
/// is in a crate without features: there, and usable) — and so is everything such a type
/// reaches, so that an item never refers to one compiled under fewer features.
pub fn tag_sets(ir: &Ir) -> TagSets {
    let tag_index: HashMap<&str, usize> = ir
        .tags
        .iter()
        .enumerate()
        .map(|(i, tag)| (tag.as_str(), i))
        .collect();
    let operations: Vec<Option<Vec<usize>>> = ir
        .operations
        .iter()
        .map(|op| {
            (!op.tags.is_empty()).then(|| op.tags.iter().map(|t| tag_index[t.as_str()]).collect())
        })
        .collect();
    let edges = type_edges(&ir.types);
    let roots: Vec<Vec<TypeId>> = ir.operations.iter().map(operation_roots).collect();

    let mut reached_by_any = vec![false; ir.types.len()];
    mark_reached(&edges, roots.concat(), &mut reached_by_any);
    let mut always = vec![false; ir.types.len()];
    let always_roots = operations
        .iter()
        .zip(&roots)
        .filter(|(tags, _)| tags.is_none())
        .flat_map(|(_, roots)| roots.iter().copied())
        .chain(
            (0..ir.types.len())
                .filter(|&i| !reached_by_any[i])
                .map(TypeId),
        )
        .collect();
    mark_reached(&edges, always_roots, &mut always);

    let mut types: Vec<Option<Vec<usize>>> = always
        .iter()
        .map(|&always| (!always).then(Vec::new))
        .collect();
    let mut reached = vec![false; ir.types.len()];
    for tag in 0..ir.tags.len() {
        reached.fill(false);
        let tag_roots = operations
            .iter()
            .zip(&roots)
            .filter(|(tags, _)| tags.as_ref().is_some_and(|tags| tags.contains(&tag)))
            .flat_map(|(_, roots)| roots.iter().copied())
            .collect();
        mark_reached(&edges, tag_roots, &mut reached);
        for (set, _) in types.iter_mut().zip(&reached).filter(|(_, r)| **r) {
            if let Some(tags) = set {
                tags.push(tag);
            }
        }
    }
    TagSets { types, operations }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::PathBuf;

    use super::*;
    use crate::ir::{TypeKind, TypeRef};
    use crate::Analysis;

    fn fixture() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs/selection.yaml")
    }

    fn analysis() -> Analysis {
        crate::analyze(&fixture()).expect("the fixture lowers")
    }

    fn only(ids: &[&str]) -> Selection {
        Selection {
            include_operations: ids.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        }
    }

    /// The kept types' names.
    fn kept(selection: &Selection) -> BTreeSet<String> {
        let selected = analysis()
            .select(selection, &fixture())
            .expect("the selection is valid");
        selected.names.types.into_iter().collect()
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// `LineItem` is sent in `createOrder`'s body and received in `updateOrder`'s response:
    /// selecting `updateOrder` alone keeps it, without setters; `OrderPatch` keeps them.
    #[test]
    fn types_only_left_out_operations_send_lose_their_setters() {
        let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/specs/evolvable.yaml");
        let full = crate::analyze(&spec).expect("the fixture lowers");
        let selected = full
            .clone()
            .select(&only(&["updateOrder"]), &spec)
            .expect("the selection is valid");
        let setters = |analysis: &Analysis, name: &str| {
            let index = analysis.names.types.iter().position(|n| n == name);
            analysis.names.setters[index.expect(name)].clone()
        };
        assert_eq!(setters(&full, "LineItem"), ["", "", "", "set_unit_price"]);
        assert!(setters(&selected, "LineItem").is_empty());
        assert_eq!(
            setters(&selected, "OrderPatch"),
            ["set_note", "set_delivery", "set_quantity"]
        );
    }

    #[test]
    fn schemas_no_operation_uses_are_left_out_and_counted() {
        let whole = analysis()
            .select(&Selection::default(), &fixture())
            .expect("the selection is valid");
        let names: BTreeSet<String> = whole.names.types.iter().cloned().collect();
        // `Catalogue` nothing uses; `Person` is merged into `Member` and not needed itself.
        assert!(!names.contains("Catalogue") && !names.contains("Person"));
        assert!(names.contains("Genre") && names.contains("Member"));
        assert_eq!(whole.ir.unused_schemas_left_out, 2);
        assert_eq!(whole.names.types.len(), analysis().names.types.len() - 2);
    }

    #[test]
    fn kept_unused_schemas_are_those_no_operation_at_all_uses() {
        let everything = Selection {
            keep_unused_schemas: true,
            ..Selection::default()
        };
        let full: BTreeSet<String> = analysis().names.types.into_iter().collect();
        assert_eq!(kept(&everything), full);
        // With a selection, what only the left-out operations use stays out (`Book`).
        let selection = Selection {
            include_operations: vec!["deleteBook".into()],
            ..everything
        };
        assert_eq!(
            kept(&selection),
            set(&["Address", "Catalogue", "Genre", "OnLoanConflict", "Person"])
        );
        let selected = analysis().select(&selection, &fixture()).expect("valid");
        assert_eq!(selected.ir.unused_schemas_left_out, 0);
    }

    #[test]
    fn a_spec_without_operations_keeps_every_schema() {
        let dir = std::env::temp_dir().join(format!("specgen-schemas-only-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let spec = dir.join("schemas.yaml");
        std::fs::write(
            &spec,
            "openapi: 3.0.3\ninfo: {title: Schemas, version: '1'}\npaths: {}\ncomponents:\n  \
             schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n",
        )
        .unwrap();
        let analysis = crate::analyze(&spec).expect("the spec lowers");
        let selected = analysis
            .select(&Selection::default(), &spec)
            .expect("valid");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(selected.names.types, ["Pet"]);
        assert_eq!(selected.ir.unused_schemas_left_out, 0);
    }

    #[test]
    fn a_discriminator_mapping_reaches_its_variants() {
        assert_eq!(
            kept(&only(&["listLoanNotices"])),
            set(&["Notice", "OverdueNotice", "ReturnedNotice"])
        );
    }

    #[test]
    fn an_all_of_reaches_the_types_of_its_parts_properties() {
        // `Person` is merged into `Member` and needed no more; its `Address` is.
        assert_eq!(
            kept(&only(&["addMember"])),
            set(&["Address", "Member", "Problem"])
        );
    }

    #[test]
    fn an_error_response_reaches_its_body_type() {
        assert_eq!(kept(&only(&["deleteBook"])), set(&["OnLoanConflict"]));
    }

    #[test]
    fn parameters_maps_arrays_and_aliases_are_followed() {
        // `Genre` is a query parameter; `Rating` the value of a map in `Book`, an alias.
        assert_eq!(
            kept(&only(&["listBooks"])),
            set(&["Book", "Genre", "Problem", "Rating"])
        );
    }

    #[test]
    fn kept_types_keep_their_names_and_references() {
        let full = analysis();
        let by_pointer: BTreeMap<&str, &str> = full
            .ir
            .types
            .iter()
            .zip(&full.names.types)
            .map(|(def, name)| (def.pointer.as_str(), name.as_str()))
            .collect();
        let selection = Selection {
            include_tags: vec!["loans".into()],
            ..Selection::default()
        };
        let selected = analysis().select(&selection, &fixture()).expect("valid");
        // `LoanStatus` (members) is dropped; the inline status of `Loan` stays `LoanStatus2`.
        assert!(selected.names.types.contains(&"LoanStatus2".to_string()));
        assert!(!selected.names.types.contains(&"LoanStatus".to_string()));
        for (def, name) in selected.ir.types.iter().zip(&selected.names.types) {
            assert_eq!(by_pointer[def.pointer.as_str()], name, "{}", def.pointer);
        }
        let ids: Vec<&str> = selected
            .ir
            .operations
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(ids, ["openLoan", "listLoanNotices", "returnLoan"]);
        assert_eq!(selected.ir.tags, ["loans"]);
        assert_eq!(selected.names.features, ["loans"]);
        // Every reference points at the kept type it pointed at before.
        let mut refs = type_edges(&selected.ir.types).concat();
        for op in &selected.ir.operations {
            refs.extend(operation_roots(op));
        }
        assert!(refs.iter().all(|id| id.0 < selected.ir.types.len()));
        let loan = selected
            .names
            .types
            .iter()
            .position(|n| n == "Loan")
            .expect("kept");
        let TypeKind::Struct(loan) = &selected.ir.types[loan].kind else {
            panic!("`Loan` is a struct")
        };
        let TypeRef::Named(book) = &loan.fields[1].ty else {
            panic!("`book` is a named type")
        };
        assert_eq!(selected.names.types[book.0], "Book");
    }

    #[test]
    fn include_then_exclude() {
        let tags = |list: &[&str]| -> Vec<String> { list.iter().map(|s| s.to_string()).collect() };
        let selection = Selection {
            include_tags: tags(&["books"]),
            exclude_tags: tags(&["members"]),
            include_operations: tags(&["openLoan"]),
            exclude_operations: tags(&["deleteBook"]),
            keep_unused_schemas: false,
        };
        assert!(selection.selects(&tags(&["books"]), "listBooks"));
        assert!(!selection.selects(&tags(&["books"]), "deleteBook"));
        assert!(!selection.selects(&tags(&["books", "members"]), "searchCatalog"));
        assert!(selection.selects(&tags(&["loans"]), "openLoan"));
        assert!(!selection.selects(&tags(&["loans"]), "returnLoan"));
        assert!(!selection.selects(&[], "getHealth"));
        let exclude_only = Selection {
            exclude_tags: tags(&["books"]),
            ..Selection::default()
        };
        assert!(exclude_only.selects(&[], "getHealth"));
        assert!(!exclude_only.selects(&tags(&["books"]), "listBooks"));
    }

    #[test]
    fn unknown_names_come_with_close_matches_and_the_available_ones() {
        let selection = Selection {
            include_tags: vec!["loan".into(), "zzz".into()],
            exclude_operations: vec!["openloan".into()],
            ..Selection::default()
        };
        let error = analysis()
            .select(&selection, &fixture())
            .expect_err("unknown names");
        assert_eq!(error.kind, crate::ErrorKind::Selection);
        assert_eq!(
            error.message,
            "the selection names what no operation of the spec has: tag `loan` (close matches: \
             `loans`); tag `zzz`; operationId `openloan` (close matches: `openLoan`)"
        );
        let help = error.help.as_deref().expect("a help line");
        assert!(
            help.starts_with("the spec's tags: `books`, `loans`, `members`; its operationIds: "),
            "{help}"
        );
        assert!(help.contains("`getHealth`"), "{help}");
    }

    #[test]
    fn options_are_read_as_the_command_line_spells_them() {
        let mut selection = Selection::default();
        for (option, value) in [
            ("--include-tag", "a"),
            ("--exclude-tag", "b"),
            ("--include-operation", "c"),
            ("--exclude-operation", "d"),
            ("--keep-unused-schemas", ""),
        ] {
            selection
                .add_option(option, value)
                .expect("a selection option");
        }
        assert_eq!(
            selection,
            Selection {
                include_tags: vec!["a".into()],
                exclude_tags: vec!["b".into()],
                include_operations: vec!["c".into()],
                exclude_operations: vec!["d".into()],
                keep_unused_schemas: true,
            }
        );
        assert_eq!(
            selection.add_option("--derive", "x"),
            Err("`--derive` is not a selection option".into())
        );
        assert_eq!(
            selection.add_option("--keep-unused-schemas", "yes"),
            Err("`--keep-unused-schemas` takes no value, found `yes`".into())
        );
    }

    #[test]
    fn a_selection_that_keeps_nothing_is_an_error() {
        let selection = Selection {
            include_tags: vec!["loans".into()],
            exclude_tags: vec!["loans".into()],
            ..Selection::default()
        };
        let error = analysis()
            .select(&selection, &fixture())
            .expect_err("nothing kept");
        assert_eq!(error.message, "the selection keeps no operation");
    }

    #[test]
    fn many_names_are_listed_then_counted() {
        let names: Vec<String> = (0..45).map(|i| format!("t{i:02}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let listed = listing(&names);
        assert!(listed.ends_with("`t39` and 5 more"), "{listed}");
        assert_eq!(listing(&[]), "none");
    }

    #[test]
    fn tag_sets_follow_every_operation_that_reaches_a_type() {
        let full = analysis();
        let sets = tag_sets(&full.ir);
        let tags_of = |name: &str| -> Option<Vec<&str>> {
            let index = full.names.types.iter().position(|n| n == name).expect(name);
            sets.types[index].as_ref().map(|tags| {
                let mut tags: Vec<&str> = tags.iter().map(|&t| full.ir.tags[t].as_str()).collect();
                tags.sort_unstable();
                tags
            })
        };
        assert_eq!(tags_of("Loan"), Some(vec!["loans"]));
        assert_eq!(tags_of("OnLoanConflict"), Some(vec!["books"]));
        assert_eq!(tags_of("LoanStatus"), Some(vec!["members"]));
        assert_eq!(
            tags_of("SearchCatalogResponse"),
            Some(vec!["books", "members"])
        );
        assert_eq!(tags_of("Book"), Some(vec!["books", "loans", "members"]));
        // Untagged `getHealth` uses it; `Catalogue` is used by nothing, and `Genre` by it;
        // `Person` only as an `allOf` part (no operation reaches it), and `Address` by it.
        assert_eq!(tags_of("Health"), None);
        assert_eq!(tags_of("Person"), None);
        assert_eq!(tags_of("Address"), None);
        assert_eq!(tags_of("Catalogue"), None);
        assert_eq!(tags_of("Genre"), None);
        let by_operation: Vec<Option<Vec<&str>>> = sets
            .operations
            .iter()
            .map(|tags| {
                tags.as_ref()
                    .map(|tags| tags.iter().map(|&t| full.ir.tags[t].as_str()).collect())
            })
            .collect();
        assert_eq!(by_operation[0], None, "getHealth has no tag");
        assert_eq!(
            by_operation[5],
            Some(vec!["books", "members"]),
            "searchCatalog"
        );
    }
}
