//! Keeps the committed `api_pb.rs` in step with `api.proto`, as `protocol::pb_drift` does for the
//! client protocol: `protox` compiles the proto (no `protoc`), `prost-build` generates into a
//! temporary directory, and the result must equal the committed file. Set `UPDATE_PB=1` to
//! rewrite `api_pb.rs` instead: `UPDATE_PB=1 cargo test --lib api::api_pb_drift`.

use std::path::{Path, PathBuf};

/// Prepended to prost-build's output in the committed file.
const HEADER: &str = "\
// Generated from src/api/api.proto by prost-build (driven by protox) in the test
// src/api/api_pb_drift.rs. Do not edit by hand; regenerate with:
//     UPDATE_PB=1 cargo test --lib api::api_pb_drift
";

fn proto_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api")
}

/// Runs the generator and returns the full text `api_pb.rs` should have.
fn generate() -> String {
    let dir = proto_dir();
    let fds = protox::compile(["api.proto"], [&dir]).expect("api.proto compiles");
    let out = std::env::temp_dir().join(format!("centrifugo-api-pb-drift-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    let mut cfg = prost_build::Config::new();
    cfg.out_dir(&out)
        // Payloads go to and come from the executor as Bytes without copying.
        .bytes(["."])
        // Sorted maps keep encoded responses deterministic (presence, channels, tags).
        .btree_map(["."]);
    cfg.compile_fds(fds).expect("prost-build");
    let path = out.join("centrifugal.centrifugo.api.rs");
    let body = std::fs::read_to_string(&path).expect("generated file");
    let _ = std::fs::remove_dir_all(&out);
    format!("{HEADER}{body}")
}

#[test]
fn committed_api_pb_rs_matches_api_proto() {
    crate::protocol::pb_drift::check_generated(
        &proto_dir().join("api_pb.rs"),
        &generate(),
        "src/api/api.proto",
        "UPDATE_PB=1 cargo test --lib api::api_pb_drift",
    );
}
