//! `specgen generate`: one module (`-o FILE.rs`) or a standalone crate (`--crate DIR`), and
//! `--check` to find checked-in output that no longer matches its spec.

use std::path::{Component, Path, PathBuf};

use clap::{ArgGroup, Args, ValueEnum};

use super::selection::SelectionArgs;
use super::Status;
use crate::emit::docs::doc_lines;
use crate::emit::source::Rust;
use crate::{Config, Error, ErrorKind};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["output", "crate_dir"])))]
pub struct GenerateArgs {
    /// The OpenAPI 3.0 spec (YAML or JSON).
    spec: PathBuf,
    /// Write one Rust module to this file.
    #[arg(short, long, value_name = "FILE.rs")]
    output: Option<PathBuf>,
    /// Write a standalone crate into this directory (Cargo.toml, src/lib.rs, the module).
    #[arg(long = "crate", value_name = "DIR", requires = "name")]
    crate_dir: Option<PathBuf>,
    /// The package name of the crate.
    #[arg(long, value_name = "NAME", requires = "crate_dir")]
    name: Option<String>,
    /// Depend on specgen-runtime at this path (as seen from the current directory) instead
    /// of by version.
    #[arg(long, value_name = "PATH", requires = "crate_dir")]
    runtime_path: Option<PathBuf>,
    /// Write nothing; exit with 1 and name the files that differ from what would be generated.
    #[arg(long)]
    check: bool,
    /// Generate closed enums: an unknown value fails decoding instead of being kept.
    #[arg(long)]
    closed_enums: bool,
    /// Generate exhaustive types (no `#[non_exhaustive]`): struct literals and exhaustive
    /// `match`es work, and every added field or variant breaks them.
    #[arg(long)]
    exhaustive_types: bool,
    /// Read `format: date` strictly (by default a date-time is accepted and its date kept).
    #[arg(long)]
    strict_formats: bool,
    /// Add a derive to every model type, e.g. `schemars::JsonSchema` (repeatable).
    #[arg(long, value_name = "PATH")]
    derive: Vec<String>,
    /// Put each tag's operations, and the types only they use, behind a cargo feature of
    /// the crate named after the tag.
    #[arg(long, requires = "crate_dir")]
    features_per_tag: bool,
    /// With --features-per-tag: which features the crate enables by default.
    #[arg(
        long,
        value_enum,
        value_name = "WHICH",
        default_value_t = DefaultFeatures::None,
        requires = "features_per_tag"
    )]
    default_features: DefaultFeatures,
    #[command(flatten)]
    selection: SelectionArgs,
    /// Also generate the schemas no operation uses (by default only what the generated
    /// operations use is, unless the spec has no operations).
    #[arg(long)]
    keep_unused_schemas: bool,
}

/// The crate's `default` feature with `--features-per-tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DefaultFeatures {
    /// Every tag's feature: the whole API unless a user opts out.
    All,
    /// None: a user enables the tags they call.
    None,
}

/// A file the command would write.
struct Planned {
    path: PathBuf,
    content: String,
}

pub fn run(args: &GenerateArgs) -> Status {
    match plan(args) {
        Ok(files) if args.check => check_files(&files),
        Ok(files) => write_files(&files),
        Err(error) => {
            eprintln!("error: {error}");
            if matches!(error.kind, ErrorKind::Io | ErrorKind::Selection) {
                Status::Unreadable
            } else {
                Status::Findings
            }
        }
    }
}

fn plan(args: &GenerateArgs) -> Result<Vec<Planned>, Error> {
    let mut config = Config::new().spec(&args.spec).rerun_if_changed(false);
    if args.closed_enums {
        config = config.closed_enums();
    }
    if args.strict_formats {
        config = config.strict_formats();
    }
    if args.exhaustive_types {
        config = config.exhaustive_types();
    }
    for derive in &args.derive {
        config = config.derive(derive);
    }
    config = config.selection(&args.selection.selection());
    if args.keep_unused_schemas {
        config = config.keep_unused_schemas();
    }
    if args.features_per_tag {
        config = config.features_per_tag();
    }
    let generated = config.generate_code()?.remove(0);
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    if let Some(output) = &args.output {
        return Ok(vec![Planned {
            path: output.clone(),
            content: generated.code,
        }]);
    }
    let dir = args.crate_dir.as_deref().expect("clap requires a target");
    let name = args.name.as_deref().expect("clap ties --name to --crate");
    let manifest = CrateManifest {
        name,
        spec: &args.spec,
        dir,
        runtime_path: args.runtime_path.as_deref(),
        features: &generated.features,
        default_features: args.default_features,
    };
    let module = crate::default_file_name(&args.spec);
    Ok(vec![
        Planned {
            path: dir.join("Cargo.toml"),
            content: manifest.render()?,
        },
        Planned {
            path: dir.join("src").join("lib.rs"),
            content: lib_rs(&args.spec, &module),
        },
        Planned {
            path: dir.join("src").join(&module),
            content: generated.code,
        },
    ])
}

fn write_files(files: &[Planned]) -> Status {
    for file in files {
        if let Err(error) = crate::write_if_changed(&file.path, &file.content) {
            eprintln!("error: {error}");
            return Status::Findings;
        }
    }
    Status::Ok
}

