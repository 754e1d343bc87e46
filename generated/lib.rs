//! Golden output of specgen, compiled so that a regression in generated code fails the build.
//! Rewritten by `SPECGEN_BLESS=1 cargo test -p specgen --test golden`; do not edit.

#![deny(warnings)]

#[path = "bitgo_evs_kyc.rs"]
pub mod bitgo_evs_kyc;

#[path = "paxos_identity_v2_revised.rs"]
pub mod paxos_identity_v2_revised;

#[path = "paxos_identity_v2.rs"]
pub mod paxos_identity_v2;
