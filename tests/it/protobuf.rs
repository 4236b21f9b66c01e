//! The Protobuf protocol over WebSocket: subprotocol / URL selection, binary frames, varint batching,
//! binary payloads, and 3506 for JSON clients that would receive binary data.

use super::common::*;
use centrifugo::wire::{pb, protobuf};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

struct PbClient {
    ws: Ws,
    pending: std::collections::VecDeque<pb::Reply>,
}

impl PbClient {
    async fn open(url: &str, subprotocol: bool) -> PbClient {
        let mut req = url.into_client_request().expect("request");
        if subprotocol {
            req.headers_mut().insert(
                "sec-websocket-protocol",
                "centrifuge-protobuf".parse().expect("header"),
            );
        }
        let (ws, resp) = tokio_tungstenite::connect_async(req)
            .await
            .expect("connect");
        if subprotocol {
            let chosen = resp
                .headers()
                .get("sec-websocket-protocol")
                .and_then(|v| v.to_str().ok());
            assert_eq!(chosen, Some("centrifuge-protobuf"));
        }
        PbClient {
            ws,
            pending: Default::default(),
        }
    }

    async fn send(&mut self, cmds: &[pb::Command]) {
        let mut frame = Vec::new();
        for c in cmds {
            protobuf::encode_command(c, &mut frame);
        }
        self.ws.send(Message::binary(frame)).await.expect("send");
    }

    async fn next(&mut self) -> Result<pb::Reply, u16> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Ok(r);
            }
            match tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("timed out")
            {
                Some(Ok(Message::Binary(b))) => self
                    .pending
                    .extend(protobuf::decode_replies(&b).expect("valid replies")),
                Some(Ok(Message::Text(t))) => panic!("text frame on a protobuf connection: {t}"),
                Some(Ok(Message::Close(f))) => return Err(f.map(|f| f.code.into()).unwrap_or(0)),
                Some(Ok(_)) => {}
                None | Some(Err(_)) => return Err(0),
            }
        }
    }

    async fn reply(&mut self, id: u32) -> pb::Reply {
        loop {
            let r = self
                .next()
                .await
                .unwrap_or_else(|code| panic!("closed with {code}"));
            if r.id == id {
                return r;
            }
        }
    }

    async fn publication(&mut self) -> pb::Push {
        loop {
            let r = self
                .next()
                .await
                .unwrap_or_else(|code| panic!("closed with {code}"));
            if let Some(p) = r.push {
                if p.r#pub.is_some() {
                    return p;
                }
            }
        }
    }
}

fn connect_cmd(user: &str) -> pb::Command {
    pb::Command {
        id: 1,
        connect: Some(pb::ConnectRequest {
            token: token(user),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn subscribe_cmd(id: u32, channel: &str) -> pb::Command {
    pb::Command {
        id,
        subscribe: Some(pb::SubscribeRequest {
            channel: channel.into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn protobuf_connect_subscribe_and_receive() {
    let s = TestServer::start(base_config()).await;
    let mut c = PbClient::open(&s.ws_url(), true).await;
    // Connect and subscribe batched in one frame.
    c.send(&[connect_cmd("p"), subscribe_cmd(2, "chat:pb")])
        .await;
    let r = c.reply(1).await;
    let connect = r.connect.expect("connect result");
    assert_eq!(connect.client.len(), 36);
    assert!(connect.version.ends_with(" OSS"));
    assert!(c.reply(2).await.subscribe.is_some());
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:pb", "data": {"x": 1}}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(p.channel, "chat:pb");
    let publication = p.r#pub.expect("pub");
    assert_eq!(&publication.data[..], br#"{"x":1}"#);
    assert_eq!(publication.offset, 1);
    // Binary payloads reach Protobuf clients as they are.
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:pb", "b64data": "AAECAw=="}),
    )
    .await;
    let p = c.publication().await;
    assert_eq!(&p.r#pub.expect("pub").data[..], &[0u8, 1, 2, 3]);
    // Errors come back as typed errors.
    c.send(&[subscribe_cmd(3, "nope:x")]).await;
    assert_eq!(c.reply(3).await.error.expect("error").code, 102);
    s.stop().await;
}

#[tokio::test]
async fn protobuf_selected_by_url_and_garbage_is_3501() {
    let s = TestServer::start(base_config()).await;
    for url in [
        format!("{}?format=protobuf", s.ws_url()),
        format!("{}?cf_protocol=protobuf", s.ws_url()),
    ] {
        let mut c = PbClient::open(&url, false).await;
        c.send(&[connect_cmd("p")]).await;
        assert!(c.reply(1).await.connect.is_some(), "{url}");
    }
    let mut c = PbClient::open(&s.ws_url(), true).await;
    c.ws.send(Message::binary(vec![0xff, 0xff, 0xff]))
        .await
        .expect("send");
    assert_eq!(c.next().await.err(), Some(3501));
    s.stop().await;
}

#[tokio::test]
async fn json_client_receiving_binary_data_gets_3506() {
    let s = TestServer::start(base_config()).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "j").await;
    c.call(json!({"id": 2, "subscribe": {"channel": "pub:bin"}}))
        .await;
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "pub:bin", "b64data": "/w=="}),
    )
    .await;
    assert_eq!(
        c.closed().await,
        (3506, "inappropriate protocol".to_string())
    );
    s.stop().await;
}
