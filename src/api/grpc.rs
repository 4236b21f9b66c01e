//! The GRPC server API (`grpc_api`, its own port, 10000 by default): the service
//! `centrifugal.centrifugo.api.CentrifugoApi` of our `api.proto`, unary calls only. Each call is
//! decoded into the executor's typed request (`convert`), run by the same executor as the HTTP
//! API, and its reply put into the method's response message. Written by hand on tonic's server
//! parts with a small prost codec (tonic 0.14 moved its own to a separate crate).
//!
//! With `grpc_api.key`, every call needs metadata `authorization: apikey <KEY>` (else
//! `Unauthenticated`). API errors go in the response's `error` field, or, with
//! `grpc_api.error_mode: transport` or metadata `x-centrifugo-error-mode: transport`, become the
//! call's GRPC status (the Error message rides along in the status details). Methods this server
//! does not run (PRO ones, map and shared poll) answer `Unimplemented`.

use super::api_pb as pb;
use super::convert::Method;
use crate::node::Node;
use futures_util::future::BoxFuture;
use prost::Message;
use std::convert::Infallible;
use std::marker::PhantomData;
use std::sync::Arc;
use std::task::{Context, Poll};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::{Code, Status};

pub const SERVICE: &str = "centrifugal.centrifugo.api.CentrifugoApi";
/// GRPC's own default for a received message when `max_receive_message_size` is 0.
const DEFAULT_MAX_RECEIVE: usize = 4 << 20;

/// Encodes `E` and decodes `D` with prost: the server's codec (responses out, requests in) and,
/// turned around, a client's.
pub struct ProstCodec<E, D>(PhantomData<fn(E) -> D>);
#[doc(hidden)]
pub struct ProstEncoder<E>(PhantomData<fn(E)>);
#[doc(hidden)]
pub struct ProstDecoder<D>(PhantomData<fn() -> D>);

impl<E, D> Default for ProstCodec<E, D> {
    fn default() -> Self {
        ProstCodec(PhantomData)
    }
}

impl<E: Message + 'static> Encoder for ProstEncoder<E> {
    type Item = E;
    type Error = Status;
    fn encode(&mut self, item: E, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        item.encode(dst)
            .map_err(|e| Status::internal(format!("encoding the response: {e}")))
    }
}

impl<D: Message + Default + 'static> Decoder for ProstDecoder<D> {
    type Item = D;
    type Error = Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<D>, Status> {
        D::decode(src)
            .map(Some)
            .map_err(|e| Status::internal(format!("malformed message: {e}")))
    }
}

impl<E, D> Codec for ProstCodec<E, D>
where
    E: Message + Send + 'static,
    D: Message + Default + Send + 'static,
{
    type Encode = E;
    type Decode = D;
    type Encoder = ProstEncoder<E>;
    type Decoder = ProstDecoder<D>;
    fn encoder(&mut self) -> ProstEncoder<E> {
        ProstEncoder(PhantomData)
    }
    fn decoder(&mut self) -> ProstDecoder<D> {
        ProstDecoder(PhantomData)
    }
}

/// `google.rpc.Status`, the form of GRPC's `grpc-status-details-bin`.
#[derive(Clone, PartialEq, Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(message, repeated, tag = "3")]
    details: Vec<Any>,
}

/// `google.protobuf.Any`.
#[derive(Clone, PartialEq, Message)]
struct Any {
    #[prost(string, tag = "1")]
    type_url: String,
    #[prost(bytes = "vec", tag = "2")]
    value: Vec<u8>,
}

/// The GRPC status code for an API error in the transport error mode.
pub(super) fn status_code(code: u32) -> Code {
    match code {
        102 | 104 => Code::NotFound,
        107 | 108 => Code::InvalidArgument,
        112 => Code::OutOfRange,
        113 => Code::AlreadyExists,
        _ => Code::Internal,
    }
}

