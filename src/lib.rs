//! Typed async clients for the identity APIs in `specs/`, generated at build time by
//! `specgen` (see `build.rs`).

#![deny(warnings)]

/// Paxos Identity v2 (`specs/paxos-identity-v2.yaml`): get, create and update identities.
pub mod paxos_identity_v2 {
    include!(concat!(env!("OUT_DIR"), "/paxos_identity_v2.rs"));
}

/// Paxos Identity, the newer revision of the identity resource
/// (`specs/paxos-identity-v2-revised.yaml`).
pub mod paxos_identity_v2_revised {
    include!(concat!(env!("OUT_DIR"), "/paxos_identity_v2_revised.rs"));
}

/// BitGo Entity Validation Service KYC (`specs/bitgo-evs-kyc.yaml`).
pub mod bitgo_evs_kyc {
    include!(concat!(env!("OUT_DIR"), "/bitgo_evs_kyc.rs"));
}
