//! What goes wrong in a real deployment: Redis or Tarantool restarted mid-run, a Sentinel
//! failover, a PUB/SUB connection that stays open but stops delivering. In each, clients end up
//! with every publication history kept, and readiness tells a load balancer when the broker is
//! gone.

use super::servers::{redis_cli, Redis, Restartable, Sentinel, Tarantool, MASTER_NAME};
use super::{eventually, node_config, two_nodes, Backend};
use crate::it::common::*;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn ready(s: &TestServer) -> (u16, String) {
    let r = reqwest::get(format!("http://{}/health/ready", s.addr))
        .await
        .expect("ready");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

/// Collects the offsets a positioned subscriber gets until it has `upto`, resubscribing with
/// recovery whenever the server says publications were lost (unsubscribe 2500), as an SDK does.
async fn follow(c: &mut Client, channel: &str, epoch: &str, upto: u64) -> Vec<u64> {
    let mut got: Vec<u64> = Vec::new();
    let mut id = 100;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while got.last().copied().unwrap_or(0) < upto {
        assert!(tokio::time::Instant::now() < deadline, "got only {got:?}");
        // Silence for a while: the tail may have been lost with nothing after it to show the
        // gap (the server's periodic position check would tell, 40 s later); recover as an
        // SDK's own position check would.
        let push = match tokio::time::timeout(Duration::from_secs(4), c.push()).await {
            Ok(p) => p,
            Err(_) => {
                id += 1;
                c.call(json!({"id": id, "unsubscribe": {"channel": channel}}))
                    .await;
                json!({"unsubscribe": {"code": 2500}})
            }
        };
        if let Some(p) = push.get("pub") {
            got.push(p["offset"].as_u64().unwrap_or(0));
        } else if push["unsubscribe"]["code"] == 2500 {
            id += 1;
            let last = got.last().copied().unwrap_or(0);
            let r = c
                .call(json!({"id": id, "subscribe": {"channel": channel, "recoverable": true, "recover": true, "offset": last, "epoch": epoch}}))
                .await;
            assert_eq!(r["subscribe"]["recovered"], true, "{r}");
            got.extend(
                r["subscribe"]["publications"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p["offset"].as_u64()),
            );
        }
    }
    got
}

async fn positioned(c: &mut Client, channel: &str) -> String {
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": channel, "recoverable": true}}))
        .await;
    assert_eq!(r["subscribe"]["positioned"], true, "{r}");
    r["subscribe"]["epoch"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Publishes through `s` until the API accepts it (the broker may be coming back).
async fn publish_until_accepted(s: &TestServer, channel: &str, data: Value) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let r = api(
            &s.api_url(),
            "publish",
            json!({"channel": channel, "data": data}),
        )
        .await;
        if r.get("error").is_none() {
            return r;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never accepted: {r}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn redis_restarted_mid_run_loses_nothing_history_can_recover() {
    let mut redis = Redis::with(&["--appendonly", "yes", "--appendfsync", "always"]);
    let engine =
        json!({"engine": {"type": "redis", "redis": {"address": redis.url(), "io_timeout": "1s"}}});
    restarted_mid_run(&mut redis, &engine, "redis").await;
}

#[tokio::test]
async fn tarantool_restarted_mid_run_loses_nothing_history_can_recover() {
    let mut t = Tarantool::start();
    let engine = json!({"engine": {"type": "tarantool", "tarantool": {"address": t.address(), "request_timeout": "1s"}}});
    restarted_mid_run(&mut t, &engine, "tarantool").await;
}

#[tokio::test]
async fn a_wrong_tarantool_password_is_named_in_errors_and_readiness() {
    let t = Tarantool::with_login("centrifugo", "right");
    let engine = json!({"engine": {"type": "tarantool", "tarantool": {
        "address": t.address(), "user": "centrifugo", "password": "wrong"}}});
    let s = TestServer::start(node_config(&engine, "a")).await;
    let r = api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:p", "data": {}}),
    )
    .await;
    assert_eq!(r["error"]["code"], 100, "{r}");
    eventually(
        "readiness did not say why",
        Duration::from_secs(10),
        || async {
            let (status, body) = ready(&s).await;
            status == 503 && body.contains("tarantool") && body.contains("password")
        },
    )
    .await;
    s.stop().await;
}

/// The store behind `engine` goes down between publications 3 and 4 and comes back with its data
/// (an append-only file, a WAL): the API says "internal error" meanwhile, readiness names the
/// store, and a positioned subscriber ends up with all six publications in order.
async fn restarted_mid_run(store: &mut dyn Restartable, engine: &Value, label: &str) {
    let (a, b) = two_nodes(engine).await;
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    let epoch = positioned(&mut c, "chat:r").await;
    for n in 1..=3 {
        publish_until_accepted(&b, "chat:r", json!({"n": n})).await;
    }
    assert_eq!(ready(&a).await.0, 200);
    store.kill();
    // While the store is down the API answers with the internal error, and readiness says why.
    let r = api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:r", "data": {"n": 0}}),
    )
    .await;
    assert_eq!(r["error"]["code"], 100, "{r}");
    eventually(
        "readiness did not notice",
        Duration::from_secs(10),
        || async {
            let (status, body) = ready(&a).await;
            status == 503 && body.contains(label)
        },
    )
    .await;
    store.restart();
    for n in 4..=6 {
        publish_until_accepted(&b, "chat:r", json!({"n": n})).await;
    }
    // Everything arrives, in order, live or recovered after the server reports the gap.
    let got = follow(&mut c, "chat:r", &epoch, 6).await;
    let mut want: Vec<u64> = (1..=6).collect();
    want.retain(|o| got.contains(o));
    assert_eq!(want.len(), 6, "missing publications: {got:?}");
    let mut sorted = got.clone();
    sorted.dedup();
    assert!(
        sorted.windows(2).all(|w| w[0] < w[1]),
        "out of order: {got:?}"
    );
    eventually(
        "readiness did not come back",
        Duration::from_secs(10),
        || async { ready(&a).await.0 == 200 && ready(&b).await.0 == 200 },
    )
    .await;
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn a_sentinel_failover_moves_both_nodes_to_the_new_primary() {
    let s = Sentinel::start();
    let old = s.current_primary();
    let url = format!(
        "redis+sentinel://127.0.0.1:{}?sentinel_master_name={MASTER_NAME}",
        s.port
    );
    let engine =
        json!({"engine": {"type": "redis", "redis": {"address": url, "io_timeout": "1s"}}});
    let (a, b) = two_nodes(&engine).await;
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    let epoch = positioned(&mut c, "chat:f").await;
    publish_until_accepted(&b, "chat:f", json!({"n": 1})).await;
    redis_cli(s.port, &["SENTINEL", "FAILOVER", MASTER_NAME]);
    eventually("no failover", Duration::from_secs(20), || async {
        s.current_primary() != old && s.current_primary() != 0
    })
    .await;
    assert_eq!(s.current_primary(), s.replica.port);
    // Writes land on the new primary (the old one now refuses them with READONLY).
    for n in 2..=4 {
        publish_until_accepted(&b, "chat:f", json!({"n": n})).await;
    }
    let got = follow(&mut c, "chat:f", &epoch, 4).await;
    for o in 1..=4 {
        assert!(got.contains(&o), "missing {o}: {got:?}");
    }
    let info = redis_cli(s.replica.port, &["EXISTS", "centrifugo.stream.{chat:f}"]);
    assert_eq!(info.trim(), "1", "history is on the new primary");
    a.stop().await;
    b.stop().await;
}

/// A TCP proxy whose connections can be frozen: open, but nothing more reaches the client.
struct FreezingProxy {
    port: u16,
    frozen: Arc<AtomicBool>,
}

impl FreezingProxy {
    async fn start(target: u16) -> FreezingProxy {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = l.local_addr().expect("addr").port();
        let frozen = Arc::new(AtomicBool::new(false));
        let generation_frozen = frozen.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = l.accept().await {
                // Connections made after a freeze work: only the ones open at the time go deaf.
                let deaf = Arc::new(AtomicBool::new(false));
                let flag = generation_frozen.clone();
                tokio::spawn(async move {
                    let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", target)).await
                    else {
                        return;
                    };
                    let was = flag.load(Ordering::SeqCst);
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    tokio::spawn(async move {
                        let _ = tokio::io::copy(&mut cr, &mut sw).await;
                    });
                    let mut buf = vec![0u8; 16384];
                    while let Ok(n) = sr.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        if flag.load(Ordering::SeqCst) != was {
                            deaf.store(true, Ordering::SeqCst);
                        }
                        if deaf.load(Ordering::SeqCst) {
                            continue;
                        }
                        if cw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
            }
        });
        FreezingProxy { port, frozen }
    }

    /// Every connection open now stops delivering what the server sends.
    fn freeze(&self) {
        let now = self.frozen.load(Ordering::SeqCst);
        self.frozen.store(!now, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_subscriber_connection_that_silently_stops_receiving_is_replaced() {
    let redis = Redis::start();
    let proxy = FreezingProxy::start(redis.port).await;
    let via_proxy = json!({"engine": {"type": "redis", "redis": {
        "address": format!("redis://127.0.0.1:{}", proxy.port),
        "io_timeout": "1s", "pubsub_probe_interval": "1s"}}});
    let direct = json!({"engine": {"type": "redis", "redis": {"address": redis.url()}}});
    let a = TestServer::start(node_config(&via_proxy, "a")).await;
    let b = TestServer::start(node_config(&direct, "b")).await;
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    let epoch = positioned(&mut c, "chat:deaf").await;
    publish_until_accepted(&b, "chat:deaf", json!({"n": 1})).await;
    assert_eq!(c.publication().await["pub"]["offset"], 1);
    proxy.freeze();
    for n in 2..=3 {
        publish_until_accepted(&b, "chat:deaf", json!({"n": n})).await;
    }
    // Node a's probe goes unanswered, it reconnects, sees the stream moved past its subscriber
    // and tells it; the client recovers 2 and 3 from history.
    let got = follow(&mut c, "chat:deaf", &epoch, 3).await;
    assert!(got.contains(&2) && got.contains(&3), "{got:?}");
    publish_until_accepted(&b, "chat:deaf", json!({"n": 4})).await;
    let got = follow(&mut c, "chat:deaf", &epoch, 4).await;
    assert_eq!(got, vec![4]);
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn nats_has_no_history_and_redis_config_errors_name_the_key() {
    // Kept whole: its servers live as long as it does.
    let be: Backend = super::backend(super::Kind::Nats);
    let (a, b) = two_nodes(&be.engine).await;
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:n", "limit": -1}),
    )
    .await;
    assert_eq!(r["error"]["code"], 108, "{r}");
    assert_eq!(ready(&a).await.0, 200);
    a.stop().await;
    b.stop().await;
    let bad = config_from(node_config(
        &json!({"engine": {"type": "redis", "redis": {"address": "redis://host:port"}}}),
        "x",
    ));
    let e = centrifugo::Node::new(bad).err().map(|e| e.to_string());
    assert!(
        e.as_deref()
            .is_some_and(|e| e.contains("engine.redis") && e.contains("redis://host:port")),
        "{e:?}"
    );
}
