//! Bad input against the real server process: mutated client commands (JSON and Protobuf), garbage
//! WebSocket frames and mutated server API bodies, from a seeded generator so a failure reproduces.
//! Whatever arrives, the server answers with a reply or a documented close code, never hangs, never
//! panics, and keeps serving well-behaved clients.

use super::*;
use crate::it::common::{token, API_KEY, SECRET};
use centrifugo::wire::{pb, protobuf};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// xorshift64*: deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Valid client commands touching every command type (ids 1..=10; `send` has none).
fn json_corpus() -> Vec<Value> {
    let t = token("fuzzer");
    vec![
        json!({"id": 1, "connect": {"token": t, "data": {"a": 1}, "name": "fuzz", "version": "1",
            "subs": {"chat:x": {"recover": true, "offset": 1, "epoch": "e"}}}}),
        json!({"id": 2, "subscribe": {"channel": "chat:a", "recover": true, "offset": 5, "epoch": "x",
            "data": {"k": 1}, "positioned": true, "recoverable": true, "join_leave": true}}),
        json!({"id": 3, "publish": {"channel": "chat:a", "data": {"text": "hi"}}}),
        json!({"id": 4, "presence": {"channel": "chat:a"}}),
        json!({"id": 5, "presence_stats": {"channel": "chat:a"}}),
        json!({"id": 6, "history": {"channel": "chat:a", "limit": 10, "reverse": true,
            "since": {"offset": 1, "epoch": "x"}}}),
        json!({"id": 7, "rpc": {"method": "ping", "data": {}}}),
        json!({"id": 8, "refresh": {"token": token("fuzzer")}}),
        json!({"id": 9, "sub_refresh": {"channel": "chat:a", "token": "x.y.z"}}),
        json!({"id": 10, "unsubscribe": {"channel": "chat:a"}}),
        json!({"send": {"data": {"x": 1}}}),
    ]
}

/// A value of a random shape, including the awkward ones.
fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(u64::MAX),
        4 => json!(1e308),
        5 => json!(-0.5),
        6 => json!("x".repeat(rng.below(5000))),
        7 => json!([]),
        8 => json!({}),
        9 => json!("\u{0000}\u{ffff}é"),
        10 => {
            let mut v = json!(1);
            for _ in 0..rng.below(300) {
                v = json!([v]);
            }
            v
        }
        _ => json!({"channel": "chat:a", "data": {"nested": [1, 2, {"k": null}]}}),
    }
}

/// Replaces, removes or adds one value somewhere inside `v`.
fn mutate_json(rng: &mut Rng, v: &mut Value) {
    match v {
        Value::Object(map) if !map.is_empty() && rng.below(4) != 0 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, odd_value(rng));
                }
                2 => {
                    map.insert(format!("{key}_x"), odd_value(rng));
                }
                _ => {
                    if let Some(inner) = map.get_mut(&key) {
                        mutate_json(rng, inner);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            mutate_json(rng, &mut items[i]);
        }
        other => *other = odd_value(rng),
    }
}

/// Flips, cuts, inserts or duplicates bytes.
fn mutate_bytes(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.push(rng.next() as u8);
        return;
    }
    match rng.below(5) {
        0 => {
            for _ in 0..=rng.below(3) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 => bytes.truncate(rng.below(bytes.len())),
        2 => {
            let i = rng.below(bytes.len());
            let junk: Vec<u8> = (0..=rng.below(16)).map(|_| rng.next() as u8).collect();
            bytes.splice(i..i, junk);
        }
        3 => {
            let i = rng.below(bytes.len());
            let tail = bytes[i..].to_vec();
            bytes.extend_from_slice(&tail);
        }
        _ => {
            let i = rng.below(bytes.len());
            bytes[i] = rng.next() as u8;
        }
    }
}

/// Close codes the server may use: normal closure, protocol errors and its 3xxx disconnects.
fn documented_close(code: u16) -> bool {
    matches!(code, 1000..=1011 | 3000..=3999)
}

const MARKER: u32 = 4242;

/// What happened to one probing connection.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// The marker command after the garbage was answered.
    Answered,
    Closed(u16),
}

