//! Client protocol over raw WebSocket: connect/auth rules, every command, error and disconnect codes.

use super::common::*;
use serde_json::{json, Value};

/// Applies `f` to the base test config.
fn cfg(f: impl FnOnce(&mut Value)) -> Value {
    let mut c = base_config();
    f(&mut c);
    c
}

async fn server() -> TestServer {
    TestServer::start(base_config()).await
}

async fn subscribe(c: &mut Client, id: u64, channel: &str) -> Value {
    c.call(json!({"id": id, "subscribe": {"channel": channel}}))
        .await
}

/// Next reply, skipping pushes (e.g. the client's own join event).
async fn reply(c: &mut Client) -> Value {
    loop {
        let v = c.msg().await;
        if v.get("push").is_none() {
            return v;
        }
    }
}

fn err_code(reply: &Value) -> u64 {
    reply["error"]["code"]
        .as_u64()
        .unwrap_or_else(|| panic!("expected an error reply, got {reply}"))
}

#[tokio::test]
async fn connect_result_fields() {
    let s = server().await;
    let (_c, r) = Client::connect(&s.ws_url(), "42").await;
    let client = r["client"].as_str().expect("client id");
    assert_eq!(client.len(), 36, "UUID client id: {client}");
    assert!(r["version"].as_str().expect("version").ends_with(" OSS"));
    assert_eq!(r["ping"], 25);
    assert_eq!(r["pong"], true);
    assert_eq!(r["expires"], true);
    assert!(r["ttl"].as_u64().expect("ttl") > 3500);
    s.stop().await;
}

#[tokio::test]
async fn connect_auth_failures() {
    let s = server().await;
    // No credentials and no anonymous access: 3501.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {}})).await;
    assert_eq!(c.closed().await.0, 3501);
    // Wrong secret: 3500 invalid token.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {"token": sign(json!({"sub": "1"}), "other")}}))
        .await;
    assert_eq!(c.closed().await, (3500, "invalid token".to_string()));
    // Garbage token: 3500.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {"token": "not.a.jwt"}}))
        .await;
    assert_eq!(c.closed().await.0, 3500);
    // Expired token: error 109, the connection then only accepts nothing.
    let mut c = Client::open(&s.ws_url()).await;
    let r = c.call(json!({"id": 1, "connect": {"token": sign(json!({"sub": "1", "exp": now() - 10}), SECRET)}})).await;
    assert_eq!(r["error"], json!({"code": 109, "message": "token expired"}));
    // A connection token must not carry a `channel` claim.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(
        json!({"id": 1, "connect": {"token": sign(json!({"sub": "1", "channel": "x"}), SECRET)}}),
    )
    .await;
    assert_eq!(c.closed().await.0, 3500);
    s.stop().await;
}

#[tokio::test]
async fn protocol_rules_give_3501() {
    let s = server().await;
    for first in [
        json!({"id": 1, "subscribe": {"channel": "chat:a"}}).to_string(),
        "{not json".to_string(),
        json!({"id": 1, "ping": {}}).to_string(),
        json!({"id": 0, "connect": {}}).to_string(),
    ] {
        let mut c = Client::open(&s.ws_url()).await;
        send(&mut c.ws, &first).await;
        assert_eq!(c.closed().await.0, 3501, "first frame {first}");
    }
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    c.send(json!({"id": 2, "connect": {"token": token("1")}}))
        .await;
    assert_eq!(c.closed().await.0, 3501, "second connect");
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    c.send(json!({})).await;
    assert_eq!(c.closed().await.0, 3501, "pong without ping");
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    c.send(json!({"send": {"data": {"x": 1}}})).await;
    assert_eq!(
        c.closed().await,
        (3508, "not available".to_string()),
        "send is not available in OSS"
    );
    s.stop().await;
}

#[tokio::test]
async fn batched_commands_get_batched_replies() {
    let s = server().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let frame = format!(
        "{}\n{}",
        json!({"id": 2, "subscribe": {"channel": "chat:a"}}),
        json!({"id": 3, "subscribe": {"channel": "chat:b"}})
    );
    send(&mut c.ws, &frame).await;
    let a = reply(&mut c).await;
    let b = reply(&mut c).await;
    assert_eq!((a["id"].clone(), b["id"].clone()), (json!(2), json!(3)));
    assert!(a.get("subscribe").is_some() && b.get("subscribe").is_some());
    s.stop().await;
}

