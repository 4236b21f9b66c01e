//! The GRPC server API (`grpc_api`) with a tonic client over the generated messages
//! (`centrifugo::server_api::pb`): every method the OSS server runs, WebSocket clients seeing
//! the effects, the API key, both error modes, Unimplemented methods, the receive size limit,
//! TLS, and the Python grpcio client (tests/sdk/python/grpc_api_test.py).

use super::common::*;
use bytes::Bytes;
use centrifugo::server_api::pb;
use prost::Message;
use serde_json::json;
use std::net::SocketAddr;
use tonic::transport::Channel;
use tonic::{Code, Status};

const KEY: &str = "grpc-test-key";

/// A GRPC API client: a channel and the metadata sent with every call.
struct Api {
    channel: Channel,
    metadata: Vec<(&'static str, String)>,
}

impl Api {
    async fn connect(addr: SocketAddr) -> Api {
        Api::connect_with(addr, None).await
    }

    /// With `ca` (PEM): over TLS to "localhost".
    async fn connect_with(addr: SocketAddr, ca: Option<Vec<u8>>) -> Api {
        let scheme = if ca.is_some() { "https" } else { "http" };
        let mut endpoint = tonic::transport::Endpoint::from_shared(format!(
            "{scheme}://localhost:{}",
            addr.port()
        ))
        .expect("endpoint");
        if let Some(ca) = ca {
            endpoint = endpoint
                .tls_config(
                    tonic::transport::ClientTlsConfig::new()
                        .ca_certificate(tonic::transport::Certificate::from_pem(ca))
                        .domain_name("localhost"),
                )
                .expect("tls config");
        }
        let channel = endpoint.connect().await.expect("connect");
        Api {
            channel,
            metadata: vec![("authorization", format!("apikey {KEY}"))],
        }
    }

    fn with(mut self, key: &'static str, value: &str) -> Api {
        self.metadata.retain(|(k, _)| *k != key);
        self.metadata.push((key, value.to_string()));
        self
    }

    fn without(mut self, key: &str) -> Api {
        self.metadata.retain(|(k, _)| *k != key);
        self
    }

    async fn call<Req, Resp>(&self, method: &str, req: Req) -> Result<Resp, Status>
    where
        Req: Message + Send + 'static,
        Resp: Message + Default + Send + 'static,
    {
        let metadata: Vec<(String, String)> = self
            .metadata
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        centrifugo::server_api::call(self.channel.clone(), &metadata, method, req).await
    }

    async fn ok<Req, Resp>(&self, method: &str, req: Req) -> Resp
    where
        Req: Message + Send + 'static,
        Resp: Message + Default + Send + 'static,
    {
        self.call(method, req)
            .await
            .unwrap_or_else(|s| panic!("{method}: {s:?}"))
    }

    async fn publish(&self, channel: &str, data: &'static [u8]) -> pb::PublishResponse {
        self.ok(
            "Publish",
            pb::PublishRequest {
                channel: channel.into(),
                data: Bytes::from_static(data),
                ..Default::default()
            },
        )
        .await
    }

