//! Conformance with the official SDKs: centrifuge-js, centrifuge-python and cent drive our real server.
//!
//! The scripts live in tests/sdk (installed by tests/sdk/setup.sh) and print `N passed, M failed`.

use super::common::{assert_script_passed, TestServer};
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn sdk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk")
}

async fn start() -> TestServer {
    let text =
        std::fs::read_to_string(sdk_dir().join("config.json")).expect("tests/sdk/config.json");
    TestServer::start(serde_json::from_str(&text).expect("config json")).await
}

/// Runs one conformance script against the server, with `CF_FORMAT` (json or protobuf) choosing the
/// SDK's wire format, and fails the test with its output unless it passed.
async fn run_script_as(server: &TestServer, format: &str, program: &str, args: &[&str]) {
    run_script_across(server, server, format, program, args).await
}

/// As `run_script_as`, with the SDK clients on `clients` and the server API calls to `api`:
/// on two nodes of one engine, every publication crosses between them.
async fn run_script_across(
    clients: &TestServer,
    api: &TestServer,
    format: &str,
    program: &str,
    args: &[&str],
) {
    run_script(clients, api, format, "websocket", program, args).await
}

/// As `run_script_across`, with `CF_TRANSPORT` forcing the SDK's transport.
async fn run_script(
    clients: &TestServer,
    api: &TestServer,
    format: &str,
    transport: &str,
    program: &str,
    args: &[&str],
) {
    let dir = sdk_dir();
    assert!(
        dir.join("node_modules").exists(),
        "SDK dependencies are missing: run tests/sdk/setup.sh first (the README's test command does)"
    );
    let out = tokio::process::Command::new(program)
        .args(args)
        .current_dir(&dir)
        .env("CF_WS_URL", clients.ws_url())
        .env("CF_API_URL", api.api_url())
        .env("CF_API_KEY", "conformance-api-key")
        .env("CF_HMAC_SECRET", "conformance-hmac-secret-change-me")
        .env("CF_FORMAT", format)
        .env("CF_TRANSPORT", transport)
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert_script_passed(&format!("{program} {args:?}"), &out);
}

/// One test per script and format, each against a fresh server.
macro_rules! sdk_test {
    ($name:ident, $format:expr, $program:expr, $script:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let s = start().await;
            run_script_as(&s, $format, $program, &[$script]).await;
            s.stop().await;
        }
    };
}

sdk_test!(js_conformance_json, "json", "node", "js/conformance.mjs");

/// centrifuge-js forced onto an emulated transport: its commands go to /emulation.
macro_rules! sdk_transport_test {
    ($name:ident, $format:expr, $transport:expr, $script:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let s = start().await;
            run_script(&s, &s, $format, $transport, "node", &[$script]).await;
            s.stop().await;
        }
    };
}

sdk_transport_test!(
    js_conformance_http_stream_json,
    "json",
    "http_stream",
    "js/conformance.mjs"
);
sdk_transport_test!(
    js_conformance_http_stream_protobuf,
    "protobuf",
    "http_stream",
    "js/conformance.mjs"
);
sdk_transport_test!(js_conformance_sse_json, "json", "sse", "js/conformance.mjs");
sdk_transport_test!(
    js_recovery_http_stream_json,
    "json",
    "http_stream",
    "js/recovery.mjs"
);
sdk_transport_test!(js_recovery_sse_json, "json", "sse", "js/recovery.mjs");
sdk_transport_test!(
    js_server_side_http_stream_protobuf,
    "protobuf",
    "http_stream",
    "js/server_side.mjs"
);
sdk_transport_test!(js_server_side_sse_json, "json", "sse", "js/server_side.mjs");
sdk_transport_test!(
    js_conformance_sockjs_websocket,
    "json",
    "sockjs-websocket",
    "js/conformance.mjs"
);
sdk_transport_test!(
    js_conformance_sockjs_xhr_streaming,
    "json",
    "sockjs-xhr-streaming",
    "js/conformance.mjs"
);
sdk_transport_test!(
    js_conformance_sockjs_eventsource,
    "json",
    "sockjs-eventsource",
    "js/conformance.mjs"
);
sdk_transport_test!(
    js_conformance_sockjs_xhr_polling,
    "json",
    "sockjs-xhr-polling",
    "js/conformance.mjs"
);
sdk_test!(
    js_conformance_protobuf,
    "protobuf",
    "node",
    "js/conformance.mjs"
);
sdk_test!(js_recovery_json, "json", "node", "js/recovery.mjs");
sdk_test!(js_recovery_protobuf, "protobuf", "node", "js/recovery.mjs");
sdk_test!(js_lifetimes_json, "json", "node", "js/lifetimes.mjs");
sdk_test!(
    js_lifetimes_protobuf,
    "protobuf",
    "node",
    "js/lifetimes.mjs"
);
sdk_test!(js_server_side_json, "json", "node", "js/server_side.mjs");
sdk_test!(
    js_server_side_protobuf,
    "protobuf",
    "node",
    "js/server_side.mjs"
);
sdk_test!(
    python_client_json,
    "json",
    "./python.sh",
    "python/client_test.py"
);
sdk_test!(
    python_client_protobuf,
    "protobuf",
    "./python.sh",
    "python/client_test.py"
);
sdk_test!(
    cent_api_client,
    "json",
    "./python.sh",
    "python/cent_test.py"
);

/// The SDKs offer permessage-deflate (`ws` and `websockets` do by default): with
/// `websocket.compression` on, every message both ways is deflated (min size 0).
async fn start_compressed() -> TestServer {
    let text =
        std::fs::read_to_string(sdk_dir().join("config.json")).expect("tests/sdk/config.json");
    let mut cfg: serde_json::Value = serde_json::from_str(&text).expect("config json");
    cfg["websocket"] = serde_json::json!({"compression": true, "compression_min_size": 0});
    TestServer::start(cfg).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_conformance_compressed_json() {
    let s = start_compressed().await;
    run_script_as(&s, "json", "node", &["js/conformance.mjs"]).await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_client_compressed_protobuf() {
    let s = start_compressed().await;
    run_script_as(&s, "protobuf", "./python.sh", &["python/client_test.py"]).await;
    s.stop().await;
}

/// Two nodes on one real Redis, with the SDK config: clients connect to the first, the API
/// (publications, presence, history, disconnects) goes to the second.
async fn start_redis_pair() -> (super::engines::servers::Redis, TestServer, TestServer) {
    let redis = super::engines::servers::Redis::start();
    let text =
        std::fs::read_to_string(sdk_dir().join("config.json")).expect("tests/sdk/config.json");
    let mut cfg: serde_json::Value = serde_json::from_str(&text).expect("config json");
    cfg["engine"] = serde_json::json!({"type": "redis", "redis": {"address": redis.url()}});
    let a = TestServer::start(cfg.clone()).await;
    let b = TestServer::start(cfg).await;
    (redis, a, b)
}

macro_rules! sdk_redis_test {
    ($name:ident, $format:expr, $program:expr, $script:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let (_redis, a, b) = start_redis_pair().await;
            run_script_across(&a, &b, $format, $program, &[$script]).await;
            a.stop().await;
            b.stop().await;
        }
    };
}

sdk_redis_test!(
    js_recovery_redis_two_nodes_json,
    "json",
    "node",
    "js/recovery.mjs"
);
sdk_redis_test!(
    js_conformance_redis_two_nodes_protobuf,
    "protobuf",
    "node",
    "js/conformance.mjs"
);
sdk_redis_test!(
    python_client_redis_two_nodes_json,
    "json",
    "./python.sh",
    "python/client_test.py"
);
