//! One configured proxy endpoint and how a call reaches it: HTTP (a JSON POST to the endpoint
//! URL) or GRPC (`grpc://host:port`, a unary call of `CentrifugoProxy`), within the proxy's
//! timeout. Headers and metadata are chosen per endpoint from what the connection brought.

use super::wire::{self, Response};
use super::{ConnHeaders, ProxyError};
use crate::config::Proxy;
use bytes::{Buf, BufMut, Bytes};
use prost::Message as _;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::Status;

const SERVICE: &str = "/centrifugal.centrifugo.proxy.CentrifugoProxy/";
/// Largest proxy response accepted (GRPC's own default message limit).
const MAX_RESPONSE: usize = 4 << 20;

pub(crate) struct Endpoint {
    /// The proxy's name ("default" for the unnamed ones), for logs.
    pub(crate) name: String,
    cfg: Proxy,
    kind: Kind,
    metrics: std::sync::Arc<crate::metrics::Metrics>,
}

enum Kind {
    Http {
        client: reqwest::Client,
    },
    Grpc {
        uri: String,
        tls: Option<Box<tonic::transport::ClientTlsConfig>>,
        /// Connected on first use (a channel needs the runtime).
        channel: tokio::sync::OnceCell<tonic::transport::Channel>,
    },
}

impl Endpoint {
    /// Builds the client for `cfg`; the error names `key` and what is wrong with it.
    pub(crate) fn new(
        name: &str,
        key: &str,
        cfg: &Proxy,
        metrics: std::sync::Arc<crate::metrics::Metrics>,
    ) -> Result<Endpoint, String> {
        let kind = if let Some(rest) = cfg.endpoint.strip_prefix("grpc://") {
            let tls = if cfg.grpc.tls.enabled {
                let t = &cfg.grpc.tls;
                let mut c = tonic::transport::ClientTlsConfig::new().with_webpki_roots();
                if !t.server_ca_pem.is_empty() {
                    let pem = crate::broker::redis::address::pem("server_ca_pem", &t.server_ca_pem)
                        .map_err(|e| format!("{key}.grpc.tls.{e}"))?;
                    c = c.ca_certificate(tonic::transport::Certificate::from_pem(pem));
                }
                if !t.cert_pem.is_empty() {
                    let cert = crate::broker::redis::address::pem("cert_pem", &t.cert_pem)
                        .map_err(|e| format!("{key}.grpc.tls.{e}"))?;
                    let k = crate::broker::redis::address::pem("key_pem", &t.key_pem)
                        .map_err(|e| format!("{key}.grpc.tls.{e}"))?;
                    c = c.identity(tonic::transport::Identity::from_pem(cert, k));
                }
                if !t.server_name.is_empty() {
                    c = c.domain_name(t.server_name.clone());
                }
                Some(Box::new(c))
            } else {
                None
            };
            let scheme = if tls.is_some() { "https" } else { "http" };
            Kind::Grpc {
                uri: format!("{scheme}://{rest}"),
                tls,
                channel: tokio::sync::OnceCell::new(),
            }
        } else if cfg.endpoint.starts_with("http://") || cfg.endpoint.starts_with("https://") {
            let mut b = reqwest::Client::builder()
                .timeout(cfg.timeout)
                .pool_max_idle_per_host(255);
            let t = &cfg.http.tls;
            if t.enabled {
                if !t.server_ca_pem.is_empty() {
                    let pem = crate::broker::redis::address::pem("server_ca_pem", &t.server_ca_pem)
                        .map_err(|e| format!("{key}.http.tls.{e}"))?;
                    for c in reqwest::Certificate::from_pem_bundle(&pem)
                        .map_err(|e| format!("{key}.http.tls.server_ca_pem: {e}"))?
                    {
                        b = b.add_root_certificate(c);
                    }
                }
                if !t.cert_pem.is_empty() {
                    let mut pem = crate::broker::redis::address::pem("cert_pem", &t.cert_pem)
                        .map_err(|e| format!("{key}.http.tls.{e}"))?;
                    pem.extend(
                        crate::broker::redis::address::pem("key_pem", &t.key_pem)
                            .map_err(|e| format!("{key}.http.tls.{e}"))?,
                    );
                    b = b.identity(
                        reqwest::Identity::from_pem(&pem)
                            .map_err(|e| format!("{key}.http.tls.cert_pem: {e}"))?,
                    );
                }
                b = b.danger_accept_invalid_certs(t.insecure_skip_verify);
            }
            Kind::Http {
                client: b
                    .build()
                    .map_err(|e| format!("{key}.http: cannot build the HTTP client: {e}"))?,
            }
        } else {
            return Err(format!(
                "{key}.endpoint: {:?} must start with http://, https:// or grpc://",
                cfg.endpoint
            ));
        };
        Ok(Endpoint {
            name: name.to_string(),
            cfg: cfg.clone(),
            kind,
            metrics,
        })
    }

