//! Unidirectional GRPC (`uni_grpc`, its own port, 11000 by default): the service
//! `centrifugal.centrifugo.unistream.CentrifugoUniStream` with one server-streaming method,
//! `Consume(ConnectRequest) returns (stream Push)`, as described in our `unistream.proto`.
//! ConnectRequest and Push are the client protocol's messages (`client.proto`, same field
//! numbers). The session is the same as on every transport, in Protobuf; each stream message is
//! the bare Push taken out of the shared Reply bytes as a sub-slice, so nothing is re-encoded
//! per client. Written by hand on tonic's server parts instead of generated: the responses are
//! pre-encoded bytes, which generated code (a prost codec) could not send without re-encoding.

use super::edge::{self, FrameWriter};
use crate::node::Node;
use crate::outbox::Protocol;
use crate::protocol::pb;
use bytes::{Buf, BufMut, Bytes};
use prost::Message;
use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::mpsc;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::Status;

pub(crate) const SERVICE: &str = "centrifugal.centrifugo.unistream.CentrifugoUniStream";
const CONSUME: &str = "/centrifugal.centrifugo.unistream.CentrifugoUniStream/Consume";
/// GRPC's own default for a received message when `max_receive_message_size` is 0.
const DEFAULT_MAX_RECEIVE: usize = 4 << 20;
/// Pushes between the session's writer and the GRPC stream.
const STREAM_BACKLOG: usize = 16;

/// Responses are Push bytes already encoded; requests are ConnectRequests.
#[derive(Default, Clone, Copy)]
struct RawCodec;

struct RawEncoder;
struct ConnectDecoder;

impl Encoder for RawEncoder {
    type Item = Bytes;
    type Error = Status;
    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.reserve(item.len());
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for ConnectDecoder {
    type Item = pb::ConnectRequest;
    type Error = Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<pb::ConnectRequest>, Status> {
        let bytes = src.copy_to_bytes(src.remaining());
        pb::ConnectRequest::decode(bytes)
            .map(Some)
            .map_err(|e| Status::invalid_argument(format!("malformed ConnectRequest: {e}")))
    }
}

impl Codec for RawCodec {
    type Encode = Bytes;
    type Decode = pb::ConnectRequest;
    type Encoder = RawEncoder;
    type Decoder = ConnectDecoder;
    fn encoder(&mut self) -> RawEncoder {
        RawEncoder
    }
    fn decoder(&mut self) -> ConnectDecoder {
        ConnectDecoder
    }
}

/// Reads a protobuf varint at the front of `b`: (value, its length).
fn varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, byte) in b.iter().enumerate().take(10) {
        v |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// The Push inside a length-delimited Reply that carries only a push (`field 4`); an empty Reply
/// (the ping) is an empty Push. Anything else is decoded and its push re-encoded.
pub(crate) fn bare_push_protobuf(item: &Bytes) -> Bytes {
    /// Field 4, length-delimited.
    const PUSH_KEY: u8 = (4 << 3) | 2;
    let fast = (|| {
        let (len, n) = varint(item)?;
        let reply = item.get(n..)?;
        if reply.len() as u64 != len {
            return None;
        }
        if reply.is_empty() {
            return Some(Bytes::new());
        }
        if reply[0] != PUSH_KEY {
            return None;
        }
        let (plen, m) = varint(&reply[1..])?;
        let start = n + 1 + m;
        (item.len() as u64 == start as u64 + plen).then(|| item.slice(start..))
    })();
    fast.unwrap_or_else(|| {
        let mut buf = item.clone();
        pb::Reply::decode_length_delimited(&mut buf)
            .ok()
            .and_then(|r| r.push)
            .map(|p| Bytes::from(p.encode_to_vec()))
            .unwrap_or_default()
    })
}

/// Sends the session's pushes down the GRPC stream.
struct GrpcWriter {
    tx: mpsc::Sender<Result<Bytes, Status>>,
}

fn gone() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone")
}

impl FrameWriter for GrpcWriter {
    async fn send(&mut self, _format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        for item in items {
            self.tx
                .send(Ok(bare_push_protobuf(item)))
                .await
                .map_err(|_| gone())?;
        }
        Ok(())
    }

    async fn pong(&mut self, _payload: Bytes) -> std::io::Result<()> {
        Ok(())
    }

    /// The disconnect push; the stream then ends with status OK.
    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        let push = edge::disconnect_push(code, reason);
        self.tx
            .send(Ok(Bytes::from(push.encode_to_vec())))
            .await
            .map_err(|_| gone())
    }
}

type PushStream = futures_util::stream::BoxStream<'static, Result<Bytes, Status>>;

/// One `Consume` call.
struct Consume {
    node: Arc<Node>,
}

impl tonic::server::ServerStreamingService<pb::ConnectRequest> for Consume {
    type Response = Bytes;
    type ResponseStream = PushStream;
    type Future =
        futures_util::future::BoxFuture<'static, Result<tonic::Response<PushStream>, Status>>;