#[tokio::test]
async fn subscribe_errors_and_permissions() {
    let s = TestServer::start(cfg(|c| c["client"]["channel_limit"] = json!(3))).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "u1").await;
    assert_eq!(err_code(&subscribe(&mut c, 2, "nope:x").await), 102);
    assert_eq!(err_code(&subscribe(&mut c, 4, "closed:x").await), 103);
    assert_eq!(err_code(&subscribe(&mut c, 5, "chat:ü").await), 107);
    assert_eq!(
        err_code(&subscribe(&mut c, 6, &format!("chat:{}", "a".repeat(300))).await),
        107
    );
    assert_eq!(err_code(&subscribe(&mut c, 7, "$chat:private").await), 103);
    assert_eq!(
        err_code(&subscribe(&mut c, 8, "chat:dialog#u2,u3").await),
        103
    );
    assert!(subscribe(&mut c, 9, "chat:dialog#u1,u2")
        .await
        .get("subscribe")
        .is_some());
    assert!(subscribe(&mut c, 10, "chat:a")
        .await
        .get("subscribe")
        .is_some());
    assert_eq!(err_code(&subscribe(&mut c, 11, "chat:a").await), 105);
    assert!(subscribe(&mut c, 12, "plain")
        .await
        .get("subscribe")
        .is_some());
    assert_eq!(err_code(&subscribe(&mut c, 13, "chat:c").await), 106);
    // Unsubscribe frees a slot.
    let r = c
        .call(json!({"id": 14, "unsubscribe": {"channel": "plain"}}))
        .await;
    assert_eq!(r, json!({"id": 14, "unsubscribe": {}}));
    assert!(subscribe(&mut c, 15, "chat:c")
        .await
        .get("subscribe")
        .is_some());
    s.stop().await;
}

