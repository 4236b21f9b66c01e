//! Server API over HTTP.

use super::common::*;
use serde_json::{json, Value};

const KEY: (&str, &str) = ("X-API-Key", API_KEY);
const TRANSPORT: (&str, &str) = ("X-Centrifugo-Error-Mode", "transport");

/// POST with the API key; returns (status, parsed JSON body).
async fn call(srv: &TestServer, method: &str, body: Value, extra: &[(&str, &str)]) -> (u16, Value) {
    let mut headers = vec![KEY];
    headers.extend_from_slice(extra);
    let (status, text) = api_raw(&srv.api_url(), method, &body.to_string(), &headers).await;
    let v = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{method}: not JSON: {text:?}"));
    (status, v)
}

/// The `error.code` of a default-mode reply (asserting HTTP 200 and no result).
async fn err_code(srv: &TestServer, method: &str, body: Value) -> u64 {
    let r = api(&srv.api_url(), method, body).await;
    assert!(r.get("result").is_none(), "{method}: {r}");
    assert_eq!(r["error"].as_object().map(|o| o.len()), Some(2), "{r}");
    r["error"]["code"]
        .as_u64()
        .unwrap_or_else(|| panic!("{method}: no error in {r}"))
}

async fn result(srv: &TestServer, method: &str, body: Value) -> Value {
    let r = api(&srv.api_url(), method, body).await;
    assert!(r.get("error").is_none(), "{method}: {r}");
    r["result"].clone()
}

async fn subscribe(c: &mut Client, id: u32, channel: &str) -> Value {
    let r = c
        .call(json!({"id": id, "subscribe": {"channel": channel}}))
        .await;
    assert!(r.get("subscribe").is_some(), "subscribe {channel}: {r}");
    r["subscribe"].clone()
}

fn cfg_with(f: impl FnOnce(&mut Value)) -> Value {
    let mut c = base_config();
    f(&mut c);
    c
}

// ---------------------------------------------------------------- auth and routing

#[tokio::test]
async fn auth_accepts_the_three_key_locations() {
    let srv = TestServer::start(base_config()).await;
    let u = srv.api_url();
    let ok = [
        vec![("X-API-Key", API_KEY)],
        vec![("Authorization", "apikey test-api-key")],
        vec![("Authorization", "APIKey test-api-key")],
    ];
    for h in ok {
        let (s, b) = api_raw(&u, "info", "{}", &h).await;
        assert_eq!(s, 200, "{h:?}: {b}");
        assert!(b.starts_with("{\"result\":{\"nodes\":["), "{b}");
    }
    let (s, _) = api_raw(&u, "info?api_key=test-api-key", "{}", &[]).await;
    assert_eq!(s, 200);
    srv.stop().await;
}