fn check_files(files: &[Planned]) -> Status {
    let stale: Vec<&Planned> = files
        .iter()
        .filter(|f| std::fs::read_to_string(&f.path).ok().as_deref() != Some(f.content.as_str()))
        .collect();
    for file in &stale {
        eprintln!(
            "stale: {} differs from what the spec generates",
            file.path.display()
        );
    }
    if stale.is_empty() {
        Status::Ok
    } else {
        eprintln!("run the same command without --check to regenerate");
        Status::Findings
    }
}

struct CrateManifest<'a> {
    name: &'a str,
    spec: &'a Path,
    dir: &'a Path,
    runtime_path: Option<&'a Path>,
    /// One per tag with `--features-per-tag`, else none.
    features: &'a [String],
    default_features: DefaultFeatures,
}

impl CrateManifest<'_> {
    fn render(&self) -> Result<String, Error> {
        if !is_package_name(self.name) {
            return Err(Error::new(
                ErrorKind::Io,
                crate::Location::file(self.dir),
                format!("`{}` is not a valid package name", self.name),
            )
            .help("use letters, digits, `-` and `_`, starting with a letter"));
        }
        let runtime = match self.runtime_path {
            Some(path) => format!("{{ path = {} }}", toml_string(&self.relative_runtime(path))),
            None => toml_string(env!("CARGO_PKG_VERSION")),
        };
        let spec_name = file_name(self.spec);
        let header = format!(
            "Generated by specgen from `{spec_name}`. `specgen generate` rewrites this file but keeps\n\
             `version`, so a bump made after `specgen diff` survives regeneration."
        );
        Ok(format!(
            "{header}[package]\n\
             name = {name}\n\
             version = {version}\n\
             edition = \"2021\"\n\
             description = {description}\n\
             \n\
             [dependencies]\n\
             specgen-runtime = {runtime}\n\
             {features}",
            header = comment("#", &header),
            name = toml_string(self.name),
            version = toml_string(&self.existing_version().unwrap_or_else(|| "0.1.0".into())),
            description = toml_string(&format!(
                "Typed async client for the API in `{spec_name}`, generated by specgen"
            )),
            features = self.features_table(),
        ))
    }

    /// `[features]`: one per tag, each enabling nothing else, and `default`.
    fn features_table(&self) -> String {
        if self.features.is_empty() {
            return String::new();
        }
        let names: Vec<String> = self.features.iter().map(|f| toml_string(f)).collect();
        let default = match self.default_features {
            DefaultFeatures::All => names.join(", "),
            DefaultFeatures::None => String::new(),
        };
        let mut table = format!(
            "\n# One feature per tag: its operations and the types only they use. Operations\n\
             # without a tag, and what they use, are always compiled.\n\
             [features]\n\
             default = [{default}]\n"
        );
        for name in self.features {
            table.push_str(&format!("{} = []\n", toml_key(name)));
        }
        table
    }

    /// The version in the crate's current Cargo.toml, if there is one.
    fn existing_version(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.dir.join("Cargo.toml")).ok()?;
        let manifest: toml::Table = toml::from_str(&text).ok()?;
        Some(
            manifest
                .get("package")?
                .get("version")?
                .as_str()?
                .to_string(),
        )
    }

    /// Cargo reads a dependency path relative to the manifest; the user gave it relative to
    /// the current directory. Relative output keeps the crate movable with its workspace.
    fn relative_runtime(&self, runtime: &Path) -> String {
        let absolute = |p: &Path| {
            std::path::absolute(p)
                .map(|p| normalize(&p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        let path = relative_to(&absolute(self.dir), &absolute(runtime));
        path.to_string_lossy().replace('\\', "/")
    }
}

fn lib_rs(spec: &Path, module: &str) -> String {
    let docs = format!(
        "Typed async client for the API in `{}`, generated by specgen.\n\n\
         Do not edit: change the spec and run `specgen generate` again.",
        file_name(spec)
    );
    format!(
        "{}\ninclude!({});\n",
        comment("//!", &docs),
        Rust::literal(module)
    )
}

/// Comment lines starting with `marker`, each ending with a line break: a file name with
/// a line break in it cannot end the comment.
fn comment(marker: &str, text: &str) -> String {
    doc_lines([text])
        .lines()
        .map(|line| match line {
            "" => format!("{marker}\n"),
            line => format!("{marker} {line}\n"),
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A TOML basic string holding `value` exactly.
fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// A bare key when it is one (feature names from the names stage are), else a quoted one.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Removes `.` and resolves `..` lexically (the paths may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `to` as a path relative to the directory `from` (both absolute).
fn relative_to(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    out.extend(&to[common..]);
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_path_is_relative_to_the_crate() {
        assert_eq!(
            relative_to(Path::new("/w/out/client"), Path::new("/w/runtime")),
            PathBuf::from("../../runtime")
        );
        assert_eq!(
            relative_to(Path::new("/w"), Path::new("/w/runtime")),
            PathBuf::from("runtime")
        );
        assert_eq!(
            normalize(Path::new("/w/a/./b/../c")),
            PathBuf::from("/w/a/c")
        );
    }

    #[test]
    fn package_names() {
        assert!(is_package_name("kyc-client_2"));
        assert!(!is_package_name("2kyc"));
        assert!(!is_package_name("kyc client"));
    }
}
