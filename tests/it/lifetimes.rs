//! Connection and subscription lifetimes: token expiry, refresh, sub_refresh, 2501 / 3006 / 3010.

use super::common::*;
use serde_json::{json, Value};

fn cfg() -> Value {
    let mut c = base_config();
    c["client"]["expired_sub_close_delay"] = json!("100ms");
    c["client"]["expired_close_delay"] = json!("100ms");
    c
}

#[tokio::test]
async fn expired_subscription_token_unsubscribes_2501() {
    let s = TestServer::start(cfg()).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "5").await;
    let t = sign(
        json!({"sub": "5", "channel": "closed:a", "exp": now() + 1}),
        SECRET,
    );
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "closed:a", "token": t}}))
        .await;
    assert_eq!(r["subscribe"]["expires"], true, "{r}");
    let p = c.push().await;
    assert_eq!(
        p,
        json!({"channel": "closed:a", "unsubscribe": {"code": 2501, "reason": "subscription expired"}})
    );
    // The connection itself stays usable.
    assert_eq!(
        c.call(json!({"id": 3, "rpc": {"method": "ping"}})).await["id"],
        3
    );
    s.stop().await;
}

#[tokio::test]
async fn sub_refresh_extends_the_subscription() {
    let s = TestServer::start(cfg()).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "5").await;
    let t = sign(
        json!({"sub": "5", "channel": "closed:a", "exp": now() + 1}),
        SECRET,
    );
    c.call(json!({"id": 2, "subscribe": {"channel": "closed:a", "token": t}}))
        .await;
    let fresh = sign(
        json!({"sub": "5", "channel": "closed:a", "exp": now() + 3600}),
        SECRET,
    );
    let r = c
        .call(json!({"id": 3, "sub_refresh": {"channel": "closed:a", "token": fresh}}))
        .await;
    assert_eq!(r["sub_refresh"]["expires"], true);
    assert!(r["sub_refresh"]["ttl"].as_u64().expect("ttl") > 3500);
    // Past the first expiry the subscription still receives publications.
    tokio::time::sleep(std::time::Duration::from_millis(2300)).await;
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "closed:a", "data": {"still": true}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p["pub"]["data"], json!({"still": true}), "{p}");
    // Errors: not subscribed -> 103, empty token -> 107.
    let r = c
        .call(json!({"id": 4, "sub_refresh": {"channel": "closed:zzz", "token": "x"}}))
        .await;
    assert_eq!(r["error"]["code"], 103);
    let r = c
        .call(json!({"id": 5, "sub_refresh": {"channel": "closed:a"}}))
        .await;
    assert_eq!(r["error"]["code"], 107);
    s.stop().await;
}

#[tokio::test]
async fn refresh_with_changed_token_channels_gives_3010() {
    let s = TestServer::start(cfg()).await;
    let mut c = Client::open(&s.ws_url()).await;
    let t = sign(
        json!({"sub": "9", "exp": now() + 60, "channels": ["plain"]}),
        SECRET,
    );
    c.call(json!({"id": 1, "connect": {"token": t}})).await;
    let same = sign(
        json!({"sub": "9", "exp": now() + 120, "channels": ["plain"]}),
        SECRET,
    );
    let r = c.call(json!({"id": 2, "refresh": {"token": same}})).await;
    assert!(r.get("refresh").is_some(), "{r}");
    let changed = sign(
        json!({"sub": "9", "exp": now() + 120, "channels": ["plain", "chat:x"]}),
        SECRET,
    );
    c.send(json!({"id": 3, "refresh": {"token": changed}}))
        .await;
    assert_eq!(c.closed().await, (3010, "insufficient state".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn expired_refresh_token_gives_3005() {
    let s = TestServer::start(cfg()).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    c.send(
        json!({"id": 2, "refresh": {"token": sign(json!({"sub": "1", "exp": now() - 5}), SECRET)}}),
    )
    .await;
    assert_eq!(c.closed().await.0, 3005);
    s.stop().await;
}

#[tokio::test]
async fn api_subscribe_with_expire_at_disconnects_3006() {
    let s = TestServer::start(cfg()).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "exp").await;
    api(
        &s.api_url(),
        "subscribe",
        json!({"user": "exp", "channel": "plain", "expire_at": now() + 1}),
    )
    .await;
    let p = c.push().await;
    assert!(p.get("subscribe").is_some(), "{p}");
    assert_eq!(c.closed().await, (3006, "subscription expired".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn too_many_token_channels_gives_3505() {
    let mut config = cfg();
    config["client"]["channel_limit"] = json!(1);
    let s = TestServer::start(config).await;
    let mut c = Client::open(&s.ws_url()).await;
    let t = sign(json!({"sub": "1", "channels": ["plain", "other"]}), SECRET);
    c.send(json!({"id": 1, "connect": {"token": t}})).await;
    assert_eq!(c.closed().await, (3505, "channel limit".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn token_subs_overrides_apply() {
    let s = TestServer::start(cfg()).await;
    let mut c = Client::open(&s.ws_url()).await;
    // `plain` has no presence in its namespace; the token's override turns it on for this subscription.
    let t = sign(
        json!({"sub": "ov", "subs": {"pub:ov": {"override": {"presence": {"value": true}}}}}),
        SECRET,
    );
    let r = c.call(json!({"id": 1, "connect": {"token": t}})).await;
    let client = r["connect"]["client"].as_str().expect("client").to_string();
    assert!(r["connect"]["subs"].get("pub:ov").is_some(), "{r}");
    let (status, body) = api_raw(
        &s.api_url(),
        "presence",
        &json!({"channel": "pub:ov"}).to_string(),
        &[("X-API-Key", API_KEY)],
    )
    .await;
    assert_eq!(status, 200);
    // The namespace itself has presence off, so the API reports 108 while the override only affects
    // this connection's presence registration.
    assert!(body.contains("108") || body.contains(&client), "{body}");
    s.stop().await;
}

#[tokio::test]
async fn sub_refresh_with_a_token_for_another_channel_or_user_gives_3500() {
    let s = TestServer::start(cfg()).await;
    for claims in [
        json!({"sub": "5", "channel": "closed:other", "exp": now() + 600}),
        json!({"sub": "6", "channel": "closed:a", "exp": now() + 600}),
    ] {
        let (mut c, _) = Client::connect(&s.ws_url(), "5").await;
        let t = sign(
            json!({"sub": "5", "channel": "closed:a", "exp": now() + 60}),
            SECRET,
        );
        c.call(json!({"id": 2, "subscribe": {"channel": "closed:a", "token": t}}))
            .await;
        c.send(
            json!({"id": 3, "sub_refresh": {"channel": "closed:a", "token": sign(claims, SECRET)}}),
        )
        .await;
        assert_eq!(c.closed().await.0, 3500);
    }
    s.stop().await;
}
