//! Integration test modules and the shared harness.

mod abuse;
mod admin;
mod api;
mod bench;
mod cli;
mod client_protocol;
mod cluster;
pub(crate) mod common;
mod engines;
mod fuzz_seeds;
mod grpc_api;
mod jwks;
mod layout;
mod lifetimes;
mod metrics;
mod protobuf;
mod proxy;
mod recovery;
mod rpc;
mod sdk;
mod trace;
mod transports;
mod unidirectional;
mod unigrpc;