/// The call's status for an API error, with the Error message as its detail.
fn transport_error(e: &pb::Error) -> Status {
    let code = status_code(e.code);
    let details = RpcStatus {
        code: code as i32,
        message: e.message.clone(),
        details: vec![Any {
            type_url: "type.googleapis.com/centrifugal.centrifugo.api.Error".to_string(),
            value: e.encode_to_vec(),
        }],
    };
    Status::with_details(code, e.message.clone(), details.encode_to_vec().into())
}

/// One unary call of method `T`.
struct Call<T> {
    node: Arc<Node>,
    transport_errors: bool,
    /// The method's name as the HTTP API spells it (metrics label).
    name: String,
    _method: PhantomData<fn() -> T>,
}

impl<T: Method> tonic::server::UnaryService<T::Req> for Call<T> {
    type Response = T;
    type Future = BoxFuture<'static, Result<tonic::Response<T>, Status>>;

    fn call(&mut self, request: tonic::Request<T::Req>) -> Self::Future {
        let node = self.node.clone();
        let transport_errors = self.transport_errors;
        let name = self.name.clone();
        Box::pin(async move {
            let started = std::time::Instant::now();
            let metrics = node.metrics.clone();
            let resp = T::run(node, request.into_inner()).await;
            metrics.api_command(
                "grpc",
                &name,
                started.elapsed(),
                resp.error().map(|e| e.code),
            );
            if transport_errors {
                if let Some(e) = resp.error() {
                    return Err(transport_error(e));
                }
            }
            Ok(tonic::Response::new(resp))
        })
    }
}

async fn unary<T, B>(
    node: Arc<Node>,
    transport_errors: bool,
    method: &str,
    req: http::Request<B>,
) -> http::Response<tonic::body::Body>
where
    T: Method + Send,
    B: hyper::body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    let max = match node.config.grpc_api.max_receive_message_size {
        0 => DEFAULT_MAX_RECEIVE,
        n => n,
    };
    let mut grpc = tonic::server::Grpc::new(ProstCodec::<T, T::Req>(PhantomData))
        .max_decoding_message_size(max);
    let call = Call::<T> {
        node,
        transport_errors,
        name: crate::metrics::snake_case(method),
        _method: PhantomData,
    };
    grpc.unary(call, req).await
}

/// Whether the call's metadata carries the configured key (`authorization: apikey <KEY>`,
/// compared in constant time). No key configured: every call is allowed.
fn authorized(key: &str, headers: &http::HeaderMap) -> bool {
    if key.is_empty() {
        return true;
    }
    let want = format!("apikey {key}");
    let Some(got) = headers.get("authorization") else {
        return false;
    };
    let (a, b) = (got.as_bytes(), want.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The tonic service for the grpc_api port.
#[derive(Clone)]
pub(crate) struct Api {
    node: Arc<Node>,
}

impl tonic::server::NamedService for Api {
    const NAME: &'static str = SERVICE;
}

impl<B> tower_service::Service<http::Request<B>> for Api
where
    B: hyper::body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let node = self.node.clone();
        Box::pin(async move {
            let cfg = &node.config.grpc_api;
            if !authorized(&cfg.key, req.headers()) {
                return Ok(Status::unauthenticated("unauthenticated").into_http());
            }
            let transport_errors = cfg.error_mode == "transport"
                || req
                    .headers()
                    .get("x-centrifugo-error-mode")
                    .is_some_and(|v| v.as_bytes() == b"transport");
            let method = req
                .uri()
                .path()
                .rsplit_once('/')
                .map(|(_, m)| m.to_string())
                .unwrap_or_default();
            macro_rules! route {
                ($($name:literal => $resp:ident,)*) => {
                    match method.as_str() {
                        $($name => unary::<pb::$resp, B>(node, transport_errors, $name, req).await,)*
                        other => Status::unimplemented(format!("method {other} not implemented"))
                            .into_http(),
                    }
                };
            }
            Ok(route! {
                "Batch" => BatchResponse,
                "Publish" => PublishResponse,
                "Broadcast" => BroadcastResponse,
                "Subscribe" => SubscribeResponse,
                "Unsubscribe" => UnsubscribeResponse,
                "Disconnect" => DisconnectResponse,
                "Presence" => PresenceResponse,
                "PresenceStats" => PresenceStatsResponse,
                "History" => HistoryResponse,
                "HistoryRemove" => HistoryRemoveResponse,
                "Info" => InfoResponse,
                "RPC" => RpcResponse,
                "Refresh" => RefreshResponse,
                "Channels" => ChannelsResponse,
            })
        })
    }
}