#[tokio::test]
async fn connect_subs_become_server_side_subscriptions_when_permitted() {
    let s = server().await;
    let mut c = Client::open(&s.ws_url()).await;
    let r = c
        .call(json!({"id": 1, "connect": {"token": token("u1"), "subs": {
            "chat:wanted": {}, "closed:x": {}, "$chat:private": {}, "chat:dialog#u1": {},
            "chat:dialog#u2": {}, "chat:rec": {"recover": true, "offset": 5, "epoch": "gone"}}}}))
        .await;
    let mut got: Vec<&String> = r["connect"]["subs"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    got.sort();
    assert_eq!(got, ["chat:dialog#u1", "chat:rec", "chat:wanted"], "{r}");
    // The hint is reported, but recovery is the namespace's choice (no force_recovery here).
    assert_eq!(
        r["connect"]["subs"]["chat:rec"],
        json!({"was_recovering": true}),
        "{r}"
    );
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:wanted", "data": {"k": 1}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p["channel"], "chat:wanted");
    // A server-side subscription: the client cannot unsubscribe from it.
    let r = c
        .call(json!({"id": 2, "unsubscribe": {"channel": "chat:wanted"}}))
        .await;
    assert_eq!(r["unsubscribe"], json!({}), "{r}");
    // An unknown namespace in `subs` is a bad request.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {"token": token("u1"), "subs": {"nope:x": {}}}}))
        .await;
    assert_eq!(c.closed().await.0, 3501);
    s.stop().await;
}

#[tokio::test]
async fn a_missing_channel_or_refresh_token_is_a_bad_request_3501() {
    let s = server().await;
    let commands = [
        json!({"id": 2, "subscribe": {"channel": ""}}),
        json!({"id": 2, "unsubscribe": {}}),
        json!({"id": 2, "publish": {"data": {}}}),
        json!({"id": 2, "presence": {"channel": ""}}),
        json!({"id": 2, "presence_stats": {}}),
        json!({"id": 2, "history": {"limit": 1}}),
        json!({"id": 2, "sub_refresh": {"token": "x"}}),
        json!({"id": 2, "refresh": {"token": ""}}),
    ];
    for cmd in commands {
        let (mut c, _) = Client::connect(&s.ws_url(), "u1").await;
        c.send(cmd.clone()).await;
        assert_eq!(c.closed().await.0, 3501, "{cmd}");
    }
    s.stop().await;
}

#[tokio::test]
async fn publish_presence_history_through_the_client() {
    let s = TestServer::start(cfg(|c| {
        c["client"]["history_max_publication_limit"] = json!(2)
    }))
    .await;
    let (mut a, ra) = Client::connect(&s.ws_url(), "a").await;
    let (mut b, _) = Client::connect(&s.ws_url(), "b").await;
    // Not subscribed: publish/presence/history are denied in the subscriber-only namespace.
    let r = a
        .call(json!({"id": 2, "publish": {"channel": "chat:x", "data": {"n": 0}}}))
        .await;
    assert_eq!(err_code(&r), 103);
    assert_eq!(
        err_code(
            &a.call(json!({"id": 3, "presence": {"channel": "chat:x"}}))
                .await
        ),
        103
    );
    assert_eq!(
        err_code(
            &a.call(json!({"id": 4, "history": {"channel": "chat:x"}}))
                .await
        ),
        103
    );
    // Namespaces without presence/history: 108.
    assert_eq!(
        err_code(
            &a.call(json!({"id": 5, "presence": {"channel": "pub:x"}}))
                .await
        ),
        108
    );
    assert_eq!(
        err_code(
            &a.call(json!({"id": 6, "history": {"channel": "pub:x"}}))
                .await
        ),
        108
    );
    let r = subscribe(&mut a, 7, "chat:x").await;
    assert!(r.get("subscribe").is_some());
    subscribe(&mut b, 2, "chat:x").await;
    // Publish with empty data is rejected (default publication_data_format).
    assert_eq!(
        err_code(
            &a.call(json!({"id": 8, "publish": {"channel": "chat:x"}}))
                .await
        ),
        107
    );
    for n in 1..=3 {
        let r = a
            .call(json!({"id": 8 + n, "publish": {"channel": "chat:x", "data": {"n": n}}}))
            .await;
        assert_eq!(r, json!({"id": 8 + n, "publish": {}}));
    }
    // B receives each publication with publisher info and increasing offsets.
    for n in 1..=3u64 {
        let p = b.publication().await;
        assert_eq!(p["channel"], "chat:x");
        assert_eq!(p["pub"]["data"], json!({"n": n}));
        assert_eq!(p["pub"]["offset"], n);
        assert_eq!(p["pub"]["info"]["user"], "a");
        assert_eq!(p["pub"]["info"]["client"], ra["client"]);
    }
    let r = a
        .call(json!({"id": 20, "presence": {"channel": "chat:x"}}))
        .await;
    let presence = r["presence"]["presence"].as_object().expect("presence map");
    assert_eq!(presence.len(), 2);
    assert_eq!(presence[ra["client"].as_str().expect("id")]["user"], "a");
    let r = a
        .call(json!({"id": 21, "presence_stats": {"channel": "chat:x"}}))
        .await;
    assert_eq!(
        r["presence_stats"],
        json!({"num_clients": 2, "num_users": 2})
    );
    // History: the limit is clamped to history_max_publication_limit (2).
    let r = a
        .call(json!({"id": 22, "history": {"channel": "chat:x", "limit": 100}}))
        .await;
    let h = &r["history"];
    assert_eq!(h["publications"].as_array().expect("pubs").len(), 2);
    assert_eq!(h["offset"], 3);
    let epoch = h["epoch"].as_str().expect("epoch").to_string();
    let r = a
        .call(json!({"id": 23, "history": {"channel": "chat:x", "limit": 0}}))
        .await;
    assert_eq!(
        r["history"],
        json!({"publications": [], "epoch": epoch, "offset": 3})
    );
    let r = a
        .call(json!({"id": 24, "history": {"channel": "chat:x", "limit": 1, "reverse": true}}))
        .await;
    assert_eq!(r["history"]["publications"][0]["data"], json!({"n": 3}));
    let r = a.call(json!({"id": 25, "history": {"channel": "chat:x", "limit": 2, "since": {"offset": 1, "epoch": epoch}}})).await;
    let offsets: Vec<u64> = r["history"]["publications"]
        .as_array()
        .expect("pubs")
        .iter()
        .filter_map(|p| p["offset"].as_u64())
        .collect();
    assert_eq!(offsets, vec![2, 3]);
    let r = a.call(json!({"id": 26, "history": {"channel": "chat:x", "limit": 2, "since": {"offset": 1, "epoch": "wrong"}}})).await;
    assert_eq!(err_code(&r), 112);
    s.stop().await;
}

#[tokio::test]
async fn join_and_leave_pushes() {
    let s = server().await;
    let (mut a, _) = Client::connect(&s.ws_url(), "a").await;
    let (mut b, rb) = Client::connect(&s.ws_url(), "b").await;
    subscribe(&mut a, 2, "chat:room").await;
    subscribe(&mut b, 2, "chat:room").await;
    let join = loop {
        let p = a.push().await;
        if p.get("join").is_some() && p["join"]["info"]["user"] == "b" {
            break p;
        }
    };
    assert_eq!(join["channel"], "chat:room");
    assert_eq!(join["join"]["info"]["client"], rb["client"]);
    b.call(json!({"id": 3, "unsubscribe": {"channel": "chat:room"}}))
        .await;
    let leave = loop {
        let p = a.push().await;
        if p.get("leave").is_some() {
            break p;
        }
    };
    assert_eq!(leave["leave"]["info"]["user"], "b");
    s.stop().await;
}

#[tokio::test]
async fn rpc_ping_and_errors() {
    let s = server().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    assert_eq!(
        c.call(json!({"id": 2, "rpc": {"method": "ping"}})).await,
        json!({"id": 2, "rpc": {}})
    );
    assert_eq!(
        err_code(&c.call(json!({"id": 3, "rpc": {"method": "other"}})).await),
        104
    );
    s.stop().await;
    let s = TestServer::start(cfg(|c| c["rpc"]["ping"]["enabled"] = json!(false))).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    assert_eq!(
        err_code(&c.call(json!({"id": 2, "rpc": {"method": "ping"}})).await),
        108
    );
    s.stop().await;
}

#[tokio::test]
async fn ping_pong_and_no_pong() {
    let s = TestServer::start(cfg(|c| {
        c["client"]["ping_interval"] = json!("300ms");
        // Long enough that a busy machine still answers in time, short enough that the pings
        // below outlast it: a pong that did not count would close the good client among them.
        c["client"]["pong_timeout"] = json!("2s");
    }))
    .await;
    // A client that answers pings stays connected across several intervals.
    let (mut good, r) = Client::connect(&s.ws_url(), "1").await;
    assert_eq!(
        r["ping"], 1,
        "a sub-second interval is announced as 1 second"
    );
    assert_eq!(r["pong"], true);
    for _ in 0..10 {
        match good.next().await {
            Event::Msg(v) if v == json!({}) => good.send(json!({})).await,
            other => panic!("expected ping, got {other:?}"),
        }
    }
    // A client that never answers is closed with 3012.
    let (mut bad, _) = Client::connect(&s.ws_url(), "2").await;
    assert_eq!(bad.closed().await, (3012, "no pong".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn stale_connection_closed() {
    let s = TestServer::start(cfg(|c| c["client"]["stale_close_delay"] = json!("200ms"))).await;
    let mut c = Client::open(&s.ws_url()).await;
    assert_eq!(c.closed().await, (3502, "stale".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn oversized_message_closed_1009() {
    let s = TestServer::start(cfg(|c| {
        c["websocket"] = json!({"message_size_limit": 1024})
    }))
    .await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    let big = json!({"id": 2, "publish": {"channel": "pub:x", "data": "x".repeat(4000)}});
    c.send(big).await;
    assert_eq!(c.closed().await.0, 1009);
    s.stop().await;
}

#[tokio::test]
async fn allowed_origins() {
    let s = server().await;
    let base = s.ws_url();
    let attempt = |origin: &'static str| {
        let url = base.clone();
        async move {
            use tokio_tungstenite::tungstenite::client::IntoClientRequest;
            let mut req = url.into_client_request().expect("request");
            req.headers_mut()
                .insert("origin", origin.parse().expect("header"));
            tokio_tungstenite::connect_async(req).await.map(|_| ())
        }
    };
    assert!(attempt("http://allowed.example").await.is_ok());
    match attempt("http://evil.example").await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 403),
        other => panic!("expected 403, got {other:?}"),
    }
    s.stop().await;
    // Empty list: only requests without Origin pass.
    let s = TestServer::start(cfg(|c| c["client"]["allowed_origins"] = json!([]))).await;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = s.ws_url().into_client_request().expect("request");
    req.headers_mut()
        .insert("origin", "http://allowed.example".parse().expect("header"));
    assert!(tokio_tungstenite::connect_async(req).await.is_err());
    assert!(tokio_tungstenite::connect_async(s.ws_url()).await.is_ok());
    s.stop().await;
}

#[tokio::test]
async fn server_side_subscriptions_from_token() {
    let s = server().await;
    let mut c = Client::open(&s.ws_url()).await;
    let t = sign(
        json!({"sub": "7", "exp": now() + 60, "channels": ["chat:srv", "plain"]}),
        SECRET,
    );
    let r = c.call(json!({"id": 1, "connect": {"token": t}})).await;
    let subs = r["connect"]["subs"]
        .as_object()
        .expect("subs in connect result");
    assert!(subs.contains_key("chat:srv") && subs.contains_key("plain"));
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:srv", "data": {"hello": 1}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p["channel"], "chat:srv");
    assert_eq!(p["pub"]["data"], json!({"hello": 1}));
    // Unknown namespace in the token's channels: 102 at connect.
    let mut c = Client::open(&s.ws_url()).await;
    let t = sign(json!({"sub": "7", "channels": ["nope:x"]}), SECRET);
    assert_eq!(
        err_code(&c.call(json!({"id": 1, "connect": {"token": t}})).await),
        102
    );
    s.stop().await;
}

#[tokio::test]
async fn subscription_tokens() {
    let s = server().await;
    let (mut c, r) = Client::connect(&s.ws_url(), "5").await;
    let client = r["client"].as_str().expect("id").to_string();
    let good = sign(
        json!({"sub": "5", "channel": "closed:room", "info": {"role": "x"}}),
        SECRET,
    );
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "closed:room", "token": good}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    let bad_sig = sign(json!({"sub": "5", "channel": "closed:other"}), "wrong");
    let r = c
        .call(json!({"id": 3, "subscribe": {"channel": "closed:other", "token": bad_sig}}))
        .await;
    assert_eq!(err_code(&r), 103);
    let expired = sign(
        json!({"sub": "5", "channel": "closed:exp", "exp": now() - 5}),
        SECRET,
    );
    let r = c
        .call(json!({"id": 4, "subscribe": {"channel": "closed:exp", "token": expired}}))
        .await;
    assert_eq!(err_code(&r), 109);
    let wrong_client = sign(
        json!({"sub": "5", "channel": "closed:c", "client": format!("{client}x")}),
        SECRET,
    );
    c.send(json!({"id": 5, "subscribe": {"channel": "closed:c", "token": wrong_client}}))
        .await;
    assert_eq!(c.closed().await.0, 3500);
    let (mut c, _) = Client::connect(&s.ws_url(), "5").await;
    let other_channel = sign(json!({"sub": "5", "channel": "closed:a"}), SECRET);
    c.send(json!({"id": 2, "subscribe": {"channel": "closed:b", "token": other_channel}}))
        .await;
    assert_eq!(c.closed().await.0, 3500);
    s.stop().await;
}

#[tokio::test]
async fn anonymous_and_insecure_modes() {
    let s = TestServer::start(cfg(|c| {
        c["client"]["allow_anonymous_connect_without_token"] = json!(true)
    }))
    .await;
    let mut c = Client::open(&s.ws_url()).await;
    let r = c.call(json!({"id": 1, "connect": {}})).await;
    assert!(r["connect"]["client"].is_string());
    // Anonymous users are not allowed to subscribe unless allow_subscribe_for_anonymous.
    assert_eq!(err_code(&subscribe(&mut c, 2, "chat:x").await), 103);
    s.stop().await;
    let s = TestServer::start(cfg(|c| c["client"]["insecure"] = json!(true))).await;
    let mut c = Client::open(&s.ws_url()).await;
    c.call(json!({"id": 1, "connect": {}})).await;
    assert!(subscribe(&mut c, 2, "closed:x")
        .await
        .get("subscribe")
        .is_some());
    s.stop().await;
}

#[tokio::test]
async fn user_connection_limit() {
    let s = TestServer::start(cfg(|c| c["client"]["user_connection_limit"] = json!(1))).await;
    let (_a, _) = Client::connect(&s.ws_url(), "u").await;
    let mut b = Client::open(&s.ws_url()).await;
    b.send(json!({"id": 1, "connect": {"token": token("u")}}))
        .await;
    assert_eq!(b.closed().await, (3504, "connection limit".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn connection_expiry_and_refresh() {
    let s = TestServer::start(cfg(|c| c["client"]["expired_close_delay"] = json!("100ms"))).await;
    // Refreshed in time: stays connected past the first expiry.
    let mut c = Client::open(&s.ws_url()).await;
    let r = c.call(json!({"id": 1, "connect": {"token": sign(json!({"sub": "r", "exp": now() + 2}), SECRET)}})).await;
    assert_eq!(r["connect"]["expires"], true);
    let r = c.call(json!({"id": 2, "refresh": {"token": sign(json!({"sub": "r", "exp": now() + 3600}), SECRET)}})).await;
    assert!(r["refresh"]["ttl"].as_u64().expect("ttl") > 3500);
    // Not refreshed: closed with 3005 after expiry + expired_close_delay.
    let mut d = Client::open(&s.ws_url()).await;
    d.call(
        json!({"id": 1, "connect": {"token": sign(json!({"sub": "x", "exp": now() + 1}), SECRET)}}),
    )
    .await;
    assert_eq!(d.closed().await, (3005, "connection expired".to_string()));
    // The refreshed one is still alive.
    assert_eq!(
        c.call(json!({"id": 3, "rpc": {"method": "ping"}})).await["id"],
        3
    );
    // Refresh with a token of another user: 3500.
    c.send(json!({"id": 4, "refresh": {"token": token("someone-else")}}))
        .await;
    assert_eq!(c.closed().await.0, 3500);
    s.stop().await;
}

#[tokio::test]
async fn shutdown_sends_3001() {
    let s = server().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    s.stop().await;
    assert_eq!(c.closed().await, (3001, "shutdown".to_string()));
}

#[tokio::test]
async fn queue_overflow_closes_slow_client_3008() {
    // A publication larger than the whole per-connection queue overflows it at once.
    let s = TestServer::start(cfg(|c| c["client"]["queue_max_size"] = json!(200))).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    subscribe(&mut c, 2, "pub:x").await;
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "pub:x", "data": {"big": "x".repeat(400)}}),
    )
    .await;
    assert_eq!(c.closed().await, (3008, "slow".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn health_endpoint() {
    let s = server().await;
    let resp = reqwest::get(format!("http://{}/health", s.addr))
        .await
        .expect("health");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.text().await.expect("body"), "{}");
    s.stop().await;
}

#[tokio::test]
async fn websocket_ping_frames_are_answered_and_large_frames_arrive_intact() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let s = server().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    c.ws.send(Message::Ping(bytes::Bytes::from_static(b"hi")))
        .await
        .expect("ping");
    let pong = loop {
        match tokio::time::timeout(WAIT, futures_util::StreamExt::next(&mut c.ws))
            .await
            .expect("pong in time")
        {
            Some(Ok(Message::Pong(p))) => break p,
            Some(Ok(_)) => continue,
            other => panic!("no pong: {other:?}"),
        }
    };
    assert_eq!(&pong[..], b"hi");
    subscribe(&mut c, 2, "pub:big").await;
    // 16-bit and 64-bit payload lengths in the server's frame header.
    for size in [300usize, 100_000] {
        let text = "y".repeat(size);
        api(
            &s.api_url(),
            "publish",
            json!({"channel": "pub:big", "data": {"t": text}}),
        )
        .await;
        let p = c.publication().await;
        assert_eq!(p["pub"]["data"]["t"].as_str().map(str::len), Some(size));
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_falls_behind_gets_every_message_in_order() {
    // The client stops reading while ~20 MB are published: the server's socket fills, writes wait
    // and fold newly queued messages into the pending write; everything must still arrive once, in
    // order, in well-formed frames. The test is about coalescing behind a full socket, not about
    // the write timeout: publishing 20 MB can take longer than the default 1 s on a slow machine,
    // so the write timeout is set far above the work (the timeout has a test of its own).
    let s = TestServer::start(cfg(|c| {
        c["client"]["queue_max_size"] = json!(64 * 1024 * 1024);
        c["websocket"]["write_timeout"] = json!("10m");
    }))
    .await;
    let (mut c, _) = Client::connect(&s.ws_url(), "1").await;
    subscribe(&mut c, 2, "pub:flood").await;
    let filler = "z".repeat(2000);
    let total = 10_000u64;
    let body: Vec<Value> = (0..total)
        .map(|n| json!({"publish": {"channel": "pub:flood", "data": {"n": n, "f": filler}}}))
        .collect();
    for chunk in body.chunks(500) {
        let r = api(&s.api_url(), "batch", json!({"commands": chunk})).await;
        assert_eq!(r["replies"].as_array().map(Vec::len), Some(chunk.len()));
    }
    for n in 0..total {
        let p = c.publication().await;
        assert_eq!(p["pub"]["data"]["n"], n);
    }
    s.stop().await;
}

/// Publishes `batches` x `per` publications of about 2 KB (`{"n": 0..}`) into `channel`. After each
/// batch `reader` must have every publication of it, in order, before the next batch goes out: a
/// stalled subscriber of the same channel that delayed the others would fail this within `WAIT`.
/// Returns how many were published.
async fn flood_in_lockstep(
    s: &TestServer,
    reader: &mut Client,
    channel: &str,
    batches: u64,
    per: u64,
) -> u64 {
    let filler = "z".repeat(2000);
    for b in 0..batches {
        let commands: Vec<Value> = (b * per..(b + 1) * per)
            .map(|n| json!({"publish": {"channel": channel, "data": {"n": n, "f": filler}}}))
            .collect();
        let r = api(&s.api_url(), "batch", json!({ "commands": commands })).await;
        assert_eq!(r["replies"].as_array().map(Vec::len), Some(commands.len()));
        for n in b * per..(b + 1) * per {
            assert_eq!(reader.publication().await["pub"]["data"]["n"], n);
        }
    }
    batches * per
}

/// Reads what a stalled client was sent: an unbroken run of publications from `n` = 0, then the end
/// of the connection. Returns (publications read, close code (0 without a close frame), reason).
async fn read_until_closed(c: &mut Client) -> (u64, u16, String) {
    let mut n = 0;
    loop {
        match c.next().await {
            Event::Msg(v) => {
                if let Some(p) = v.get("push").and_then(|p| p.get("pub")) {
                    assert_eq!(
                        p["data"]["n"], n,
                        "publications arrive in order, none skipped"
                    );
                    n += 1;
                }
            }
            Event::Close(code, reason) => return (n, code, reason),
        }
    }
}

/// Two subscribers of "pub:flood": one that will stop reading, one that keeps up.
async fn stalled_and_reader(s: &TestServer) -> (Client, Client) {
    let (mut stalled, _) = Client::connect(&s.ws_url(), "stalled").await;
    subscribe(&mut stalled, 2, "pub:flood").await;
    let (mut reader, _) = Client::connect(&s.ws_url(), "reader").await;
    subscribe(&mut reader, 2, "pub:flood").await;
    (stalled, reader)
}

#[tokio::test]
async fn a_stalled_reader_past_queue_max_size_gets_3008_while_others_keep_up() {
    // The write timeout is far away: only the queue limit can end the stalled connection.
    let s = TestServer::start(cfg(|c| {
        c["client"]["queue_max_size"] = json!(1024 * 1024);
        c["websocket"]["write_timeout"] = json!("10m");
    }))
    .await;
    let (mut stalled, mut reader) = stalled_and_reader(&s).await;
    // 20 MB: far more than the socket buffers, the 1 MiB queue and a write in flight can hold.
    let total = flood_in_lockstep(&s, &mut reader, "pub:flood", 100, 100).await;
    let (n, code, reason) = read_until_closed(&mut stalled).await;
    assert_eq!(
        (code, reason.as_str()),
        (3008, "slow"),
        "a close frame, not a reset"
    );
    assert!(n < total, "the stalled reader was cut off ({n} of {total})");
    s.stop().await;
}

#[tokio::test]
async fn a_write_that_outlasts_write_timeout_closes_that_connection_only() {
    // The queue is large enough for everything: only the write timeout can end the connection.
    let s = TestServer::start(cfg(|c| {
        c["client"]["queue_max_size"] = json!(256 * 1024 * 1024);
        c["websocket"]["write_timeout"] = json!("200ms");
    }))
    .await;
    let (mut stalled, mut reader) = stalled_and_reader(&s).await;
    let total = flood_in_lockstep(&s, &mut reader, "pub:flood", 100, 100).await;
    // The server drops the stalled connection once its write has waited past the timeout.
    let clients = || async {
        api(&s.api_url(), "info", json!({})).await["result"]["nodes"][0]["num_clients"].as_u64()
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while clients().await != Some(1) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "stalled connection still open"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (n, code, _) = read_until_closed(&mut stalled).await;
    assert_ne!(
        code, 3008,
        "ended by the write timeout, not the queue limit"
    );
    assert!(n < total, "the stalled reader was cut off ({n} of {total})");
    // The reader is still served.
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "pub:flood", "data": {"n": total}}),
    )
    .await;
    assert_eq!(reader.publication().await["pub"]["data"]["n"], total);
    s.stop().await;
}

/// The HTTP status of a WebSocket upgrade request with extra headers (101 when it upgraded).
async fn upgrade_status(url: &str, headers: &[(&str, &str)]) -> (u16, Option<Ws>) {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = url.into_client_request().expect("request");
    for (k, v) in headers {
        req.headers_mut().insert(
            http::HeaderName::from_bytes(k.as_bytes()).expect("name"),
            http::HeaderValue::from_str(v).expect("value"),
        );
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, resp)) => (resp.status().as_u16(), Some(ws)),
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => (resp.status().as_u16(), None),
        Err(e) => panic!("upgrade failed: {e}"),
    }
}

#[tokio::test]
async fn connection_rate_limit_gives_503_past_the_burst() {
    let s = TestServer::start(cfg(|c| c["client"]["connection_rate_limit"] = json!(3))).await;
    let mut statuses = Vec::new();
    let mut open = Vec::new();
    for _ in 0..4 {
        let (status, ws) = upgrade_status(&s.ws_url(), &[]).await;
        statuses.push(status);
        open.extend(ws);
    }
    assert_eq!(statuses, [101, 101, 101, 503]);
    s.stop().await;
}

#[tokio::test]
async fn connection_limit_gives_503_while_full() {
    let s = TestServer::start(cfg(|c| c["client"]["connection_limit"] = json!(1))).await;
    let (c, _) = Client::connect(&s.ws_url(), "1").await;
    assert_eq!(upgrade_status(&s.ws_url(), &[]).await.0, 503);
    drop(c);
    // Once the first connection is gone there is room again.
    let mut status = 0;
    for _ in 0..50 {
        status = upgrade_status(&s.ws_url(), &[]).await.0;
        if status == 101 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(status, 101);
    s.stop().await;
}

#[tokio::test]
async fn user_id_http_header_authenticates_and_server_time_is_sent() {
    let s = TestServer::start(cfg(|c| {
        c["client"]["user_id_http_header"] = json!("X-User-Id");
        c["client"]["connect_include_server_time"] = json!(true);
    }))
    .await;
    let (status, ws) = upgrade_status(&s.ws_url(), &[("X-User-Id", "42")]).await;
    assert_eq!(status, 101);
    let mut c = Client::from_ws(ws.expect("ws"));
    let r = c.call(json!({"id": 1, "connect": {}})).await;
    assert!(r["connect"]["client"].is_string(), "{r}");
    let now_ms = now() * 1000;
    let time = r["connect"]["time"].as_i64().expect("server time");
    assert!((time - now_ms).abs() < 10_000, "{time} vs {now_ms}");
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:h"}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    let p = api(&s.api_url(), "presence", json!({"channel": "chat:h"})).await;
    let users: Vec<&Value> = p["result"]["presence"]
        .as_object()
        .map(|m| m.values().map(|i| &i["user"]).collect())
        .unwrap_or_default();
    assert_eq!(users, [&json!("42")], "{p}");
    // A token wins over the header.
    let (_, ws) = upgrade_status(&s.ws_url(), &[("X-User-Id", "42")]).await;
    let mut c = Client::from_ws(ws.expect("ws"));
    c.call(json!({"id": 1, "connect": {"token": token("7")}}))
        .await;
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:t"}}))
        .await;
    let p = api(&s.api_url(), "presence", json!({"channel": "chat:t"})).await;
    let users: Vec<&Value> = p["result"]["presence"]
        .as_object()
        .map(|m| m.values().map(|i| &i["user"]).collect())
        .unwrap_or_default();
    assert_eq!(users, [&json!("7")], "{p}");
    // No header, no token: 3501.
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {}})).await;
    assert_eq!(c.closed().await.0, 3501);
    s.stop().await;
}