    async fn history(&self, channel: &str) -> pb::HistoryResult {
        let r: pb::HistoryResponse = self
            .ok(
                "History",
                pb::HistoryRequest {
                    channel: channel.into(),
                    limit: -1,
                    ..Default::default()
                },
            )
            .await;
        assert!(r.error.is_none(), "history {channel}: {:?}", r.error);
        r.result.expect("history result")
    }
}

fn config() -> serde_json::Value {
    let mut cfg = base_config();
    cfg["grpc_api"] = json!({"enabled": true, "key": KEY});
    cfg
}

async fn start() -> (TestServer, Api) {
    let (s, addr) = TestServer::start_with_grpc_api(config()).await;
    (s, Api::connect(addr).await)
}

async fn subscribe(c: &mut Client, id: u32, channel: &str) {
    let r = c
        .call(json!({"id": id, "subscribe": {"channel": channel}}))
        .await;
    assert!(r.get("subscribe").is_some(), "subscribe {channel}: {r}");
}

fn code<T>(r: Result<T, Status>) -> Code {
    match r {
        Ok(_) => Code::Ok,
        Err(s) => s.code(),
    }
}

#[tokio::test]
async fn grpc_api_publish_reaches_subscribers_and_history() {
    let (s, api) = start().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "alice").await;
    subscribe(&mut c, 2, "chat:room").await;
    let r = api.publish("chat:room", br#"{"text":"hi"}"#).await;
    assert!(r.error.is_none(), "{:?}", r.error);
    let res = r.result.expect("result");
    assert_eq!(res.offset, 1);
    assert!(!res.epoch.is_empty());
    let p = c.publication().await;
    assert_eq!(p["channel"], "chat:room");
    assert_eq!(p["pub"]["data"], json!({"text": "hi"}));
    let h = api.history("chat:room").await;
    assert_eq!(h.publications.len(), 1);
    assert_eq!(&h.publications[0].data[..], br#"{"text":"hi"}"#);
    assert_eq!((h.offset, h.epoch.clone()), (1, res.epoch.clone()));

    // Binary payloads go through as they are.
    let bin: &'static [u8] = &[0, 1, 0xfe, 0xff];
    let r = api.publish("chat:bin", bin).await;
    assert!(r.error.is_none(), "{:?}", r.error);
    let h = api.history("chat:bin").await;
    assert_eq!(&h.publications[0].data[..], bin);

    // b64data, tags.
    let r: pb::PublishResponse = api
        .ok(
            "Publish",
            pb::PublishRequest {
                channel: "chat:room".into(),
                b64data: "eyJuIjoyfQ==".into(),
                tags: [("k".to_string(), "v".to_string())].into(),
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none(), "{:?}", r.error);
    let p = c.publication().await;
    assert_eq!(p["pub"]["data"], json!({"n": 2}));
    assert_eq!(p["pub"]["tags"], json!({"k": "v"}));

    // Errors in the response: unknown namespace, empty channel, no history.
    assert_eq!(
        api.publish("nope:x", b"{}").await.error.map(|e| e.code),
        Some(102)
    );
    assert_eq!(
        api.publish("", b"{}").await.error.map(|e| e.code),
        Some(107)
    );
    let r: pb::HistoryResponse = api
        .ok(
            "History",
            pb::HistoryRequest {
                channel: "closed:x".into(),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(r.error.map(|e| e.code), Some(108));

    // history_remove keeps the position.
    let r: pb::HistoryRemoveResponse = api
        .ok(
            "HistoryRemove",
            pb::HistoryRemoveRequest {
                channel: "chat:room".into(),
            },
        )
        .await;
    assert!(r.error.is_none() && r.result.is_some(), "{r:?}");
    let h = api.history("chat:room").await;
    assert!(h.publications.is_empty());
    assert_eq!(h.offset, 2);
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_presence_info_channels_broadcast() {
    let (s, api) = start().await;
    let (mut c, connect) = Client::connect(&s.ws_url(), "alice").await;
    subscribe(&mut c, 2, "chat:room").await;
    let client = connect["client"].as_str().expect("client id").to_string();

    let r: pb::PresenceResponse = api
        .ok(
            "Presence",
            pb::PresenceRequest {
                channel: "chat:room".into(),
            },
        )
        .await;
    let presence = r.result.expect("presence").presence;
    assert_eq!(presence.len(), 1);
    assert_eq!(presence[&client].user, "alice");
    assert_eq!(presence[&client].client, client);

    let r: pb::PresenceStatsResponse = api
        .ok(
            "PresenceStats",
            pb::PresenceStatsRequest {
                channel: "chat:room".into(),
            },
        )
        .await;
    let st = r.result.expect("stats");
    assert_eq!((st.num_clients, st.num_users), (1, 1));
    let r: pb::PresenceResponse = api
        .ok(
            "Presence",
            pb::PresenceRequest {
                channel: "closed:x".into(),
            },
        )
        .await;
    assert_eq!(r.error.map(|e| e.code), Some(108));

    let r: pb::InfoResponse = api.ok("Info", pb::InfoRequest {}).await;
    let nodes = r.result.expect("info").nodes;
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0].uid, s.node.id);
    assert_eq!(nodes[0].num_clients, 1);
    assert!(nodes[0].version.ends_with("OSS"), "{}", nodes[0].version);
    let m = nodes[0].metrics.as_ref().expect("metrics");
    assert_eq!(m.items.get("centrifugo.node.num_clients"), Some(&1.0));

    let r: pb::ChannelsResponse = api
        .ok(
            "Channels",
            pb::ChannelsRequest {
                pattern: "chat:*".into(),
            },
        )
        .await;
    let ch = r.result.expect("channels").channels;
    assert_eq!(ch.len(), 1);
    assert_eq!(ch["chat:room"].num_clients, 1);

    let r: pb::BroadcastResponse = api
        .ok(
            "Broadcast",
            pb::BroadcastRequest {
                channels: vec!["chat:room".into(), "nope:x".into()],
                data: Bytes::from_static(b"{\"b\":1}"),
                ..Default::default()
            },
        )
        .await;
    let rs = r.result.expect("broadcast").responses;
    assert_eq!(rs.len(), 2);
    assert!(
        rs[0].error.is_none() && rs[0].result.is_some(),
        "{:?}",
        rs[0]
    );
    assert_eq!(rs[1].error.as_ref().map(|e| e.code), Some(102));
    assert_eq!(c.publication().await["pub"]["data"], json!({"b": 1}));
    let r: pb::BroadcastResponse = api.ok("Broadcast", pb::BroadcastRequest::default()).await;
    assert_eq!(r.error.map(|e| e.code), Some(107));

    // OSS has no server-side RPC methods.
    let r: pb::RpcResponse = api
        .ok(
            "RPC",
            pb::RpcRequest {
                method: "anything".into(),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(r.error.map(|e| e.code), Some(104));
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_subscribe_unsubscribe_refresh_disconnect() {
    let (s, api) = start().await;
    let (mut c, _) = Client::connect(&s.ws_url(), "alice").await;
    let r: pb::SubscribeResponse = api
        .ok(
            "Subscribe",
            pb::SubscribeRequest {
                user: "alice".into(),
                channel: "chat:server".into(),
                data: Bytes::from_static(b"{\"welcome\":true}"),
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none() && r.result.is_some(), "{r:?}");
    let p = c.push().await;
    assert_eq!(p["channel"], "chat:server");
    assert!(p.get("subscribe").is_some(), "{p}");
    assert_eq!(p["subscribe"]["data"], json!({"welcome": true}));

    let r: pb::UnsubscribeResponse = api
        .ok(
            "Unsubscribe",
            pb::UnsubscribeRequest {
                user: "alice".into(),
                channel: "chat:server".into(),
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none(), "{r:?}");
    // The namespace pushes joins (force_push_join_leave), our own included: skip it.
    let mut p = c.push().await;
    while p.get("join").is_some() {
        p = c.push().await;
    }
    assert_eq!(p["channel"], "chat:server");
    assert_eq!(p["unsubscribe"]["code"], 2000, "{p}");

    let r: pb::RefreshResponse = api
        .ok(
            "Refresh",
            pb::RefreshRequest {
                user: "alice".into(),
                expire_at: now() + 3600,
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none() && r.result.is_some(), "{r:?}");

    let r: pb::DisconnectResponse = api
        .ok(
            "Disconnect",
            pb::DisconnectRequest {
                user: "alice".into(),
                disconnect: Some(pb::Disconnect {
                    code: 4501,
                    reason: "bye".into(),
                }),
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none(), "{r:?}");
    assert_eq!(c.closed().await, (4501, "bye".to_string()));

    let (mut c, _) = Client::connect(&s.ws_url(), "bob").await;
    let r: pb::RefreshResponse = api
        .ok(
            "Refresh",
            pb::RefreshRequest {
                user: "bob".into(),
                expired: true,
                ..Default::default()
            },
        )
        .await;
    assert!(r.error.is_none(), "{r:?}");
    assert_eq!(c.closed().await, (3005, "connection expired".to_string()));
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_batch_runs_commands_in_order_with_own_errors() {
    let (s, api) = start().await;
    for parallel in [false, true] {
        let req = pb::BatchRequest {
            commands: vec![
                pb::Command {
                    publish: Some(pb::PublishRequest {
                        channel: "chat:batch".into(),
                        data: Bytes::from_static(b"{}"),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                pb::Command {
                    publish: Some(pb::PublishRequest {
                        channel: "nope:x".into(),
                        data: Bytes::from_static(b"{}"),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                // No method set; a map command (not served here).
                pb::Command::default(),
                pb::Command {
                    map_clear: Some(pb::MapClearRequest::default()),
                    ..Default::default()
                },
                pb::Command {
                    info: Some(pb::InfoRequest {}),
                    ..Default::default()
                },
            ],
            parallel,
        };
        // Transport mode does not apply to batch.
        let api2 = Api {
            channel: api.channel.clone(),
            metadata: api.metadata.clone(),
        }
        .with("x-centrifugo-error-mode", "transport");
        let r: pb::BatchResponse = api2.ok("Batch", req).await;
        assert_eq!(r.replies.len(), 5);
        assert!(r.replies[0].publish.is_some(), "{:?}", r.replies[0]);
        assert_eq!(r.replies[1].error.as_ref().map(|e| e.code), Some(102));
        assert_eq!(r.replies[2].error.as_ref().map(|e| e.code), Some(104));
        assert_eq!(r.replies[3].error.as_ref().map(|e| e.code), Some(104));
        assert_eq!(r.replies[4].info.as_ref().map(|i| i.nodes.len()), Some(1));
    }
    assert_eq!(api.history("chat:batch").await.offset, 2);
    let r: pb::BatchResponse = api.ok("Batch", pb::BatchRequest::default()).await;
    assert!(r.replies.is_empty());
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_key_is_required_when_configured() {
    let (s, addr) = TestServer::start_with_grpc_api(config()).await;
    let publish = || pb::PublishRequest {
        channel: "chat:k".into(),
        data: Bytes::from_static(b"{}"),
        ..Default::default()
    };
    let none = Api::connect(addr).await.without("authorization");
    let r = none
        .call::<_, pb::PublishResponse>("Publish", publish())
        .await;
    let st = r.expect_err("no key");
    assert_eq!(st.code(), Code::Unauthenticated);
    assert_eq!(st.message(), "unauthenticated");
    for wrong in [
        "apikey nope",
        KEY,
        "Apikey grpc-test-key",
        "apikey grpc-test-key ",
    ] {
        let api = Api::connect(addr).await.with("authorization", wrong);
        let r = api
            .call::<_, pb::PublishResponse>("Publish", publish())
            .await;
        assert_eq!(code(r), Code::Unauthenticated, "{wrong:?}");
    }
    let ok = Api::connect(addr).await;
    let r: pb::PublishResponse = ok.ok("Publish", publish()).await;
    assert!(r.error.is_none(), "{r:?}");
    s.stop().await;

    // No key configured: no auth.
    let mut cfg = base_config();
    cfg["grpc_api"] = json!({"enabled": true});
    let (s, addr) = TestServer::start_with_grpc_api(cfg).await;
    let api = Api::connect(addr).await.without("authorization");
    let r: pb::PublishResponse = api.ok("Publish", publish()).await;
    assert!(r.error.is_none(), "{r:?}");
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_transport_error_mode_turns_errors_into_statuses() {
    let (s, api) = start().await;
    let api = api.with("x-centrifugo-error-mode", "transport");
    let cases: [(&str, Code); 3] = [
        ("nope:x", Code::NotFound),
        ("", Code::InvalidArgument),
        ("chat:ok", Code::Ok),
    ];
    for (channel, want) in cases {
        let r = api
            .call::<_, pb::PublishResponse>(
                "Publish",
                pb::PublishRequest {
                    channel: channel.into(),
                    data: Bytes::from_static(b"{}"),
                    ..Default::default()
                },
            )
            .await;
        if let Err(st) = &r {
            // The API error rides along in the status details.
            assert!(!st.details().is_empty());
        }
        assert_eq!(code(r), want, "{channel:?}");
    }
    let r = api
        .call::<_, pb::HistoryResponse>(
            "History",
            pb::HistoryRequest {
                channel: "chat:ok".into(),
                since: Some(pb::StreamPosition {
                    offset: 100,
                    epoch: "wrong".into(),
                }),
                limit: 10,
                ..Default::default()
            },
        )
        .await;
    assert_eq!(code(r), Code::OutOfRange);
    let r = api
        .call::<_, pb::RpcResponse>("RPC", pb::RpcRequest::default())
        .await;
    assert_eq!(code(r), Code::InvalidArgument);
    let r = api
        .call::<_, pb::PresenceResponse>(
            "Presence",
            pb::PresenceRequest {
                channel: "closed:x".into(),
            },
        )
        .await;
    let st = r.expect_err("transport error");
    assert_eq!(
        (st.code(), st.message()),
        (Code::InvalidArgument, "not available")
    );
    s.stop().await;

    // Globally, from config.
    let mut cfg = config();
    cfg["grpc_api"]["error_mode"] = json!("transport");
    let (s, addr) = TestServer::start_with_grpc_api(cfg).await;
    let api = Api::connect(addr).await;
    let r = api
        .call::<_, pb::PublishResponse>(
            "Publish",
            pb::PublishRequest {
                channel: "nope:x".into(),
                data: Bytes::from_static(b"{}"),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(code(r), Code::NotFound);
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_unserved_methods_are_unimplemented() {
    let (s, api) = start().await;
    // Declared in api.proto, not served here.
    let r = api
        .call::<_, pb::MapClearResponse>(
            "MapClear",
            pb::MapClearRequest {
                channel: "m".into(),
            },
        )
        .await;
    assert_eq!(code(r), Code::Unimplemented);
    // PRO methods (not in our api.proto): any message.
    for m in [
        "Connections",
        "UpdateUserStatus",
        "SendPushNotification",
        "Nope",
    ] {
        let r = api.call::<_, pb::InfoResponse>(m, pb::InfoRequest {}).await;
        assert_eq!(code(r), Code::Unimplemented, "{m}");
    }
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_max_receive_message_size_is_enforced() {
    let mut cfg = config();
    cfg["grpc_api"]["max_receive_message_size"] = json!(1024);
    let (s, addr) = TestServer::start_with_grpc_api(cfg).await;
    let api = Api::connect(addr).await;
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(2000));
    let r = api
        .call::<_, pb::PublishResponse>(
            "Publish",
            pb::PublishRequest {
                channel: "chat:big".into(),
                data: Bytes::from(big),
                ..Default::default()
            },
        )
        .await;
    let c = code(r);
    assert!(
        matches!(c, Code::OutOfRange | Code::ResourceExhausted),
        "{c:?}"
    );
    let r: pb::PublishResponse = api.publish("chat:big", b"{\"small\":1}").await;
    assert!(r.error.is_none(), "{r:?}");
    s.stop().await;
}

#[tokio::test]
async fn grpc_api_over_tls() {
    let (_dir, crt, key, ca) = super::engines::tls::server_files("grpc-api-tls");
    let mut cfg = config();
    cfg["grpc_api"]["tls"] = json!({"enabled": true, "cert_pem": crt, "key_pem": key});
    let (s, addr) = TestServer::start_with_grpc_api(cfg).await;
    let api = Api::connect_with(addr, Some(ca)).await;
    let r: pb::InfoResponse = api.ok("Info", pb::InfoRequest {}).await;
    assert_eq!(r.result.expect("info").nodes.len(), 1);
    s.stop().await;
}

/// The Python grpcio client, stubs generated from src/api/api.proto at test time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grpc_api_python_grpcio_client() {
    let sdk = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk");
    let (s, addr) = TestServer::start_with_grpc_api(config()).await;
    let out = tokio::process::Command::new("bash")
        .arg("python.sh")
        .arg("python/grpc_api_test.py")
        .current_dir(&sdk)
        .env("CF_GRPC_API_ADDR", format!("127.0.0.1:{}", addr.port()))
        .env("CF_GRPC_API_KEY", KEY)
        .env("CF_WS_URL", s.ws_url())
        .env("CF_HMAC_SECRET", SECRET)
        .env(
            "CF_API_PROTO",
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api/api.proto"),
        )
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("run python.sh");
    assert_script_passed("python/grpc_api_test.py", &out);
    s.stop().await;
}
