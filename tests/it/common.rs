//! Test harness: start the real server in-process on an ephemeral port, raw WebSocket and HTTP helpers.
#![allow(dead_code)]

use centrifugo::config::Config;
use centrifugo::Node;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub(crate) const SECRET: &str = "test-secret";
pub(crate) const API_KEY: &str = "test-api-key";
/// How long a test waits for any single event before failing.
pub(crate) const WAIT: Duration = Duration::from_secs(5);

pub(crate) fn config_from(v: Value) -> Config {
    centrifugo::config::from_json_str(&v.to_string())
        .expect("valid test config")
        .config
}

/// A config with token auth, an API key and a few namespaces used across tests.
pub(crate) fn base_config() -> Value {
    json!({
        "client": {"token": {"hmac_secret_key": SECRET}, "allowed_origins": ["http://allowed.example"]},
        "http_api": {"key": API_KEY},
        "health": {"enabled": true},
        "rpc": {"ping": {"enabled": true}},
        "channel": {
            "without_namespace": {"allow_subscribe_for_client": true},
            "namespaces": [
                {"name": "chat", "presence": true, "join_leave": true, "force_push_join_leave": true,
                 "history_size": 10, "history_ttl": "300s", "allow_subscribe_for_client": true,
                 "allow_publish_for_subscriber": true, "allow_presence_for_subscriber": true,
                 "allow_history_for_subscriber": true, "allow_user_limited_channels": true},
                {"name": "closed"},
                {"name": "pub", "allow_publish_for_client": true, "allow_subscribe_for_client": true}
            ]
        }
    })
}

pub(crate) struct TestServer {
    pub addr: SocketAddr,
    pub node: Arc<Node>,
    trigger: centrifugo::Trigger,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    pub(crate) async fn start(cfg: Value) -> TestServer {
        TestServer::start_node(Node::new(config_from(cfg)).expect("node")).await
    }

    /// Serves an already built node (see `NodeBuilder`).
    pub(crate) async fn start_node(node: Arc<Node>) -> TestServer {
        TestServer::serve(node, None).await
    }

    /// With the unidirectional GRPC transport on a port of its own; returns its address too.
    pub(crate) async fn start_with_uni_grpc(cfg: Value) -> (TestServer, SocketAddr) {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = l.local_addr().expect("addr");
        let node = Node::new(config_from(cfg)).expect("node");
        (TestServer::serve_with(node, Some(l), None).await, addr)
    }

    /// With the GRPC server API on a port of its own; returns its address too.
    pub(crate) async fn start_with_grpc_api(cfg: Value) -> (TestServer, SocketAddr) {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = l.local_addr().expect("addr");
        let node = Node::new(config_from(cfg)).expect("node");
        (TestServer::serve_with(node, None, Some(l)).await, addr)
    }

    async fn serve(node: Arc<Node>, uni_grpc: Option<tokio::net::TcpListener>) -> TestServer {
        TestServer::serve_with(node, uni_grpc, None).await
    }

    async fn serve_with(
        node: Arc<Node>,
        uni_grpc: Option<tokio::net::TcpListener>,
        grpc_api: Option<tokio::net::TcpListener>,
    ) -> TestServer {
        let external = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = external.local_addr().expect("addr");
        let (trigger, shutdown) = centrifugo::shutdown_channel();
        let listeners = centrifugo::Listeners {
            external,
            internal: None,
            uni_grpc,
            grpc_api,
        };
        let task = tokio::spawn(centrifugo::run(node.clone(), listeners, shutdown));
        TestServer {
            addr,
            node,
            trigger,
            task,
        }
    }

    pub(crate) fn ws_url(&self) -> String {
        format!("ws://{}/connection/websocket", self.addr)
    }

    pub(crate) fn api_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub(crate) async fn stop(self) {
        self.trigger.fire();
        let _ = tokio::time::timeout(WAIT, self.task).await;
    }
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) fn sign(claims: Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign")
}

pub(crate) fn token(user: &str) -> String {
    sign(json!({"sub": user, "exp": now() + 3600}), SECRET)
}

