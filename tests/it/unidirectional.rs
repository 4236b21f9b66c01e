//! The unidirectional transports on the wire: uni_http_stream, uni_sse and uni_websocket take a
//! ConnectRequest (body, `cf_connect` or first message) and send bare pushes: `connect` first,
//! publications of server-side subscriptions, then a disconnect push before the end. With
//! `connect_code_to_http_response` a failed connect becomes the configured HTTP answer.

use super::common::*;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

fn uni_config() -> Value {
    let mut cfg = base_config();
    cfg["uni_http_stream"] = json!({"enabled": true, "max_request_body_size": 1024});
    cfg["uni_sse"] = json!({"enabled": true, "connect_code_to_http_response": {
        "enabled": true,
        "transforms": [{"code": 3500, "to": {"status_code": 403}},
                       {"code": 3501, "to": {"status_code": 400, "body": "say who you are"}}]
    }});
    cfg["uni_websocket"] = json!({"enabled": true});
    cfg
}

/// A token whose `channels` claim subscribes the connection to `channel` server-side.
fn token_with(user: &str, channel: &str) -> String {
    sign(
        json!({"sub": user, "exp": now() + 3600, "channels": [channel]}),
        SECRET,
    )
}

fn check_connect_push(p: &Value) {
    let c = &p["connect"];
    assert!(c["client"].is_string(), "{p}");
    assert!(
        c["session"].is_string(),
        "uni connect carries the session: {p}"
    );
    assert!(c.get("node").is_none(), "{p}");
    assert!(
        c.get("pong").is_none(),
        "unidirectional clients do not pong: {p}"
    );
    assert!(c["subs"]["chat:u"].is_object(), "{p}");
    assert!(p.get("id").is_none() && p.get("push").is_none(), "{p}");
}

#[tokio::test]
async fn uni_http_stream_pushes_connect_publications_and_disconnect() {
    let s = TestServer::start(uni_config()).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/connection/uni_http_stream", s.addr);
    let resp = http
        .post(&url)
        .body(json!({"token": token_with("ann", "chat:u")}).to_string())
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 200);
    let mut p = Messages::new(resp, false);
    check_connect_push(&p.next().await.expect("connect push"));
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:u", "data": {"n": 1}}),
    )
    .await;
    let pubp = p.next_but_joins().await.expect("publication");
    assert_eq!(pubp["channel"], "chat:u", "{pubp}");
    assert_eq!(pubp["pub"]["data"], json!({"n": 1}));
    assert_eq!(pubp["pub"]["offset"], 1);
    api(&s.api_url(), "disconnect", json!({"user": "ann"})).await;
    let d = p.next_but_joins().await.expect("disconnect push");
    assert_eq!(
        d,
        json!({"disconnect": {"code": 3503, "reason": "force disconnect"}})
    );
    assert!(p.next().await.is_none(), "the stream must end");

    // Refusals: method, malformed request, size; `null` is an empty (token-less) request.
    assert_eq!(http.get(&url).send().await.expect("get").status(), 405);
    let r = http
        .request(reqwest::Method::OPTIONS, &url)
        .send()
        .await
        .expect("options");
    assert_eq!(r.status(), 204);
    assert_eq!(r.headers()["access-control-allow-methods"], "POST, OPTIONS");
    for bad in ["{nope", "[1]", "\"token\""] {
        let r = http.post(&url).body(bad).send().await.expect("bad");
        assert_eq!(r.status(), 400, "{bad}");
    }
    let r = http
        .post(&url)
        .body("x".repeat(2000))
        .send()
        .await
        .expect("big");
    assert_eq!(r.status(), 413);
    let r = http.post(&url).body("null").send().await.expect("null");
    let mut p = Messages::new(r, false);
    let d = p.next().await.expect("disconnect push");
    assert_eq!(d["disconnect"]["code"], 3501, "{d}");
    assert!(p.next().await.is_none());
    s.stop().await;
}

