//! Scale-out engines on real servers: the same test bodies run on a single Redis, three Redis
//! shards, a 3-master Redis Cluster, a Sentinel-managed primary, NATS (with Redis presence), a
//! Tarantool and two Tarantool shards (one a leader with a follower),
//! each with two nodes whose clients exchange publications, join/leave, presence, history and
//! recovery, and whose server API acts on the other node's connections. Then what only a real
//! deployment shows: Redis restarted mid-run, a Sentinel failover, a subscriber connection that
//! silently stops receiving.

mod faults;
pub(crate) mod servers;
pub(crate) mod tls;

use super::common::*;
use serde_json::{json, Value};
use servers::{Cluster, Nats, Redis, Sentinel, Tarantool};
use std::time::Duration;

/// The servers an engine runs on, kept alive for the test, and the config that points at them.
pub(crate) struct Backend {
    pub engine: Value,
    pub history: bool,
    _keep: Vec<Box<dyn std::any::Any>>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Redis,
    Shards,
    Cluster,
    Sentinel,
    Nats,
    Tarantool,
    TarantoolShards,
}

pub(crate) fn backend(kind: Kind) -> Backend {
    match kind {
        Kind::Redis => {
            let r = Redis::start();
            Backend {
                engine: json!({"engine": {"type": "redis", "redis": {"address": r.url()}}}),
                history: true,
                _keep: vec![Box::new(r)],
            }
        }
        Kind::Shards => {
            let rs: Vec<Redis> = (0..3).map(|_| Redis::start()).collect();
            let urls: Vec<String> = rs.iter().map(Redis::url).collect();
            Backend {
                // Three subscriber connections per shard: channels spread over nine in all.
                engine: json!({"engine": {"type": "redis", "redis": {"address": urls, "pubsub_connections": 3}}}),
                history: true,
                _keep: vec![Box::new(rs)],
            }
        }
        Kind::Cluster => {
            let c = Cluster::start();
            // One seed; the cluster is detected from what the server says, as Centrifugo does.
            let url = c.nodes[0].url();
            Backend {
                engine: json!({"engine": {"type": "redis", "redis": {"address": url}}}),
                history: true,
                _keep: vec![Box::new(c)],
            }
        }
        Kind::Sentinel => {
            let s = Sentinel::start();
            let url = format!(
                "redis+sentinel://127.0.0.1:{}?sentinel_master_name={}",
                s.port,
                servers::MASTER_NAME
            );
            Backend {
                engine: json!({"engine": {"type": "redis", "redis": {"address": url}}}),
                history: true,
                _keep: vec![Box::new(s)],
            }
        }
        Kind::Nats => {
            let n = Nats::start();
            let r = Redis::start();
            Backend {
                engine: json!({
                    "broker": {"enabled": true, "type": "nats", "nats": {"url": n.url()}},
                    "presence_manager": {"enabled": true, "type": "redis", "redis": {"address": r.url()}}
                }),
                history: false,
                _keep: vec![Box::new(n), Box::new(r)],
            }
        }
        Kind::Tarantool => {
            // Nodes log in (chap-sha1) as a user the module created.
            let t = Tarantool::with_login("centrifugo", "s3cret");
            Backend {
                engine: json!({"engine": {"type": "tarantool", "tarantool": {
                    "address": t.address(), "user": "centrifugo", "password": "s3cret"}}}),
                history: true,
                _keep: vec![Box::new(t)],
            }
        }
        Kind::TarantoolShards => {
            // Two shards; the first lists a read-only follower before its leader, so the node
            // has to find the writable one.
            let a = Tarantool::start();
            let follower = Tarantool::follower(&a);
            let b = Tarantool::start();
            let shards = [
                format!("{},{}", follower.address(), a.address()),
                b.address(),
            ];
            Backend {
                engine: json!({"engine": {"type": "tarantool", "tarantool": {"address": shards}}}),
                history: true,
                _keep: vec![Box::new(a), Box::new(follower), Box::new(b)],
            }
        }
    }
}

