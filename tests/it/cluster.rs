//! The cluster control plane: two nodes in one process share a controller, and the server API of
//! either node acts on the connections of both (disconnect, unsubscribe, subscribe, refresh) and
//! answers `channels` and `info` for the whole cluster.

use super::common::*;
use centrifugo::engine::InProcessControl;
use centrifugo::NodeBuilder;
use serde_json::{json, Value};
use std::sync::Arc;

/// Two nodes on one shared controller, once each knows the other.
async fn two_nodes() -> (TestServer, TestServer) {
    let control = InProcessControl::default();
    let start = |name: &str| {
        let mut cfg = base_config();
        cfg["node"] = json!({ "name": name });
        let node = NodeBuilder::new(config_from(cfg))
            .controller(Arc::new(control.clone()))
            .build()
            .expect("node");
        TestServer::start_node(node)
    };
    let a = start("a").await;
    let b = start("b").await;
    // Each announces itself on start and answers a node it did not know: wait for both to know.
    let deadline = tokio::time::Instant::now() + WAIT;
    for s in [&a, &b] {
        while info_names(s).await != ["a", "b"] {
            assert!(tokio::time::Instant::now() < deadline, "nodes did not meet");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
    (a, b)
}

async fn subscribe(c: &mut Client, id: u64, channel: &str) -> Value {
    c.call(json!({"id": id, "subscribe": {"channel": channel}}))
        .await
}

#[tokio::test]
async fn info_lists_every_node_with_its_counts() {
    let (a, b) = two_nodes().await;
    let (_c, _) = Client::connect(&b.ws_url(), "42").await;
    let r = api(&a.api_url(), "info", json!({})).await;
    let nodes = r["result"]["nodes"].as_array().cloned().unwrap_or_default();
    assert_eq!(nodes.len(), 2, "{r}");
    let own = nodes.iter().find(|n| n["name"] == "a").expect("node a");
    assert_eq!(own["uid"], a.node.id.as_str());
    assert!(nodes.iter().any(|n| n["uid"] == b.node.id.as_str()));
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn channels_are_counted_across_nodes() {
    let (a, b) = two_nodes().await;
    let (mut on_a, _) = Client::connect(&a.ws_url(), "1").await;
    let (mut on_b, _) = Client::connect(&b.ws_url(), "2").await;
    subscribe(&mut on_a, 2, "chat:room").await;
    subscribe(&mut on_b, 2, "chat:room").await;
    subscribe(&mut on_b, 3, "pub:only-b").await;
    for s in [&a, &b] {
        let r = api(&s.api_url(), "channels", json!({})).await;
        assert_eq!(
            r["result"]["channels"],
            json!({"chat:room": {"num_clients": 2}, "pub:only-b": {"num_clients": 1}})
        );
    }
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn disconnect_through_one_node_closes_the_user_on_the_other() {
    let (a, b) = two_nodes().await;
    let (mut keep, _) = Client::connect(&b.ws_url(), "42").await;
    let (mut gone, _) = Client::connect(&b.ws_url(), "42").await;
    let keep_id = keep_client_id(&mut keep).await;
    api(
        &a.api_url(),
        "disconnect",
        json!({"user": "42", "whitelist": [keep_id]}),
    )
    .await;
    assert_eq!(gone.closed().await, (3503, "force disconnect".to_string()));
    // The whitelisted connection is still served.
    let r = keep.call(json!({"id": 9, "rpc": {"method": "ping"}})).await;
    assert!(r.get("error").is_none(), "{r}");
    a.stop().await;
    b.stop().await;
}

/// The client id of a connection, from the presence of a channel it joins.
async fn keep_client_id(c: &mut Client) -> String {
    let r = c
        .call(json!({"id": 5, "subscribe": {"channel": "chat:whoami"}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    let p = c
        .call(json!({"id": 6, "presence": {"channel": "chat:whoami"}}))
        .await;
    let clients: Vec<String> = p["presence"]["presence"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    assert_eq!(clients.len(), 1, "{p}");
    clients[0].clone()
}

#[tokio::test]
async fn subscribe_and_unsubscribe_through_one_node_reach_the_other() {
    let (a, b) = two_nodes().await;
    let (mut c, _) = Client::connect(&b.ws_url(), "42").await;
    api(
        &a.api_url(),
        "subscribe",
        json!({"user": "42", "channel": "news"}),
    )
    .await;
    let push = c.push().await;
    assert_eq!(push["channel"], "news");
    assert!(push.get("subscribe").is_some(), "{push}");
    api(
        &a.api_url(),
        "unsubscribe",
        json!({"user": "42", "channel": "news"}),
    )
    .await;
    let push = c.push().await;
    assert_eq!(push["channel"], "news");
    assert!(push.get("unsubscribe").is_some(), "{push}");
    a.stop().await;
    b.stop().await;
}
