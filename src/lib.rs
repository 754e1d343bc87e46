//! Typed clients for the identity APIs in specs/.
