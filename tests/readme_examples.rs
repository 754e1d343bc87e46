//! The README's client examples are the files in `examples/`, which `cargo test` and
//! clippy build: each of them must have a verbatim copy in the README, so it cannot rot.

use std::path::Path;

/// The generated modules (`src/lib.rs`): each has at least one example.
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

/// The client examples: `examples/*.rs` (the directories there are crates of their own).
fn example_files(root: &Path) -> Vec<String> {
    let dir = root.join("examples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs"))
        .map(|name| format!("examples/{name}"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_is_in_the_readme_and_every_client_has_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = read(&root.join("README.md"));
    let blocks = rust_blocks(&readme);
    let examples: Vec<(String, String)> = example_files(root)
        .into_iter()
        .map(|file| {
            let example = read(&root.join(&file));
            (file, example)
        })
        .collect();
    for (file, example) in &examples {
        let (intro, _) = blocks
            .iter()
            .find(|(_, body)| body == example)
            .unwrap_or_else(|| {
                panic!(
                    "README.md has no ```rust block equal to {file}: copy the file into the \
                     README (or the README's example back into the file) so they match"
                )
            });
        assert!(
            intro.contains(file.as_str()),
            "the line before the README's copy of {file} should name it, found {intro:?}"
        );
    }
    for module in MODULES {
        let uses = format!("identity_clients::{module}::");
        assert!(
            examples.iter().any(|(_, example)| example.contains(&uses)),
            "no example in examples/ uses the {module} client"
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
