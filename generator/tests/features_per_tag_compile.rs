//! A crate written by `specgen generate --crate … --features-per-tag` compiles under
//! `#![deny(warnings)]` with no feature, with each feature alone and with all of them: an
//! item never refers to one compiled under fewer features.
//!
//! The fixture (`tests/fixtures/specs/selection.yaml`) has three tags whose operations
//! share types, an operation with two tags, an untagged one and a component no operation
//! uses (kept: `--keep-unused-schemas`). It runs `cargo check` five times, so it is ignored by default and run by `.ci/run`:
//!
//! ```text
//! cargo test -p specgen --test features_per_tag_compile -- --ignored
//! ```

mod common;

use std::process::Command;

#[test]
#[ignore = "checks a generated crate under five feature sets: run with --ignored"]
fn every_feature_alone_none_and_all_compile() {
    let workspace = common::workspace();
    let krate = common::scratch("features-per-tag").join("library");
    let spec = workspace.join("tests/fixtures/specs/selection.yaml");
    let run = common::specgen(&[
        "generate",
        spec.to_str().unwrap(),
        "--crate",
        krate.to_str().unwrap(),
        "--name",
        "features-per-tag-fixture",
        "--runtime-path",
        workspace.join("runtime").to_str().unwrap(),
        "--features-per-tag",
        "--keep-unused-schemas",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).unwrap();
    let features: Vec<&str> = manifest
        .split("[features]\n")
        .nth(1)
        .expect("a [features] table")
        .lines()
        .filter_map(|line| line.strip_suffix(" = []"))
        .filter(|name| *name != "default")
        .collect();
    assert_eq!(features, ["books", "loans", "members"]);
    // Standalone (it sits inside this workspace's target/), pinned by the workspace's lock.
    std::fs::write(
        krate.join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let lib = std::fs::read_to_string(krate.join("src/lib.rs")).unwrap();
    std::fs::write(
        krate.join("src/lib.rs"),
        format!("#![deny(warnings)]\n{lib}"),
    )
    .unwrap();

    // One target directory for all: the dependencies are built once (usually already).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    let mut feature_sets: Vec<Vec<&str>> = vec![Vec::new()];
    feature_sets.extend(features.iter().map(|feature| vec![*feature]));
    feature_sets.push(features.clone());
    for set in feature_sets {
        let output = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--offline", "--no-default-features"])
            .args(["--features", &set.join(",")])
            .env("CARGO_TARGET_DIR", &target)
            .current_dir(&krate)
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "the crate in {} does not compile with features {set:?}:\n{}",
            krate.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
