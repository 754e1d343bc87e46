//! Over-the-wire tests of specgen-runtime against `wiremock` servers on loopback.
//!
//! One test binary (modules, not files in `tests/`) so the suite links once.

mod common;
mod errors;
mod oauth2;
mod paging;
mod presigned;
mod redaction;
mod requests;
mod retry;
