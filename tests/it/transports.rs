//! The emulated bidirectional transports on the wire (HTTP-streaming, SSE, `/emulation`), the
//! connection init endpoint and CORS, driven by a raw HTTP client so every byte is checked; an
//! emulation request landing on another node of a cluster reaches the session's node.
//! (centrifuge-js drives the same transports in `it::sdk`.)

use super::common::*;
use super::engines::{servers::Redis, two_nodes};
use serde_json::{json, Value};
use std::time::Duration;

fn emulation_config() -> Value {
    let mut cfg = base_config();
    cfg["http_stream"] = json!({"enabled": true, "max_request_body_size": 1024});
    cfg["sse"] = json!({"enabled": true});
    cfg["emulation"] = json!({"max_request_body_size": 2048});
    cfg["init"] = json!({"enabled": true});
    cfg
}

fn connect_cmd(user: &str) -> String {
    json!({"id": 1, "connect": {"token": token(user)}}).to_string()
}

async fn open_http_stream(s: &TestServer, user: &str) -> (Messages, String, String) {
    let resp = reqwest::Client::new()
        .post(format!("http://{}/connection/http_stream", s.addr))
        .header("content-type", "application/json")
        .body(connect_cmd(user))
        .send()
        .await
        .expect("http_stream");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-accel-buffering"], "no");
    let mut st = Messages::new(resp, false);
    let reply = st.next().await.expect("connect reply");
    let session = reply["connect"]["session"]
        .as_str()
        .expect("session")
        .to_string();
    let node = reply["connect"]["node"].as_str().expect("node").to_string();
    assert_ne!(
        session, reply["connect"]["client"],
        "session must not be the client id"
    );
    (st, session, node)
}

async fn emulate(addr: &std::net::SocketAddr, body: String) -> u16 {
    reqwest::Client::new()
        .post(format!("http://{addr}/emulation"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("emulation")
        .status()
        .as_u16()
}

fn emulation_body(node: &str, session: &str, cmd: Value) -> String {
    json!({"node": node, "session": session, "data": cmd.to_string()}).to_string()
}

#[tokio::test]
async fn http_stream_session_through_emulation() {
    let s = TestServer::start(emulation_config()).await;
    let (mut st, session, node) = open_http_stream(&s, "alice").await;
    assert_eq!(node, s.node.id);
    let sub = json!({"id": 2, "subscribe": {"channel": "chat:e"}});
    assert_eq!(
        emulate(&s.addr, emulation_body(&node, &session, sub)).await,
        204
    );
    let reply = st.next().await.expect("subscribe reply");
    assert_eq!(reply["id"], 2, "{reply}");
    assert!(reply.get("subscribe").is_some(), "{reply}");
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:e", "data": {"n": 1}}),
    )
    .await;
    let push = st.next_but_joins().await.expect("publication");
    assert_eq!(push["push"]["channel"], "chat:e", "{push}");
    assert_eq!(push["push"]["pub"]["data"], json!({"n": 1}));
    // Two commands in one request; an RPC answered on the stream.
    let two = format!(
        "{}\n{}",
        json!({"id": 3, "rpc": {"method": "ping"}}),
        json!({"id": 4, "presence_stats": {"channel": "chat:e"}})
    );
    let body = json!({"node": node, "session": session, "data": two}).to_string();
    assert_eq!(emulate(&s.addr, body).await, 204);
    let a = st.next_but_joins().await.expect("rpc reply");
    let b = st.next().await.expect("presence_stats reply");
    assert_eq!((a["id"].clone(), b["id"].clone()), (json!(3), json!(4)));
    assert_eq!(b["presence_stats"]["num_clients"], 1, "{b}");

    // What /emulation refuses.
    assert_eq!(emulate(&s.addr, "{not json".into()).await, 400);
    let not_a_string = json!({"node": node, "session": session, "data": {"id": 5}}).to_string();
    assert_eq!(emulate(&s.addr, not_a_string).await, 400);
    let unknown = emulation_body("no-such-node", &session, json!({"id": 6}));
    assert_eq!(emulate(&s.addr, unknown).await, 404);
    assert_eq!(emulate(&s.addr, "x".repeat(4096)).await, 413);
    let gone = emulation_body(&node, "no-such-session", json!({"id": 7}));
    assert_eq!(emulate(&s.addr, gone).await, 204);
    let http = reqwest::Client::new();
    let r = http
        .get(format!("http://{}/emulation", s.addr))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 405);

    // A server-side disconnect: the disconnect push, then the end of the stream.
    api(&s.api_url(), "disconnect", json!({"user": "alice"})).await;
    let push = st.next().await.expect("disconnect push");
    assert_eq!(push["push"]["disconnect"]["code"], 3503, "{push}");
    assert!(push["push"]["disconnect"]["reason"].is_string(), "{push}");
    assert!(st.next().await.is_none(), "the stream must end");
    s.stop().await;
}