#[tokio::test]
async fn subscription_type_and_reverse_history_rules() {
    let s = server().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "u1").await;
    // A map subscription in a stream namespace: 103; shared_poll outside a shared-poll namespace: 108.
    assert_eq!(
        err_code(
            &c.call(json!({"id": 2, "subscribe": {"channel": "chat:m", "type": 1}}))
                .await
        ),
        103
    );
    assert_eq!(
        err_code(
            &c.call(json!({"id": 3, "subscribe": {"channel": "chat:m", "type": 4}}))
                .await
        ),
        108
    );
    // Reverse history "since offset 0" is refused with 107, through the client and the API.
    let r = c
        .call(json!({"id": 4, "subscribe": {"channel": "chat:m"}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    let since = json!({"offset": 0, "epoch": ""});
    let r = c
        .call(json!({"id": 5, "history": {"channel": "chat:m", "since": since, "reverse": true, "limit": 5}}))
        .await;
    assert_eq!(err_code(&r), 107);
    let r = api(
        &s.api_url(),
        "history",
        json!({"channel": "chat:m", "since": since, "reverse": true, "limit": 5}),
    )
    .await;
    assert_eq!(r["error"]["code"], 107, "{r}");
    // An unknown subscription type is a bad request.
    c.send(json!({"id": 6, "subscribe": {"channel": "chat:n", "type": 9}}))
        .await;
    assert_eq!(c.closed().await.0, 3501);
    s.stop().await;
}

#[tokio::test]
async fn permessage_deflate_is_negotiated_and_used_both_ways() {
    use centrifugo::wire as deflate;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = TestServer::start(cfg(|c| {
        c["websocket"] = json!({"compression": true, "compression_min_size": 64});
    }))
    .await;
    let mut tcp = tokio::net::TcpStream::connect(s.addr).await.expect("tcp");
    let req = format!(
        "GET /connection/websocket HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n",
        s.addr
    );
    tcp.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 1024];
        let n = tcp.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed during the handshake");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_lowercase();
    assert!(head.starts_with("http/1.1 101"), "{head}");
    assert!(head.contains("sec-websocket-extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover"), "{head}");
    let mut rest = buf[head_end..].to_vec();
    // A compressed, masked connect command.
    let cmd = json!({"id": 1, "connect": {"token": token("z"), "data": {"pad": "x".repeat(200)}}})
        .to_string();
    let packed = deflate::deflate(cmd.as_bytes(), 1);
    let mut frame = vec![0x80 | 0x40 | 0x1, 0x80 | 126];
    frame.extend_from_slice(&(packed.len() as u16).to_be_bytes());
    frame.extend_from_slice(&[0, 0, 0, 0]);
    frame.extend_from_slice(&packed);
    tcp.write_all(&frame).await.expect("write");
    // Read one server frame: the connect reply (over 64 bytes, so compressed).
    let read_frame = |rest: &mut Vec<u8>| -> Option<(u8, Vec<u8>)> {
        if rest.len() < 2 {
            return None;
        }
        let (b0, len7) = (rest[0], usize::from(rest[1] & 0x7f));
        let (len, head) = match len7 {
            126 if rest.len() >= 4 => (usize::from(u16::from_be_bytes([rest[2], rest[3]])), 4),
            126 | 127 => return None,
            n => (n, 2),
        };
        if rest.len() < head + len {
            return None;
        }
        let payload = rest[head..head + len].to_vec();
        rest.drain(..head + len);
        Some((b0, payload))
    };
    let (b0, payload) = loop {
        if let Some(f) = read_frame(&mut rest) {
            break f;
        }
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout(WAIT, tcp.read(&mut chunk))
            .await
            .expect("reply in time")
            .expect("read");
        assert!(n > 0, "closed");
        rest.extend_from_slice(&chunk[..n]);
    };
    assert_eq!(b0 & 0x40, 0x40, "RSV1: a compressed reply");
    let reply: Value =
        serde_json::from_slice(&deflate::inflate(&payload, 0).expect("inflate")).expect("json");
    assert!(reply["connect"]["client"].is_string(), "{reply}");
    s.stop().await;
}