#[tokio::test]
async fn auth_failures_are_401_with_empty_body() {
    let srv = TestServer::start(base_config()).await;
    let u = srv.api_url();
    let bad: [&[(&str, &str)]; 5] = [
        &[],
        &[("X-API-Key", "wrong")],
        &[("Authorization", "apikey wrong")],
        &[("Authorization", "Bearer test-api-key")],
        // A present X-API-Key alone decides: no fallback to Authorization.
        &[
            ("X-API-Key", "wrong"),
            ("Authorization", "apikey test-api-key"),
        ],
    ];
    for h in bad {
        let (s, b) = api_raw(&u, "publish", r#"{"channel":"a","data":{}}"#, h).await;
        assert_eq!((s, b.as_str()), (401, ""), "{h:?}");
    }
    let (s, b) = api_raw(&u, "info?api_key=wrong", "{}", &[]).await;
    assert_eq!((s, b.as_str()), (401, ""));
    srv.stop().await;
}

#[tokio::test]
async fn empty_key_rejects_everything_and_insecure_needs_none() {
    let srv = TestServer::start(cfg_with(|c| c["http_api"] = json!({"key": ""}))).await;
    for h in [
        &[][..],
        &[("X-API-Key", "")][..],
        &[("Authorization", "apikey ")][..],
    ] {
        let (s, b) = api_raw(&srv.api_url(), "info", "{}", h).await;
        assert_eq!((s, b.as_str()), (401, ""), "{h:?}");
    }
    srv.stop().await;

    let srv = TestServer::start(cfg_with(|c| c["http_api"] = json!({"insecure": true}))).await;
    let (s, b) = api_raw(
        &srv.api_url(),
        "publish",
        r#"{"channel":"a","data":1}"#,
        &[],
    )
    .await;
    assert_eq!((s, b.as_str()), (200, r#"{"result":{}}"#));
    srv.stop().await;
}

#[tokio::test]
async fn routing_method_and_body_errors() {
    let srv = TestServer::start(base_config()).await;
    let u = srv.api_url();
    // Non-POST -> 405 with an empty body.
    for m in [reqwest::Method::GET, reqwest::Method::PUT] {
        let resp = reqwest::Client::new()
            .request(m.clone(), format!("{u}/info"))
            .header("X-API-Key", API_KEY)
            .send()
            .await
            .expect("http");
        assert_eq!(resp.status().as_u16(), 405, "{m}");
        assert_eq!(resp.text().await.expect("body"), "");
    }
    // Malformed or non-object JSON -> 400 "Bad Request".
    for body in ["{", "", " ", "[]", "1"] {
        for method in ["publish", "history", "info", "rpc", "batch"] {
            let (s, b) = api_raw(&u, method, body, &[KEY]).await;
            assert_eq!((s, b.as_str()), (400, "Bad Request\n"), "{method} {body:?}");
        }
    }
    for (method, body) in [
        ("publish", r#"{"channel":5}"#),
        ("history", r#"{"channel":"a","limit":"x"}"#),
        ("history", r#"{"channel":"a","limit":1.5}"#),
        ("rpc", r#"{"method":1}"#),
        (
            "batch",
            r#"{"commands":[{"publish":{"channel":"a","data":1}}],"parallel":"x"}"#,
        ),
    ] {
        let (s, b) = api_raw(&u, method, body, &[KEY]).await;
        assert_eq!((s, b.as_str()), (400, "Bad Request\n"), "{method} {body:?}");
    }
    // `null` means default params.
    let (s, b) = api_raw(&u, "channels", "null", &[KEY]).await;
    assert_eq!((s, b.as_str()), (200, r#"{"result":{"channels":{}}}"#));
    // Unknown method paths -> 404.
    for path in ["foo", "", "publish/x", "map_foo"] {
        let (s, b) = api_raw(&u, path, "{}", &[KEY]).await;
        assert_eq!((s, b.as_str()), (404, "404 page not found\n"), "{path:?}");
    }
    // Success has Content-Type application/json.
    let resp = reqwest::Client::new()
        .post(format!("{u}/info"))
        .header("X-API-Key", API_KEY)
        .body("{}")
        .send()
        .await
        .expect("http");
    assert_eq!(resp.headers()["content-type"], "application/json");
    srv.stop().await;
}

// ---------------------------------------------------------------- error shapes

#[tokio::test]
async fn default_error_mode_reports_errors_in_200() {
    let srv = TestServer::start(base_config()).await;
    let cases = [
        ("publish", json!({"channel": "", "data": {}}), 107),
        ("publish", json!({"channel": "nope:x", "data": {}}), 102),
        ("publish", json!({"channel": "a"}), 107),
        ("publish", json!({"channel": "a", "b64data": "!!!"}), 107),
        ("history", json!({"channel": "a"}), 108),
        ("history", json!({"channel": ""}), 107),
        ("history", json!({"channel": "nope:x"}), 102),
        ("history_remove", json!({"channel": "a"}), 108),
        ("presence", json!({"channel": "a"}), 108),
        ("presence_stats", json!({"channel": "a"}), 108),
        ("presence", json!({"channel": ""}), 107),
        ("subscribe", json!({"user": "u", "channel": ""}), 107),
        ("subscribe", json!({"user": "u", "channel": "nope:x"}), 102),
        (
            "subscribe",
            json!({"user": "u", "channel": "a", "b64info": "!!"}),
            107,
        ),
        (
            "unsubscribe",
            json!({"user": "u", "channel": "nope:x"}),
            102,
        ),
        ("broadcast", json!({"channels": [], "data": {}}), 107),
        ("rpc", json!({"method": "x", "params": {}}), 104),
        ("rpc", json!({}), 107),
    ];
    for (m, body, code) in cases {
        assert_eq!(err_code(&srv, m, body.clone()).await, code, "{m} {body}");
    }
    let r = api(&srv.api_url(), "rpc", json!({"method": "x"})).await;
    assert_eq!(r, json!({"error": {"code": 104, "message": "not found"}}));
    let r = api(
        &srv.api_url(),
        "publish",
        json!({"channel": "nope:x", "data": 1}),
    )
    .await;
    assert_eq!(
        r,
        json!({"error": {"code": 102, "message": "unknown channel"}})
    );

    // A wrong epoch -> 112.
    result(&srv, "publish", json!({"channel": "chat:e", "data": 1})).await;
    let r = api(
        &srv.api_url(),
        "history",
        json!({"channel": "chat:e", "since": {"offset": 0, "epoch": "wrong"}}),
    )
    .await;
    assert_eq!(
        r,
        json!({"error": {"code": 112, "message": "unrecoverable position"}})
    );
    srv.stop().await;
}

#[tokio::test]
async fn transport_error_mode_by_header() {
    let srv = TestServer::start(base_config()).await;
    result(&srv, "publish", json!({"channel": "chat:t", "data": 1})).await;
    let cases = [
        (
            "publish",
            json!({"channel": "nope:x", "data": 1}),
            404,
            102,
            "unknown channel",
        ),
        ("rpc", json!({"method": "x"}), 404, 104, "not found"),
        (
            "publish",
            json!({"channel": "", "data": 1}),
            400,
            107,
            "bad request",
        ),
        (
            "presence",
            json!({"channel": "a"}),
            400,
            108,
            "not available",
        ),
        (
            "history",
            json!({"channel": "chat:t", "since": {"offset": 0, "epoch": "x"}}),
            416,
            112,
            "unrecoverable position",
        ),
        (
            "channels",
            json!({"pattern": "a["}),
            500,
            100,
            "internal server error",
        ),
    ];
    for (m, body, status, code, message) in cases {
        let (s, v) = call(&srv, m, body.clone(), &[TRANSPORT]).await;
        assert_eq!(s, status, "{m} {body}");
        assert_eq!(v, json!({"code": code, "message": message}), "{m} {body}");
    }
    // Success keeps the `result` wrapper.
    let (s, v) = call(
        &srv,
        "publish",
        json!({"channel": "a", "data": 1}),
        &[TRANSPORT],
    )
    .await;
    assert_eq!((s, v), (200, json!({"result": {}})));
    let (s, v) = call(
        &srv,
        "presence_stats",
        json!({"channel": "chat:t"}),
        &[TRANSPORT],
    )
    .await;
    assert_eq!(
        (s, v),
        (200, json!({"result": {"num_clients": 0, "num_users": 0}}))
    );
    // Broadcast per-channel errors stay inside a 200 result.
    let (s, v) = call(
        &srv,
        "broadcast",
        json!({"channels": ["a", "nope:x"], "data": 1}),
        &[TRANSPORT],
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["result"]["responses"][1]["error"]["code"], 102, "{v}");
    // Batch is never transport-mapped.
    let (s, v) = call(
        &srv,
        "batch",
        json!({"commands": [{"publish": {"channel": "nope:x", "data": 1}}]}),
        &[TRANSPORT],
    )
    .await;
    assert_eq!(
        (s, v),
        (
            200,
            json!({"replies": [{"error": {"code": 102, "message": "unknown channel"}}]})
        )
    );
    // Only the exact value `transport` switches the mode.
    let (s, v) = call(
        &srv,
        "publish",
        json!({"channel": "nope:x", "data": 1}),
        &[("X-Centrifugo-Error-Mode", "TRANSPORT")],
    )
    .await;
    assert_eq!((s, v["error"]["code"].clone()), (200, json!(102)));
    srv.stop().await;
}

#[tokio::test]
async fn transport_error_mode_by_config() {
    let srv = TestServer::start(cfg_with(|c| {
        c["http_api"]["error_mode"] = json!("transport")
    }))
    .await;
    let (s, v) = call(
        &srv,
        "publish",
        json!({"channel": "nope:x", "data": 1}),
        &[],
    )
    .await;
    assert_eq!(
        (s, v),
        (404, json!({"code": 102, "message": "unknown channel"}))
    );
    let (s, v) = call(&srv, "history", json!({"channel": "a"}), &[]).await;
    assert_eq!(
        (s, v),
        (400, json!({"code": 108, "message": "not available"}))
    );
    let (s, v) = call(&srv, "publish", json!({"channel": "a", "data": 1}), &[]).await;
    assert_eq!((s, v), (200, json!({"result": {}})));
    let (s, v) = call(&srv, "batch", json!({"commands": [null]}), &[]).await;
    assert_eq!(
        (s, v),
        (
            200,
            json!({"replies": [{"error": {"code": 107, "message": "bad request"}}]})
        )
    );
    srv.stop().await;
}

// ---------------------------------------------------------------- result shapes

#[tokio::test]
async fn publish_result_shapes() {
    let srv = TestServer::start(base_config()).await;
    assert_eq!(
        result(&srv, "publish", json!({"channel": "a", "data": {"x": 1}})).await,
        json!({})
    );
    assert_eq!(
        result(&srv, "publish", json!({"channel": "a", "b64data": "aGk="})).await,
        json!({})
    );
    let r1 = result(
        &srv,
        "publish",
        json!({"channel": "chat:p", "data": {"x": 1}}),
    )
    .await;
    assert_eq!(r1["offset"], 1, "{r1}");
    let epoch = r1["epoch"].as_str().expect("epoch").to_string();
    assert!(!epoch.is_empty());
    let r2 = result(
        &srv,
        "publish",
        json!({"channel": "chat:p", "data": {"x": 2}}),
    )
    .await;
    assert_eq!(r2, json!({"offset": 2, "epoch": epoch}));
    // skip_history: no offset advance in history.
    result(
        &srv,
        "publish",
        json!({"channel": "chat:p", "data": 3, "skip_history": true}),
    )
    .await;
    let h = result(&srv, "history", json!({"channel": "chat:p", "limit": -1})).await;
    assert_eq!(h["publications"].as_array().map(Vec::len), Some(2), "{h}");
    srv.stop().await;
}

#[tokio::test]
async fn publish_versions_drop_stale_publications() {
    let srv = TestServer::start(base_config()).await;
    let (mut c, _) = Client::connect(&srv.ws_url(), "v").await;
    subscribe(&mut c, 2, "chat:v").await;
    let publish = |version: u64, epoch: &str, x: u32| json!({"channel": "chat:v", "data": {"x": x}, "version": version, "version_epoch": epoch});
    let r1 = result(&srv, "publish", publish(2, "", 1)).await;
    assert_eq!(r1["offset"], 1, "{r1}");
    // Versions 1 and 2 are not above 2: dropped, answered with the current top, not delivered.
    assert_eq!(result(&srv, "publish", publish(1, "", 2)).await, r1);
    assert_eq!(result(&srv, "publish", publish(2, "", 3)).await, r1);
    let r4 = result(&srv, "publish", publish(3, "", 4)).await;
    assert_eq!(r4["offset"], 2, "{r4}");
    // A new version epoch starts its own sequence.
    let r5 = result(&srv, "publish", publish(1, "day-2", 5)).await;
    assert_eq!(r5["offset"], 3, "{r5}");
    for x in [1, 4, 5] {
        assert_eq!(c.publication().await["pub"]["data"], json!({"x": x}));
    }
    let h = result(&srv, "history", json!({"channel": "chat:v", "limit": -1})).await;
    let data: Vec<Value> = h["publications"]
        .as_array()
        .map(|a| a.iter().map(|p| p["data"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        data,
        vec![json!({"x": 1}), json!({"x": 4}), json!({"x": 5})]
    );
    // Without history the version is ignored (as in Centrifugo).
    for _ in 0..2 {
        let r = result(
            &srv,
            "publish",
            json!({"channel": "a", "data": {}, "version": 1}),
        )
        .await;
        assert_eq!(r, json!({}));
    }
    srv.stop().await;
}

#[tokio::test]
async fn broadcast_reports_per_channel_results() {
    let srv = TestServer::start(base_config()).await;
    let r = result(
        &srv,
        "broadcast",
        json!({"channels": ["a", "nope:x", "chat:b", ""], "data": {"a": 1}}),
    )
    .await;
    let resp = r["responses"].as_array().expect("responses");
    assert_eq!(resp.len(), 4, "{r}");
    assert_eq!(resp[0], json!({"result": {}}));
    assert_eq!(
        resp[1],
        json!({"error": {"code": 102, "message": "unknown channel"}})
    );
    assert_eq!(resp[2]["result"]["offset"], 1, "{r}");
    assert_eq!(
        resp[3],
        json!({"error": {"code": 107, "message": "bad request"}})
    );
    let r = result(&srv, "broadcast", json!({"channels": ["a"]})).await;
    assert_eq!(r["responses"][0]["error"]["code"], 107, "{r}");
    srv.stop().await;
}

#[tokio::test]
async fn presence_and_stats_list_live_clients() {
    let srv = TestServer::start(base_config()).await;
    let (mut a1, ca1) = Client::connect(&srv.ws_url(), "alice").await;
    let (mut a2, ca2) = Client::connect(&srv.ws_url(), "alice").await;
    let (mut b, cb) = Client::connect(&srv.ws_url(), "bob").await;
    for c in [&mut a1, &mut a2, &mut b] {
        subscribe(c, 2, "chat:room").await;
    }
    let r = result(&srv, "presence", json!({"channel": "chat:room"})).await;
    let p = r["presence"].as_object().expect("presence map");
    assert_eq!(p.len(), 3, "{r}");
    for (conn, user) in [(&ca1, "alice"), (&ca2, "alice"), (&cb, "bob")] {
        let id = conn["client"].as_str().expect("client id");
        assert_eq!(p[id]["client"], id, "{r}");
        assert_eq!(p[id]["user"], user, "{r}");
    }
    let r = result(&srv, "presence_stats", json!({"channel": "chat:room"})).await;
    assert_eq!(r, json!({"num_clients": 3, "num_users": 2}));
    let r = result(&srv, "presence", json!({"channel": "chat:empty"})).await;
    assert_eq!(r, json!({"presence": {}}));
    srv.stop().await;
}

#[tokio::test]
async fn history_variants() {
    let srv = TestServer::start(base_config()).await;
    for n in 1..=5 {
        result(
            &srv,
            "publish",
            json!({"channel": "chat:h", "data": {"n": n}}),
        )
        .await;
    }
    let ns = |r: &Value| -> Vec<i64> {
        r["publications"]
            .as_array()
            .expect("publications")
            .iter()
            .map(|p| p["data"]["n"].as_i64().expect("n"))
            .collect()
    };
    let top = result(&srv, "history", json!({"channel": "chat:h", "limit": 0})).await;
    assert_eq!(top["publications"], json!([]), "{top}");
    assert_eq!(top["offset"], 5);
    let epoch = top["epoch"].as_str().expect("epoch").to_string();
    // No limit field is limit 0.
    assert_eq!(
        result(&srv, "history", json!({"channel": "chat:h"})).await,
        top
    );

    let r = result(&srv, "history", json!({"channel": "chat:h", "limit": 2})).await;
    assert_eq!(ns(&r), [1, 2]);
    assert_eq!(
        (r["offset"].clone(), r["epoch"].clone()),
        (json!(5), json!(epoch))
    );
    assert_eq!(r["publications"][0]["offset"], 1, "{r}");
    let r = result(
        &srv,
        "history",
        json!({"channel": "chat:h", "limit": 2, "reverse": true}),
    )
    .await;
    assert_eq!(ns(&r), [5, 4]);
    let r = result(&srv, "history", json!({"channel": "chat:h", "limit": -1})).await;
    assert_eq!(ns(&r), [1, 2, 3, 4, 5]);
    let since = json!({"offset": 2, "epoch": epoch});
    let r = result(
        &srv,
        "history",
        json!({"channel": "chat:h", "limit": -1, "since": since}),
    )
    .await;
    assert_eq!(ns(&r), [3, 4, 5]);
    let r = result(
        &srv,
        "history",
        json!({"channel": "chat:h", "limit": 1, "since": since}),
    )
    .await;
    assert_eq!(ns(&r), [3]);
    let r = result(
        &srv,
        "history",
        json!({"channel": "chat:h", "limit": -1, "since": since, "reverse": true}),
    )
    .await;
    assert_eq!(ns(&r), [1]);
    // A never-published history channel: empty, offset 0, with an epoch.
    let r = result(
        &srv,
        "history",
        json!({"channel": "chat:none", "limit": -1}),
    )
    .await;
    assert_eq!(
        (r["publications"].clone(), r["offset"].clone()),
        (json!([]), json!(0))
    );
    assert!(r["epoch"].as_str().is_some_and(|e| !e.is_empty()), "{r}");

    // history_remove drops publications but keeps offset and epoch.
    assert_eq!(
        result(&srv, "history_remove", json!({"channel": "chat:h"})).await,
        json!({})
    );
    let r = result(&srv, "history", json!({"channel": "chat:h", "limit": -1})).await;
    assert_eq!(r, json!({"publications": [], "offset": 5, "epoch": epoch}));
    let r = result(
        &srv,
        "publish",
        json!({"channel": "chat:h", "data": {"n": 6}}),
    )
    .await;
    assert_eq!(r, json!({"offset": 6, "epoch": epoch}));
    srv.stop().await;
}

#[tokio::test]
async fn history_publication_fields() {
    let srv = TestServer::start(base_config()).await;
    result(
        &srv,
        "publish",
        json!({"channel": "chat:f", "data": {"k": "v"}, "tags": {"t": "1"}}),
    )
    .await;
    let r = result(&srv, "history", json!({"channel": "chat:f", "limit": 1})).await;
    assert_eq!(
        r["publications"],
        json!([{"data": {"k": "v"}, "offset": 1, "tags": {"t": "1"}}])
    );
    srv.stop().await;
}

#[tokio::test]
async fn channels_lists_live_channels_with_pattern() {
    let srv = TestServer::start(base_config()).await;
    assert_eq!(
        result(&srv, "channels", json!({})).await,
        json!({"channels": {}})
    );
    let (mut a, _) = Client::connect(&srv.ws_url(), "alice").await;
    let (mut b, _) = Client::connect(&srv.ws_url(), "bob").await;
    subscribe(&mut a, 2, "chat:one").await;
    subscribe(&mut b, 2, "chat:one").await;
    subscribe(&mut a, 3, "news").await;
    let r = result(&srv, "channels", json!({})).await;
    assert_eq!(
        r,
        json!({"channels": {"chat:one": {"num_clients": 2}, "news": {"num_clients": 1}}})
    );
    let r = result(&srv, "channels", json!({"pattern": "chat:*"})).await;
    assert_eq!(r, json!({"channels": {"chat:one": {"num_clients": 2}}}));
    let r = result(&srv, "channels", json!({"pattern": "n?ws"})).await;
    assert_eq!(r, json!({"channels": {"news": {"num_clients": 1}}}));
    for pattern in ["{news,x}", "[mn]ews", "[!c]*", "\\news"] {
        let r = result(&srv, "channels", json!({"pattern": pattern})).await;
        assert_eq!(
            r,
            json!({"channels": {"news": {"num_clients": 1}}}),
            "{pattern}"
        );
    }
    let r = result(&srv, "channels", json!({"pattern": "nothing*"})).await;
    assert_eq!(r, json!({"channels": {}}));
    for pattern in ["[a", "a[", "{a,b"] {
        assert_eq!(
            err_code(&srv, "channels", json!({"pattern": pattern})).await,
            100
        );
    }
    srv.stop().await;
}

#[tokio::test]
async fn info_describes_one_node() {
    let srv = TestServer::start(base_config()).await;
    let (mut a, _) = Client::connect(&srv.ws_url(), "alice").await;
    let (_b, _) = Client::connect(&srv.ws_url(), "alice").await;
    subscribe(&mut a, 2, "news").await;
    let r = result(&srv, "info", json!({})).await;
    let nodes = r["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 1, "{r}");
    let n = &nodes[0];
    assert_eq!(n["uid"], srv.node.id.as_str());
    assert!(n["name"].as_str().is_some_and(|s| !s.is_empty()), "{n}");
    assert!(
        n["version"].as_str().is_some_and(|s| s.ends_with(" OSS")),
        "{n}"
    );
    assert_eq!(n["num_clients"], 2, "{n}");
    assert_eq!(n["num_users"], 1, "{n}");
    assert_eq!(n["num_channels"], 1, "{n}");
    assert_eq!(n["num_subs"], 1, "{n}");
    assert!(n["uptime"].is_u64(), "{n}");
    assert!(n["metrics"]["interval"].is_u64(), "{n}");
    assert!(n["metrics"]["items"].is_object(), "{n}");
    srv.stop().await;
}

#[tokio::test]
async fn batch_sequential_and_parallel() {
    let srv = TestServer::start(base_config()).await;
    let commands = json!([
        {"publish": {"channel": "chat:b", "data": 1}},
        null,
        {"foo": {}},
        {"publish": {"channel": "nope:x", "data": 1}},
        {},
        {"publish": null},
        {"history": {"channel": "chat:b", "limit": -1}},
        {"rpc": {"method": "x"}},
        {"batch": {"commands": []}},
        {"presence_stats": {"channel": "chat:b"}},
    ]);
    let r = api(&srv.api_url(), "batch", json!({"commands": commands})).await;
    let replies = r["replies"].as_array().expect("replies");
    assert!(r.get("result").is_none(), "batch reply is not wrapped: {r}");
    assert_eq!(replies.len(), 10, "{r}");
    let e = |c: u64, m: &str| json!({"error": {"code": c, "message": m}});
    assert_eq!(replies[0]["publish"]["offset"], 1, "{r}");
    assert_eq!(replies[1], e(107, "bad request"));
    assert_eq!(replies[2], e(104, "not found"));
    assert_eq!(replies[3], e(102, "unknown channel"));
    assert_eq!(replies[4], e(104, "not found"));
    assert_eq!(replies[5], e(104, "not found"));
    // Sequential: the history sees the publish before it.
    assert_eq!(replies[6]["history"]["publications"][0]["data"], 1, "{r}");
    assert_eq!(replies[7], e(104, "not found"));
    assert_eq!(replies[8], e(104, "not found"));
    assert_eq!(
        replies[9],
        json!({"presence_stats": {"num_clients": 0, "num_users": 0}})
    );

    let r = api(
        &srv.api_url(),
        "batch",
        json!({"parallel": true, "commands": [
            {"publish": {"channel": "a", "data": 1}},
            {"publish": {"channel": "chat:b", "data": 2}},
            {"publish": {"channel": "", "data": 2}},
            {"rpc": {"method": "x"}},
        ]}),
    )
    .await;
    assert_eq!(
        r["replies"],
        json!([
            {"publish": {}},
            {"publish": {"offset": 2, "epoch": replies[6]["history"]["epoch"]}},
            e(107, "bad request"),
            e(104, "not found"),
        ])
    );
    // Several method fields: the reference's fixed order decides (publish before info).
    let r = api(
        &srv.api_url(),
        "batch",
        json!({"commands": [{"info": {}, "publish": {"channel": "nope:x", "data": 1}}]}),
    )
    .await;
    assert_eq!(r, json!({"replies": [e(102, "unknown channel")]}));
    // No commands -> {}.
    assert_eq!(
        api(&srv.api_url(), "batch", json!({"commands": []})).await,
        json!({})
    );
    assert_eq!(api(&srv.api_url(), "batch", json!({})).await, json!({}));
    // A type error anywhere fails the whole batch.
    let (s, b) = api_raw(
        &srv.api_url(),
        "batch",
        r#"{"commands":[{"publish":{"channel":"a","data":1}},{"publish":{"channel":5}}]}"#,
        &[KEY],
    )
    .await;
    assert_eq!((s, b.as_str()), (400, "Bad Request\n"));
    srv.stop().await;
}

// ---------------------------------------------------------------- effects on live clients

#[tokio::test]
async fn publish_reaches_subscriber() {
    let srv = TestServer::start(base_config()).await;
    let (mut c, _) = Client::connect(&srv.ws_url(), "alice").await;
    subscribe(&mut c, 2, "news").await;
    result(
        &srv,
        "publish",
        json!({"channel": "news", "data": {"text": "hi"}}),
    )
    .await;
    assert_eq!(
        c.push().await,
        json!({"channel": "news", "pub": {"data": {"text": "hi"}}})
    );
    result(
        &srv,
        "broadcast",
        json!({"channels": ["other", "news"], "data": {"text": "all"}}),
    )
    .await;
    let p = c.push().await;
    assert_eq!(p["pub"]["data"], json!({"text": "all"}), "{p}");
    srv.stop().await;
}

#[tokio::test]
async fn unsubscribe_sends_push_2000() {
    let srv = TestServer::start(base_config()).await;
    let (mut a, _) = Client::connect(&srv.ws_url(), "alice").await;
    let (mut b, _) = Client::connect(&srv.ws_url(), "bob").await;
    subscribe(&mut a, 2, "news").await;
    subscribe(&mut b, 2, "news").await;
    // Empty channel: nothing to do.
    let r = result(&srv, "unsubscribe", json!({"user": "alice", "channel": ""})).await;
    assert_eq!(r, json!({}));
    let r = result(
        &srv,
        "unsubscribe",
        json!({"user": "alice", "channel": "news"}),
    )
    .await;
    assert_eq!(r, json!({}));
    let p = a.push().await;
    assert_eq!(p["channel"], "news", "{p}");
    assert_eq!(p["unsubscribe"]["code"], 2000, "{p}");
    assert_eq!(p["unsubscribe"]["reason"], "server unsubscribe", "{p}");
    // Alice no longer gets publications; Bob still does.
    result(&srv, "publish", json!({"channel": "news", "data": 1})).await;
    assert_eq!(b.push().await["pub"]["data"], 1);
    let r = result(&srv, "channels", json!({})).await;
    assert_eq!(r, json!({"channels": {"news": {"num_clients": 1}}}));
    srv.stop().await;
}

#[tokio::test]
async fn subscribe_adds_server_side_subscription() {
    let srv = TestServer::start(base_config()).await;
    let (mut c, _) = Client::connect(&srv.ws_url(), "alice").await;
    let r = result(
        &srv,
        "subscribe",
        json!({"user": "alice", "channel": "chat:s"}),
    )
    .await;
    assert_eq!(r, json!({}));
    // The subscribe push comes first, then the client's own join (force_push_join_leave).
    let p = c.push().await;
    assert_eq!(p["channel"], "chat:s", "{p}");
    assert!(p["subscribe"].is_object(), "{p}");
    let p = c.push().await;
    assert_eq!(p["join"]["info"]["user"], "alice", "{p}");
    result(
        &srv,
        "publish",
        json!({"channel": "chat:s", "data": {"v": 1}}),
    )
    .await;
    let p = c.push().await;
    assert_eq!(p["channel"], "chat:s", "{p}");
    assert_eq!(p["pub"]["data"], json!({"v": 1}), "{p}");
    let r = result(&srv, "presence_stats", json!({"channel": "chat:s"})).await;
    assert_eq!(r, json!({"num_clients": 1, "num_users": 1}));
    srv.stop().await;
}

#[tokio::test]
async fn disconnect_default_custom_whitelist_and_client() {
    let srv = TestServer::start(base_config()).await;
    let url = srv.ws_url();
    // Default: 3503 force disconnect, every connection of the user.
    let (mut a1, _) = Client::connect(&url, "alice").await;
    let (mut a2, _) = Client::connect(&url, "alice").await;
    let (mut b, _) = Client::connect(&url, "bob").await;
    assert_eq!(
        result(&srv, "disconnect", json!({"user": "alice"})).await,
        json!({})
    );
    assert_eq!(a1.closed().await, (3503, "force disconnect".to_string()));
    assert_eq!(a2.closed().await, (3503, "force disconnect".to_string()));
    // Custom code and reason.
    result(
        &srv,
        "disconnect",
        json!({"user": "bob", "disconnect": {"code": 4500, "reason": "bye"}}),
    )
    .await;
    assert_eq!(b.closed().await, (4500, "bye".to_string()));

    // whitelist keeps the listed client; `client` narrows to one connection.
    let (mut k, ck) = Client::connect(&url, "carol").await;
    let (mut d, _) = Client::connect(&url, "carol").await;
    let keep = ck["client"].as_str().expect("client").to_string();
    result(
        &srv,
        "disconnect",
        json!({"user": "carol", "whitelist": [keep]}),
    )
    .await;
    assert_eq!(d.closed().await.0, 3503);
    let (mut e, ce) = Client::connect(&url, "carol").await;
    let target = ce["client"].as_str().expect("client").to_string();
    result(
        &srv,
        "disconnect",
        json!({"user": "carol", "client": target}),
    )
    .await;
    assert_eq!(e.closed().await.0, 3503);
    // The whitelisted, untargeted connection is still alive.
    let r = k.call(json!({"id": 9, "rpc": {"method": "ping"}})).await;
    assert!(r.get("error").is_none(), "{r}");
    let r = result(&srv, "info", json!({})).await;
    assert_eq!(r["nodes"][0]["num_clients"], 1, "{r}");
    srv.stop().await;
}

#[tokio::test]
async fn refresh_expired_closes_with_3005() {
    let srv = TestServer::start(base_config()).await;
    let (mut a, _) = Client::connect(&srv.ws_url(), "alice").await;
    let (mut b, _) = Client::connect(&srv.ws_url(), "bob").await;
    assert_eq!(
        result(&srv, "refresh", json!({"user": "alice"})).await,
        json!({})
    );
    result(&srv, "refresh", json!({"user": "alice", "expired": true})).await;
    assert_eq!(a.closed().await, (3005, "connection expired".to_string()));
    let r = b.call(json!({"id": 9, "rpc": {"method": "ping"}})).await;
    assert!(r.get("error").is_none(), "{r}");
    srv.stop().await;
}

// ---------------------------------------------------------------- listeners

struct SplitServer {
    external: std::net::SocketAddr,
    internal: std::net::SocketAddr,
    trigger: centrifugo::Trigger,
    task: tokio::task::JoinHandle<()>,
}

async fn start_split(cfg: Value) -> SplitServer {
    let node = centrifugo::Node::new(config_from(cfg)).expect("node");
    let ext = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let int = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let (external, internal) = (
        ext.local_addr().expect("addr"),
        int.local_addr().expect("addr"),
    );
    let (trigger, shutdown) = centrifugo::shutdown_channel();
    let listeners = centrifugo::Listeners {
        external: ext,
        internal: Some(int),
        uni_grpc: None,
        grpc_api: None,
    };
    let task = tokio::spawn(centrifugo::run(node, listeners, shutdown));
    SplitServer {
        external,
        internal,
        trigger,
        task,
    }
}

impl SplitServer {
    async fn stop(self) {
        self.trigger.fire();
        let _ = tokio::time::timeout(WAIT, self.task).await;
    }
}

async fn ws_status(addr: std::net::SocketAddr) -> Result<(), String> {
    tokio_tungstenite::connect_async(format!("ws://{addr}/connection/websocket"))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[tokio::test]
async fn api_only_on_internal_listener() {
    let srv = start_split(cfg_with(|c| {
        c["http_server"] = json!({"internal_port": "1"})
    }))
    .await;
    let int = format!("http://{}/api", srv.internal);
    let ext = format!("http://{}/api", srv.external);
    let (s, b) = api_raw(&int, "info", "{}", &[KEY]).await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = api_raw(&ext, "info", "{}", &[KEY]).await;
    assert_eq!(s, 404);
    assert!(ws_status(srv.external).await.is_ok());
    assert!(ws_status(srv.internal).await.is_err());
    srv.stop().await;
}

#[tokio::test]
async fn api_external_moves_api_to_external_listener() {
    let srv = start_split(cfg_with(|c| {
        c["http_server"] = json!({"internal_port": "1"});
        c["http_api"]["external"] = json!(true);
    }))
    .await;
    // As in the reference: the API then leaves the internal listener.
    let (s, b) = api_raw(
        &format!("http://{}/api", srv.external),
        "info",
        "{}",
        &[KEY],
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let (s, _) = api_raw(
        &format!("http://{}/api", srv.internal),
        "info",
        "{}",
        &[KEY],
    )
    .await;
    assert_eq!(s, 404);
    assert!(ws_status(srv.external).await.is_ok());
    srv.stop().await;
}

#[tokio::test]
async fn legacy_endpoint_runs_newline_delimited_commands() {
    let s = TestServer::start(base_config()).await;
    let base = format!("http://{}", s.addr);
    let body = [
        json!({"method": "publish", "params": {"channel": "plain", "data": {"x": 1}}}).to_string(),
        json!({"method": "PRESENCE_STATS", "params": {"channel": "chat:a"}}).to_string(),
        json!({"method": 9, "params": {}}).to_string(),
        json!({"method": "nope", "params": {}}).to_string(),
        json!({"method": "publish", "params": {"channel": "nope:x", "data": {}}}).to_string(),
    ]
    .join("\n");
    let (status, text) = api_raw(&base, "api", &body, &[("X-API-Key", API_KEY)]).await;
    assert_eq!(status, 200, "{text}");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], json!({"result": {}}));
    assert_eq!(
        lines[1],
        json!({"result": {"num_clients": 0, "num_users": 0}})
    );
    assert!(lines[2]["result"]["nodes"].is_array());
    assert_eq!(
        lines[3],
        json!({"error": {"code": 104, "message": "not found"}})
    );
    assert_eq!(lines[4]["error"]["code"], 102);
    // Same auth as every API route; malformed lines are 400.
    let (status, _) = api_raw(&base, "api", &body, &[]).await;
    assert_eq!(status, 401);
    let (status, _) = api_raw(&base, "api", "{bad", &[("X-API-Key", API_KEY)]).await;
    assert_eq!(status, 400);
    // An empty body is a bad request; blank lines alone are an empty answer (as in Centrifugo).
    let (status, _) = api_raw(&base, "api", "", &[("X-API-Key", API_KEY)]).await;
    assert_eq!(status, 400);
    let (status, text) = api_raw(&base, "api", "\n \n", &[("X-API-Key", API_KEY)]).await;
    assert_eq!((status, text.as_str()), (200, ""));
    s.stop().await;
}