#[tokio::test]
async fn http_stream_refusals_and_cors() {
    let s = TestServer::start(emulation_config()).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/connection/http_stream", s.addr);
    let r = http.get(&url).send().await.expect("get");
    assert_eq!(r.status(), 405);
    let r = http
        .post(&url)
        .body("x".repeat(2000))
        .send()
        .await
        .expect("big");
    assert_eq!(r.status(), 413);
    let r = http
        .post(&url)
        .header("origin", "http://evil.example")
        .body(connect_cmd("u"))
        .send()
        .await
        .expect("evil");
    assert_eq!(r.status(), 403);
    // Preflight, and the CORS headers on an allowed origin's stream.
    let r = http
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "http://allowed.example")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .expect("options");
    assert_eq!(r.status(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-methods"], "POST, OPTIONS");
    assert_eq!(h["access-control-max-age"], "300");
    assert_eq!(h["access-control-allow-origin"], "http://allowed.example");
    assert_eq!(h["access-control-allow-headers"], "content-type");
    assert_eq!(h["access-control-allow-credentials"], "true");
    let r = http
        .post(&url)
        .header("origin", "http://allowed.example")
        .body(connect_cmd("u"))
        .send()
        .await
        .expect("allowed");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://allowed.example"
    );
    // A malformed first frame: bad request, delivered as the disconnect push.
    let r = http.post(&url).body("{nope").send().await.expect("bad");
    let mut st = Messages::new(r, false);
    let push = st.next().await.expect("disconnect push");
    assert_eq!(push["push"]["disconnect"]["code"], 3501, "{push}");
    assert!(st.next().await.is_none());
    s.stop().await;
}

