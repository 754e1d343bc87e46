//! specgen: OpenAPI 3.0 → Rust model types and an async client.
//!
//! From a build script:
//!
//! ```no_run
//! // build.rs
//! # fn main() -> Result<(), specgen::Error> {
//! specgen::generate("specs/api.yaml")?;
//! # Ok(())
//! # }
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/api.rs"));`. The generated code
//! needs only `specgen-runtime` as a dependency. [`Config`] holds every other setting.
//!
//! The pipeline is one module per stage, data flowing one way:
//! [`load`](crate::load) → [`resolve`](crate::resolve) → [`ir`] → [`names`] → `emit`.

#[cfg(feature = "cli")]
pub mod cli;
mod config;
mod emit;
mod error;
pub mod ir;
mod load;
mod locate;
pub mod names;
mod normalize;
pub mod pointer;
mod resolve;
#[doc(hidden)]
pub mod timing;

use std::path::{Path, PathBuf};

pub use config::{default_file_name, write_if_changed, Config, Generated, Pagination};
pub use error::{Error, ErrorDetails, ErrorKind, Location, Warning};
pub use ir::select::Selection;
pub use locate::LineIndex;

/// Generates `spec` into `$OUT_DIR` with default settings; returns the file written.
pub fn generate(spec: impl AsRef<Path>) -> Result<PathBuf, Error> {
    let mut generated = Config::new().spec(spec).generate()?;
    Ok(generated.remove(0).output.unwrap_or_default())
}

/// A spec lowered to the IR with its names decided: what `check` and `diff` work on.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub ir: ir::Ir,
    pub names: names::Names,
    pub warnings: Vec<Warning>,
    pub inputs: Vec<PathBuf>,
}

/// Loads, resolves and lowers a spec without emitting code.
pub fn analyze(spec: &Path) -> Result<Analysis, Error> {
    analyze_with(spec, &Config::default())
}

/// [`analyze`], with the settings of `config` that shape the IR (pagination).
fn analyze_with(spec: &Path, config: &Config) -> Result<Analysis, Error> {
    let mut sources = load::Sources::default();
    let document = load::load(spec, &mut sources)?;
    let resolver = resolve::Resolver::new(&document, spec, sources);
    let (ir, warnings) = ir::lower(&resolver, config)?;
    let names = names::assign(&ir);
    let inputs = resolver
        .sources
        .borrow()
        .paths()
        .map(Path::to_path_buf)
        .collect();
    Ok(Analysis {
        ir,
        names,
        warnings,
        inputs,
    })
}

/// The names of the items the code generated for `spec` declares at its top level, decided
/// from the IR alone: the test oracle that checks every output declares exactly these.
#[doc(hidden)]
pub fn declared_items(
    spec: &Path,
    config: &Config,
) -> Result<std::collections::BTreeSet<String>, Error> {
    let analysis = analyze_with(spec, config)?.select(&config.selection, spec)?;
    Ok(emit::declared_items(&analysis.ir, &analysis.names, config))
}

impl Analysis {
    /// Keeps the operations `selection` chooses and the types they reach, each with the
    /// name it has in the whole spec, and the warnings about what is kept. A tag or
    /// operationId the spec does not have is an error that lists the close matches; so is
    /// a selection that keeps no operation.
    pub fn select(self, selection: &Selection, spec: &Path) -> Result<Analysis, Error> {
        let operations = self.ir.operations.iter();
        selection
            .validate(operations.map(|op| (op.tags.as_slice(), op.name.as_str())))
            .map_err(|invalid| {
                Error::new(ErrorKind::Selection, Location::file(spec), invalid.message)
                    .help(invalid.help)
            })?;
        Ok(self.restrict(selection))
    }

    /// [`Analysis::select`] without its checks, for comparing two versions of a spec: a
    /// name may be in only one of them, and one may have none of the selected operations.
    pub fn restrict(self, selection: &Selection) -> Analysis {
        let keep_unused = selection.keep_unused_schemas || self.ir.operations.is_empty();
        if selection.is_everything() && keep_unused {
            return self;
        }
        let keep: Vec<bool> = self
            .ir
            .operations
            .iter()
            .map(|op| selection.selects(&op.tags, &op.name))
            .collect();
        let (ir, names) = ir::select::prune(self.ir, self.names, &keep, keep_unused);
        let mut warnings = self.warnings;
        ir::select::retain_kept_warnings(&ir, &mut warnings);
        Analysis {
            ir,
            names,
            warnings,
            inputs: self.inputs,
        }
    }
}

pub(crate) fn generate_one(spec: &Path, config: &Config) -> Result<Generated, Error> {
    let analysis = analyze_with(spec, config)?.select(&config.selection, spec)?;
    let source = spec
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let code = emit::emit(&analysis.ir, &analysis.names, config, &source);
    let mut features = if config.features_per_tag {
        analysis.names.features.clone()
    } else {
        Vec::new()
    };
    features.sort();
    Ok(Generated {
        spec: spec.to_path_buf(),
        code,
        warnings: analysis.warnings,
        inputs: analysis.inputs,
        output: None,
        features,
    })
}
