//! Backend proxies against a real backend: tests/sdk/js/backend.mjs (Node) answers every event
//! over HTTP and over GRPC (@grpc/grpc-js with our src/proxy/proxy.proto). Each test runs once
//! per backend kind; the server is ours, started on 127.0.0.1:0; clients speak real WebSocket,
//! HTTP streaming, or are the official SDKs (centrifuge-js, centrifuge-python).

use super::common::{api, assert_script_passed, Client, Messages, TestServer, API_KEY, SECRET};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::AsyncBufReadExt;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

fn sdk_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk")
}

/// The backend process; killed when dropped.
struct Backend {
    _child: tokio::process::Child,
    http: u16,
    grpc: u16,
    /// With TLS: the HTTPS and GRPC-over-TLS ports.
    tls: Option<(u16, u16)>,
}

impl Backend {
    async fn start() -> Backend {
        Backend::start_with(&[]).await
    }

    /// With `env` for the backend (CF_TLS_CERT / CF_TLS_KEY add the TLS listeners).
    async fn start_with(env: &[(&str, &str)]) -> Backend {
        let dir = sdk_dir();
        assert!(
            dir.join("node_modules/@grpc/grpc-js").exists(),
            "SDK dependencies are missing: run tests/sdk/setup.sh first (the README's test command does)"
        );
        let mut child = tokio::process::Command::new("node")
            .arg("js/backend.mjs")
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .envs(env.iter().copied())
            .kill_on_drop(true)
            .spawn()
            .expect("node js/backend.mjs");
        let stdout = child.stdout.take().expect("backend stdout");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("backend did not start in time")
            .expect("backend stdout")
            .expect("backend printed its ports");
        let ports: Value = serde_json::from_str(&line).expect("ports line");
        Backend {
            _child: child,
            http: ports["http"].as_u64().expect("http port") as u16,
            grpc: ports["grpc"].as_u64().expect("grpc port") as u16,
            tls: ports["https"]
                .as_u64()
                .zip(ports["grpcs"].as_u64())
                .map(|(a, b)| (a as u16, b as u16)),
        }
    }

    fn endpoint(&self, kind: &str, event: &str) -> String {
        match kind {
            "grpc" => format!("grpc://127.0.0.1:{}", self.grpc),
            _ => format!("http://127.0.0.1:{}/{event}", self.http),
        }
    }

    /// Every request the backend got, in order.
    async fn requests(&self) -> Vec<Value> {
        let url = format!("http://127.0.0.1:{}/requests", self.http);
        reqwest::get(url)
            .await
            .expect("backend requests")
            .json()
            .await
            .expect("requests json")
    }

    async fn requests_of(&self, event: &str) -> Vec<Value> {
        self.requests()
            .await
            .into_iter()
            .filter(|r| r["event"] == event)
            .collect()
    }
}

/// A proxy object for `event` on the backend.
fn proxy(b: &Backend, kind: &str, event: &str) -> Value {
    json!({
        "endpoint": b.endpoint(kind, event),
        "timeout": "1s",
        "http_headers": ["X-User", "X-Custom", "Authorization"],
        "emulated_headers": ["X-Emulated"],
        "include_connection_meta": true,
        "http": {"static_headers": {"X-Static": "static-value"}},
        "grpc": {"static_metadata": {"x-static": "static-value"},
                 "credentials_key": "authorization", "credentials_value": "Bearer grpc-credentials"}
    })
}

fn with_enabled(mut p: Value) -> Value {
    p["enabled"] = json!(true);
    p
}

