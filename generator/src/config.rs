//! The build-script API: [`Config`], in the manner of `prost-build`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Warning};
use crate::ir::select::Selection;

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
    /// Per operationId: the pagination asked for, or `None` for none at all.
    pub(crate) paginations: BTreeMap<String, Option<Pagination>>,
    pub(crate) selection: Selection,
    pub(crate) features_per_tag: bool,
}

/// How a list operation pages with a cursor, named as the spec names them: the query
/// parameter that takes the cursor, the property of the success body that holds the next
/// one, and the array property that holds the page's items. The same three names as the
/// `x-specgen-pagination` extension; see [`Config::paginate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The query parameter that takes the cursor (optional, a string).
    pub cursor_param: String,
    /// The success body's string property holding the next page's cursor.
    pub next_cursor: String,
    /// The success body's array property holding the page's items.
    pub items: String,
}

impl Pagination {
    /// `Pagination::cursor("page_cursor", "next_page_cursor", "items")`.
    pub fn cursor(
        cursor_param: impl Into<String>,
        next_cursor: impl Into<String>,
        items: impl Into<String>,
    ) -> Self {
        Pagination {
            cursor_param: cursor_param.into(),
            next_cursor: next_cursor.into(),
            items: items.into(),
        }
    }
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
            paginations: BTreeMap::new(),
            selection: Selection::default(),
            features_per_tag: false,
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
    /// With [`Config::features_per_tag`]: the cargo features the code is gated on, one per
    /// tag of the generated operations, sorted. The crate must declare them.
    pub features: Vec<String>,
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

    /// Adds a derive to every model type, e.g. `"schemars::JsonSchema"`. Structs then derive
    /// serde's traits with `#[serde]` attributes, which such derives read for the wire names,
    /// instead of getting them from `specgen_runtime::serde_struct!` (cheaper to compile).
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

    /// Pages through the operation `operation_id` with a cursor: its client gets a
    /// `…_pages` and a `…_stream` method beside the plain one. This wins over the spec's
    /// `x-specgen-pagination` and over detection; a name that does not fit the operation
    /// is a generation error.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), specgen::Error> {
    /// use specgen::{Config, Pagination};
    /// Config::new()
    ///     .spec("specs/api.yaml")
    ///     .paginate("listIdentities", Pagination::cursor("page_cursor", "next_page_cursor", "items"))
    ///     .generate()?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn paginate(mut self, operation_id: impl Into<String>, pagination: Pagination) -> Self {
        self.paginations
            .insert(operation_id.into(), Some(pagination));
        self
    }

    /// Generates no pagination methods for the operation `operation_id`, whatever its spec
    /// says or detection finds.
    pub fn no_pagination(mut self, operation_id: impl Into<String>) -> Self {
        self.paginations.insert(operation_id.into(), None);
        self
    }

    /// Generates only the operations with one of these tags (and those of
    /// [`include_operations`](Self::include_operations)), and the types they use.
    /// By default every operation is generated.
    pub fn include_tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.selection.include_tags, tags);
        self
    }

    /// Leaves out the operations with one of these tags (after the includes).
    pub fn exclude_tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.selection.exclude_tags, tags);
        self
    }

    /// Generates only the operations with these operationIds (and those of
    /// [`include_tags`](Self::include_tags)), and the types they use.
    pub fn include_operations<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.selection.include_operations, ids);
        self
    }

    /// Leaves out the operations with these operationIds (after the includes).
    pub fn exclude_operations<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.selection.exclude_operations, ids);
        self
    }

    /// Also generates the component schemas that no operation of the spec uses. By default
    /// only the types the generated operations use are generated (all of a spec's schemas
    /// when it has no operations): a description such as GitHub's carries hundreds of
    /// webhook payload schemas that no operation returns, which would double its client's
    /// compile time. The generated file's header says how many were left out.
    pub fn keep_unused_schemas(mut self) -> Self {
        self.selection.keep_unused_schemas = true;
        self
    }

    /// Adds everything `selection` includes and excludes (the four methods above at once),
    /// and keeps the unused schemas when it does.
    pub fn selection(mut self, selection: &Selection) -> Self {
        self.selection.keep_unused_schemas |= selection.keep_unused_schemas;
        self.include_tags(&selection.include_tags)
            .exclude_tags(&selection.exclude_tags)
            .include_operations(&selection.include_operations)
            .exclude_operations(&selection.exclude_operations)
    }

    /// Puts each operation, and each type only some tags' operations use, behind a cargo
    /// feature per tag (`#[cfg(feature = "repos")]`, or `any(…)` for a type several tags
    /// share). Untagged operations, what they use, and (with
    /// [`keep_unused_schemas`](Self::keep_unused_schemas)) types no operation uses are
    /// always compiled. [`Generated::features`] lists the features the crate must declare.
    pub fn features_per_tag(mut self) -> Self {
        self.features_per_tag = true;
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

fn extend<I, S>(list: &mut Vec<String>, items: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    list.extend(items.into_iter().map(|item| item.as_ref().to_string()));
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
