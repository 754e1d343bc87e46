//! The README's client examples are the files in `examples/`, which `cargo test` and
//! clippy build: each README example must be a verbatim copy of one, so it cannot rot.

use std::path::Path;

/// One example per generated module (`src/lib.rs`).
const MODULES: [&str; 4] = [
    "paxos_identity_v2",
    "paxos_identity_v2_revised",
    "paxos_identity_v2_preview",
    "bitgo_evs_kyc",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The contents of the README's ```rust blocks, each with the line just before it.
fn rust_blocks(readme: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut previous = "";
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim_end() == "```rust" {
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| l.trim_end() != "```")
                .collect();
            blocks.push((previous.to_owned(), body.join("\n") + "\n"));
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    blocks
}

#[test]
fn every_client_has_a_readme_example_that_is_built() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = read(&root.join("README.md"));
    let blocks = rust_blocks(&readme);
    for module in MODULES {
        let file = format!("examples/{module}.rs");
        let example = read(&root.join(&file));
        assert!(
            example.contains(&format!("identity_clients::{module}::")),
            "{file} does not use the {module} client"
        );
        let (intro, _) = blocks
            .iter()
            .find(|(_, body)| *body == example)
            .unwrap_or_else(|| {
                panic!(
                    "README.md has no ```rust block equal to {file}: copy the file into the \
                     README (or the README's example back into the file) so they match"
                )
            });
        assert!(
            intro.contains(&file),
            "the line before the README's copy of {file} should name it, found {intro:?}"
        );
    }
}

#[test]
fn rust_blocks_are_found_with_their_intro() {
    let text = "Intro `examples/a.rs`:\n\n```rust\nfn main() {}\n```\nno\n```sh\nls\n```\n";
    assert_eq!(
        rust_blocks(text),
        [(
            "Intro `examples/a.rs`:".to_owned(),
            "fn main() {}\n".to_owned()
        )]
    );
}