/// Reads until the reply to the marker command or a close; panics if the server stays silent.
async fn outcome(ws: &mut crate::it::common::Ws, protobuf_format: bool) -> Outcome {
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("the server neither answered nor closed within 5 s");
        match msg {
            Some(Ok(Message::Text(t))) if !protobuf_format => {
                for line in t.split('\n') {
                    let v: Value = serde_json::from_str(line).expect("server sent invalid JSON");
                    if v["id"] == json!(MARKER) {
                        return Outcome::Answered;
                    }
                }
            }
            Some(Ok(Message::Binary(b))) if protobuf_format => {
                let replies = protobuf::decode_replies(&b).expect("server sent invalid Protobuf");
                if replies.iter().any(|r| r.id == MARKER) {
                    return Outcome::Answered;
                }
            }
            Some(Ok(Message::Close(frame))) => {
                return Outcome::Closed(frame.map(|f| u16::from(f.code)).unwrap_or(1005))
            }
            Some(Ok(Message::Text(_) | Message::Binary(_))) => {
                panic!("the server answered in the wrong format")
            }
            Some(Ok(_)) => {}
            // Reset after our garbage: the server dropped the connection without a close frame.
            Some(Err(_)) | None => return Outcome::Closed(1006),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_codes_never_panics_or_hangs() {
    let dir = TempDir::new("robustness");
    let cfg = json!({
        "client": {"token": {"hmac_secret_key": SECRET}},
        "http_api": {"key": API_KEY},
        "log": {"level": "info"},
        "websocket": {"message_size_limit": 65536},
        "channel": {
            "without_namespace": {"allow_subscribe_for_client": true},
            "namespaces": [{"name": "chat", "presence": true, "join_leave": true,
                "history_size": 10, "history_ttl": "60s", "force_recovery": true,
                "allow_subscribe_for_client": true, "allow_publish_for_subscriber": true,
                "allow_history_for_subscriber": true, "allow_presence_for_subscriber": true}]
        }
    });
    let path = dir.write("config.json", &cfg.to_string());
    let mut cmd = centrifugo(&dir);
    cmd.args([
        "serve",
        "-c",
        &path.to_string_lossy(),
        "-a",
        "127.0.0.1",
        "-p",
        "0",
    ]);
    let mut server = Server::start(cmd);
    let addr = server.websocket_address();
    let url = format!("ws://{addr}/connection/websocket");
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let mut outcomes: Vec<(String, Outcome)> = Vec::new();

    // JSON: a valid connect most of the time, then 1-4 commands of which most are mutated, batched
    // into one frame or sent one per frame, then the marker.
    let corpus = json_corpus();
    let marker = json!({"id": MARKER, "presence_stats": {"channel": "chat:a"}}).to_string();
    for _ in 0..250 {
        let (mut ws, _) = tokio_tungstenite::connect_async(&url).await.expect("ws");
        let mut lines = Vec::new();
        if rng.below(10) < 7 {
            lines.push(corpus[0].to_string());
        }
        for _ in 0..=rng.below(4) {
            let mut cmd = rng.pick(&corpus).clone();
            let text = match rng.below(3) {
                0 => cmd.to_string(),
                1 => {
                    mutate_json(&mut rng, &mut cmd);
                    cmd.to_string()
                }
                _ => {
                    let mut b = cmd.to_string().into_bytes();
                    mutate_bytes(&mut rng, &mut b);
                    String::from_utf8_lossy(&b).into_owned()
                }
            };
            lines.push(text);
        }
        lines.push(marker.clone());
        let frames = if rng.below(2) == 0 {
            vec![lines.join("\n")]
        } else {
            lines.clone()
        };
        for f in frames {
            if ws.send(Message::text(f)).await.is_err() {
                break;
            }
        }
        let o = outcome(&mut ws, false).await;
        outcomes.push((lines.join("\n"), o));
    }

    // Protobuf: varint-delimited commands, mutated as bytes.
    let pb_url = format!("{url}?format=protobuf");
    let pb_cmd = |id: u32, f: &dyn Fn(&mut pb::Command)| {
        let mut c = pb::Command {
            id,
            ..Default::default()
        };
        f(&mut c);
        let mut out = Vec::new();
        protobuf::encode_command(&c, &mut out);
        out
    };
    let pb_connect = pb_cmd(1, &|c| {
        c.connect = Some(pb::ConnectRequest {
            token: token("fuzzer"),
            ..Default::default()
        })
    });
    let pb_corpus = [
        pb_cmd(2, &|c| {
            c.subscribe = Some(pb::SubscribeRequest {
                channel: "chat:a".into(),
                recover: true,
                offset: 3,
                epoch: "e".into(),
                ..Default::default()
            })
        }),
        pb_cmd(3, &|c| {
            c.publish = Some(pb::PublishRequest {
                channel: "chat:a".into(),
                data: b"{\"a\":1}".to_vec().into(),
                ..Default::default()
            })
        }),
        pb_cmd(6, &|c| {
            c.history = Some(pb::HistoryRequest {
                channel: "chat:a".into(),
                limit: 5,
                ..Default::default()
            })
        }),
        pb_cmd(7, &|c| {
            c.rpc = Some(pb::RpcRequest {
                method: "ping".into(),
                ..Default::default()
            })
        }),
    ];
    let pb_marker = pb_cmd(MARKER, &|c| {
        c.presence_stats = Some(pb::PresenceStatsRequest {
            channel: "chat:a".into(),
        })
    });
    for _ in 0..150 {
        let (mut ws, _) = tokio_tungstenite::connect_async(&pb_url).await.expect("ws");
        let mut frame = Vec::new();
        if rng.below(10) < 7 {
            frame.extend_from_slice(&pb_connect);
        }
        for _ in 0..=rng.below(3) {
            let mut c = rng.pick(&pb_corpus).clone();
            if rng.below(3) != 0 {
                mutate_bytes(&mut rng, &mut c);
            }
            frame.extend_from_slice(&c);
        }
        frame.extend_from_slice(&pb_marker);
        let sent = format!("{frame:?}");
        if ws.send(Message::binary(frame)).await.is_ok() {
            let o = outcome(&mut ws, true).await;
            outcomes.push((sent, o));
        }
    }

    // WebSocket level: raw frames with bad opcodes, reserved bits, unmasked payloads, oversized
    // control frames, lying lengths.
    for _ in 0..60 {
        let mut tcp = tokio::net::TcpStream::connect(&addr).await.expect("tcp");
        let req = format!(
            "GET /connection/websocket HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        );
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        tcp.write_all(req.as_bytes())
            .await
            .expect("upgrade request");
        let mut frame: Vec<u8> = vec![0x81, 0x80 | 5, 1, 2, 3, 4];
        frame.extend(
            b"{\"id\""
                .iter()
                .enumerate()
                .map(|(i, b)| b ^ [1, 2, 3, 4][i % 4]),
        );
        mutate_bytes(&mut rng, &mut frame);
        let _ = tcp.write_all(&frame).await;
        // The server must end the connection (or wait for more bytes): read until EOF or quiet.
        let mut buf = vec![0u8; 4096];
        let deadline = tokio::time::Instant::now() + Duration::from_millis(300);
        while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            if n == 0 {
                break;
            }
        }
    }

    // Server API: mutated bodies for every method, and bytes that are not JSON at all.
    let api = format!("http://{addr}/api");
    let http = reqwest::Client::new();
    let api_corpus = [
        (
            "publish",
            json!({"channel": "chat:a", "data": {"x": 1}, "tags": {"k": "v"}}),
        ),
        (
            "broadcast",
            json!({"channels": ["chat:a", "b"], "data": {"x": 1}}),
        ),
        (
            "subscribe",
            json!({"user": "u", "channel": "chat:b", "expire_at": 1}),
        ),
        ("unsubscribe", json!({"user": "u", "channel": "chat:b"})),
        (
            "disconnect",
            json!({"user": "u", "disconnect": {"code": 4000, "reason": "r"}}),
        ),
        ("refresh", json!({"user": "u", "expired": true})),
        ("presence", json!({"channel": "chat:a"})),
        ("presence_stats", json!({"channel": "chat:a"})),
        (
            "history",
            json!({"channel": "chat:a", "limit": 2, "since": {"offset": 0, "epoch": ""}}),
        ),
        ("history_remove", json!({"channel": "chat:a"})),
        ("channels", json!({"pattern": "chat:*"})),
        ("info", json!({})),
        (
            "batch",
            json!({"commands": [{"publish": {"channel": "a", "data": {}}}], "parallel": true}),
        ),
    ];
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..300 {
        let (method, body) = rng.pick(&api_corpus);
        let mut body = body.clone();
        let bytes = if rng.below(3) == 0 {
            let mut b = body.to_string().into_bytes();
            mutate_bytes(&mut rng, &mut b);
            b
        } else {
            mutate_json(&mut rng, &mut body);
            body.to_string().into_bytes()
        };
        let resp = http
            .post(format!("{api}/{method}"))
            .header("X-API-Key", API_KEY)
            .body(bytes.clone())
            .send()
            .await
            .expect("the API answers");
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        assert!(
            matches!(status, 200 | 400),
            "{method} {:?} -> {status} {text}",
            String::from_utf8_lossy(&bytes)
        );
        if status == 200 {
            let v: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{method}: 200 with a non-JSON body ({e}): {text}"));
            assert!(v.is_object(), "{method}: {text}");
        }
        *statuses.entry(status).or_insert(0u32) += 1;
    }

    // Every probe got an answer or a documented close code, and both happened.
    for (input, o) in &outcomes {
        if let Outcome::Closed(code) = o {
            assert!(documented_close(*code), "close {code} after {input}");
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for (_, o) in &outcomes {
        *seen.entry(format!("{o:?}")).or_insert(0u32) += 1;
    }
    let answered = outcomes
        .iter()
        .filter(|(_, o)| *o == Outcome::Answered)
        .count();
    assert!(
        answered > 20 && answered + 20 < outcomes.len(),
        "outcomes {seen:?}"
    );
    assert!(statuses.len() == 2, "API statuses {statuses:?}");

    // The server still serves a well-behaved client end to end.
    let (mut c, _) = Client::connect(&url, "after").await;
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:z"}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    let published = http
        .post(format!("{api}/publish"))
        .header("X-API-Key", API_KEY)
        .json(&json!({"channel": "chat:z", "data": {"ok": true}}))
        .send()
        .await
        .expect("publish");
    assert_eq!(published.status().as_u16(), 200);
    let p = c.publication().await;
    assert_eq!(p["pub"]["data"], json!({"ok": true}));

    let output = server.output();
    assert!(
        !output.iter().any(|l| l.contains("panicked")),
        "the server panicked:\n{}",
        output.join("\n")
    );
    assert!(
        server.child.try_wait().expect("try_wait").is_none(),
        "the server exited"
    );
}
