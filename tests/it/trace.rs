//! Live tracing: `POST /admin/trace` behind the admin token, and `centrifugo trace` (the real
//! binary) following a live centrifuge-js client (tests/sdk/js/trace_client.mjs) and a channel.

use super::common::{api, assert_script_passed, base_config, TestServer, API_KEY, SECRET, WAIT};
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::AsyncBufReadExt;

const PASSWORD: &str = "trace-password";

fn config() -> Value {
    let mut c = base_config();
    c["admin"] = json!({"enabled": true, "password": PASSWORD, "secret": "trace-secret"});
    c
}

fn sdk_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk")
}

/// `centrifugo trace ARGS --json` against `s`, its stdout read line by line.
fn trace_cli(s: &TestServer, args: &[&str]) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_centrifugo"))
        .arg("trace")
        .args(args)
        .args(["--admin-url", &format!("http://{}", s.addr)])
        .args(["--password", PASSWORD, "--json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn centrifugo trace")
}

/// Reads event lines until `done` says enough (bounded by a deadline).
async fn events_until(
    lines: &mut tokio::io::Lines<tokio::io::BufReader<tokio::process::ChildStdout>>,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !done(&out) {
        let line = tokio::time::timeout_at(deadline, lines.next_line())
            .await
            .unwrap_or_else(|_| panic!("trace events so far: {out:#?}"))
            .expect("read")
            .unwrap_or_else(|| panic!("the trace ended early; events: {out:#?}"));
        out.push(serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}")));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trace_command_follows_a_live_centrifuge_js_client() {
    let s = TestServer::start(config()).await;
    let user = "traced-js";
    let mut child = trace_cli(&s, &["user", user]);
    let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let started = events_until(&mut lines, |e| !e.is_empty()).await;
    assert_eq!(started[0]["type"], "started", "{started:?}");
    assert_eq!(started[0]["entity"], user);

    let out = tokio::process::Command::new("node")
        .arg("js/trace_client.mjs")
        .current_dir(sdk_dir())
        .env("CF_WS_URL", s.ws_url())
        .env("CF_API_URL", s.api_url())
        .env("CF_API_KEY", API_KEY)
        .env("CF_HMAC_SECRET", SECRET)
        .env("CF_USER", user)
        .env("CF_CHANNEL", "chat:traced")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run node (tests/sdk/setup.sh installs centrifuge-js)");
    assert_script_passed("js/trace_client.mjs", &out);

    let events = events_until(&mut lines, |e| e.iter().any(|x| x["type"] == "disconnect")).await;
    let of = |t: &str| {
        events
            .iter()
            .filter(|e| e["type"] == t)
            .cloned()
            .collect::<Vec<_>>()
    };
    let connect = of("connect");
    assert_eq!(connect.len(), 1, "{events:#?}");
    assert_eq!(connect[0]["user"], user);
    assert_eq!(connect[0]["transport"], "websocket");
    assert!(
        connect[0]["command"]["connect"].is_object(),
        "{:?}",
        connect[0]
    );
    assert_eq!(
        connect[0]["reply"]["connect"]["client"],
        connect[0]["client"]
    );
    let subs = of("subscribe");
    let ok = subs
        .iter()
        .find(|e| e["channel"] == "chat:traced")
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert!(ok["reply"]["subscribe"].is_object(), "{ok}");
    let refused = subs
        .iter()
        .find(|e| e["channel"] == "closed:nope")
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(refused["reply"]["error"]["code"], 103, "{refused}");
    let publish = of("publish");
    assert_eq!(publish.len(), 1, "{events:#?}");
    assert_eq!(
        publish[0]["command"]["publish"]["data"],
        json!({"traced": true})
    );
    let gone = of("disconnect");
    assert_eq!(gone[0]["user"], user);
    assert!(gone[0]["code"].as_u64().is_some(), "{:?}", gone[0]);
    // Time stamps are RFC 3339 UTC with milliseconds.
    assert!(events
        .iter()
        .all(|e| e["time"].as_str().is_some_and(|t| t.ends_with('Z'))));
    let _ = child.kill().await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channel_trace_shows_publications_joins_and_the_human_lines() {
    let s = TestServer::start(config()).await;
    // Human output this time, ending after three events.
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_centrifugo"))
        .args(["trace", "channel", "chat:watched", "--count", "3"])
        .args(["--admin-url", &format!("http://{}", s.addr)])
        .args(["--password", PASSWORD])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = tokio::time::timeout(WAIT * 4, lines.next_line())
        .await
        .expect("started line")
        .expect("read")
        .expect("a line");
    assert!(
        first.starts_with("tracing channel \"chat:watched\""),
        "{first}"
    );
    let (mut c, _) = super::common::Client::connect(&s.ws_url(), "watcher").await;
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:watched"}}))
        .await;
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:watched", "data": {"n": 1}}),
    )
    .await;
    let mut got = Vec::new();
    while let Ok(Some(l)) = tokio::time::timeout(WAIT * 4, lines.next_line())
        .await
        .expect("trace lines in time")
    {
        got.push(l);
    }
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("--count ends it")
        .expect("wait");
    assert!(status.success(), "{got:?}");
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter()
            .any(|l| l.contains("subscribe") && l.contains("user=watcher") && l.ends_with("-> ok")),
        "{got:?}"
    );
    assert!(got.iter().any(|l| l.contains("join")), "{got:?}");
    assert!(
        got.iter()
            .any(|l| l.contains("publication") && l.contains(r#"data={"n":1}"#)),
        "{got:?}"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trace_endpoint_needs_the_admin_token_and_a_valid_target() {
    let s = TestServer::start(config()).await;
    let base = format!("http://{}", s.addr);
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{base}/admin/trace"))
        .json(&json!({"type": "user", "entity": "u"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 401);
    let token: Value = http
        .post(format!("{base}/admin/auth"))
        .form(&[("password", PASSWORD)])
        .send()
        .await
        .expect("auth")
        .json()
        .await
        .expect("json");
    let token = token["token"].as_str().expect("token").to_string();
    for body in [
        json!({"type": "client", "entity": "u"}),
        json!({"type": "user", "entity": ""}),
        json!("nope"),
    ] {
        let r = http
            .post(format!("{base}/admin/trace"))
            .header("authorization", format!("token {token}"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 400, "{body}");
        let v: Value = r.json().await.expect("json error");
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    }
    // A wrong password is a refusal the CLI reports with exit code 3; no server is 4.
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_centrifugo"))
        .args([
            "trace",
            "user",
            "u",
            "--admin-url",
            &base,
            "--password",
            "wrong",
        ])
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    s.stop().await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_centrifugo"))
        .args(["trace", "user", "u", "--admin-url", &base, "--token", "t"])
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run");
    assert_eq!(out.status.code(), Some(4), "{out:?}");
}
