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
//!
//! A fixture may come with options: `name.options` beside `name.yaml` holds one
//! `specgen generate` option and its value per line (`--include-tag loans`); the selection
//! options and `--keep-unused-schemas` (a flag, alone on its line) are the ones supported.

mod oracle;

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
    /// From the fixture's `.options` file: option and value.
    options: Vec<(String, String)>,
    configure: Configure,
}

/// Settings beyond the `.options` file (most cases: none).
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

/// The options of `spec`'s `.options` file, if it has one.
fn options(spec: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(spec.with_extension("options")) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (option, value) = line.split_once(' ').unwrap_or((line, ""));
            (option.to_string(), value.trim().to_string())
        })
        .collect()
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
                options: options(&spec),
                spec: spec.clone(),
                configure: defaults,
            });
            let variants = VARIANTS
                .iter()
                .filter(|(name, _, _)| spec.file_name().is_some_and(|f| f == *name));
            for (_, variant, configure) in variants {
                cases.push(Case {
                    golden: root.join(golden).join(format!("{stem}_{variant}.rs")),
                    module: format!("{prefix}{stem}_{variant}"),
                    options: options(&spec),
                    spec: spec.clone(),
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

/// The configuration of a case: its spec, with its `.options` selection and its variant's
/// settings.
fn config(case: &Case) -> specgen::Config {
    let mut selection = specgen::Selection::default();
    for (option, value) in &case.options {
        selection
            .add_option(option, value)
            .unwrap_or_else(|e| panic!("{}: {e}", case.spec.display()));
    }
    (case.configure)(
        specgen::Config::new()
            .spec(&case.spec)
            .selection(&selection),
    )
}

fn generate(case: &Case) -> String {
    let generated = config(case)
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

/// Every golden parses, and declares exactly the items the IR says: no more (nothing a spec
/// says becomes an item), no fewer.
#[test]
fn generated_code_declares_exactly_the_ir_items() {
    for case in cases() {
        let code = generate(&case);
        oracle::assert_declares_expected(&case.spec, &config(&case), &code);
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
    let replaced = specgen::Config::new().replace_type("Address", "crate::shared::Address");
    oracle::assert_declares_expected(&spec, &replaced, code);
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
        !code.contains("serde_struct!")
            && code.contains("#[serde(default, skip_serializing_if = \"Option::is_none\")]"),
        "with user derives, structs keep serde's derives and attributes for them to read"
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

/// The oracle itself: what it must refuse.
#[test]
fn oracle_refuses_stray_items_and_text_that_does_not_parse() {
    assert!(oracle::declared_by("pub struct A {}\npub fn injected() {}\n").is_err());
    assert!(oracle::declared_by("pub struct A {}\nimpl B {}\n").is_err());
    assert!(oracle::declared_by("pub struct A {\n").is_err());
    let found = oracle::declared_by("pub struct A {}\nimpl A {}\npub mod servers {}\n").unwrap();
    assert_eq!(found, ["A", "servers"].map(String::from).into());
}

/// `Config::paginate` wins over the spec's extension (here one that would not even fit),
/// and `Config::no_pagination` over detection.
#[test]
fn build_script_pagination_wins_over_the_spec() {
    let root = workspace();
    let broken = root.join("tests/fixtures/broken/pagination-unknown-param.yaml");
    let generated = specgen::Config::new()
        .spec(&broken)
        .paginate(
            "listIdentities",
            specgen::Pagination::cursor("page_cursor", "next_page_cursor", "items"),
        )
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = &generated[0].code;
    assert!(code.contains("pub fn list_identities_pages("), "{code}");
    assert!(code.contains("|params| &mut params.page_cursor,"), "{code}");
    assert!(code.contains(".items(|page| page.items)"), "{code}");

    let fixture = root.join("tests/fixtures/specs/pagination.yaml");
    let generated = specgen::Config::new()
        .spec(&fixture)
        .no_pagination("listIdentities")
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = &generated[0].code;
    assert!(!code.contains("pub fn list_identities_pages("));
    assert!(code.contains("pub fn list_identity_documents_pages("));
}

/// A selection renumbers the kept types; a paginated operation's page and item types
/// follow, so its stream methods are written exactly as without the selection.
#[test]
fn selection_keeps_pagination_pointing_at_the_right_types() {
    let spec = workspace().join("tests/fixtures/specs/pagination.yaml");
    let method = |code: &str| {
        let start = code
            .find("pub fn list_identity_documents_pages(")
            .unwrap_or_else(|| panic!("no pages method in:\n{code}"));
        let end = start + code[start..].find("\n    }\n").expect("the method ends");
        code[start..end].to_string()
    };
    let full = specgen::Config::new()
        .spec(&spec)
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    let selected_config = specgen::Config::new().include_operations(["listIdentityDocuments"]);
    let selected = selected_config
        .clone()
        .spec(&spec)
        .generate_code()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(method(&selected[0].code), method(&full[0].code));
    oracle::assert_declares_expected(&spec, &selected_config, &selected[0].code);
}