/// `base_config()` with the engine's keys merged in.
pub(crate) fn node_config(engine: &Value, name: &str) -> Value {
    let mut cfg = base_config();
    if let (Some(c), Some(e)) = (cfg.as_object_mut(), engine.as_object()) {
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    cfg["node"] = json!({ "name": name });
    cfg
}

/// Polls `f` every 50 ms until it is true, failing after `within`.
pub(crate) async fn eventually<F, Fut>(what: &str, within: Duration, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + within;
    while !f().await {
        assert!(tokio::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Two nodes named a and b on the engine, once each knows the other.
pub(crate) async fn two_nodes(engine: &Value) -> (TestServer, TestServer) {
    let a = TestServer::start(node_config(engine, "a")).await;
    let b = TestServer::start(node_config(engine, "b")).await;
    for s in [&a, &b] {
        // Within a few heartbeats (3 s apart) even if the first announcements went unheard.
        eventually(
            "the nodes did not meet",
            Duration::from_secs(12),
            || async { info_names(s).await == ["a", "b"] },
        )
        .await;
    }
    (a, b)
}

async fn subscribe(c: &mut Client, id: u64, channel: &str) -> Value {
    let r = c
        .call(json!({"id": id, "subscribe": {"channel": channel}}))
        .await;
    assert!(r.get("error").is_none(), "subscribe {channel}: {r}");
    r
}

async fn publications_and_join_leave_cross_nodes(kind: Kind) {
    let be = backend(kind);
    let (a, b) = two_nodes(&be.engine).await;
    let (mut on_a, _) = Client::connect(&a.ws_url(), "1").await;
    subscribe(&mut on_a, 2, "chat:x").await;
    // Published through the other node's API.
    let r = api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:x", "data": {"n": 1}}),
    )
    .await;
    assert!(r.get("error").is_none(), "{r}");
    let p = on_a.publication().await;
    assert_eq!(p["channel"], "chat:x");
    assert_eq!(p["pub"]["data"], json!({"n": 1}));
    // A client of the other node joins and publishes: both reach node a's subscriber.
    let (mut on_b, _) = Client::connect(&b.ws_url(), "2").await;
    subscribe(&mut on_b, 2, "chat:x").await;
    // (Its own join may come first: the brokers order messages per publisher, not across nodes.)
    loop {
        let push = on_a.push().await;
        if push["join"]["info"]["user"] == "2" {
            break;
        }
        assert_eq!(push["join"]["info"]["user"], "1", "{push}");
    }
    let r = on_b
        .call(json!({"id": 3, "publish": {"channel": "chat:x", "data": {"from": "b"}}}))
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let p = on_a.publication().await;
    assert_eq!(p["pub"]["data"], json!({"from": "b"}));
    assert_eq!(p["pub"]["info"]["user"], "2");
    drop(on_b);
    let leave = loop {
        let push = on_a.push().await;
        if push.get("leave").is_some() {
            break push;
        }
    };
    assert_eq!(leave["leave"]["info"]["user"], "2");
    a.stop().await;
    b.stop().await;
}

async fn presence_across_nodes(kind: Kind) {
    let be = backend(kind);
    let (a, b) = two_nodes(&be.engine).await;
    let (mut on_a, _) = Client::connect(&a.ws_url(), "1").await;
    let (mut on_b, _) = Client::connect(&b.ws_url(), "2").await;
    subscribe(&mut on_a, 2, "chat:p").await;
    subscribe(&mut on_b, 2, "chat:p").await;
    for s in [&a, &b] {
        let r = api(&s.api_url(), "presence", json!({"channel": "chat:p"})).await;
        let users: Vec<&str> = r["result"]["presence"]
            .as_object()
            .map(|m| m.values().filter_map(|i| i["user"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(users.len(), 2, "{r}");
        let r = api(&s.api_url(), "presence_stats", json!({"channel": "chat:p"})).await;
        assert_eq!(
            r["result"],
            json!({"num_clients": 2, "num_users": 2}),
            "{r}"
        );
    }
    drop(on_b);
    eventually("presence of the gone client stayed", WAIT, || async {
        let r = api(&a.api_url(), "presence_stats", json!({"channel": "chat:p"})).await;
        r["result"]["num_clients"] == 1
    })
    .await;
    a.stop().await;
    b.stop().await;
}

async fn control_reaches_the_other_node(kind: Kind) {
    let be = backend(kind);
    let (a, b) = two_nodes(&be.engine).await;
    let (mut gone, _) = Client::connect(&b.ws_url(), "42").await;
    let (mut on_a, _) = Client::connect(&a.ws_url(), "7").await;
    subscribe(&mut on_a, 2, "chat:c").await;
    let r = api(&b.api_url(), "channels", json!({})).await;
    assert_eq!(r["result"]["channels"]["chat:c"]["num_clients"], 1, "{r}");
    api(&a.api_url(), "disconnect", json!({"user": "42"})).await;
    assert_eq!(gone.closed().await, (3503, "force disconnect".to_string()));
    api(
        &b.api_url(),
        "unsubscribe",
        json!({"user": "7", "channel": "chat:c"}),
    )
    .await;
    // (Its own join push comes first: the namespace forces join/leave pushes.)
    let push = loop {
        let push = on_a.push().await;
        if push.get("join").is_none() {
            break push;
        }
    };
    assert_eq!(push["channel"], "chat:c");
    assert!(push.get("unsubscribe").is_some(), "{push}");
    a.stop().await;
    b.stop().await;
}

fn offsets(pubs: &Value) -> Vec<u64> {
    pubs.as_array()
        .map(|a| a.iter().filter_map(|p| p["offset"].as_u64()).collect())
        .unwrap_or_default()
}

/// Publishes three through `b` and reads them back through `a` (offsets 1..3, in order); returns
/// the stream epoch.
async fn publish_three(a: &TestServer, b: &TestServer, channel: &str) -> String {
    for n in 1..=3 {
        let r = api(
            &b.api_url(),
            "publish",
            json!({"channel": channel, "data": {"n": n}}),
        )
        .await;
        assert_eq!(r["result"]["offset"], n, "{r}");
    }
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": channel, "limit": -1}),
    )
    .await;
    assert_eq!(offsets(&r["result"]["publications"]), vec![1, 2, 3], "{r}");
    assert_eq!(r["result"]["publications"][2]["data"], json!({"n": 3}));
    r["result"]["epoch"].as_str().expect("epoch").to_string()
}

async fn history_and_recovery_across_nodes(kind: Kind) {
    let be = backend(kind);
    assert!(be.history);
    let (a, b) = two_nodes(&be.engine).await;
    let epoch = publish_three(&a, &b, "chat:h").await;
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:h", "limit": 2, "reverse": true}),
    )
    .await;
    assert_eq!(offsets(&r["result"]["publications"]), vec![3, 2], "{r}");
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:h", "limit": 1, "since": {"offset": 1, "epoch": epoch}}),
    )
    .await;
    assert_eq!(offsets(&r["result"]["publications"]), vec![2], "{r}");
    // A client of node a recovers what it missed from offset 1, then gets the next one live.
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:h", "recoverable": true, "recover": true, "offset": 1, "epoch": epoch}}))
        .await;
    assert_eq!(r["subscribe"]["recovered"], true, "{r}");
    assert_eq!(offsets(&r["subscribe"]["publications"]), vec![2, 3]);
    api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:h", "data": {"n": 4}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p["pub"]["offset"], 4, "{p}");
    // A wrong epoch does not recover.
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:h", "limit": -1, "since": {"offset": 1, "epoch": "nope"}}),
    )
    .await;
    assert_eq!(r["error"]["code"], 112, "{r}");
    // Idempotent publish: the second one with the same key is accepted and not delivered again.
    for _ in 0..2 {
        let r = api(
            &b.api_url(),
            "publish",
            json!({"channel": "chat:h", "data": {"n": 5}, "idempotency_key": "k5"}),
        )
        .await;
        assert_eq!(r["result"]["offset"], 5, "{r}");
    }
    api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:h", "data": {"n": 6}}),
    )
    .await;
    assert_eq!(c.publication().await["pub"]["offset"], 5);
    assert_eq!(c.publication().await["pub"]["offset"], 6);
    api(&a.api_url(), "history_remove", json!({"channel": "chat:h"})).await;
    let r = api(
        &b.api_url(),
        "history",
        json!({"channel": "chat:h", "limit": -1}),
    )
    .await;
    assert!(offsets(&r["result"]["publications"]).is_empty(), "{r}");
    assert_eq!(r["result"]["offset"], 6);
    a.stop().await;
    b.stop().await;
}

/// `history_use_lists`: the same history and recovery on Redis Lists, which have no reverse paging.
#[tokio::test]
async fn redis_lists_history_and_recovery_across_nodes() {
    let r = Redis::start();
    let engine = json!({"engine": {"type": "redis", "redis": {"address": r.url(), "history_use_lists": true}}});
    let (a, b) = two_nodes(&engine).await;
    let epoch = publish_three(&a, &b, "chat:l").await;
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:l", "limit": 1, "since": {"offset": 1, "epoch": epoch}}),
    )
    .await;
    assert_eq!(offsets(&r["result"]["publications"]), vec![2], "{r}");
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:l", "limit": 2, "reverse": true}),
    )
    .await;
    assert_eq!(r["error"]["code"], 107, "no reverse paging on lists: {r}");
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:l", "recoverable": true, "recover": true, "offset": 1, "epoch": epoch}}))
        .await;
    assert_eq!(r["subscribe"]["recovered"], true, "{r}");
    assert_eq!(offsets(&r["subscribe"]["publications"]), vec![2, 3]);
    api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:l", "data": {"n": 4}}),
    )
    .await;
    assert_eq!(c.publication().await["pub"]["offset"], 4);
    // The list is trimmed to the namespace's history_size (10).
    for n in 5..=14 {
        api(
            &b.api_url(),
            "publish",
            json!({"channel": "chat:l", "data": {"n": n}}),
        )
        .await;
    }
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:l", "limit": -1}),
    )
    .await;
    assert_eq!(
        offsets(&r["result"]["publications"]),
        (5..=14).collect::<Vec<u64>>(),
        "{r}"
    );
    api(&a.api_url(), "history_remove", json!({"channel": "chat:l"})).await;
    let r = api(
        &b.api_url(),
        "history",
        json!({"channel": "chat:l", "limit": -1}),
    )
    .await;
    assert!(offsets(&r["result"]["publications"]).is_empty(), "{r}");
    a.stop().await;
    b.stop().await;
}

/// One test per body per engine, named `<engine>::<body>`.
macro_rules! engine_tests {
    ($($module:ident => $kind:ident [$($body:ident),*];)*) => {$(
        mod $module {
            $(
                #[tokio::test]
                async fn $body() {
                    super::$body(super::Kind::$kind).await
                }
            )*
        }
    )*};
}

engine_tests! {
    redis => Redis [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
    redis_shards => Shards [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
    redis_cluster => Cluster [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
    redis_sentinel => Sentinel [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
    nats => Nats [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node];
    tarantool => Tarantool [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
    tarantool_shards => TarantoolShards [publications_and_join_leave_cross_nodes, presence_across_nodes, control_reaches_the_other_node, history_and_recovery_across_nodes];
}