    pub(crate) fn binary(&self) -> bool {
        self.cfg.binary_encoding
    }

    pub(crate) fn include_meta(&self) -> bool {
        self.cfg.include_connection_meta
    }

    /// What is forwarded, lowest priority first: static headers, then allowed emulated headers
    /// (the SDK's `headers`), then allowed transport headers (HTTP clients) or metadata (GRPC
    /// clients). Names are lowercase.
    fn outgoing(&self, h: &ConnHeaders) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let statics = match self.kind {
            Kind::Http { .. } => &self.cfg.http.static_headers,
            Kind::Grpc { .. } => &self.cfg.grpc.static_metadata,
        };
        for (k, v) in statics {
            out.insert(k.to_ascii_lowercase(), v.clone());
        }
        let allowed =
            |list: &[String], name: &str| list.iter().any(|a| a.eq_ignore_ascii_case(name));
        for (k, v) in &h.emulated {
            if allowed(&self.cfg.emulated_headers, k) {
                out.insert(k.to_ascii_lowercase(), v.clone());
            }
        }
        let list = if h.grpc {
            &self.cfg.grpc_metadata
        } else {
            &self.cfg.http_headers
        };
        for (k, v) in &h.transport {
            if allowed(list, k) {
                out.insert(k.clone(), v.clone());
            }
        }
        out
    }

    /// Calls `method` (the GRPC method name) with `req`, and splits the response: a result, or
    /// the backend's error or disconnect for the client. A backend that is down, slow, answers
    /// another HTTP status or something undecodable is `ProxyError::Failed`.
    pub(crate) async fn call<Req, Resp>(
        &self,
        method: &'static str,
        req: &Req,
        h: &ConnHeaders,
    ) -> Result<Option<Resp::Result>, ProxyError>
    where
        Req: Serialize + prost::Message,
        Resp: Response,
    {
        let started = std::time::Instant::now();
        let protocol = match self.kind {
            Kind::Http { .. } => "http",
            Kind::Grpc { .. } => "grpc",
        };
        let kind = crate::metrics::snake_case(method);
        self.metrics
            .proxy_inflight(protocol, &kind, &self.name, true);
        let resp: Result<Resp, ProxyError> = match &self.kind {
            Kind::Http { client } => self.call_http(client, req, h).await,
            Kind::Grpc { .. } => {
                let fut = self.call_grpc(method, req, h);
                match tokio::time::timeout(self.cfg.timeout, fut).await {
                    Ok(r) => r,
                    Err(_) => Err(ProxyError::Failed(format!(
                        "no answer within {:?}",
                        self.cfg.timeout
                    ))),
                }
            }
        };
        self.metrics
            .proxy_inflight(protocol, &kind, &self.name, false);
        self.metrics.proxy(
            protocol,
            &kind,
            &self.name,
            started.elapsed(),
            resp.is_err(),
        );
        let resp = resp.map_err(|e| self.named(e))?;
        let (result, error, disconnect) = resp.into_parts();
        split(result, error, disconnect)
    }

    /// A failure in a log line names the proxy and its endpoint.
    fn named(&self, e: ProxyError) -> ProxyError {
        match e {
            ProxyError::Failed(why) => ProxyError::Failed(format!(
                "proxy {:?} at {}: {why}",
                self.name, self.cfg.endpoint
            )),
            e => e,
        }
    }

    async fn call_http<Req: Serialize, Resp: Response>(
        &self,
        client: &reqwest::Client,
        req: &Req,
        h: &ConnHeaders,
    ) -> Result<Resp, ProxyError> {
        let body =
            serde_json::to_vec(req).map_err(|e| ProxyError::Failed(format!("request: {e}")))?;
        let mut r = client.post(&self.cfg.endpoint);
        for (k, v) in self.outgoing(h) {
            r = r.header(k, v);
        }
        let resp = r
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| ProxyError::Failed(failure(&e)))?;
        let status = resp.status().as_u16();
        if status != 200 {
            let t = self
                .cfg
                .http
                .status_to_code_transforms
                .iter()
                .find(|t| t.status_code == status);
            if let Some(t) = t {
                if t.to_error.code > 0 {
                    return Err(ProxyError::Error(crate::protocol::pb::Error {
                        code: t.to_error.code,
                        message: t.to_error.message.clone(),
                        temporary: t.to_error.temporary,
                    }));
                }
                if t.to_disconnect.code > 0 {
                    return Err(ProxyError::Disconnect(crate::protocol::Disconnect {
                        code: t.to_disconnect.code,
                        reason: t.to_disconnect.reason.clone(),
                    }));
                }
            }
            return Err(ProxyError::Failed(format!(
                "unexpected HTTP status code: {status}"
            )));
        }
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| ProxyError::Failed(failure(&e)))?;
        if bytes.len() > MAX_RESPONSE {
            return Err(ProxyError::Failed(format!(
                "response of {} bytes is too large",
                bytes.len()
            )));
        }
        serde_json::from_slice(&bytes)
            .map_err(|e| ProxyError::Failed(format!("malformed response: {e}")))
    }

    /// A ready GRPC client on this endpoint's channel (connected on first use).
    async fn grpc(&self) -> Result<tonic::client::Grpc<tonic::transport::Channel>, ProxyError> {
        let Kind::Grpc { uri, tls, channel } = &self.kind else {
            return Err(ProxyError::Failed("not a grpc:// endpoint".into()));
        };
        let ch = channel
            .get_or_try_init(|| async {
                let mut e = tonic::transport::Endpoint::from_shared(uri.to_string())
                    .map_err(|e| ProxyError::Failed(format!("endpoint: {e}")))?
                    .connect_timeout(self.cfg.timeout);
                if let Some(t) = tls {
                    e = e
                        .tls_config((**t).clone())
                        .map_err(|e| ProxyError::Failed(format!("tls: {e}")))?;
                }
                Ok::<_, ProxyError>(e.connect_lazy())
            })
            .await?
            .clone();
        let mut grpc = tonic::client::Grpc::new(ch).max_decoding_message_size(MAX_RESPONSE);
        grpc.ready()
            .await
            .map_err(|e| ProxyError::Failed(format!("GRPC connection: {e}")))?;
        Ok(grpc)
    }

    /// The request with the forwarded headers and the credentials as metadata.
    fn with_metadata<T>(&self, msg: T, h: &ConnHeaders) -> tonic::Request<T> {
        let mut request = tonic::Request::new(msg);
        let md = request.metadata_mut();
        let mut insert = |k: &str, v: &str| {
            if let (Ok(k), Ok(v)) = (
                k.parse::<tonic::metadata::MetadataKey<tonic::metadata::Ascii>>(),
                v.parse::<tonic::metadata::MetadataValue<tonic::metadata::Ascii>>(),
            ) {
                md.insert(k, v);
            }
        };
        for (k, v) in self.outgoing(h) {
            insert(&k, &v);
        }
        if !self.cfg.grpc.credentials_key.is_empty() {
            insert(
                &self.cfg.grpc.credentials_key.to_ascii_lowercase(),
                &self.cfg.grpc.credentials_value,
            );
        }
        request
    }

    async fn call_grpc<Req: prost::Message, Resp: Response>(
        &self,
        method: &'static str,
        req: &Req,
        h: &ConnHeaders,
    ) -> Result<Resp, ProxyError> {
        let mut grpc = self.grpc().await?;
        let request = self.with_metadata(Bytes::from(req.encode_to_vec()), h);
        let resp = grpc
            .unary(request, method_path(method)?, BytesCodec)
            .await
            .map_err(status_failure)?;
        Resp::decode(resp.into_inner())
            .map_err(|e| ProxyError::Failed(format!("malformed response: {e}")))
    }
}