#[tokio::test]
async fn sse_session_and_its_wire_format() {
    let s = TestServer::start(emulation_config()).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/connection/sse", s.addr);
    let r = http.get(&url).send().await.expect("no cf_connect");
    assert_eq!(r.status(), 400);
    let r = http.put(&url).send().await.expect("put");
    assert_eq!(r.status(), 405);
    let mut resp = http
        .get(&url)
        .query(&[("cf_connect", connect_cmd("bob"))])
        .send()
        .await
        .expect("sse");
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["content-type"],
        "text/event-stream; charset=utf-8"
    );
    // The stream opens with a bare line, then one `data:` event per message.
    let mut buf = Vec::new();
    while buf.len() < 2 {
        buf.extend_from_slice(&resp.chunk().await.expect("read").expect("bytes"));
    }
    assert_eq!(&buf[..2], b"\r\n");
    let mut st = Messages::with_read(resp, true, &buf[2..]);
    let reply = st.next().await.expect("connect reply");
    let session = reply["connect"]["session"]
        .as_str()
        .expect("session")
        .to_string();
    let node = reply["connect"]["node"].as_str().expect("node").to_string();
    let sub = json!({"id": 2, "subscribe": {"channel": "chat:s"}});
    assert_eq!(
        emulate(&s.addr, emulation_body(&node, &session, sub)).await,
        204
    );
    assert_eq!(st.next().await.expect("subscribe reply")["id"], 2);
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:s", "data": "text"}),
    )
    .await;
    let push = st.next_but_joins().await.expect("publication");
    assert_eq!(push["push"]["pub"]["data"], "text", "{push}");
    // POST with the connect command as the body works too.
    let r = http
        .post(&url)
        .body(connect_cmd("bob"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn a_client_that_goes_away_ends_its_session() {
    let s = TestServer::start(emulation_config()).await;
    let (st, _, _) = open_http_stream(&s, "carol").await;
    assert_eq!(s.node.local_connection_count(), 1);
    drop(st);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while s.node.local_connection_count() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the session outlived its client"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    s.stop().await;
}

#[tokio::test]
async fn connection_init_endpoint() {
    let s = TestServer::start(emulation_config()).await;
    let http = reqwest::Client::new();
    let url = format!("http://{}/connection/init", s.addr);
    let r = http
        .get(&url)
        .header("origin", "http://allowed.example")
        .send()
        .await
        .expect("init");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "http://allowed.example"
    );
    assert_eq!(r.text().await.expect("body"), "{}");
    let r = http.post(&url).send().await.expect("post");
    assert_eq!(r.status(), 405);
    let r = http
        .get(&url)
        .header("origin", "http://evil.example")
        .send()
        .await
        .expect("evil");
    assert_eq!(r.status(), 403);
    s.stop().await;
}

#[tokio::test]
async fn an_emulation_request_on_another_node_reaches_the_session() {
    let redis = Redis::start();
    let mut engine = json!({"engine": {"type": "redis", "redis": {"address": redis.url()}}});
    for (k, v) in emulation_config().as_object().into_iter().flatten() {
        if matches!(k.as_str(), "http_stream" | "sse" | "emulation") {
            engine[k] = v.clone();
        }
    }
    let (a, b) = two_nodes(&engine).await;
    let (mut st, session, node) = open_http_stream(&a, "dave").await;
    assert_eq!(node, a.node.id);
    let sub = json!({"id": 2, "subscribe": {"channel": "chat:x"}});
    // Sent to node b, which holds no such session: it forwards to node a.
    assert_eq!(
        emulate(&b.addr, emulation_body(&node, &session, sub)).await,
        204
    );
    let reply = st.next().await.expect("subscribe reply via node b");
    assert_eq!(reply["id"], 2, "{reply}");
    api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:x", "data": {"from": "b"}}),
    )
    .await;
    let push = st.next_but_joins().await.expect("publication");
    assert_eq!(push["push"]["pub"]["data"], json!({"from": "b"}));
    a.stop().await;
    b.stop().await;
}

#[tokio::test]
async fn sockjs_endpoints_on_the_wire() {
    let mut cfg = base_config();
    cfg["sockjs"] = json!({"enabled": true});
    let s = TestServer::start(cfg).await;
    let http = reqwest::Client::new();
    let base = format!("http://{}/connection/sockjs", s.addr);
    let r = http.get(&base).send().await.expect("greeting");
    assert_eq!(r.text().await.expect("body"), "Welcome to SockJS!\n");
    let info: Value = http
        .get(format!("{base}/info"))
        .send()
        .await
        .expect("info")
        .json()
        .await
        .expect("json");
    assert_eq!(info["websocket"], true, "{info}");
    assert_eq!(info["cookie_needed"], false);
    assert!(info["entropy"].is_u64());
    // xhr_send to a session that does not exist: 404.
    let r = http
        .post(format!("{base}/000/nosuch/xhr_send"))
        .body(r#"["{}"]"#)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 404);
    // Polling: the first request opens the session.
    let r = http
        .post(format!("{base}/000/sess1/xhr"))
        .send()
        .await
        .expect("poll");
    assert_eq!(r.text().await.expect("body"), "o\n");
    let r = http
        .post(format!("{base}/000/sess1/xhr_send"))
        .body("[not json")
        .send()
        .await
        .expect("broken");
    assert_eq!(r.status(), 500);
    assert_eq!(r.text().await.expect("body"), "Broken JSON encoding.");
    let connect = json!({"id": 1, "connect": {"token": token("sam")}}).to_string();
    let r = http
        .post(format!("{base}/000/sess1/xhr_send"))
        .body(json!([connect]).to_string())
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 204);
    let r = http
        .post(format!("{base}/000/sess1/xhr"))
        .send()
        .await
        .expect("poll");
    let body = r.text().await.expect("body");
    let frame: Vec<String> =
        serde_json::from_str(body.trim().strip_prefix('a').expect("a message frame"))
            .expect("a JSON array of strings");
    let reply: Value = serde_json::from_str(&frame[0]).expect("a reply");
    assert_eq!(reply["id"], 1, "{reply}");
    assert!(reply["connect"]["client"].is_string(), "{reply}");
    // Streaming: 2048 'h' and a newline first.
    let mut r = http
        .post(format!("{base}/000/sess2/xhr_streaming"))
        .send()
        .await
        .expect("streaming");
    let mut buf = Vec::new();
    while buf.len() < 2051 {
        buf.extend_from_slice(&r.chunk().await.expect("read").expect("bytes"));
    }
    assert!(buf[..2048].iter().all(|&b| b == b'h'));
    assert_eq!(&buf[2048..2051], b"\no\n");
    s.stop().await;
}

