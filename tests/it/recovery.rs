//! History streams and recovery on subscribe: positions, recovered publications, no loss or duplicates.

use super::common::*;
use serde_json::{json, Value};

fn offsets(pubs: &Value) -> Vec<u64> {
    pubs.as_array()
        .map(|a| a.iter().filter_map(|p| p["offset"].as_u64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn recovers_missed_publications_in_order() {
    let s = TestServer::start(base_config()).await;
    let api_url = s.api_url();
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:r", "recoverable": true}}))
        .await;
    let sub = &r["subscribe"];
    assert_eq!(sub["recoverable"], true, "{r}");
    assert_eq!(sub["positioned"], true);
    let epoch = sub["epoch"].as_str().expect("epoch").to_string();
    api(
        &api_url,
        "publish",
        json!({"channel": "chat:r", "data": {"n": 1}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p["pub"]["offset"], 1);
    // Drop the connection, publish three while away, come back with the last seen position.
    drop(c);
    for n in 2..=4 {
        api(
            &api_url,
            "publish",
            json!({"channel": "chat:r", "data": {"n": n}}),
        )
        .await;
    }
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:r", "recoverable": true, "recover": true, "offset": 1, "epoch": epoch}}))
        .await;
    let sub = &r["subscribe"];
    assert_eq!(sub["was_recovering"], true, "{r}");
    assert_eq!(sub["recovered"], true);
    assert_eq!(offsets(&sub["publications"]), vec![2, 3, 4]);
    assert_eq!(sub["publications"][2]["data"], json!({"n": 4}));
    assert_eq!(sub["offset"], 4);
    // Wrong epoch: recovery fails, nothing replayed.
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:r", "recoverable": true, "recover": true, "offset": 1, "epoch": "other"}}))
        .await;
    assert_eq!(r["subscribe"]["was_recovering"], true);
    assert!(r["subscribe"].get("recovered").is_none(), "{r}");
    assert!(r["subscribe"].get("publications").is_none());
    s.stop().await;
}

#[tokio::test]
async fn concurrent_publishes_during_subscribe_are_neither_lost_nor_doubled() {
    let s = TestServer::start(base_config()).await;
    let api_url = s.api_url();
    let publisher = tokio::spawn(async move {
        for n in 1..=200 {
            api(
                &api_url,
                "publish",
                json!({"channel": "chat:race", "data": {"n": n}}),
            )
            .await;
        }
    });
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:race", "recoverable": true, "recover": true, "offset": 0, "epoch": ""}}))
        .await;
    let mut seen = offsets(&r["subscribe"]["publications"]);
    let top = r["subscribe"]["offset"].as_u64().expect("offset");
    publisher.await.expect("publisher");
    while seen.len() < 200 {
        let p = c.publication().await;
        seen.extend(p["pub"]["offset"].as_u64());
    }
    assert_eq!(
        seen,
        (1..=200).collect::<Vec<u64>>(),
        "subscribe top was {top}"
    );
    s.stop().await;
}
