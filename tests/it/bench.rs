//! `centrifugo bench` against the in-process server: every scenario runs briefly and must report
//! sane numbers (all connections accepted, every publication delivered exactly once), never speeds.

use crate::it::common::{base_config, TestServer, API_KEY, SECRET};
use serde_json::Value;
use std::time::Duration;

/// Runs `centrifugo bench --json <args>` against `srv`; returns (exit success, parsed report).
async fn bench(srv: &TestServer, args: &[&str]) -> (bool, Value, String) {
    bench_as(srv, SECRET, API_KEY, args).await
}

/// `bench` signing tokens with `secret` and calling the API with `key`.
async fn bench_as(
    srv: &TestServer,
    secret: &str,
    key: &str,
    args: &[&str],
) -> (bool, Value, String) {
    let url = srv.ws_url();
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_centrifugo"));
    cmd.args([
        "bench",
        "--url",
        &url,
        "--hmac-secret",
        secret,
        "--api-key",
        key,
    ])
    .args(["--json", "--timeout", "20"])
    .args(args)
    .current_dir(std::env::temp_dir())
    .kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(30), cmd.output())
        .await
        .expect("bench finished in time")
        .expect("bench ran");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let report = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
    (out.status.success(), report, stderr)
}

fn metric(report: &Value, name: &str) -> u64 {
    report["metrics"][name]
        .as_u64()
        .unwrap_or_else(|| panic!("metric {name} in {report}"))
}

fn assert_delivered_once(report: &Value, expected: u64) {
    assert_eq!(metric(report, "expected"), expected, "{report}");
    assert_eq!(metric(report, "delivered"), expected, "{report}");
    assert_eq!(metric(report, "duplicates"), 0, "{report}");
    assert_eq!(report["ok"], true, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_scenarios_report_sane_numbers() {
    let srv = TestServer::start(base_config()).await;
    let pid = std::process::id().to_string();

    let (ok, r, err) = bench(&srv, &["connect", "-n", "40"]).await;
    assert!(ok, "{r} {err}");
    assert_eq!(metric(&r, "connections"), 40);
    assert_eq!(metric(&r, "connect_errors"), 0);

    let (ok, r, err) = bench(
        &srv,
        &["--server-pid", &pid, "idle", "-n", "30", "--settle", "0"],
    )
    .await;
    assert!(ok, "{r} {err}");
    assert_eq!(metric(&r, "connections"), 30);
    assert!(r["metrics"]["server_rss_per_conn"].is_number(), "{r}");

    // Two re-executed load-generator processes share the connections.
    let args = [
        "--source-addrs",
        "2",
        "idle",
        "-n",
        "30",
        "--processes",
        "2",
        "--settle",
        "0",
    ];
    let (ok, r, err) = bench(&srv, &args).await;
    assert!(ok, "{r} {err}");
    assert_eq!(
        (metric(&r, "connections"), metric(&r, "processes")),
        (30, 2)
    );

    // Protobuf also ramps the rate (40 -> 80 publications/s over 0.5 s: 30 publications).
    for (format, ramp_to) in [("json", "40"), ("protobuf", "80")] {
        let args = [
            "--format",
            format,
            "fanout",
            "-n",
            "20",
            "--rate",
            "40",
            "--ramp-to",
            ramp_to,
            "--duration",
            "0.5",
        ];
        let (ok, r, err) = bench(&srv, &args).await;
        assert!(ok, "{format}: {r} {err}");
        let published = metric(&r, "published");
        assert!(published >= 10, "{r}");
        assert_delivered_once(&r, published * 20);
    }

    for batch in ["1", "10"] {
        let args = [
            "channels",
            "-n",
            "20",
            "--messages",
            "200",
            "--batch",
            batch,
        ];
        let (ok, r, err) = bench(&srv, &args).await;
        assert!(ok, "batch {batch}: {r} {err}");
        assert_eq!(metric(&r, "published"), 200);
        assert_eq!(
            metric(&r, "api_requests"),
            200 / batch.parse::<u64>().unwrap_or(1)
        );
        assert_delivered_once(&r, 200);
    }
    srv.stop().await;
}

#[tokio::test]
async fn bench_failures_exit_non_zero() {
    let srv = TestServer::start(base_config()).await;
    // A wrong API key: nothing is published, the scenario fails.
    let args = [
        "fanout",
        "-n",
        "2",
        "--rate",
        "20",
        "--duration",
        "0.2",
        "--drain",
        "1",
    ];
    let (ok, r, _) = bench_as(&srv, SECRET, "wrong", &args).await;
    assert!(!ok);
    assert_eq!(r["ok"], false, "{r}");

    // A wrong secret: connections are refused.
    let (ok, r, _) = bench_as(&srv, "nope", API_KEY, &["connect", "-n", "3"]).await;
    assert!(!ok);
    assert_eq!(metric(&r, "connections"), 0);

    // More connections than `ulimit -n` allows: a clear error before any connection.
    let (url, bin) = (srv.ws_url(), env!("CARGO_BIN_EXE_centrifugo"));
    let script =
        format!("ulimit -n 128; exec {bin} bench --url {url} --hmac-secret x connect -n 500");
    let out = tokio::process::Command::new("sh")
        .args(["-c", &script])
        .current_dir(std::env::temp_dir())
        .output()
        .await
        .expect("sh ran");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ulimit -n"), "{err}");
    srv.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_rpc_calls_through_the_proxy_to_its_own_backend() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let mut cfg = base_config();
    cfg["rpc"] = serde_json::json!({
        "proxy": {"endpoint": format!("http://127.0.0.1:{port}/rpc"), "timeout": "2s"},
        "without_namespace": {"proxy_enabled": true}
    });
    let srv = TestServer::start(cfg).await;
    let backend = format!("127.0.0.1:{port}");
    let (ok, report, stderr) = bench(
        &srv,
        &["rpc", "-n", "4", "--duration", "0.5", "--backend", &backend],
    )
    .await;
    assert!(ok, "{stderr}\n{report}");
    assert!(metric(&report, "calls") > 0, "{report}");
    assert_eq!(metric(&report, "call_errors"), 0, "{report}");
    assert_eq!(metric(&report, "connections"), 4, "{report}");
    srv.stop().await;
}
