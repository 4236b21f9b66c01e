//! Unidirectional GRPC (`uni_grpc`) with a tonic client: `Consume(ConnectRequest)` streams a
//! connect push, publications of server-side subscriptions and a disconnect push, each a bare
//! Protobuf Push; a bad token ends the stream after the disconnect push.

use super::common::*;
use bytes::{Buf, BufMut};
use centrifugo::wire::pb;
use prost::Message;
use serde_json::json;
use std::time::Duration;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};

const CONSUME: &str = "/centrifugal.centrifugo.unistream.CentrifugoUniStream/Consume";

/// A client codec: ConnectRequest out, Push in (prost).
#[derive(Default)]
struct ClientCodec;
struct Enc;
struct Dec;

impl Encoder for Enc {
    type Item = pb::ConnectRequest;
    type Error = tonic::Status;
    fn encode(&mut self, item: Self::Item, dst: &mut EncodeBuf<'_>) -> Result<(), Self::Error> {
        dst.put_slice(&item.encode_to_vec());
        Ok(())
    }
}

impl Decoder for Dec {
    type Item = pb::Push;
    type Error = tonic::Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<pb::Push>, Self::Error> {
        let b = src.copy_to_bytes(src.remaining());
        pb::Push::decode(b)
            .map(Some)
            .map_err(|e| tonic::Status::internal(e.to_string()))
    }
}

impl Codec for ClientCodec {
    type Encode = pb::ConnectRequest;
    type Decode = pb::Push;
    type Encoder = Enc;
    type Decoder = Dec;
    fn encoder(&mut self) -> Enc {
        Enc
    }
    fn decoder(&mut self) -> Dec {
        Dec
    }
}

async fn consume(
    addr: std::net::SocketAddr,
    req: pb::ConnectRequest,
) -> tonic::Streaming<pb::Push> {
    consume_with(addr, req, None, &[]).await
}

/// A Consume call carrying request `metadata`.
pub(crate) async fn consume_with_metadata(
    addr: std::net::SocketAddr,
    req: pb::ConnectRequest,
    metadata: &[(&'static str, &str)],
) -> tonic::Streaming<pb::Push> {
    consume_with(addr, req, None, metadata).await
}

/// With `ca` (PEM), over TLS to "localhost".
async fn consume_with(
    addr: std::net::SocketAddr,
    req: pb::ConnectRequest,
    ca: Option<Vec<u8>>,
    metadata: &[(&'static str, &str)],
) -> tonic::Streaming<pb::Push> {
    let scheme = if ca.is_some() { "https" } else { "http" };
    let mut endpoint =
        tonic::transport::Endpoint::from_shared(format!("{scheme}://localhost:{}", addr.port()))
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
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.expect("ready");
    let mut request = tonic::Request::new(req);
    for (k, v) in metadata {
        request
            .metadata_mut()
            .insert(*k, v.parse().expect("metadata value"));
    }
    grpc.server_streaming(
        request,
        http::uri::PathAndQuery::from_static(CONSUME),
        ClientCodec,
    )
    .await
    .expect("consume")
    .into_inner()
}

pub(crate) async fn next(s: &mut tonic::Streaming<pb::Push>) -> Option<pb::Push> {
    loop {
        let p = tokio::time::timeout(Duration::from_secs(5), s.message())
            .await
            .expect("a push within 5 s")
            .expect("stream");
        match p {
            Some(p) if p.join.is_some() => continue,
            other => return other,
        }
    }
}

#[tokio::test]
async fn uni_grpc_streams_pushes_to_a_tonic_client() {
    let mut cfg = base_config();
    cfg["uni_grpc"] = json!({"enabled": true});
    let (s, grpc) = TestServer::start_with_uni_grpc(cfg).await;
    let token = sign(
        json!({"sub": "gus", "exp": now() + 3600, "channels": ["chat:g"]}),
        SECRET,
    );
    let mut st = consume(
        grpc,
        pb::ConnectRequest {
            token,
            ..Default::default()
        },
    )
    .await;
    let c = next(&mut st).await.expect("connect push");
    let c = c.connect.expect("a connect push first");
    assert!(!c.client.is_empty() && !c.session.is_empty());
    assert!(!c.pong, "unidirectional clients do not pong");
    assert!(c.subs.contains_key("chat:g"), "{:?}", c.subs);
    api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:g", "data": {"n": 1}}),
    )
    .await;
    let p = next(&mut st).await.expect("publication");
    assert_eq!(p.channel, "chat:g");
    let publication = p.r#pub.expect("pub");
    assert_eq!(&publication.data[..], br#"{"n":1}"#);
    assert_eq!(publication.offset, 1);
    api(&s.api_url(), "disconnect", json!({"user": "gus"})).await;
    let d = next(&mut st).await.expect("disconnect push");
    let d = d.disconnect.expect("a disconnect push");
    assert_eq!((d.code, d.reason.as_str()), (3503, "force disconnect"));
    assert!(next(&mut st).await.is_none(), "the stream ends");

    // A bad token: the disconnect push (3500), then the end.
    let mut st = consume(
        grpc,
        pb::ConnectRequest {
            token: "nope".into(),
            ..Default::default()
        },
    )
    .await;
    let d = next(&mut st).await.expect("disconnect push");
    assert_eq!(d.disconnect.expect("disconnect").code, 3500);
    assert!(next(&mut st).await.is_none());
    s.stop().await;
}

#[tokio::test]
async fn uni_grpc_over_tls() {
    let (_dir, crt, key, ca) = super::engines::tls::server_files("unigrpc-tls");
    let mut cfg = base_config();
    cfg["uni_grpc"] = json!({"enabled": true, "tls": {
        "enabled": true, "cert_pem": crt, "key_pem": key}});
    let (s, grpc) = TestServer::start_with_uni_grpc(cfg).await;
    let mut st = consume_with(
        grpc,
        pb::ConnectRequest {
            token: token("tina"),
            ..Default::default()
        },
        Some(ca),
        &[],
    )
    .await;
    let c = next(&mut st).await.expect("connect push");
    assert!(c.connect.is_some(), "{c:?}");
    s.stop().await;
}
