//! Golden output of specgen, compiled so that a regression in generated code fails the build.
#![deny(warnings)]
