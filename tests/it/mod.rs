//! Integration test modules and the shared harness.

pub mod common;
mod api;
mod client_protocol;
mod sdk;
