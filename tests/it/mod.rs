//! Integration test modules and the shared harness.

mod api;
mod cli;
mod client_protocol;
mod lifetimes;
mod recovery;
pub mod common;
mod sdk;