/// The backend's disconnect or error (a code > 0), else the result.
fn split<T>(
    result: Option<T>,
    error: Option<wire::Error>,
    disconnect: Option<wire::Disconnect>,
) -> Result<Option<T>, ProxyError> {
    if let Some(d) = disconnect.filter(|d| d.code > 0) {
        return Err(ProxyError::Disconnect(crate::protocol::Disconnect {
            code: d.code,
            reason: d.reason,
        }));
    }
    if let Some(e) = error.filter(|e| e.code > 0) {
        return Err(ProxyError::Error(crate::protocol::pb::Error {
            code: e.code,
            message: e.message,
            temporary: e.temporary,
        }));
    }
    Ok(result)
}

/// An open subscribe stream: publications for one subscriber, and (bidirectional) where the
/// client's publications go.
pub(crate) struct SubscribeStream {
    pub(crate) incoming: tonic::Streaming<Bytes>,
    pub(crate) publisher: Option<tokio::sync::mpsc::Sender<Bytes>>,
}

/// Client publications queued into a bidirectional stream; a full queue refuses a publication.
const STREAM_PUBLISH_BACKLOG: usize = 64;

impl Endpoint {
    /// Opens a subscribe stream (GRPC only) and waits, within the proxy timeout, for its first
    /// message: the subscribe response. Its error or disconnect is the client's.
    pub(crate) async fn subscribe_stream(
        &self,
        req: wire::SubscribeRequest,
        bidirectional: bool,
        h: &ConnHeaders,
    ) -> Result<(Option<wire::SubscribeResult>, SubscribeStream), ProxyError> {
        if !matches!(self.kind, Kind::Grpc { .. }) {
            return Err(ProxyError::Failed(format!(
                "proxy {:?}: subscribe streams need a grpc:// endpoint",
                self.name
            )));
        }
        let open = async {
            let mut grpc = self.grpc().await?;
            let (incoming, publisher) = if bidirectional {
                let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(STREAM_PUBLISH_BACKLOG);
                let first = wire::StreamSubscribeRequest {
                    subscribe_request: Some(req),
                    publication: None,
                };
                let _ = tx.try_send(Bytes::from(first.encode_to_vec()));
                let out = futures_util::stream::unfold(rx, |mut rx| async move {
                    rx.recv().await.map(|b| (b, rx))
                });
                let path = method_path("SubscribeBidirectional")?;
                let resp = grpc
                    .streaming(self.with_metadata(out, h), path, BytesCodec)
                    .await
                    .map_err(status_failure)?;
                (resp.into_inner(), Some(tx))
            } else {
                let msg = Bytes::from(req.encode_to_vec());
                let path = method_path("SubscribeUnidirectional")?;
                let resp = grpc
                    .server_streaming(self.with_metadata(msg, h), path, BytesCodec)
                    .await
                    .map_err(status_failure)?;
                (resp.into_inner(), None)
            };
            let mut incoming = incoming;
            let first = incoming
                .message()
                .await
                .map_err(status_failure)?
                .ok_or_else(|| {
                    ProxyError::Failed("the stream ended before its first message".into())
                })?;
            let first = wire::StreamSubscribeResponse::decode(first)
                .map_err(|e| ProxyError::Failed(format!("malformed stream message: {e}")))?;
            let Some(resp) = first.subscribe_response else {
                return Err(ProxyError::Failed(
                    "the first stream message carries no subscribe response".into(),
                ));
            };
            Ok((
                resp,
                SubscribeStream {
                    incoming,
                    publisher,
                },
            ))
        };
        let (resp, stream) = match tokio::time::timeout(self.cfg.timeout, open).await {
            Ok(r) => r.map_err(|e| self.named(e))?,
            Err(_) => {
                return Err(self.named(ProxyError::Failed(format!(
                    "no subscribe response within {:?}",
                    self.cfg.timeout
                ))))
            }
        };
        let (result, error, disconnect) = resp.into_parts();
        split(result, error, disconnect).map(|r| (r, stream))
    }
}