/// Every proxy on the backend: connect and refresh, channel namespaces proxied, RPC by namespace.
fn config(b: &Backend, kind: &str) -> Value {
    let mut binary = proxy(b, kind, "rpc");
    binary["name"] = json!("binary");
    binary["binary_encoding"] = json!(true);
    let mut proxies = vec![binary];
    if kind == "http" {
        let status = |name: &str, code: u16, transforms: Value| {
            json!({"name": name, "endpoint": format!("http://127.0.0.1:{}/status/{code}", b.http),
                   "timeout": "1s", "http": {"status_to_code_transforms": transforms}})
        };
        proxies.push(status(
            "s403",
            403,
            json!([{"status_code": 403, "to_error": {"code": 1403, "message": "forbidden by status"}}]),
        ));
        proxies.push(status(
            "s404",
            404,
            json!([{"status_code": 404, "to_disconnect": {"code": 4404, "reason": "gone"}}]),
        ));
        proxies.push(status("s500", 500, json!([])));
    }
    let mut rpc_namespaces = vec![
        json!({"name": "bin", "proxy_enabled": true, "proxy_name": "binary"}),
        json!({"name": "off"}),
    ];
    if kind == "http" {
        for name in ["s403", "s404", "s500"] {
            rpc_namespaces.push(json!({"name": name, "proxy_enabled": true, "proxy_name": name}));
        }
    }
    json!({
        "client": {
            "token": {"hmac_secret_key": SECRET},
            "allowed_origins": ["*"],
            "expired_sub_close_delay": "200ms",
            "proxy": {
                "connect": with_enabled(proxy(b, kind, "connect")),
                "refresh": with_enabled(proxy(b, kind, "refresh"))
            }
        },
        "http_api": {"key": API_KEY},
        "uni_http_stream": {"enabled": true},
        "channel": {
            "proxy": {
                "subscribe": proxy(b, kind, "subscribe"),
                "publish": proxy(b, kind, "publish"),
                "sub_refresh": proxy(b, kind, "sub_refresh"),
                // Streams are GRPC only: the GRPC endpoint whatever the kind of the others.
                "subscribe_stream": proxy(b, "grpc", "subscribe_stream")
            },
            "namespaces": [
                {"name": "ns", "presence": true, "allow_presence_for_subscriber": true,
                 "history_size": 10, "history_ttl": "60s", "allow_history_for_subscriber": true,
                 "subscribe_proxy_enabled": true, "publish_proxy_enabled": true},
                {"name": "expiring", "subscribe_proxy_enabled": true, "sub_refresh_proxy_enabled": true,
                 "publish_proxy_enabled": true},
                {"name": "denied", "subscribe_proxy_enabled": true},
                {"name": "stream", "subscribe_stream_proxy_enabled": true},
                {"name": "bidi", "subscribe_stream_proxy_enabled": true,
                 "subscribe_stream_proxy_bidirectional": true}
            ]
        },
        "rpc": {
            "proxy": proxy(b, kind, "rpc"),
            "without_namespace": {"proxy_enabled": true},
            "namespaces": rpc_namespaces
        },
        "proxies": proxies
    })
}