    fn call(&mut self, request: tonic::Request<pb::ConnectRequest>) -> Self::Future {
        let node = self.node.clone();
        Box::pin(async move {
            let headers = request.metadata().clone().into_headers();
            let admitted = edge::admit(&node, &headers)
                .map_err(|code| Status::unavailable(code.to_string()))?;
            let connect = pb::Command {
                id: 1,
                connect: Some(request.into_inner()),
                ..Default::default()
            };
            let frame = Bytes::from(connect.encode_length_delimited_to_vec());
            let handle = edge::new_handle(&node, Protocol::Protobuf);
            let (tx, rx) = mpsc::channel(STREAM_BACKLOG);
            // A client that cancels the stream: its receiver is dropped.
            edge::close_when_gone(&tx, &handle);
            let frames = futures_util::StreamExt::chain(
                futures_util::stream::once(async move { frame }),
                futures_util::stream::pending(),
            );
            let timeout = node.config.websocket.write_timeout;
            tokio::spawn(edge::serve(
                node,
                "uni_grpc",
                handle,
                frames,
                GrpcWriter { tx },
                timeout,
                admitted,
            ));
            let out = futures_util::stream::unfold(rx, |mut rx| async move {
                rx.recv().await.map(|b| (b, rx))
            });
            Ok(tonic::Response::new(
                Box::pin(out) as futures_util::stream::BoxStream<'static, _>
            ))
        })
    }
}

/// The tonic service for the uni_grpc port.
#[derive(Clone)]
pub(crate) struct UniStream {
    node: Arc<Node>,
}

impl tonic::server::NamedService for UniStream {
    const NAME: &'static str = SERVICE;
}

impl<B> tower_service::Service<http::Request<B>> for UniStream
where
    B: hyper::body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = futures_util::future::BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let node = self.node.clone();
        Box::pin(async move {
            if req.uri().path() != CONSUME {
                return Ok(Status::unimplemented("unknown method").into_http());
            }
            let max = match node.config.uni_grpc.max_receive_message_size {
                0 => DEFAULT_MAX_RECEIVE,
                n => n,
            };
            let mut grpc = tonic::server::Grpc::new(RawCodec).max_decoding_message_size(max);
            Ok(grpc.server_streaming(Consume { node }, req).await)
        })
    }
}

/// The TLS identity `uni_grpc.tls` asks for (cert_pem and key_pem), if it is enabled.
pub(crate) fn tls(
    c: &crate::config::Config,
) -> Result<Option<tonic::transport::ServerTlsConfig>, String> {
    server_tls("uni_grpc.tls", &c.uni_grpc.tls)
}

/// The TLS identity of a GRPC listener's `tls` section (`key` names it in errors): cert_pem and
/// key_pem, if it is enabled.
pub(crate) fn server_tls(
    key: &str,
    t: &crate::config::TlsConfig,
) -> Result<Option<tonic::transport::ServerTlsConfig>, String> {
    if !t.enabled {
        return Ok(None);
    }
    if t.cert_pem.is_empty() || t.key_pem.is_empty() {
        return Err(format!("{key}: cert_pem and key_pem are required"));
    }
    let read = |field: &'static str, v: &str| {
        crate::broker::redis::address::pem(field, v).map_err(|e| format!("{key}.{e}"))
    };
    let identity = tonic::transport::Identity::from_pem(
        read("cert_pem", &t.cert_pem)?,
        read("key_pem", &t.key_pem)?,
    );
    Ok(Some(
        tonic::transport::ServerTlsConfig::new().identity(identity),
    ))
}

/// A GRPC server builder with the TLS a listener's section asks for, or `None` (logged, naming
/// `what`) when that TLS cannot be set up.
pub(crate) fn server_builder(
    what: &str,
    tls: Result<Option<tonic::transport::ServerTlsConfig>, String>,
) -> Option<tonic::transport::Server> {
    let builder = tonic::transport::Server::builder();
    match tls {
        Ok(Some(t)) => match builder.tls_config(t) {
            Ok(b) => Some(b),
            Err(e) => {
                tracing::error!(error = %e, "{what}.tls: not serving");
                None
            }
        },
        Ok(None) => Some(builder),
        Err(e) => {
            tracing::error!(error = %e, "{what}: not serving");
            None
        }
    }
}

/// Serves uni_grpc on `listener` until `shutdown`.
pub(crate) async fn serve(
    node: Arc<Node>,
    listener: tokio::net::TcpListener,
    shutdown: crate::shutdown::Shutdown,
) {
    let Some(mut builder) = server_builder("uni_grpc", tls(&node.config)) else {
        return;
    };
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    let res = builder
        .add_service(UniStream { node })
        .serve_with_incoming_shutdown(incoming, shutdown.wait())
        .await;
    if let Err(e) = res {
        tracing::error!(error = %e, "uni_grpc server stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_push_is_a_slice_of_the_reply() {
        let push = pb::Push {
            channel: "c".into(),
            r#pub: Some(pb::Publication {
                data: Bytes::from_static(b"x"),
                offset: 3,
                ..Default::default()
            }),
            ..Default::default()
        };
        let reply = pb::Reply {
            push: Some(push.clone()),
            ..Default::default()
        };
        let item = Bytes::from(reply.encode_length_delimited_to_vec());
        assert_eq!(bare_push_protobuf(&item), Bytes::from(push.encode_to_vec()));
        let ping = Bytes::from(pb::Reply::default().encode_length_delimited_to_vec());
        assert!(bare_push_protobuf(&ping).is_empty());
        // Not the fast shape (an id set): decoded, the push re-encoded.
        let odd = pb::Reply {
            id: 7,
            push: Some(push.clone()),
            ..Default::default()
        };
        let odd = Bytes::from(odd.encode_length_delimited_to_vec());
        assert_eq!(bare_push_protobuf(&odd), Bytes::from(push.encode_to_vec()));
        assert!(bare_push_protobuf(&Bytes::from_static(&[0xff])).is_empty());
    }
}
