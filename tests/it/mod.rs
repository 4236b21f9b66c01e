//! Integration test modules and the shared harness.

mod api;
mod client_protocol;
pub mod common;
mod sdk;