/// `http_server.tls`: the API and a WebSocket connection over TLS, the certificate checked by the
/// client against its CA.
#[tokio::test]
async fn tls_listener_serves_http_and_websocket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio_rustls::rustls;
    let (_dir, crt, key, ca) = super::engines::tls::server_files("http-tls");
    let mut cfg = base_config();
    cfg["http_server"] = json!({"tls": {"enabled": true, "cert_pem": crt, "key_pem": key}});
    let s = TestServer::start(cfg).await;
    let mut roots = rustls::RootCertStore::empty();
    for p in pem::parse_many(ca).expect("pem") {
        roots
            .add(rustls::pki_types::CertificateDer::from(p.into_contents()))
            .expect("root");
    }
    let client = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(client));
    let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
    let open = || async {
        let tcp = tokio::net::TcpStream::connect(s.addr).await.expect("tcp");
        connector
            .connect(name.clone(), tcp)
            .await
            .expect("handshake")
    };
    // The server API over TLS.
    let mut t = open().await;
    let body = r#"{"channel":"chat:t","data":{}}"#;
    let req = format!(
        "POST /api/publish HTTP/1.1\r\nHost: localhost\r\nX-API-Key: {API_KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    t.write_all(req.as_bytes()).await.expect("write");
    let mut resp = String::new();
    t.read_to_string(&mut resp).await.expect("read");
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"result\""), "{resp}");
    // A WebSocket client over TLS connects.
    let t = open().await;
    let url = format!("wss://localhost:{}/connection/websocket", s.addr.port());
    let (mut ws, _) = tokio_tungstenite::client_async(url, t)
        .await
        .expect("ws over tls");
    use futures_util::{SinkExt, StreamExt};
    let connect = json!({"id": 1, "connect": {"token": token("tess")}}).to_string();
    ws.send(tokio_tungstenite::tungstenite::Message::text(connect))
        .await
        .expect("send");
    let m = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .expect("reply in time")
        .expect("open")
        .expect("read");
    let r: Value = serde_json::from_str(m.to_text().expect("text")).expect("json");
    assert!(r["connect"]["client"].is_string(), "{r}");
    s.stop().await;
}

