//! Conformance with the official SDKs: centrifuge-js, centrifuge-python and cent drive our real server.
//!
//! The scripts live in tests/sdk (installed by tests/sdk/setup.sh) and print `N passed, M failed`.

use super::common::TestServer;
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

/// Runs one conformance script against the server and fails the test with its output unless it passed.
async fn run_script(server: &TestServer, program: &str, args: &[&str]) {
    let dir = sdk_dir();
    assert!(
        dir.join("node_modules").exists(),
        "SDK dependencies are missing: run tests/sdk/setup.sh first (the README's test command does)"
    );
    let out = tokio::process::Command::new(program)
        .args(args)
        .current_dir(&dir)
        .env("CF_WS_URL", server.ws_url())
        .env("CF_API_URL", server.api_url())
        .env("CF_API_KEY", "conformance-api-key")
        .env("CF_HMAC_SECRET", "conformance-hmac-secret-change-me")
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{stdout}\n{stderr}"
    );
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed"))
        .unwrap_or("");
    assert!(
        summary.ends_with(" 0 failed") && !summary.starts_with("0 passed"),
        "unexpected summary: {summary:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn centrifuge_js_conformance() {
    let s = start().await;
    run_script(&s, "node", &["js/conformance.mjs"]).await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn centrifuge_python_conformance() {
    let s = start().await;
    run_script(&s, "./python.sh", &["python/client_test.py"]).await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cent_api_client_conformance() {
    let s = start().await;
    run_script(&s, "./python.sh", &["python/cent_test.py"]).await;
    s.stop().await;
}
