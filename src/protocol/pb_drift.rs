//! Keeps the committed `pb.rs` in step with `client.proto`.
//!
//! The test compiles `client.proto` with `protox` (pure Rust, no `protoc`), runs `prost-build` on the result into a
//! temporary directory and compares with the committed file. Set `UPDATE_PB=1` to rewrite `pb.rs` instead:
//! `UPDATE_PB=1 cargo test --lib protocol::pb_drift`.

use std::path::{Path, PathBuf};

/// Prepended to prost-build's output in the committed file.
const HEADER: &str = "\
// Generated from src/protocol/client.proto by prost-build (driven by protox) in the test
// src/protocol/pb_drift.rs. Do not edit by hand; regenerate with:
//     UPDATE_PB=1 cargo test --lib protocol::pb_drift
";

const PKG: &str = ".centrifugal.centrifuge.protocol";

/// Messages the JSON codec decodes with serde; their `bytes` fields take the raw JSON text of the value.
const DESERIALIZED: &[(&str, &[&str])] = &[
    ("Command", &[]),
    ("EmulationRequest", &["data"]),
    ("ConnectRequest", &["data"]),
    ("SubscribeRequest", &["data"]),
    ("UnsubscribeRequest", &[]),
    ("PublishRequest", &["data"]),
    ("PresenceRequest", &[]),
    ("PresenceStatsRequest", &[]),
    ("HistoryRequest", &[]),
    ("StreamPosition", &[]),
    ("PingRequest", &[]),
    ("SendRequest", &["data"]),
    ("RPCRequest", &["data"]),
    ("RefreshRequest", &[]),
    ("SubRefreshRequest", &[]),
    ("TrackBatch", &[]),
    ("KeyedItem", &[]),
    ("FilterNode", &[]),
];

fn proto_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/protocol")
}

/// Runs the generator and returns the full text `pb.rs` should have.
fn generate() -> String {
    let dir = proto_dir();
    let fds = protox::compile(["client.proto"], [&dir]).expect("client.proto compiles");
    let out = std::env::temp_dir().join(format!("centrifugo-pb-drift-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    let mut cfg = prost_build::Config::new();
    cfg.out_dir(&out)
        // Payloads are shared between subscribers without copying.
        .bytes(["."])
        // Sorted maps keep encoded output deterministic (tags, presence, subs).
        .btree_map(["."]);
    for (msg, raw_fields) in DESERIALIZED {
        cfg.type_attribute(
            format!("{PKG}.{msg}"),
            "#[derive(serde::Deserialize)]\n#[serde(default)]",
        );
        for f in *raw_fields {
            cfg.field_attribute(
                format!("{PKG}.{msg}.{f}"),
                "#[serde(deserialize_with = \"crate::protocol::raw_bytes\")]",
            );
        }
    }
    cfg.compile_fds(fds).expect("prost-build");
    let path = out.join("centrifugal.centrifuge.protocol.rs");
    let body = std::fs::read_to_string(&path).expect("generated file");
    let _ = std::fs::remove_dir_all(&out);
    format!("{HEADER}{body}")
}

/// Compares the committed generated file at `path` with `want` (or, with `UPDATE_PB` set,
/// rewrites it); on a difference, fails naming the first differing line and the `update` command.
pub(crate) fn check_generated(path: &Path, want: &str, source: &str, update: &str) {
    if std::env::var_os("UPDATE_PB").is_some() {
        std::fs::write(path, want).expect("write the generated file");
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have != want {
        let line = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| have.lines().count().min(want.lines().count()))
            + 1;
        panic!(
            "{} is out of date with {source} (first difference at line {line}).\n\
             Regenerate it with: {update}",
            path.display()
        );
    }
}

#[test]
fn committed_pb_rs_matches_client_proto() {
    check_generated(
        &proto_dir().join("pb.rs"),
        &generate(),
        "src/protocol/client.proto",
        "UPDATE_PB=1 cargo test --lib protocol::pb_drift",
    );
}