pub(crate) type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub(crate) async fn ws(url: &str) -> Ws {
    let (ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("ws connect");
    ws
}

pub(crate) async fn send(ws: &mut Ws, text: &str) {
    ws.send(Message::text(text.to_string()))
        .await
        .expect("send");
}

/// Next JSON message (frames with several newline-joined messages are split; the rest is kept).
pub(crate) struct Client {
    pub ws: Ws,
    pending: std::collections::VecDeque<Value>,
}

/// What the server did next: a message, or a close frame with code and reason.
#[derive(Debug)]
pub(crate) enum Event {
    Msg(Value),
    Close(u16, String),
}

impl Client {
    pub(crate) async fn open(url: &str) -> Client {
        Client::from_ws(ws(url).await)
    }

    /// Wraps an already upgraded connection.
    pub(crate) fn from_ws(ws: Ws) -> Client {
        Client {
            ws,
            pending: Default::default(),
        }
    }

    /// Opens and connects with a token for `user`; returns the client and the connect result.
    pub(crate) async fn connect(url: &str, user: &str) -> (Client, Value) {
        let mut c = Client::open(url).await;
        let r = c
            .call(json!({"id": 1, "connect": {"token": token(user)}}))
            .await;
        assert!(r.get("connect").is_some(), "connect failed: {r}");
        (c, r["connect"].clone())
    }

    pub(crate) async fn send(&mut self, v: Value) {
        send(&mut self.ws, &v.to_string()).await;
    }

    pub(crate) async fn next(&mut self) -> Event {
        if let Some(v) = self.pending.pop_front() {
            return Event::Msg(v);
        }
        loop {
            let msg = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("timed out waiting for server");
            match msg {
                Some(Ok(Message::Text(t))) => {
                    for line in t.split('\n') {
                        self.pending
                            .push_back(serde_json::from_str(line).expect("server sent valid JSON"));
                    }
                    if let Some(v) = self.pending.pop_front() {
                        return Event::Msg(v);
                    }
                }
                Some(Ok(Message::Close(Some(f)))) => {
                    return Event::Close(f.code.into(), f.reason.to_string())
                }
                Some(Ok(Message::Close(None))) | None => return Event::Close(0, String::new()),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Event::Close(0, e.to_string()),
            }
        }
    }

    /// Next message that is not a ping (`{}`).
    pub(crate) async fn msg(&mut self) -> Value {
        loop {
            match self.next().await {
                Event::Msg(v) if v == json!({}) => continue,
                Event::Msg(v) => return v,
                Event::Close(code, reason) => panic!("closed with {code} {reason}"),
            }
        }
    }

    /// Sends a command and returns the reply with the same id (pushes before it are kept).
    pub(crate) async fn call(&mut self, cmd: Value) -> Value {
        let id = cmd["id"].clone();
        self.send(cmd).await;
        let mut skipped = Vec::new();
        loop {
            let v = self.msg().await;
            if v["id"] == id {
                for s in skipped.into_iter().rev() {
                    self.pending.push_front(s);
                }
                return v;
            }
            skipped.push(v);
        }
    }

    /// Waits for the close frame; returns its code.
    pub(crate) async fn closed(&mut self) -> (u16, String) {
        loop {
            match self.next().await {
                Event::Close(code, reason) => return (code, reason),
                Event::Msg(_) => continue,
            }
        }
    }

    /// Next publication push, skipping join/leave and other pushes.
    pub(crate) async fn publication(&mut self) -> Value {
        loop {
            let p = self.push().await;
            if p.get("pub").is_some() {
                return p;
            }
        }
    }

    /// Next push message.
    pub(crate) async fn push(&mut self) -> Value {
        loop {
            let v = self.msg().await;
            if v.get("push").is_some() {
                return v["push"].clone();
            }
        }
    }
}

/// POST to /api/<method> with the test key; returns (status, body text).
pub(crate) async fn api_raw(
    base: &str,
    method: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (u16, String) {
    let url = format!("{base}/{method}");
    let client = reqwest::Client::new();
    let mut req = client.post(url).body(body.to_string());
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("http");
    let status = resp.status().as_u16();
    (status, resp.text().await.expect("body"))
}

pub(crate) async fn api(base: &str, method: &str, body: Value) -> Value {
    let (status, text) = api_raw(base, method, &body.to_string(), &[("X-API-Key", API_KEY)]).await;
    assert_eq!(status, 200, "{method}: {text}");
    serde_json::from_str(&text).expect("api json")
}

/// The node names `info` lists, sorted.
pub(crate) async fn info_names(s: &TestServer) -> Vec<String> {
    let r = api(&s.api_url(), "info", json!({})).await;
    let mut names: Vec<String> = r["result"]["nodes"]
        .as_array()
        .map(|ns| {
            ns.iter()
                .filter_map(|n| n["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// JSON messages of a streaming HTTP response, one by one: `\n`-terminated lines
/// (HTTP-streaming) or `data: ...` events (SSE, after its opening line).
pub(crate) struct Messages {
    resp: reqwest::Response,
    buf: Vec<u8>,
    sse: bool,
}

impl Messages {
    pub(crate) fn new(resp: reqwest::Response, sse: bool) -> Messages {
        Messages {
            resp,
            buf: Vec::new(),
            sse,
        }
    }

    /// With bytes already read off the response.
    pub(crate) fn with_read(resp: reqwest::Response, sse: bool, read: &[u8]) -> Messages {
        Messages {
            resp,
            buf: read.to_vec(),
            sse,
        }
    }

    /// The next message, or None when the stream ended.
    pub(crate) async fn next(&mut self) -> Option<Value> {
        loop {
            let sep: &[u8] = if self.sse { b"\n\n" } else { b"\n" };
            if let Some(i) = self.buf.windows(sep.len()).position(|w| w == sep) {
                let msg: Vec<u8> = self.buf.drain(..i + sep.len()).collect();
                let text = std::str::from_utf8(&msg[..i]).expect("utf-8");
                let text = if self.sse {
                    text.trim_start_matches("\r\n")
                        .strip_prefix("data: ")
                        .expect("an SSE data line")
                } else {
                    text
                };
                return Some(serde_json::from_str(text).expect("a JSON message"));
            }
            let chunk = tokio::time::timeout(WAIT, self.resp.chunk())
                .await
                .expect("a message in time")
                .expect("stream read");
            match chunk {
                Some(c) => self.buf.extend_from_slice(&c),
                None => return None,
            }
        }
    }

    /// The next message that is not a join push (bare or in a Reply): the chat namespace pushes
    /// joins, the connection's own too.
    pub(crate) async fn next_but_joins(&mut self) -> Option<Value> {
        loop {
            let m = self.next().await?;
            if m.get("join").is_none() && m["push"].get("join").is_none() {
                return Some(m);
            }
        }
    }
}

/// Checks the output of an SDK script (tests/sdk): it exited 0 and its last summary line reads
/// `N passed, 0 failed` with N > 0. Prints its stdout either way; `what` names it on failure.
pub(crate) fn assert_script_passed(what: &str, out: &std::process::Output) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed"))
        .unwrap_or("");
    assert!(
        out.status.success() && summary.ends_with(" 0 failed") && !summary.starts_with("0 passed"),
        "{what} failed (summary {summary:?}; tests/sdk/setup.sh installs the SDKs):\n{stdout}\n{stderr}"
    );
}
