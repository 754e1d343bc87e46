//! The build-script API: [`Config`], in the manner of `prost-build`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Warning};

/// Generation settings. `Config::new().spec("specs/api.yaml").generate()?` is the whole
/// `build.rs` for most users.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) specs: Vec<PathBuf>,
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) file_name: Option<String>,
    pub(crate) derives: Vec<String>,
    pub(crate) replacements: BTreeMap<String, String>,
    pub(crate) lenient_dates: bool,
    pub(crate) open_enums: bool,
    pub(crate) exhaustive_types: bool,
    pub(crate) rerun_if_changed: Option<bool>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            specs: Vec::new(),
            out_dir: None,
            file_name: None,
            derives: Vec::new(),
            replacements: BTreeMap::new(),
            lenient_dates: true,
            open_enums: true,
            exhaustive_types: false,
            rerun_if_changed: None,
        }
    }
}

/// What one spec generated.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The spec it came from.
    pub spec: PathBuf,
    /// The formatted Rust source.
    pub code: String,
    /// Constructs typed more loosely than the spec asked (e.g. as `serde_json::Value`).
    pub warnings: Vec<Warning>,
    /// Every file read: the spec and what its `$ref`s reached.
    pub inputs: Vec<PathBuf>,
    /// Where the code was written, when it was.
    pub output: Option<PathBuf>,
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec (YAML or JSON) to generate from; each gets its own output file.
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The output file name (only with a single spec); by default the spec's file stem in
    /// snake case, e.g. `paxos-identity-v2.yaml` → `paxos_identity_v2.rs`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Adds a derive to every model type, e.g. `"schemars::JsonSchema"`.
    pub fn derive(mut self, path: impl Into<String>) -> Self {
        self.derives.push(path.into());
        self
    }

    /// Uses an existing Rust type for the component schema `schema` instead of generating one.
    pub fn replace_type(mut self, schema: impl Into<String>, rust_path: impl Into<String>) -> Self {
        self.replacements.insert(schema.into(), rust_path.into());
        self
    }

    /// Reads `format: date` strictly: a date-time where a date is expected fails decoding.
    /// By default a date-time is accepted and its date kept, as real servers need.
    pub fn strict_formats(mut self) -> Self {
        self.lenient_dates = false;
        self
    }

    /// Generates closed enums: an unknown value fails decoding instead of being kept.
    pub fn closed_enums(mut self) -> Self {
        self.open_enums = false;
        self
    }

    /// Generates exhaustive types: no `#[non_exhaustive]`, so users can write struct
    /// literals and exhaustive `match`es, and every added field, enum value or response
    /// status is a breaking change of the generated crate. Constructors and setters stay.
    pub fn exhaustive_types(mut self) -> Self {
        self.exhaustive_types = true;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines; by default only inside a build script.
    pub fn rerun_if_changed(mut self, print: bool) -> Self {
        self.rerun_if_changed = Some(print);
        self
    }

    fn check(&self) -> Result<(), Error> {
        let here = |message: String| {
            Error::new(
                ErrorKind::Io,
                Location::file(Path::new("build.rs")),
                message,
            )
        };
        if self.specs.is_empty() {
            return Err(here("no spec given: call `Config::spec(path)`".into()));
        }
        if self.file_name.is_some() && self.specs.len() > 1 {
            return Err(here("`file_name` needs exactly one spec".into()));
        }
        for path in self.derives.iter().chain(self.replacements.values()) {
            if crate::emit::rust_path::normalize(path).is_none() {
                return Err(here(format!("`{path}` is not a Rust path")));
            }
        }
        Ok(())
    }

    /// Generates every spec into memory, without writing anything.
    pub fn generate_code(&self) -> Result<Vec<Generated>, Error> {
        self.check()?;
        self.specs
            .iter()
            .map(|spec| crate::generate_one(spec, self))
            .collect()
    }

    /// Generates every spec and writes each file into the output directory. A file is
    /// replaced atomically and only when its content changed, so nothing downstream
    /// rebuilds needlessly and no half-written file is ever seen.
    pub fn generate(&self) -> Result<Vec<Generated>, Error> {
        let generated = self.generate_code()?;
        let out_dir = match (&self.out_dir, std::env::var_os("OUT_DIR")) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dir)) => PathBuf::from(dir),
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::Io,
                    Location::file(&self.specs[0]),
                    "OUT_DIR is not set",
                )
                .help("call `out_dir(…)`, or run from a build script"));
            }
        };
        let print = self.rerun_if_changed.unwrap_or_else(|| {
            std::env::var_os("OUT_DIR").is_some()
                && std::env::var_os("CARGO_MANIFEST_DIR").is_some()
        });
        let mut written = Vec::with_capacity(generated.len());
        for mut item in generated {
            let name = self
                .file_name
                .clone()
                .unwrap_or_else(|| default_file_name(&item.spec));
            let path = out_dir.join(name);
            write_if_changed(&path, &item.code)?;
            if print {
                for input in &item.inputs {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
            }
            item.output = Some(path);
            written.push(item);
        }
        Ok(written)
    }
}

/// `specs/paxos-identity-v2.yaml` → `paxos_identity_v2.rs`.
pub fn default_file_name(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "{}.rs",
        crate::names::ident_snake(&stem).trim_start_matches("r#")
    )
}

/// Writes `code` to `path` atomically (a temporary file renamed into place), and only when
/// the content differs, so an unchanged file keeps its timestamp.
pub fn write_if_changed(path: &Path, code: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == code) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(path, "create the output directory", &e))?;
    }
    let temporary = path.with_extension(format!("rs.tmp{}", std::process::id()));
    std::fs::write(&temporary, code).map_err(|e| Error::io(&temporary, "write the output", &e))?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::io(path, "move the output into place", &e)
    })
}
