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

fn recovery_config(mode: &str) -> Value {
    let mut c = base_config();
    c["channel"]["namespaces"]
        .as_array_mut()
        .expect("namespaces")
        .push(json!({
            "name": "rec", "history_size": 10, "history_ttl": "300s", "force_recovery": true,
            "force_recovery_mode": mode, "allow_subscribe_for_client": true
        }));
    c
}

#[tokio::test]
async fn reject_unrecovered_flag_gives_112() {
    let s = TestServer::start(recovery_config("stream")).await;
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "rec:a", "data": {"n": 1}}),
    )
    .await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let sub =
        json!({"channel": "rec:a", "recover": true, "offset": 1, "epoch": "stale", "flag": 2});
    let r = c.call(json!({"id": 2, "subscribe": sub})).await;
    assert_eq!(r["error"]["code"], 112, "{r}");
    // Without the flag the same request subscribes with recovered: false.
    let sub = json!({"channel": "rec:a", "recover": true, "offset": 1, "epoch": "stale"});
    let r = c.call(json!({"id": 3, "subscribe": sub})).await;
    assert_eq!(r["subscribe"]["was_recovering"], true, "{r}");
    assert!(r["subscribe"].get("recovered").is_none());
    s.stop().await;
}

#[tokio::test]
async fn cache_mode_delivers_only_the_latest_publication() {
    let s = TestServer::start(recovery_config("cache")).await;
    for n in 1..=3 {
        api(
            &s.api_url(),
            "publish",
            json!({"channel": "rec:c", "data": {"n": n}}),
        )
        .await;
    }
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "rec:c", "recover": true}}))
        .await;
    let sub = &r["subscribe"];
    assert_eq!(sub["recovered"], true, "{r}");
    assert_eq!(offsets(&sub["publications"]), vec![3]);
    assert_eq!(sub["publications"][0]["data"], json!({"n": 3}));
    s.stop().await;
}

