//! Generates one client module per spec in `specs/` into `OUT_DIR` (see `src/lib.rs`).

const SPECS: &[&str] = &[
    "specs/paxos-identity-v2.yaml",
    "specs/paxos-identity-v2-revised.yaml",
    "specs/paxos-identity-v2-preview.yaml",
    "specs/bitgo-evs-kyc.yaml",
];

fn main() {
    let config = SPECS
        .iter()
        .fold(specgen::Config::new(), |config, spec| config.spec(spec));
    if let Err(error) = config.generate() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
