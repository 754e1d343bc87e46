//! Golden files: `generated/` holds specgen's output for every spec in `specs/` and every
//! fixture spec in `tests/fixtures/specs/`; the `specgen-golden` crate compiles all of it
//! under `#![deny(warnings)]`. specgen writes its output already laid out as rustfmt
//! would: the files must pass `rustfmt --check` as generated.
//!
//! After an intended change to the output, rewrite them and review the diff like code:
//!
//! ```text
//! SPECGEN_BLESS=1 cargo test -p specgen --test golden
//! ```

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator/ sits in the workspace")
        .to_path_buf()
}

struct Case {
    spec: PathBuf,
    golden: PathBuf,
    module: String,
    configure: Configure,
}

/// The settings besides the spec (most cases: the defaults).
type Configure = fn(specgen::Config) -> specgen::Config;

/// Fixtures generated once more with other settings, each into `<file>_<variant>.rs`: the
/// golden files then show what the setting changes, and the crate compiles both.
const VARIANTS: &[(&str, &str, Configure)] = &[(
    "evolvable.yaml",
    "exhaustive",
    specgen::Config::exhaustive_types,
)];

fn defaults(config: specgen::Config) -> specgen::Config {
    config
}

/// Every spec with its golden file, sorted for a stable `lib.rs`.
fn cases() -> Vec<Case> {
    let root = workspace();
    let mut cases = Vec::new();
    for (specs, golden, prefix) in [
        ("specs", "generated", ""),
        ("tests/fixtures/specs", "generated/fixtures", "fixture_"),
    ] {
        let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join(specs))
            .expect("spec directory exists")
            .map(|entry| entry.expect("readable directory entry").path())
            .filter(|path| {
                matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml" | "json")
                )
            })
            .collect();
        specs.sort();
        for spec in specs {
            let file = specgen::default_file_name(&spec);
            let stem = file.trim_end_matches(".rs");
            cases.push(Case {
                golden: root.join(golden).join(&file),
                module: format!("{prefix}{stem}"),
                spec: spec.clone(),
                configure: defaults,
            });
            let variants = VARIANTS
                .iter()
                .filter(|(name, _, _)| spec.file_name().is_some_and(|f| f == *name));
            for (_, variant, configure) in variants {
                cases.push(Case {
                    golden: root.join(golden).join(format!("{stem}_{variant}.rs")),
                    spec: spec.clone(),
                    module: format!("{prefix}{stem}_{variant}"),
                    configure: *configure,
                });
            }
        }
    }
    for (name, variant, _) in VARIANTS {
        assert!(
            cases
                .iter()
                .any(|c| c.module.ends_with(variant) && c.spec.ends_with(name)),
            "the variant `{variant}` names `{name}`, which is no fixture spec"
        );
    }
    cases
}

fn lib_rs(cases: &[Case]) -> String {
    let root = workspace().join("generated");
    let mut lib = String::from(
        "//! Golden output of specgen, compiled so that a regression in generated code fails the build.\n\
         //! Rewritten by `SPECGEN_BLESS=1 cargo test -p specgen --test golden`; do not edit.\n\n\
         #![deny(warnings)]\n",
    );
    for case in cases {
        let relative = case
            .golden
            .strip_prefix(&root)
            .expect("golden files live under generated/");
        lib.push_str(&format!(
            "\n#[path = \"{}\"]\npub mod {};\n",
            relative.display(),
            case.module
        ));
    }
    lib
}

fn generate(case: &Case) -> String {
    let generated = (case.configure)(specgen::Config::new().spec(&case.spec))
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    generated[0].code.clone()
}

#[test]
fn generated_code_matches_golden_files() {
    let bless = std::env::var_os("SPECGEN_BLESS").is_some();
    let cases = cases();
    let mut outputs: Vec<(PathBuf, String)> = cases
        .iter()
        .map(|case| (case.golden.clone(), generate(case)))
        .collect();
    outputs.push((workspace().join("generated/lib.rs"), lib_rs(&cases)));
    let mut stale = Vec::new();
    for (path, code) in outputs {
        if std::fs::read_to_string(&path).unwrap_or_default() == code {
            continue;
        }
        if bless {
            std::fs::write(&path, code).expect("golden file is writable");
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "generated code differs from the golden files:\n  {}\n\
         review the change, then rewrite them with `SPECGEN_BLESS=1 cargo test -p specgen --test golden`",
        stale.join("\n  ")
    );
}

/// What users who commit generated code (`specgen generate --crate`) run in their CI.
#[test]
fn generated_code_is_formatted_as_rustfmt_formats_it() {
    let cases = cases();
    let outputs: Vec<(PathBuf, String)> = cases
        .iter()
        .map(|case| (case.golden.clone(), generate(case)))
        .collect();
    let scratch = std::env::temp_dir().join(format!("specgen-rustfmt-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("temporary directory is writable");
    let mut files = Vec::new();
    for (i, (_, code)) in outputs.iter().enumerate() {
        let file = scratch.join(format!("case_{i}.rs"));
        std::fs::write(&file, code).expect("temporary file is writable");
        files.push(file);
    }
    let checked = std::process::Command::new("rustfmt")
        .args(["--check", "--edition", "2021"])
        .args(&files)
        .output()
        .expect("rustfmt runs (`rustup component add rustfmt`)");
    std::fs::remove_dir_all(&scratch).ok();
    let mut report = String::from_utf8_lossy(&checked.stdout).into_owned();
    for (i, (golden, _)) in outputs.iter().enumerate() {
        report = report.replace(&format!("case_{i}.rs"), &golden.display().to_string());
    }
    assert!(
        checked.status.success(),
        "rustfmt would reformat generated code:\n{report}{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn generation_is_deterministic() {
    for case in cases() {
        assert_eq!(
            generate(&case),
            generate(&case),
            "{} generated differently twice",
            case.spec.display()
        );
    }
}

/// `Config::derive` and `Config::replace_type` paths reach the output spelled canonically,
/// a replaced schema is not generated, and a string that is not a path is refused.
#[test]
fn user_derives_and_replacements_are_used() {
    let spec = workspace().join("specs/paxos-identity-v2.yaml");
    let generated = specgen::Config::new()
        .spec(&spec)
        .derive("schemars :: JsonSchema")
        .replace_type("Address", "crate::shared::Address")
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = &generated[0].code;
    assert!(
        !code.contains("pub struct Address"),
        "the replaced type is not generated"
    );
    assert!(
        code.contains("Option<crate::shared::Address>"),
        "fields use the replacement"
    );
    assert!(
        code.contains("    schemars::JsonSchema,\n"),
        "structs derive it"
    );
    assert!(
        code.contains("Ord, schemars::JsonSchema)]"),
        "enums derive it"
    );

    let refused = specgen::Config::new()
        .spec(&spec)
        .derive("not a path")
        .generate_code();
    assert!(refused.is_err(), "a derive that is not a path is refused");
}