#[tokio::test]
async fn lost_stream_position_unsubscribes_2500_and_server_side_disconnects_3010() {
    let mut cfg = base_config();
    cfg["client"]["channel_position_check_delay"] = json!("1500ms");
    cfg["channel"]["namespaces"]
        .as_array_mut()
        .expect("namespaces")
        .push(json!({
            "name": "pos", "history_size": 10, "history_ttl": "1s", "history_meta_ttl": "1s",
            "force_positioning": true, "allow_subscribe_for_client": true
        }));
    let s = TestServer::start(cfg).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "pos:a"}}))
        .await;
    assert_eq!(r["subscribe"]["positioned"], true, "{r}");
    // The stream meta expires (1s) before the next position check (1.5s): a new epoch means loss.
    let p = c.push().await;
    assert_eq!(
        p,
        json!({"channel": "pos:a", "unsubscribe": {"code": 2500, "reason": "insufficient state"}})
    );
    let mut d = Client::open(&s.ws_url()).await;
    let t = sign(json!({"sub": "2", "channels": ["pos:b"]}), SECRET);
    d.call(json!({"id": 1, "connect": {"token": t}})).await;
    assert_eq!(d.closed().await, (3010, "insufficient state".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn tags_filter_applies_to_recovered_and_live_publications() {
    let mut cfg = base_config();
    cfg["channel"]["namespaces"]
        .as_array_mut()
        .expect("namespaces")
        .push(
            json!({"name": "tg", "history_size": 10, "history_ttl": "60s",
            "allow_subscribe_for_client": true, "allow_history_for_subscriber": true,
            "allow_tags_filter": true}),
        );
    let s = TestServer::start(cfg).await;
    let api_url = s.api_url();
    let mut epoch = String::new();
    for (n, a) in [(1, "x"), (2, "y"), (3, "x"), (4, "y")] {
        let r = api(
            &api_url,
            "publish",
            json!({"channel": "tg:f", "data": {"n": n}, "tags": {"a": a}}),
        )
        .await;
        epoch = r["result"]["epoch"].as_str().expect("epoch").to_string();
    }
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let tf = json!({"op": "or", "nodes": [{"key": "a", "cmp": "eq", "val": "x"},
        {"op": "not", "nodes": [{"key": "a", "cmp": "ex"}]}]});
    let r = c
        .call(
            json!({"id": 2, "subscribe": {"channel": "tg:f", "recoverable": true,
            "recover": true, "offset": 0, "epoch": epoch, "tf": tf}}),
        )
        .await;
    let sub = &r["subscribe"];
    assert_eq!(sub["recovered"], true, "{r}");
    assert_eq!(offsets(&sub["publications"]), vec![1, 3], "{r}");
    assert_eq!(sub["offset"], 4);
    // Live: an "y" publication is skipped, an untagged one passes the `not ex` branch.
    for body in [
        json!({"channel": "tg:f", "data": {"n": 5}, "tags": {"a": "y"}}),
        json!({"channel": "tg:f", "data": {"n": 6}}),
    ] {
        api(&api_url, "publish", body).await;
    }
    let p = c.publication().await;
    assert_eq!(
        (p["pub"]["offset"].as_u64(), &p["pub"]["data"]),
        (Some(6), &json!({"n": 6}))
    );
    // A filter on a namespace without allow_tags_filter, or a malformed one: 107.
    for (channel, tf) in [
        ("chat:f", json!({"key": "a", "cmp": "eq", "val": "x"})),
        ("tg:g", json!({"key": "a", "cmp": "in", "val": "x"})),
        ("tg:h", json!({"op": "xor", "nodes": []})),
    ] {
        let r = c
            .call(json!({"id": 3, "subscribe": {"channel": channel, "tf": tf}}))
            .await;
        assert_eq!(r["error"]["code"], 107, "{channel}: {r}");
    }
    s.stop().await;
}

#[tokio::test]
async fn fossil_delta_live_and_recovered_publications() {
    use centrifugo::wire::fossil;
    let mut cfg = base_config();
    cfg["channel"]["namespaces"]
        .as_array_mut()
        .expect("namespaces")
        .push(
            json!({"name": "dl", "history_size": 10, "history_ttl": "60s",
            "allow_subscribe_for_client": true, "allow_history_for_subscriber": true,
            "allowed_delta_types": ["fossil"]}),
        );
    let s = TestServer::start(cfg).await;
    let api_url = s.api_url();
    let doc = |n: u32| {
        let items: Vec<Value> = (0..30)
            .map(
                |i| json!({"id": i, "label": format!("item {i}"), "v": if i == n { 1 } else { 0 }}),
            )
            .collect();
        json!({"n": n, "items": items})
    };
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "dl:x", "delta": "fossil", "recoverable": true}}))
        .await;
    assert_eq!(r["subscribe"]["delta"], true, "{r}");
    let epoch = r["subscribe"]["epoch"].as_str().expect("epoch").to_string();
    // Published with delta: the first goes whole (as a JSON string), the next as a patch.
    let mut texts = Vec::new();
    for n in 1..=2 {
        api(
            &api_url,
            "publish",
            json!({"channel": "dl:x", "data": doc(n), "delta": true}),
        )
        .await;
        let p = c.publication().await["pub"].clone();
        let text = p["data"]
            .as_str()
            .expect("data is a JSON string")
            .to_string();
        if n == 1 {
            assert!(p.get("delta").is_none(), "{p}");
            texts.push(text.into_bytes());
        } else {
            assert_eq!(p["delta"], true, "{p}");
            let patched = fossil::apply(&texts[0], text.as_bytes()).expect("patch applies");
            assert!(
                text.len() < patched.len() / 2,
                "a patch, not the data: {text}"
            );
            texts.push(patched);
        }
        let v: Value = serde_json::from_slice(&texts[texts.len() - 1]).expect("json");
        assert_eq!(v, doc(n));
    }
    // Published without delta: whole data, still as a string.
    api(
        &api_url,
        "publish",
        json!({"channel": "dl:x", "data": doc(3)}),
    )
    .await;
    let p = c.publication().await["pub"].clone();
    assert!(p.get("delta").is_none(), "{p}");
    let v: Value = serde_json::from_str(p["data"].as_str().expect("string")).expect("json");
    assert_eq!(v, doc(3));
    // Recovery from offset 1: offset 2 whole, offset 3 as a patch against it.
    let (mut c2, _) = Client::connect(&s.ws_url(), "1").await;
    let r = c2
        .call(
            json!({"id": 2, "subscribe": {"channel": "dl:x", "delta": "fossil",
            "recoverable": true, "recover": true, "offset": 1, "epoch": epoch}}),
        )
        .await;
    let pubs = &r["subscribe"]["publications"];
    assert_eq!(offsets(pubs), vec![2, 3], "{r}");
    let first = pubs[0]["data"]
        .as_str()
        .expect("string")
        .as_bytes()
        .to_vec();
    assert_eq!(
        serde_json::from_slice::<Value>(&first).expect("json"),
        doc(2)
    );
    assert_eq!(pubs[1]["delta"], true, "{r}");
    let second = fossil::apply(&first, pubs[1]["data"].as_str().expect("string").as_bytes())
        .expect("patch applies");
    assert_eq!(
        serde_json::from_slice::<Value>(&second).expect("json"),
        doc(3)
    );
    // Live after a recovery: patches right away.
    api(
        &api_url,
        "publish",
        json!({"channel": "dl:x", "data": doc(4), "delta": true}),
    )
    .await;
    let p = c2.publication().await["pub"].clone();
    assert_eq!(p["delta"], true, "{p}");
    let fourth = fossil::apply(&second, p["data"].as_str().expect("string").as_bytes())
        .expect("patch applies");
    assert_eq!(
        serde_json::from_slice::<Value>(&fourth).expect("json"),
        doc(4)
    );
    // Delta not allowed in the namespace: not negotiated, plain data.
    let r = c2
        .call(json!({"id": 3, "subscribe": {"channel": "chat:nd", "delta": "fossil"}}))
        .await;
    assert!(r["subscribe"].get("delta").is_none(), "{r}");
    // An unknown delta type is a bad request: 3501.
    c2.send(json!({"id": 4, "subscribe": {"channel": "dl:y", "delta": "xdelta"}}))
        .await;
    assert_eq!(c2.closed().await.0, 3501);
    s.stop().await;
}
