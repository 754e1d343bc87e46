//! Stage 5: IR + names → formatted Rust source.
//!
//! Items are written as text straight from the IR, already laid out as rustfmt would lay
//! them out ([`code`]). Paths outside the prelude are fully qualified (the generated module
//! imports nothing, so no spec name can shadow what it uses); prelude names are written
//! bare unless the spec defines a type of that name ([`Prelude`]).

mod client;
mod code;
mod construct;
pub(crate) mod docs;
mod gate;
mod items;
#[cfg(test)]
mod layout_tests;
mod pagination;
mod request;
mod response;
pub(crate) mod rust_path;
pub(crate) mod source;
mod structs;
mod types;

use std::collections::HashSet;

use crate::config::Config;
use crate::ir::select::{tag_sets, TagSets};
use crate::ir::Ir;
use crate::names::Names;
use code::Code;
use docs::doc_lines;
use source::Rust;

pub(crate) use items::declared_items;

pub(crate) struct Emitter<'e> {
    pub ir: &'e Ir,
    pub names: &'e Names,
    pub config: &'e Config,
    pub prelude: Prelude,
    pub user: UserPaths,
    /// With [`Config::features_per_tag`]: the tags each item is compiled under.
    pub tag_sets: Option<TagSets>,
}

/// The Rust paths named in the [`Config`], checked and spelled once per generation.
pub(crate) struct UserPaths {
    /// Extra derives for every model type.
    pub derives: Vec<Rust>,
    /// Per IR type: the user's type to use instead of generating it.
    pub replacements: Vec<Option<Rust>>,
}

impl UserPaths {
    fn new(ir: &Ir, config: &Config) -> Self {
        let replacements = ir
            .types
            .iter()
            .map(|def| match def.name.as_slice() {
                [name] if def.named_in_spec => Rust::checked_path(config.replacements.get(name)?),
                _ => None,
            })
            .collect();
        UserPaths {
            derives: config
                .derives
                .iter()
                .filter_map(|d| Rust::checked_path(d))
                .collect(),
            replacements,
        }
    }
}

/// How generated code spells the prelude types it uses: the bare name, or the full path
/// when the spec defines a type of that name (a schema called `Option` or `Result`).
pub(crate) struct Prelude {
    pub option: &'static str,
    pub string: &'static str,
    pub vec: &'static str,
    pub boxed: &'static str,
    pub result: &'static str,
    pub into: &'static str,
    pub from: &'static str,
    pub default: &'static str,
}

impl Prelude {
    fn new(defined: &HashSet<&str>) -> Self {
        let pick = |bare: &'static str, full: &'static str| {
            if defined.contains(bare) {
                full
            } else {
                bare
            }
        };
        Prelude {
            option: pick("Option", "::std::option::Option"),
            string: pick("String", "::std::string::String"),
            vec: pick("Vec", "::std::vec::Vec"),
            boxed: pick("Box", "::std::boxed::Box"),
            result: pick("Result", "::std::result::Result"),
            into: pick("Into", "::std::convert::Into"),
            from: pick("From", "::std::convert::From"),
            default: pick("Default", "::std::default::Default"),
        }
    }
}

pub(crate) fn emit(ir: &Ir, names: &Names, config: &Config, source: &str) -> String {
    emit_on(ir, names, config, source, true)
}

/// [`emit`], with the second thread or without it (the benchmarks measure both).
pub(crate) fn emit_on(
    ir: &Ir,
    names: &Names,
    config: &Config,
    source: &str,
    two_threads: bool,
) -> String {
    let defined = defined_names(names);
    let emitter = Emitter {
        ir,
        names,
        config,
        prelude: Prelude::new(&defined),
        user: UserPaths::new(ir, config),
        tag_sets: config.features_per_tag.then(|| tag_sets(ir)),
    };
    // Items are independent: the first part of the model types is written on one core
    // while the rest and the client are on the other. An operation weighs about two types
    // (its method, parameters, success and error enums).
    let split = ((ir.types.len() + 2 * ir.operations.len()) / 2).min(ir.types.len());
    let first_part = || {
        let mut code = Code::with_capacity(split * 1024);
        header(ir, source, &mut code);
        emitter.types(0..split, &mut code);
        code.into_string()
    };
    let second_part = || {
        let mut code = Code::with_capacity((ir.types.len() - split + ir.operations.len()) * 1024);
        emitter.types(split..ir.types.len(), &mut code);
        emitter.client(&mut code);
        code.into_string()
    };
    let (first, second) = if two_threads {
        std::thread::scope(|scope| {
            let first = scope.spawn(first_part);
            let second = second_part();
            let first = first
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        })
    } else {
        (first_part(), second_part())
    };
    // Grown in place where the allocator can: the output is the largest thing held.
    let mut out = first;
    out.reserve_exact(second.len());
    out.push_str(&second);
    drop(second);
    // Every item ends with the blank line that separates it from the next.
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Names the generated code defines, which prelude names must not be written bare for.
fn defined_names(names: &Names) -> HashSet<&str> {
    names
        .types
        .iter()
        .chain(
            names
                .operations
                .iter()
                .flat_map(|op| [&op.params_struct, &op.success_enum, &op.error_enum]),
        )
        .map(String::as_str)
        .chain(["Client"])
        .collect()
}

/// `// Generated by specgen from …`: comment lines, so a title cannot end them.
fn header(ir: &Ir, source: &str, code: &mut Code) {
    let mut header = format!(
        "Generated by specgen from `{source}` ({} {}).\nDo not edit: change the spec and regenerate.",
        ir.title.trim(),
        ir.version.trim()
    );
    match ir.unused_schemas_left_out {
        0 => {}
        1 => header
            .push_str("\n1 schema no operation uses is left out; `keep_unused_schemas` keeps it."),
        n => header.push_str(&format!(
            "\n{n} schemas no operation uses are left out; `keep_unused_schemas` keeps them."
        )),
    }
    code.comment(&doc_lines([header.as_str()]));
    code.blank();
}