#[tokio::test]
async fn uni_sse_events_and_connect_codes_as_http_responses() {
    let s = TestServer::start(uni_config()).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/connection/uni_sse", s.addr);
    let connect = json!({"token": token_with("ben", "chat:u")}).to_string();
    let resp = http
        .get(&url)
        .query(&[("cf_connect", connect.as_str())])
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "text/event-stream; charset=utf-8"
    );
    let mut p = Messages::new(resp, true);
    check_connect_push(&p.next().await.expect("connect push"));
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:u", "data": "hi"}),
    )
    .await;
    let pubp = p.next_but_joins().await.expect("publication");
    assert_eq!(pubp["pub"]["data"], "hi", "{pubp}");
    // POST with the request as the body.
    let r = http.post(&url).body(connect).send().await.expect("post");
    assert_eq!(r.status(), 200);
    // connect_code_to_http_response: a bad token -> 403 with the disconnect reason; no token
    // (the empty request of a GET without cf_connect) -> 400 with the configured body.
    let bad = json!({"token": "not-a-jwt"}).to_string();
    let r = http
        .get(&url)
        .query(&[("cf_connect", bad.as_str())])
        .send()
        .await
        .expect("bad token");
    assert_eq!(r.status(), 403);
    assert_eq!(r.text().await.expect("body"), "invalid token");
    let r = http.get(&url).send().await.expect("no token");
    assert_eq!(r.status(), 400);
    assert_eq!(r.text().await.expect("body"), "say who you are");
    assert_eq!(http.put(&url).send().await.expect("put").status(), 405);
    s.stop().await;
}

async fn next_text(ws: &mut Ws) -> Value {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a message within 5 s")
            .expect("open")
            .expect("read");
        match m {
            Message::Text(t) => {
                let v: Value = serde_json::from_str(&t).expect("one JSON push per frame");
                if v.get("join").is_none() {
                    return v;
                }
            }
            Message::Close(c) => panic!("closed early: {c:?}"),
            _ => continue,
        }
    }
}