fn method_path(method: &str) -> Result<http::uri::PathAndQuery, ProxyError> {
    http::uri::PathAndQuery::try_from(format!("{SERVICE}{method}"))
        .map_err(|e| ProxyError::Failed(format!("method path: {e}")))
}

fn status_failure(s: Status) -> ProxyError {
    ProxyError::Failed(format!("GRPC status {:?}: {}", s.code(), s.message()))
}

/// A reqwest error in a log line: what failed, without the whole source chain noise.
fn failure(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        format!("cannot connect: {e}")
    } else {
        e.to_string()
    }
}

/// Messages already encoded both ways: requests go out as prost bytes, responses are decoded by
/// the caller into the event's response type.
#[derive(Clone, Copy, Default)]
struct BytesCodec;
struct BytesEncoder;
struct BytesDecoder;

impl Encoder for BytesEncoder {
    type Item = Bytes;
    type Error = Status;
    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.reserve(item.len());
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for BytesDecoder {
    type Item = Bytes;
    type Error = Status;
    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Bytes>, Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

impl Codec for BytesCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = BytesEncoder;
    type Decoder = BytesDecoder;
    fn encoder(&mut self) -> BytesEncoder {
        BytesEncoder
    }
    fn decoder(&mut self) -> BytesDecoder {
        BytesDecoder
    }
}

/// How long a connection lives after a refresh the backend could not answer (Centrifugo's
/// grace: the backend gets another chance a minute later).
pub(crate) const REFRESH_RETRY: Duration = Duration::from_secs(60);