/// A WebSocket client whose upgrade request carries `headers`.
async fn open_with(url: &str, headers: &[(&str, &str)]) -> Client {
    let mut req = url.into_client_request().expect("ws request");
    for (k, v) in headers {
        req.headers_mut().insert(
            http::HeaderName::from_bytes(k.as_bytes()).expect("header name"),
            http::HeaderValue::from_str(v).expect("header value"),
        );
    }
    let (ws, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("ws connect");
    Client::from_ws(ws)
}

/// Connects without a token; returns the client and the whole reply.
async fn connect(s: &TestServer, headers: &[(&str, &str)], connect: Value) -> (Client, Value) {
    let mut c = open_with(&s.ws_url(), headers).await;
    let r = c.call(json!({"id": 1, "connect": connect})).await;
    (c, r)
}

const KINDS: [&str; 2] = ["http", "grpc"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_subscribe_publish_rpc_through_the_backend() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let (mut c, r) = connect(
            &s,
            &[
                ("X-User", "alice"),
                ("X-Custom", "custom"),
                ("X-Other", "not forwarded"),
            ],
            json!({"data": {"hello": 1}, "name": "test-client", "version": "1.2.3",
                   "headers": {"X-Emulated": "emulated", "X-Unlisted": "no"}}),
        )
        .await;
        let res = &r["connect"];
        assert!(res["client"].is_string(), "{kind}: {r}");
        assert_eq!(res["data"]["welcome"], "alice", "{kind}: {r}");
        let fwd = &res["data"]["headers"];
        assert_eq!(fwd["x-user"], "alice", "{kind}: {r}");
        assert_eq!(fwd["x-custom"], "custom", "{kind}");
        assert_eq!(fwd["x-static"], "static-value", "{kind}");
        assert_eq!(fwd["x-emulated"], "emulated", "{kind}");
        assert!(
            fwd.get("x-other").is_none() && fwd.get("x-unlisted").is_none(),
            "{kind}: {fwd}"
        );
        let connects = b.requests_of("connect").await;
        let last = &connects.last().expect("connect request")["body"];
        assert_eq!(last["name"], "test-client", "{kind}: {last}");
        assert_eq!(last["version"], "1.2.3");
        assert_eq!(last["transport"], "websocket");
        assert_eq!(last["protocol"], "json");
        assert_eq!(last["encoding"], "json");
        assert_eq!(last["data"], json!({"hello": 1}), "{kind}: {last}");

        // Subscribe through the proxy: its info and data, the connection's meta forwarded.
        let r = c
            .call(json!({"id": 2, "subscribe": {"channel": "ns:room"}}))
            .await;
        assert_eq!(r["subscribe"]["data"]["welcome"], "ns:room", "{kind}: {r}");
        assert_eq!(
            r["subscribe"]["data"]["meta"],
            json!({"plan": "gold"}),
            "{kind}: {r}"
        );
        let p = api(&s.api_url(), "presence", json!({"channel": "ns:room"})).await;
        let me = &p["result"]["presence"][res["client"].as_str().unwrap_or("")];
        assert_eq!(me["user"], "alice", "{kind}: {p}");
        assert_eq!(me["conn_info"], json!({"name": "alice"}), "{kind}: {p}");
        assert_eq!(me["chan_info"], json!({"sub": "ns:room"}), "{kind}: {p}");

        // Publish through the proxy: the backend's rewritten data goes out.
        let r = c
            .call(json!({"id": 3, "publish": {"channel": "ns:room", "data": {"text": "hi"}}}))
            .await;
        assert!(r.get("error").is_none(), "{kind}: {r}");
        let p = c.publication().await;
        assert_eq!(
            p["pub"]["data"],
            json!({"text": "hi", "checked": true}),
            "{kind}: {p}"
        );
        // skip_history from the backend: that one is not kept.
        c.call(json!({"id": 4, "publish": {"channel": "ns:room", "data": {"no_history": 1}}}))
            .await;
        c.publication().await;
        let h = api(
            &s.api_url(),
            "history",
            json!({"channel": "ns:room", "limit": 10}),
        )
        .await;
        let kept = h["result"]["publications"].as_array().map(Vec::len);
        assert_eq!(kept, Some(1), "{kind}: {h}");

        // RPC: the request as the backend saw it.
        let r = c
            .call(json!({"id": 5, "rpc": {"method": "echo", "data": {"q": 1}}}))
            .await;
        let echo = &r["rpc"]["data"];
        assert_eq!(echo["user"], "alice", "{kind}: {r}");
        assert_eq!(echo["meta"], json!({"plan": "gold"}), "{kind}: {r}");
        assert_eq!(echo["data"], json!({"q": 1}));
        assert_eq!(echo["client"], res["client"]);
        assert_eq!(echo["headers"]["x-custom"], "custom");
        assert_eq!(echo["headers"]["x-emulated"], "emulated");
        if kind == "grpc" {
            // Per-call credentials as metadata (grpc.credentials_key / credentials_value).
            assert_eq!(
                echo["headers"]["authorization"], "Bearer grpc-credentials",
                "{echo}"
            );
        }
        // A named proxy with binary encoding: the payload travels as b64data.
        let r = c
            .call(json!({"id": 6, "rpc": {"method": "bin:echo", "data": {"q": 2}}}))
            .await;
        assert_eq!(r["rpc"]["data"]["encoding"], "binary", "{kind}: {r}");
        assert_eq!(r["rpc"]["data"]["data"], json!({"q": 2}), "{kind}: {r}");
        // A namespace without the proxy, and an unknown namespace.
        let r = c.call(json!({"id": 7, "rpc": {"method": "off:x"}})).await;
        assert_eq!(r["error"]["code"], 108, "{kind}: {r}");
        let r = c.call(json!({"id": 8, "rpc": {"method": "nope:x"}})).await;
        assert_eq!(r["error"]["code"], 104, "{kind}: {r}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_result_channels_and_subs_become_server_side_subscriptions() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let subs = json!({"ns:cs-b": {"info": {"ci": 1}, "data": {"d": 1},
                                      "override": {"presence": {"value": false}}}});
        let (mut c, r) = connect(
            &s,
            &[("X-User", "server-side")],
            json!({"data": {"channels": ["ns:cs-a"], "subs": subs}}),
        )
        .await;
        let got = &r["connect"]["subs"];
        assert!(got.get("ns:cs-a").is_some(), "{kind}: {r}");
        assert_eq!(got["ns:cs-b"]["data"], json!({"d": 1}), "{kind}: {r}");
        let id = r["connect"]["client"].as_str().unwrap_or("").to_string();
        let a = api(&s.api_url(), "presence", json!({"channel": "ns:cs-a"})).await;
        assert_eq!(
            a["result"]["presence"][&id]["user"], "server-side",
            "{kind}: {a}"
        );
        // The backend's override turned presence off for this one.
        let bp = api(&s.api_url(), "presence", json!({"channel": "ns:cs-b"})).await;
        assert_eq!(bp["result"]["presence"], json!({}), "{kind}: {bp}");
        api(
            &s.api_url(),
            "publish",
            json!({"channel": "ns:cs-b", "data": {"to": "b"}}),
        )
        .await;
        let p = c.publication().await;
        assert_eq!(
            (p["channel"].clone(), p["pub"]["data"].clone()),
            (json!("ns:cs-b"), json!({"to": "b"})),
            "{kind}"
        );
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_errors_and_disconnects_reach_the_client() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let (mut c, r) = connect(&s, &[], json!({"data": {"deny": 1}})).await;
        assert_eq!(
            r["error"],
            json!({"code": 1001, "message": "denied by backend"}),
            "{kind}: {r}"
        );
        drop(c);
        let mut c2 = open_with(&s.ws_url(), &[]).await;
        c2.send(json!({"id": 1, "connect": {"data": {"bye": 1}}}))
            .await;
        assert_eq!(
            c2.closed().await,
            (4501, "backend says bye".into()),
            "{kind}"
        );
        c = connect(&s, &[], json!({})).await.0;
        let r = c
            .call(json!({"id": 2, "subscribe": {"channel": "denied:x"}}))
            .await;
        assert_eq!(r["error"]["code"], 1002, "{kind}: {r}");
        assert_eq!(r["error"]["message"], "not your channel");
        c.call(json!({"id": 3, "subscribe": {"channel": "ns:a"}}))
            .await;
        let r = c
            .call(json!({"id": 4, "publish": {"channel": "ns:a", "data": {"reject": 1}}}))
            .await;
        assert_eq!(r["error"]["code"], 1003, "{kind}: {r}");
        let r = c.call(json!({"id": 5, "rpc": {"method": "fail"}})).await;
        assert_eq!(
            r["error"],
            json!({"code": 1004, "message": "backend failed", "temporary": true}),
            "{kind}: {r}"
        );
        if kind == "http" {
            // HTTP statuses: mapped to an error, to a disconnect, or the internal error.
            let r = c.call(json!({"id": 6, "rpc": {"method": "s403:x"}})).await;
            assert_eq!(r["error"]["code"], 1403, "{r}");
            assert_eq!(r["error"]["message"], "forbidden by status");
            let r = c.call(json!({"id": 7, "rpc": {"method": "s500:x"}})).await;
            assert_eq!(r["error"]["code"], 100, "{r}");
            c.send(json!({"id": 8, "rpc": {"method": "s404:x"}})).await;
            assert_eq!(c.closed().await, (4404, "gone".into()));
            c = connect(&s, &[], json!({})).await.0;
        }
        c.send(json!({"id": 9, "rpc": {"method": "bye"}})).await;
        assert_eq!(c.closed().await, (4502, "rpc says bye".into()), "{kind}");
        s.stop().await;
    }
}

