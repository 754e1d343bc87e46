//! `specgen generate`: a module, a standalone crate, `--check`, warnings and exit codes.

mod common;

use common::{scratch, specgen};

const SPEC: &str = "tests/fixtures/generate/pets.yaml";

fn expected_module() -> String {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC);
    specgen::Config::new()
        .spec(spec)
        .generate_code()
        .expect("the fixture generates")
        .remove(0)
        .code
}

#[test]
fn module_is_written_and_warnings_go_to_stderr() {
    let dir = scratch("generate-module");
    let out = dir.join("pets.rs");
    let run = specgen(&["generate", SPEC, "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected_module());
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains(&format!(
            "{SPEC}:30:9: warning: `not` cannot be expressed as a Rust type"
        )),
        "{}",
        run.stderr
    );
}

/// `--exhaustive-types` removes `#[non_exhaustive]` and nothing else: constructors and
/// setters stay, so code written against the default API keeps compiling.
#[test]
fn exhaustive_types_only_drop_the_non_exhaustive_attributes() {
    let dir = scratch("generate-exhaustive");
    let out = dir.join("pets.rs");
    let run = specgen(&[
        "generate",
        SPEC,
        "-o",
        out.to_str().unwrap(),
        "--exhaustive-types",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exhaustive = std::fs::read_to_string(&out).unwrap();
    let default = expected_module();
    assert!(default.contains("#[non_exhaustive]\npub struct"));
    assert!(exhaustive.contains("pub fn new("));
    assert_eq!(exhaustive, default.replace("#[non_exhaustive]\n", ""));
}

#[test]
fn check_names_a_stale_module_and_writes_nothing() {
    let dir = scratch("generate-check");
    let out = dir.join("pets.rs");
    let out_arg = out.to_str().unwrap();
    assert_eq!(specgen(&["generate", SPEC, "-o", out_arg]).code, 0);

    let fresh = specgen(&["generate", SPEC, "-o", out_arg, "--check"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);

    let edited = format!("{}// a hand edit\n", expected_module());
    std::fs::write(&out, &edited).unwrap();
    let stale = specgen(&["generate", SPEC, "-o", out_arg, "--check"]);
    assert_eq!(stale.code, 1);
    assert!(
        stale.stderr.contains(&format!("stale: {out_arg}")),
        "{}",
        stale.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), edited);

    let missing = dir.join("missing.rs");
    let run = specgen(&["generate", SPEC, "-o", missing.to_str().unwrap(), "--check"]);
    assert_eq!(run.code, 1);
    assert!(!missing.exists());
}

#[test]
fn crate_has_manifest_lib_and_module() {
    let dir = scratch("generate-crate");
    let krate = dir.join("pets-client");
    let runtime = common::workspace().join("runtime");
    let run = specgen(&[
        "generate",
        SPEC,
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "pets-client",
        "--runtime-path",
        runtime.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"pets-client\"\n"), "{manifest}");
    assert!(manifest.contains("version = \"0.1.0\"\n"), "{manifest}");
    // target/tmp/cli-generate-crate/pets-client → ../../../../runtime
    assert!(
        manifest.contains("specgen-runtime = { path = \"../../../../runtime\" }\n"),
        "{manifest}"
    );
    let lib = std::fs::read_to_string(krate.join("src/lib.rs")).unwrap();
    assert!(lib.contains("include!(\"pets.rs\");"), "{lib}");
    assert_eq!(
        std::fs::read_to_string(krate.join("src/pets.rs")).unwrap(),
        expected_module()
    );

    // A version bump survives regeneration, and the crate stays up to date.
    std::fs::write(
        krate.join("Cargo.toml"),
        manifest.replace("version = \"0.1.0\"", "version = \"2.0.0\""),
    )
    .unwrap();
    let crate_args = [
        "generate",
        SPEC,
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "pets-client",
        "--runtime-path",
        runtime.to_str().unwrap(),
    ];
    assert_eq!(specgen(&crate_args).code, 0);
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"2.0.0\"\n"), "{manifest}");
    let check = specgen(&[&crate_args[..], &["--check"]].concat());
    assert_eq!(check.code, 0, "{}", check.stderr);

    std::fs::remove_file(krate.join("src/lib.rs")).unwrap();
    let check = specgen(&[&crate_args[..], &["--check"]].concat());
    assert_eq!(check.code, 1);
    assert!(check.stderr.contains("lib.rs"), "{}", check.stderr);
}

#[test]
fn crate_without_runtime_path_depends_by_version() {
    let dir = scratch("generate-crate-version");
    let krate = dir.join("c");
    let run = specgen(&[
        "generate",
        SPEC,
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "c",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    let dependency = format!("specgen-runtime = \"{}\"\n", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&dependency), "{manifest}");
}

#[test]
fn errors_and_usage() {
    let dir = scratch("generate-errors");
    let out = dir.join("x.rs");
    let out = out.to_str().unwrap();

    let broken = specgen(&["generate", "tests/fixtures/generate/broken.yaml", "-o", out]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains(
            "tests/fixtures/generate/broken.yaml:14:15: unresolved reference `#/components/schemas/Missing`"
        ),
        "{}",
        broken.stderr
    );

    let missing = specgen(&["generate", "tests/fixtures/generate/none.yaml", "-o", out]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("cannot read the spec"));

    assert_eq!(specgen(&["generate", SPEC]).code, 2, "a target is required");
    assert_eq!(
        specgen(&["generate", SPEC, "--crate", "x"]).code,
        2,
        "--crate needs --name"
    );
    let bad_name = specgen(&["generate", SPEC, "--crate", out, "--name", "9 lives"]);
    assert_eq!(bad_name.code, 2);
    assert!(bad_name.stderr.contains("not a valid package name"));
}

/// The fixture with three tags, shared types and an untagged operation.
const TAGGED: &str = "../tests/fixtures/specs/selection.yaml";

/// The selection flags give what the same selection on `Config` gives: the golden output.
#[test]
fn selection_flags_choose_the_operations() {
    let dir = scratch("generate-selection");
    let out = dir.join("selection.rs");
    let run = specgen(&[
        "generate",
        TAGGED,
        "-o",
        out.to_str().unwrap(),
        "--include-tag",
        "loans",
        "--include-operation",
        "deleteBook",
        "--exclude-operation",
        "returnLoan",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let golden = common::workspace().join("generated/fixtures/selection.rs");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(golden).unwrap()
    );
}

/// Unknown names fail with the close matches and what the spec has; a selection that keeps
/// nothing fails too; neither writes a file.
#[test]
fn selection_errors_name_close_matches() {
    let dir = scratch("generate-selection-errors");
    let out = dir.join("x.rs");
    let out_arg = out.to_str().unwrap();
    let run = specgen(&[
        "generate",
        TAGGED,
        "-o",
        out_arg,
        "--include-tag",
        "Loans",
        "--exclude-operation",
        "listBook",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "error: {TAGGED}: the selection names what no operation of the spec has: tag `Loans` \
             (close matches: `loans`); operationId `listBook` (close matches: `listBooks`)\n  \
             help: the spec's tags: `books`, `loans`, `members`; its operationIds: `addMember`, \
             `deleteBook`, `getHealth`, `getMemberStanding`, `listBooks`, `listLoanNotices`, \
             `openLoan`, `returnLoan`, `searchCatalog`\n"
        )
    );
    let run = specgen(&[
        "generate",
        TAGGED,
        "-o",
        out_arg,
        "--include-tag",
        "books",
        "--exclude-tag",
        "books",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the selection keeps no operation"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

/// The `#[cfg(…)]` line of the item declared on `declaration`, if it has one (items are
/// separated by a blank line).
fn cfg_of<'c>(code: &'c str, declaration: &str) -> Option<&'c str> {
    let at = code
        .find(&format!("\n{declaration}"))
        .unwrap_or_else(|| panic!("`{declaration}` is generated"));
    code[..at]
        .lines()
        .rev()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim_start)
        .find(|line| line.starts_with("#[cfg("))
}

#[test]
fn features_per_tag_gate_operations_and_the_types_only_they_use() {
    let dir = scratch("generate-features");
    let krate = dir.join("library");
    let args = [
        "generate",
        TAGGED,
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "library",
        "--features-per-tag",
        "--keep-unused-schemas",
    ];
    let run = specgen(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(
        manifest.ends_with("[features]\ndefault = []\nbooks = []\nloans = []\nmembers = []\n"),
        "{manifest}"
    );
    let code = std::fs::read_to_string(krate.join("src/selection.rs")).unwrap();
    assert_eq!(
        cfg_of(&code, "pub struct Loan {"),
        Some("#[cfg(feature = \"loans\")]")
    );
    assert_eq!(
        cfg_of(&code, "pub struct OnLoanConflict {"),
        Some("#[cfg(feature = \"books\")]")
    );
    assert_eq!(
        cfg_of(&code, "pub struct SearchCatalogResponse {"),
        Some("#[cfg(any(feature = \"books\", feature = \"members\"))]")
    );
    assert_eq!(
        cfg_of(&code, "impl Loan {"),
        Some("#[cfg(feature = \"loans\")]"),
        "every item of a type is gated"
    );
    assert_eq!(
        cfg_of(&code, "    pub enum LoanStatus {"),
        Some("#[cfg(feature = \"members\")]"),
        "a string enum's macro call is gated"
    );
    for always in [
        "pub struct Health {",
        "    pub enum Genre {",
        "pub struct Catalogue {",
    ] {
        assert_eq!(cfg_of(&code, always), None, "{always}");
    }
    assert_eq!(
        cfg_of(&code, "    pub async fn open_loan("),
        Some("#[cfg(feature = \"loans\")]")
    );
    assert_eq!(cfg_of(&code, "    pub async fn get_health("), None);

    // Without `--keep-unused-schemas`, the component no operation uses is not generated.
    let run = specgen(&args[..args.len() - 1]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let code = std::fs::read_to_string(krate.join("src/selection.rs")).unwrap();
    assert!(!code.contains("pub struct Catalogue {"));
    assert!(code.contains(
        "\n// 2 schemas no operation uses are left out; `keep_unused_schemas` keeps them.\n"
    ));

    let run = specgen(&[&args[..], &["--default-features", "all"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("default = [\"books\", \"loans\", \"members\"]\n"),
        "{manifest}"
    );

    let out = dir.join("x.rs");
    let module = specgen(&[
        "generate",
        TAGGED,
        "-o",
        out.to_str().unwrap(),
        "--features-per-tag",
    ]);
    assert_eq!(module.code, 2, "features need a crate to declare them");
    let defaults = specgen(&[&args[..6], &["--default-features", "all"]].concat());
    assert_eq!(
        defaults.code, 2,
        "--default-features needs --features-per-tag"
    );
}

/// The generated crate compiles. Not run by default: outside the workspace it resolves its
/// own dependency graph and builds it (about two minutes on two cores).
#[test]
#[ignore = "builds the runtime's dependencies from scratch; run with --ignored"]
fn generated_crate_passes_cargo_check() {
    let dir = scratch("generate-cargo-check");
    let krate = dir.join("pets-client");
    let runtime = common::workspace().join("runtime");
    let run = specgen(&[
        "generate",
        SPEC,
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "pets-client",
        "--runtime-path",
        runtime.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Standalone: the workspace's lock file pins the same versions, offline.
    std::fs::copy(
        common::workspace().join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    std::fs::write(krate.join("Cargo.toml"), {
        let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
        // target/tmp sits inside this workspace; declare the crate its own workspace.
        format!("{manifest}\n[workspace]\n")
    })
    .unwrap();
    let status = std::process::Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet"])
        .current_dir(&krate)
        .status()
        .expect("cargo runs");
    let _ = std::fs::remove_dir_all(krate.join("target"));
    assert!(status.success());
}