/// WebTransport (`webtransport.enabled` + `http_server.http3` + TLS) with a Rust client
/// (wtransport): no WebTransport client runs in Node here, so the HTTP/3 session is driven by
/// the same library the server uses, on one bidirectional stream of JSON lines.
#[tokio::test]
async fn webtransport_session_on_one_bidirectional_stream() {
    // WebTransport wants a PKCS#8 key; openssl's `req -nodes` writes one.
    let (_dir, crt, key, _) = super::engines::tls::server_files("webtransport");
    let mut cfg = base_config();
    cfg["http_server"] = json!({
        "tls": {"enabled": true, "cert_pem": crt, "key_pem": key},
        "http3": {"enabled": true}
    });
    cfg["webtransport"] = json!({"enabled": true});
    let s = TestServer::start(cfg).await;
    let client = wtransport::Endpoint::client(
        wtransport::ClientConfig::builder()
            .with_bind_default()
            .with_no_cert_validation()
            .build(),
    )
    .expect("client endpoint");
    let url = format!(
        "https://localhost:{}/connection/webtransport",
        s.addr.port()
    );
    // The QUIC endpoint starts beside the TCP listener: retry briefly.
    let mut conn = None;
    for _ in 0..50 {
        match client.connect(&url).await {
            Ok(c) => {
                conn = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let conn = conn.expect("webtransport session");
    let (mut send, mut recv) = conn
        .open_bi()
        .await
        .expect("open bi")
        .await
        .expect("bi stream");
    let mut buf = Vec::new();
    let mut next = async move || -> Option<Value> {
        loop {
            if let Some(i) = buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = buf.drain(..=i).collect();
                return Some(serde_json::from_slice(&line[..i]).expect("JSON line"));
            }
            let mut chunk = [0u8; 4096];
            let n = tokio::time::timeout(Duration::from_secs(5), recv.read(&mut chunk))
                .await
                .expect("data in time")
                .ok()??;
            buf.extend_from_slice(&chunk[..n]);
        }
    };
    let cmds = format!(
        "{}\n{}\n",
        json!({"id": 1, "connect": {"token": token("wes")}}),
        json!({"id": 2, "subscribe": {"channel": "pub:w"}})
    );
    send.write_all(cmds.as_bytes()).await.expect("write");
    let connect = next().await.expect("connect reply");
    assert!(connect["connect"]["client"].is_string(), "{connect}");
    let sub = next().await.expect("subscribe reply");
    assert_eq!(sub["id"], 2, "{sub}");
    // The listener speaks TLS only, so the publication comes from the client itself.
    let publish = json!({"id": 3, "publish": {"channel": "pub:w", "data": {"over": "quic"}}});
    send.write_all(format!("{publish}\n").as_bytes())
        .await
        .expect("write");
    let (mut got_pub, mut got_reply) = (false, false);
    while !(got_pub && got_reply) {
        let m = next().await.expect("publication and reply");
        if m["id"] == 3 {
            got_reply = true;
        } else {
            assert_eq!(m["push"]["pub"]["data"], json!({"over": "quic"}), "{m}");
            got_pub = true;
        }
    }
    // A malformed command: the disconnect push (bad request), then the end of the stream.
    send.write_all(b"{nope\n").await.expect("write");
    let d = next().await.expect("disconnect push");
    assert_eq!(d["push"]["disconnect"]["code"], 3501, "{d}");
    assert!(next().await.is_none(), "the stream ends");
    s.stop().await;
}

/// `client.connection_limit`: every connection endpoint answers 503 once the node is full.
#[tokio::test]
async fn full_node_refuses_every_transport_with_503() {
    let mut cfg = emulation_config();
    cfg["client"]["connection_limit"] = json!(1);
    cfg["uni_http_stream"] = json!({"enabled": true});
    cfg["uni_sse"] = json!({"enabled": true});
    cfg["sockjs"] = json!({"enabled": true});
    let s = TestServer::start(cfg).await;
    let (_held, _, _) = open_http_stream(&s, "first").await;
    let http = reqwest::Client::new();
    let base = format!("http://{}", s.addr);
    let connect = connect_cmd("second");
    let refused = [
        http.post(format!("{base}/connection/http_stream"))
            .body(connect.clone()),
        http.get(format!("{base}/connection/sse"))
            .query(&[("cf_connect", connect.as_str())]),
        http.post(format!("{base}/connection/uni_http_stream"))
            .body("{}"),
        http.get(format!("{base}/connection/uni_sse")),
        http.post(format!("{base}/connection/sockjs/000/abc/xhr")),
        http.get(format!("{base}/connection/init")),
    ];
    for r in refused {
        let r = r.send().await.expect("request");
        assert_eq!(r.status(), 503, "{}", r.url());
    }
    let ws =
        tokio_tungstenite::connect_async(format!("ws://{}/connection/websocket", s.addr)).await;
    assert!(ws.is_err(), "websocket must be refused too");
    s.stop().await;
}
