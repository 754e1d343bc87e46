//! Typed async clients for the identity APIs in `specs/`, generated at build time by
//! `specgen` (see `build.rs`).

#![deny(warnings)]

/// Paxos Identity v2 as first documented (`specs/paxos-identity-v2.yaml`): get, create
/// and update identities.
pub mod paxos_identity_v2 {
    include!(concat!(env!("OUT_DIR"), "/paxos_identity_v2.rs"));
}

/// Paxos Identity v2 as today's API reference documents it
/// (`specs/paxos-identity-v2-revised.yaml`): identities, documents, institution and
/// account members, accounts, identity controls and the sandbox helpers.
pub mod paxos_identity_v2_revised {
    include!(concat!(env!("OUT_DIR"), "/paxos_identity_v2_revised.rs"));
}

/// Paxos Identity, the preview revision of the identity resource documented by one of
/// the first pages (`specs/paxos-identity-v2-preview.yaml`).
pub mod paxos_identity_v2_preview {
    include!(concat!(env!("OUT_DIR"), "/paxos_identity_v2_preview.rs"));
}

/// BitGo Entity Validation Service KYC (`specs/bitgo-evs-kyc.yaml`).
pub mod bitgo_evs_kyc {
    include!(concat!(env!("OUT_DIR"), "/bitgo_evs_kyc.rs"));
}
