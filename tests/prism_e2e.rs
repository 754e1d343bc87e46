//! End to end against an independent implementation of the specs: Prism
//! (`@stoplight/prism-cli`, pinned in `.ci/package-lock.json`) mocks each spec in
//! `specs/` on 127.0.0.1, and every operation of every generated client is driven
//! against it.
//!
//! Prism checks each request against the spec (a non-conforming request gets 422, or
//! the spec's own 400 where it documents one) and that security credentials are
//! present, and it answers with the spec's examples (generated from the schema where a
//! spec has none), which the typed client must parse. The OAuth2 token endpoint is a
//! local `wiremock` server that the test runs itself.
//!
//! Prism is `PRISM_BIN`, else `.ci/node_modules/.bin/prism`, which the first test that
//! needs it installs when it is missing ([`install`]). When Prism cannot be installed,
//! cannot start or does not answer within [`harness::STARTUP_TIMEOUT`], the tests fail
//! with a message saying so: they are never skipped. Each Prism process is killed by its
//! PID when its guard is dropped, on panic and on timeout too.
//!
//! - [`paxos`]: Paxos Identity v2 as first documented, today's reference, and the
//!   preview revision;
//! - [`bitgo`]: BitGo EVS KYC;
//! - [`flows`]: what takes several requests, against `wiremock` instead of Prism (whose
//!   answers come from the spec and cannot point at the next page or a storage host):
//!   the item stream over several pages, and both document uploads byte for byte;
//! - [`harness`]: Prism, the token endpoint, the specs; [`install`]: Prism's install.

#[path = "prism_e2e/bitgo.rs"]
mod bitgo;
#[path = "prism_e2e/flows.rs"]
mod flows;
#[path = "prism_e2e/harness.rs"]
mod harness;
#[path = "prism_e2e/install.rs"]
mod install;
#[path = "support/multipart.rs"]
mod multipart;
#[path = "prism_e2e/paxos.rs"]
mod paxos;

use std::collections::BTreeSet;

use harness::manifest_dir;

/// The specs this file drives, one test each; `every_spec_is_driven_end_to_end` keeps
/// it equal to the contents of `specs/`.
const DRIVEN_SPECS: [&str; 4] = [
    "bitgo-evs-kyc.yaml",
    "paxos-identity-v2-preview.yaml",
    "paxos-identity-v2-revised.yaml",
    "paxos-identity-v2.yaml",
];

#[test]
fn every_spec_is_driven_end_to_end() {
    let dir = manifest_dir().join("specs");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| {
            entry
                .expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    let driven: BTreeSet<String> = DRIVEN_SPECS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        on_disk, driven,
        "every spec in specs/ needs a test in tests/prism_e2e/ driving all its operations"
    );
}