#[tokio::test]
async fn uni_websocket_connect_message_pushes_and_close() {
    let s = TestServer::start(uni_config()).await;
    let url = format!("ws://{}/connection/uni_websocket", s.addr);
    let mut w = ws(&url).await;
    let connect = json!({"token": token_with("cid", "chat:u")}).to_string();
    send(&mut w, &connect).await;
    check_connect_push(&next_text(&mut w).await);
    // Later client messages are not commands: ignored, the connection stays.
    send(&mut w, r#"{"id":2,"subscribe":{"channel":"chat:other"}}"#).await;
    for n in 1..=2 {
        api(
            &s.api_url(),
            "publish",
            json!({"channel": "chat:u", "data": {"n": n}}),
        )
        .await;
        let p = next_text(&mut w).await;
        assert_eq!(p["pub"]["data"], json!({"n": n}), "{p}");
    }
    api(&s.api_url(), "disconnect", json!({"user": "cid"})).await;
    let d = next_text(&mut w).await;
    assert_eq!(d["disconnect"]["code"], 3503, "{d}");
    let close = loop {
        match w.next().await {
            Some(Ok(Message::Close(c))) => break c,
            Some(Ok(_)) => continue,
            other => panic!("no close frame: {other:?}"),
        }
    };
    let close = close.expect("a close code");
    assert_eq!(u16::from(close.code), 3503);
    assert_eq!(close.reason.as_str(), "force disconnect");

    // The request in the URL instead of a message.
    let with_url = reqwest::Url::parse_with_params(&url, &[("cf_connect", &connect)]).expect("url");
    let mut w = ws(with_url.as_str()).await;
    check_connect_push(&next_text(&mut w).await);
    // A first message that is no connect request: bad request.
    let mut w = ws(&url).await;
    send(&mut w, "[]").await;
    let d = next_text(&mut w).await;
    assert_eq!(d["disconnect"]["code"], 3501, "{d}");
    let _ = w.close(None).await;
    s.stop().await;
}

/// A connect error (an expired token: 109) becomes a disconnect: Centrifugo's default (3005), or
/// what `client.connect_code_to_unidirectional_disconnect` says.
#[tokio::test]
async fn connect_errors_become_disconnects() {
    let expired =
        json!({"token": sign(json!({"sub": "old", "exp": now() - 60}), SECRET)}).to_string();
    for (custom, want) in [
        (false, (3005, "connection expired")),
        (true, (4501, "renew")),
    ] {
        let mut cfg = uni_config();
        if custom {
            cfg["client"]["connect_code_to_unidirectional_disconnect"] = json!({
                "enabled": true, "transforms": [{"code": 109, "to": {"code": 4501, "reason": "renew"}}]
            });
        }
        let s = TestServer::start(cfg).await;
        let r = reqwest::Client::new()
            .post(format!("http://{}/connection/uni_http_stream", s.addr))
            .body(expired.clone())
            .send()
            .await
            .expect("post");
        let mut p = Messages::new(r, false);
        let d = p.next().await.expect("disconnect push");
        assert_eq!(d, json!({"disconnect": {"code": want.0, "reason": want.1}}));
        assert!(p.next().await.is_none());
        s.stop().await;
    }
}

/// uni_websocket pings: the empty push and a WebSocket ping frame.
#[tokio::test]
async fn uni_websocket_pings_with_a_push_and_a_ping_frame() {
    let mut cfg = uni_config();
    cfg["client"]["ping_interval"] = json!("1s");
    cfg["client"]["pong_timeout"] = json!("500ms");
    let s = TestServer::start(cfg).await;
    let mut w = ws(&format!("ws://{}/connection/uni_websocket", s.addr)).await;
    send(&mut w, &json!({"token": token("pia")}).to_string()).await;
    let (mut empty_push, mut ping_frame) = (false, false);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !(empty_push && ping_frame) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "push {empty_push}, frame {ping_frame}"
        );
        match tokio::time::timeout(Duration::from_secs(3), w.next()).await {
            Ok(Some(Ok(Message::Text(t)))) if t.as_str() == "{}" => empty_push = true,
            Ok(Some(Ok(Message::Ping(_)))) => ping_frame = true,
            Ok(Some(Ok(Message::Close(c)))) => panic!("closed: {c:?}"),
            _ => {}
        }
    }
    s.stop().await;
}

/// `join_push_messages`: pushes written together share one frame, `\n`-joined; without it every
/// frame holds one push. 200 publications in one API batch queue up faster than one frame goes
/// out, so the writer finds several waiting.
#[tokio::test]
async fn uni_websocket_join_push_messages() {
    for join in [false, true] {
        let mut cfg = uni_config();
        cfg["uni_websocket"]["join_push_messages"] = json!(join);
        let s = TestServer::start(cfg).await;
        let mut w = ws(&format!("ws://{}/connection/uni_websocket", s.addr)).await;
        send(
            &mut w,
            &json!({"token": token_with("jo", "chat:j")}).to_string(),
        )
        .await;
        let commands: Vec<_> = (0..200)
            .map(|n| json!({"publish": {"channel": "chat:j", "data": {"n": n}}}))
            .collect();
        api(&s.api_url(), "batch", json!({"commands": commands})).await;
        let (mut pubs, mut joined) = (0, false);
        while pubs < 200 {
            let m = tokio::time::timeout(Duration::from_secs(5), w.next())
                .await
                .expect("in time")
                .expect("open")
                .expect("read");
            let Message::Text(t) = m else { continue };
            let parts: Vec<Value> = t
                .split('\n')
                .map(|l| serde_json::from_str(l).expect("JSON push"))
                .collect();
            joined |= parts.len() > 1;
            pubs += parts.iter().filter(|p| p.get("pub").is_some()).count();
        }
        assert_eq!(joined, join, "join_push_messages {join}");
        s.stop().await;
    }
}