/// The internal error (100, temporary) within the proxy timeout: never a hang, never a panic.
async fn expect_internal_quickly(c: &mut Client, cmd: Value, what: &str) {
    let started = Instant::now();
    let r = c.call(cmd).await;
    let took = started.elapsed();
    assert_eq!(
        r["error"],
        json!({"code": 100, "message": "internal server error", "temporary": true}),
        "{what}: {r}"
    );
    assert!(took < Duration::from_millis(2500), "{what} took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_slow_or_answering_garbage_is_an_internal_error_within_the_timeout() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        for (data, what) in [
            (json!({"slow": 1}), "slow"),
            (json!({"garbage": 1}), "garbage"),
        ] {
            let mut c = open_with(&s.ws_url(), &[]).await;
            let what = format!("{kind} connect {what}");
            expect_internal_quickly(&mut c, json!({"id": 1, "connect": {"data": data}}), &what)
                .await;
        }
        let mut c = connect(&s, &[], json!({})).await.0;
        for method in ["slow", "garbage"] {
            let what = format!("{kind} rpc {method}");
            expect_internal_quickly(&mut c, json!({"id": 2, "rpc": {"method": method}}), &what)
                .await;
        }
        // The connection is still fine afterwards.
        let r = c.call(json!({"id": 3, "rpc": {"method": "echo"}})).await;
        assert_eq!(r["rpc"]["data"]["user"], "proxied", "{kind}: {r}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backend_down_is_an_internal_error_within_the_timeout() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    for endpoint in [
        format!("http://127.0.0.1:{port}/connect"),
        format!("grpc://127.0.0.1:{port}"),
    ] {
        let p = json!({"endpoint": endpoint, "timeout": "1s"});
        let s = TestServer::start(json!({
            "client": {"allowed_origins": ["*"], "proxy": {"connect": with_enabled(p.clone())}},
            "rpc": {"proxy": p, "without_namespace": {"proxy_enabled": true}}
        }))
        .await;
        let mut c = open_with(&s.ws_url(), &[]).await;
        expect_internal_quickly(&mut c, json!({"id": 1, "connect": {}}), &endpoint).await;
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_proxy_prolongs_a_connection_and_ends_it_when_the_backend_says_expired() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let (mut c, r) = connect(&s, &[], json!({"data": {"expire_in": 2}})).await;
        // The server refreshes: the client is not told to.
        assert!(r["connect"].is_object(), "{kind}: {r}");
        assert!(r["connect"].get("expires").is_none(), "{kind}: {r}");
        let client = r["connect"]["client"].as_str().unwrap_or("").to_string();
        tokio::time::sleep(Duration::from_millis(3500)).await;
        let r = c.call(json!({"id": 2, "rpc": {"method": "echo"}})).await;
        assert_eq!(
            r["rpc"]["data"]["user"], "proxied",
            "{kind}: still connected: {r}"
        );
        let refreshes: Vec<Value> = b
            .requests_of("refresh")
            .await
            .into_iter()
            .filter(|q| q["body"]["client"] == client.as_str())
            .collect();
        assert!(!refreshes.is_empty(), "{kind}: no refresh request");
        assert_eq!(refreshes[0]["body"]["user"], "proxied");
        assert_eq!(
            refreshes[0]["body"]["meta"],
            json!({"plan": "gold"}),
            "{kind}"
        );
        // For this user the second refresh says expired: closed with 3005.
        let (mut c, _) = connect(
            &s,
            &[],
            json!({"data": {"user": "expire-me", "expire_in": 2}}),
        )
        .await;
        let started = Instant::now();
        assert_eq!(c.closed().await.0, 3005, "{kind}");
        assert!(started.elapsed() < Duration::from_secs(6), "{kind}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sub_refresh_proxy_keeps_an_expiring_subscription() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let (mut c, r) = connect(&s, &[], json!({})).await;
        let client = r["connect"]["client"].as_str().unwrap_or("").to_string();
        let r = c
            .call(json!({"id": 2, "subscribe": {"channel": "expiring:x"}}))
            .await;
        assert!(r["subscribe"].is_object(), "{kind}: {r}");
        assert!(r["subscribe"].get("expires").is_none(), "{kind}: {r}");
        tokio::time::sleep(Duration::from_millis(3500)).await;
        api(
            &s.api_url(),
            "publish",
            json!({"channel": "expiring:x", "data": {"n": 1}}),
        )
        .await;
        let p = c.publication().await;
        assert_eq!(p["channel"], "expiring:x", "{kind}: {p}");
        let n = b
            .requests_of("sub_refresh")
            .await
            .into_iter()
            .filter(|q| {
                q["body"]["client"] == client.as_str() && q["body"]["channel"] == "expiring:x"
            })
            .count();
        assert!(n >= 1, "{kind}: sub_refresh requests: {n}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unidirectional_connect_through_the_proxy() {
    let b = Backend::start().await;
    for kind in KINDS {
        let s = TestServer::start(config(&b, kind)).await;
        let url = format!("http://{}/connection/uni_http_stream", s.addr);
        let resp = reqwest::Client::new()
            .post(&url)
            .header("X-User", "uni-user")
            .body("{}")
            .send()
            .await
            .expect("uni_http_stream");
        let mut m = Messages::new(resp, false);
        let first = m.next().await.expect("connect push");
        assert_eq!(
            first["connect"]["data"]["welcome"], "uni-user",
            "{kind}: {first}"
        );
        let last = b.requests_of("connect").await;
        assert_eq!(
            last.last().map(|r| r["body"]["transport"].clone()),
            Some(json!("uni_http_stream"))
        );
        // A refusal becomes the default unidirectional disconnect (3004 for an application code).
        let resp = reqwest::Client::new()
            .post(&url)
            .body(r#"{"data": {"deny": 1}}"#)
            .send()
            .await
            .expect("uni_http_stream");
        let mut m = Messages::new(resp, false);
        let first = m.next().await.expect("disconnect push");
        assert_eq!(first["disconnect"]["code"], 3004, "{kind}: {first}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uni_grpc_metadata_goes_to_the_proxies() {
    let b = Backend::start().await;
    for kind in KINDS {
        let mut cfg = config(&b, kind);
        cfg["uni_grpc"] = json!({"enabled": true});
        cfg["client"]["proxy"]["connect"]["grpc_metadata"] = json!(["x-user"]);
        let (s, addr) = TestServer::start_with_uni_grpc(cfg).await;
        let mut st = super::unigrpc::consume_with_metadata(
            addr,
            Default::default(),
            &[
                ("x-user", "meta-user"),
                ("x-custom", "not listed for GRPC clients"),
            ],
        )
        .await;
        let push = super::unigrpc::next(&mut st).await.expect("connect push");
        let connect = push.connect.expect("connect push");
        let data: Value = serde_json::from_slice(&connect.data).expect("connect data is JSON");
        assert_eq!(data["welcome"], "meta-user", "{kind}: {data}");
        // http_headers lists x-custom, but for a GRPC client only grpc_metadata counts.
        assert!(data["headers"].get("x-custom").is_none(), "{kind}: {data}");
        let last = b.requests_of("connect").await;
        let body = &last.last().expect("connect request")["body"];
        assert_eq!(body["transport"], "uni_grpc", "{kind}");
        assert_eq!(body["protocol"], "protobuf", "{kind}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxies_over_tls_check_the_backends_certificate() {
    let (_dir, crt, key, ca) = super::engines::tls::server_files("proxy-tls");
    let b = Backend::start_with(&[("CF_TLS_CERT", &crt), ("CF_TLS_KEY", &key)]).await;
    let (https, grpcs) = b.tls.expect("TLS listeners");
    let ca = String::from_utf8(ca).expect("PEM");
    let tls = json!({"enabled": true, "server_ca_pem": ca});
    for endpoint in [
        format!("https://localhost:{https}/rpc"),
        format!("grpc://localhost:{grpcs}"),
    ] {
        let p = json!({"endpoint": endpoint, "timeout": "2s", "http": {"tls": tls}, "grpc": {"tls": tls}});
        let s = TestServer::start(json!({
            "client": {"allowed_origins": ["*"], "insecure": true},
            "rpc": {"proxy": p, "without_namespace": {"proxy_enabled": true}}
        }))
        .await;
        let (mut c, _) = connect(&s, &[], json!({})).await;
        let r = c
            .call(json!({"id": 2, "rpc": {"method": "echo", "data": {"tls": 1}}}))
            .await;
        assert_eq!(
            r["rpc"]["data"]["data"],
            json!({"tls": 1}),
            "{endpoint}: {r}"
        );
        s.stop().await;
        // Without the CA the certificate is not trusted: the internal error, not a call.
        let p = json!({"endpoint": endpoint, "timeout": "2s"});
        let s = TestServer::start(json!({
            "client": {"allowed_origins": ["*"], "insecure": true},
            "rpc": {"proxy": p, "without_namespace": {"proxy_enabled": true}}
        }))
        .await;
        let (mut c, _) = connect(&s, &[], json!({})).await;
        let r = c.call(json!({"id": 2, "rpc": {"method": "echo"}})).await;
        assert_eq!(r["error"]["code"], 100, "{endpoint} without the CA: {r}");
        s.stop().await;
    }
}

/// Next unsubscribe push of `channel`: (code, reason).
async fn unsubscribed(c: &mut Client, channel: &str) -> (u64, String) {
    loop {
        let p = c.push().await;
        if p["channel"] == channel && p.get("unsubscribe").is_some() {
            let u = &p["unsubscribe"];
            return (
                u["code"].as_u64().unwrap_or(0),
                u["reason"].as_str().unwrap_or("").to_string(),
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribe_stream_proxy_delivers_the_backends_stream_to_one_client() {
    let b = Backend::start().await;
    let s = TestServer::start(config(&b, "grpc")).await;
    let (mut c, _) = connect(&s, &[], json!({})).await;
    // The stream ends cleanly: publications, then unsubscribe 2000.
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "stream:a-end"}}))
        .await;
    assert_eq!(
        r["subscribe"]["data"],
        json!({"stream": "stream:a-end"}),
        "{r}"
    );
    for n in 0..3 {
        let p = c.publication().await;
        assert_eq!(p["channel"], "stream:a-end");
        assert_eq!(p["pub"]["data"], json!({"n": n}), "{p}");
        assert_eq!(p["pub"]["tags"], json!({"n": n.to_string()}), "{p}");
    }
    assert_eq!(unsubscribed(&mut c, "stream:a-end").await.0, 2000);
    // The stream breaks: unsubscribe 2500 (the SDK resubscribes).
    c.call(json!({"id": 3, "subscribe": {"channel": "stream:b-break"}}))
        .await;
    assert_eq!(
        unsubscribed(&mut c, "stream:b-break").await,
        (2500, "insufficient state".into())
    );
    // The backend refuses.
    let r = c
        .call(json!({"id": 4, "subscribe": {"channel": "stream:denied"}}))
        .await;
    assert_eq!(r["error"]["code"], 1005, "{r}");
    // Publishing into a unidirectional stream channel is not available.
    c.call(json!({"id": 5, "subscribe": {"channel": "stream:c"}}))
        .await;
    let r = c
        .call(json!({"id": 6, "publish": {"channel": "stream:c", "data": {}}}))
        .await;
    assert_eq!(r["error"]["code"], 108, "{r}");
    // Unsubscribing ends the backend's stream.
    c.call(json!({"id": 7, "unsubscribe": {"channel": "stream:c"}}))
        .await;
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let gone = b
            .requests_of("stream_cancelled")
            .await
            .iter()
            .any(|r| r["body"]["channel"] == "stream:c");
        if gone {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the backend's stream was not cancelled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Bidirectional: the client's publications go to the backend, its answers to the client.
    let (mut other, _) = connect(&s, &[], json!({})).await;
    other
        .call(json!({"id": 2, "subscribe": {"channel": "bidi:x"}}))
        .await;
    let r = c
        .call(json!({"id": 8, "subscribe": {"channel": "bidi:x"}}))
        .await;
    assert_eq!(r["subscribe"]["data"], json!({"bidi": "bidi:x"}), "{r}");
    let r = c
        .call(json!({"id": 9, "publish": {"channel": "bidi:x", "data": {"hi": 1}}}))
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let p = c.publication().await;
    assert_eq!(p["pub"]["data"], json!({"echo": {"hi": 1}}), "{p}");
    // Only to that client: the other subscriber's next publication is the one from the API.
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "bidi:x", "data": {"api": 1}}),
    )
    .await;
    let p = other.publication().await;
    assert_eq!(p["pub"]["data"], json!({"api": 1}), "{p}");
    s.stop().await;
}

/// centrifuge-js and centrifuge-python against the proxied server: connect without a token,
/// headers, RPC, subscribe and publish through the backend, a connection prolonged by refresh.
async fn run_sdk(kind: &str, program: &str, script: &str) {
    let b = Backend::start().await;
    let s = TestServer::start(config(&b, kind)).await;
    let out = tokio::process::Command::new(program)
        .arg(script)
        .current_dir(sdk_dir())
        .env("CF_WS_URL", s.ws_url())
        .env("CF_API_URL", s.api_url())
        .env("CF_API_KEY", API_KEY)
        .env("CF_HMAC_SECRET", SECRET)
        .env("CF_FORMAT", "json")
        .env("CF_PROXY_KIND", kind)
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert_script_passed(&format!("{kind} {script}"), &out);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_sdk_through_http_proxies() {
    run_sdk("http", "node", "js/proxy.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn js_sdk_through_grpc_proxies() {
    run_sdk("grpc", "node", "js/proxy.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_sdk_through_http_proxies() {
    run_sdk("http", "./python.sh", "python/proxy_test.py").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_sdk_through_grpc_proxies() {
    run_sdk("grpc", "./python.sh", "python/proxy_test.py").await;
}
