//! specgen library
