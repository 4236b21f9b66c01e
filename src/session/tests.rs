//! Session timers under paused time: stale, no pong, connection and subscription expiry.

use super::now_unix;
use crate::node::Node;
use crate::outbox::{ClientHandle, Drained, Protocol};
use bytes::Bytes;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

const SECRET: &str = "paused-secret";

struct Conn {
    handle: Arc<ClientHandle>,
    frames: mpsc::Sender<Bytes>,
    task: tokio::task::JoinHandle<()>,
}

fn node(client: Value) -> Arc<Node> {
    let cfg = json!({
        "client": client,
        "channel": {"namespaces": [{"name": "ns"}]}
    });
    let loaded = crate::config::from_json_str(&cfg.to_string()).expect("config");
    Node::new(loaded.config).expect("node")
}

fn token(claims: Value) -> String {
    crate::auth::sign(
        &claims,
        "HS256",
        &crate::auth::SigningKey::Hmac(SECRET.as_bytes().to_vec()),
    )
    .expect("sign")
}

fn start(node: &Arc<Node>) -> Conn {
    let handle = Arc::new(ClientHandle::new("c1".into(), Protocol::Json, 0));
    let (frames, rx) = mpsc::channel(8);
    let incoming =
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|f| (f, rx)) });
    let task = tokio::spawn(super::run(
        node.clone(),
        handle.clone(),
        "test",
        incoming,
        Default::default(),
    ));
    Conn {
        handle,
        frames,
        task,
    }
}

impl Conn {
    async fn send(&self, v: Value) {
        self.frames
            .send(Bytes::from(v.to_string()))
            .await
            .expect("session alive");
    }

    /// Next messages, or the close code once the session closed the connection.
    async fn drain(&self) -> Result<Vec<Value>, u32> {
        match self.handle.drain().await {
            Drained::Messages(items) => Ok(items
                .iter()
                .map(|b| serde_json::from_slice(b).expect("json"))
                .collect()),
            Drained::Close(_, d) => Err(d.code),
            Drained::Pongs(_) => Ok(Vec::new()),
        }
    }

    async fn closed(&self) -> u32 {
        loop {
            if let Err(code) = self.drain().await {
                return code;
            }
        }
    }
}

#[tokio::test(start_paused = true)]
async fn stale_connection_is_closed_after_stale_close_delay() {
    let node = node(json!({"stale_close_delay": "10s"}));
    let c = start(&node);
    let t0 = tokio::time::Instant::now();
    assert_eq!(c.closed().await, 3502);
    assert!(t0.elapsed() >= Duration::from_secs(10));
    c.task.await.expect("session ends");
}

#[tokio::test(start_paused = true)]
async fn missing_pong_closes_with_3012_and_pongs_keep_it_open() {
    let node = node(
        json!({"token": {"hmac_secret_key": SECRET}, "ping_interval": "25s", "pong_timeout": "8s"}),
    );
    let c = start(&node);
    c.send(json!({"id": 1, "connect": {"token": token(json!({"sub": "u"}))}}))
        .await;
    assert!(c.drain().await.expect("reply")[0]["connect"].is_object());
    // Answer two pings, then stay silent.
    for _ in 0..2 {
        assert_eq!(c.drain().await.expect("ping"), vec![json!({})]);
        c.send(json!({})).await;
    }
    let t0 = tokio::time::Instant::now();
    assert_eq!(c.drain().await.expect("third ping"), vec![json!({})]);
    assert_eq!(c.closed().await, 3012);
    assert!(t0.elapsed() >= Duration::from_secs(8));
}

#[tokio::test(start_paused = true)]
async fn expired_connection_closes_with_3005_unless_refreshed() {
    let node = node(
        json!({"token": {"hmac_secret_key": SECRET}, "expired_close_delay": "25s", "ping_interval": "100000h", "pong_timeout": "1s"}),
    );
    let c = start(&node);
    c.send(
        json!({"id": 1, "connect": {"token": token(json!({"sub": "u", "exp": now_unix() + 60}))}}),
    )
    .await;
    let connect = c.drain().await.expect("reply")[0]["connect"].clone();
    assert_eq!(connect["ttl"], 60);
    // Refresh just before expiry moves it an hour ahead.
    tokio::time::sleep(Duration::from_secs(59)).await;
    c.send(json!({"id": 2, "refresh": {"token": token(json!({"sub": "u", "exp": now_unix() + 3600}))}})).await;
    let r = c.drain().await.expect("refresh");
    assert_eq!(r[0]["refresh"]["ttl"], 3600);
    let t0 = tokio::time::Instant::now();
    assert_eq!(c.closed().await, 3005);
    // Closed only after the new expiry plus the grace delay.
    assert!(t0.elapsed() >= Duration::from_secs(3600 + 25));
}

#[tokio::test(start_paused = true)]
async fn expired_subscription_token_unsubscribes_with_2501() {
    let node = node(
        json!({"token": {"hmac_secret_key": SECRET}, "expired_sub_close_delay": "25s", "ping_interval": "100000h", "pong_timeout": "1s"}),
    );
    let c = start(&node);
    c.send(json!({"id": 1, "connect": {"token": token(json!({"sub": "u"}))}}))
        .await;
    c.drain().await.expect("connect");
    let sub_token = token(json!({"sub": "u", "channel": "ns:a", "exp": now_unix() + 30}));
    c.send(json!({"id": 2, "subscribe": {"channel": "ns:a", "token": sub_token}}))
        .await;
    assert_eq!(
        c.drain().await.expect("subscribe")[0]["subscribe"]["ttl"],
        30
    );
    let t0 = tokio::time::Instant::now();
    let push = c.drain().await.expect("push");
    assert_eq!(
        push[0],
        json!({"push": {"channel": "ns:a", "unsubscribe": {"code": 2501, "reason": "subscription expired"}}})
    );
    assert!(t0.elapsed() >= Duration::from_secs(30 + 25));
}

#[test]
fn idle_session_future_stays_small() {
    // Every idle connection holds this future; command handling is boxed while it runs.
    let node = node(json!({}));
    let handle = ClientHandle::new("c1".into(), Protocol::Json, 0);
    let frames = futures_util::stream::empty::<Bytes>();
    let fut = super::run(node, Arc::new(handle), "test", frames, Default::default());
    assert!(
        std::mem::size_of_val(&fut) < 1024,
        "{} bytes",
        std::mem::size_of_val(&fut)
    );
}