/// Calls `method` of the API service over `channel` with `metadata` (for example
/// `("authorization", "apikey KEY")`): the response message, or the call's status.
pub async fn call<Req, Resp>(
    channel: tonic::transport::Channel,
    metadata: &[(String, String)],
    method: &str,
    req: Req,
) -> Result<Resp, Status>
where
    Req: Message + Send + 'static,
    Resp: Message + Default + Send + 'static,
{
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready()
        .await
        .map_err(|e| Status::unavailable(format!("the connection is not ready: {e}")))?;
    let mut request = tonic::Request::new(req);
    for (k, v) in metadata {
        let key = tonic::metadata::MetadataKey::from_bytes(k.as_bytes())
            .map_err(|_| Status::invalid_argument(format!("bad metadata key {k:?}")))?;
        let value = v
            .parse()
            .map_err(|_| Status::invalid_argument(format!("bad metadata value for {k}")))?;
        request.metadata_mut().insert(key, value);
    }
    let path = http::uri::PathAndQuery::try_from(format!("/{SERVICE}/{method}"))
        .map_err(|_| Status::invalid_argument(format!("bad method name {method:?}")))?;
    grpc.unary(request, path, ProstCodec::<Req, Resp>::default())
        .await
        .map(tonic::Response::into_inner)
}

/// The TLS identity `grpc_api.tls` asks for, if it is enabled.
pub(crate) fn tls(
    c: &crate::config::Config,
) -> Result<Option<tonic::transport::ServerTlsConfig>, String> {
    crate::transport::unigrpc::server_tls("grpc_api.tls", &c.grpc_api.tls)
}

/// Serves the GRPC API on `listener` until `shutdown`.
pub(crate) async fn serve(
    node: Arc<Node>,
    listener: tokio::net::TcpListener,
    shutdown: crate::shutdown::Shutdown,
) {
    let Some(mut builder) =
        crate::transport::unigrpc::server_builder("grpc_api", tls(&node.config))
    else {
        return;
    };
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    let res = builder
        .add_service(Api { node })
        .serve_with_incoming_shutdown(incoming, shutdown.wait())
        .await;
    if let Err(e) = res {
        tracing::error!(error = %e, "grpc_api server stopped");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_must_match_exactly() {
        let mut h = http::HeaderMap::new();
        assert!(authorized("", &h));
        assert!(!authorized("k", &h));
        h.insert("authorization", http::HeaderValue::from_static("apikey k"));
        assert!(authorized("k", &h));
        assert!(!authorized("kk", &h));
        h.insert("authorization", http::HeaderValue::from_static("APIKEY k"));
        assert!(!authorized("k", &h));
    }

    #[test]
    fn api_errors_map_to_grpc_codes() {
        for (code, want) in [
            (100, Code::Internal),
            (102, Code::NotFound),
            (104, Code::NotFound),
            (107, Code::InvalidArgument),
            (108, Code::InvalidArgument),
            (112, Code::OutOfRange),
            (113, Code::AlreadyExists),
            (999, Code::Internal),
        ] {
            assert_eq!(status_code(code), want, "code {code}");
        }
        let s = transport_error(&pb::Error {
            code: 102,
            message: "unknown channel".into(),
        });
        assert_eq!(s.code(), Code::NotFound);
        assert_eq!(s.message(), "unknown channel");
        let d = RpcStatus::decode(s.details()).expect("details are a google.rpc.Status");
        let e = pb::Error::decode(&d.details[0].value[..]).expect("an Error detail");
        assert_eq!(e.code, 102);
    }
}
