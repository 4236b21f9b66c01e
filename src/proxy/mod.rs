//! Calls from the server to the application backend (spec §5): the connect, refresh, subscribe,
//! publish, sub_refresh and RPC proxies, over HTTP (JSON) or GRPC (`proxy.proto`), configured as
//! `client.proxy.*`, `channel.proxy.*`, `rpc.proxy` ("default") and named `proxies[]`.
//! Also the RPC hook an embedding application can install instead of a proxy.

mod client;
pub(crate) mod wire;

pub(crate) use client::{Endpoint, SubscribeStream, REFRESH_RETRY};

use crate::config::{Config, Proxy, DEFAULT_PROXY_NAME};
use crate::protocol::{Disconnect, Format};
use async_trait::async_trait;
use base64::Engine as _;
use bytes::Bytes;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One client RPC, as the backend sees it.
#[derive(Debug, Clone)]
pub struct RpcCall {
    pub client: String,
    pub user: String,
    pub transport: &'static str,
    pub method: String,
    /// Raw payload (JSON text on JSON connections, bytes on Protobuf ones).
    pub data: Bytes,
}

/// How a backend can refuse an RPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RpcError {
    /// A reply error for the client (codes 400–1999 are the application's).
    Error {
        code: u32,
        message: String,
        temporary: bool,
    },
    /// Close the connection instead of replying.
    Disconnect(Disconnect),
    /// No handler for this method: 104 to the client.
    NotFound,
}

/// Handles client `rpc` commands that are not the built-in `rpc.ping`.
#[async_trait]
pub trait RpcHandler: Send + Sync {
    async fn rpc(&self, call: RpcCall) -> Result<Bytes, RpcError>;
}

/// Why a proxy call did not give a result.
#[derive(Debug, Clone)]
pub(crate) enum ProxyError {
    /// The backend's error for the client (or a mapped HTTP status).
    Error(crate::protocol::pb::Error),
    /// The backend asks to close the connection.
    Disconnect(Disconnect),
    /// The backend is down, slow, or answered something unusable: logged, the client gets the
    /// event's internal error.
    Failed(String),
}

/// What the connection request brought that proxies may forward: transport headers (or, for a
/// GRPC client, its metadata) with lowercase names, and the SDK's emulated `headers`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnHeaders {
    pub transport: Vec<(String, String)>,
    /// The transport headers are GRPC metadata (`grpc_metadata` selects them, not `http_headers`).
    pub grpc: bool,
    pub emulated: BTreeMap<String, String>,
}

/// Who calls: the fields every client event request carries, and the connection's state.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    pub client: String,
    pub transport: &'static str,
    pub protocol: Format,
    pub user: String,
    /// `meta` from the connect proxy result or the token (sent with `include_connection_meta`).
    pub meta: Bytes,
    pub headers: Arc<ConnHeaders>,
}

impl Caller {
    /// (client, transport, protocol, encoding) for `ep`.
    fn common(&self, ep: &Endpoint) -> (String, String, String, String) {
        let protocol = match self.protocol {
            Format::Json => "json",
            Format::Protobuf => "protobuf",
        };
        let encoding = if ep.binary() { "binary" } else { "json" };
        (
            self.client.clone(),
            self.transport.to_string(),
            protocol.to_string(),
            encoding.to_string(),
        )
    }

    fn meta(&self, ep: &Endpoint) -> Bytes {
        if ep.include_meta() {
            self.meta.clone()
        } else {
            Bytes::new()
        }
    }
}

/// A payload for a request: raw (JSON encoding) or base64 (binary encoding).
fn payload(ep: &Endpoint, data: &Bytes) -> (Bytes, String) {
    if ep.binary() {
        (
            Bytes::new(),
            base64::engine::general_purpose::STANDARD.encode(data),
        )
    } else {
        (data.clone(), String::new())
    }
}

/// A payload from a result: `b64` (decoded) wins over the raw field. Bad base64 is a failure.
pub(crate) fn result_payload(raw: Bytes, b64: &str) -> Result<Option<Bytes>, ProxyError> {
    if !b64.is_empty() {
        return base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map(|b| Some(Bytes::from(b)))
            .map_err(|e| ProxyError::Failed(format!("malformed base64 in the result: {e}")));
    }
    Ok((!raw.is_empty()).then_some(raw))
}

/// The configured proxies, resolved once at startup.
#[derive(Default)]
pub(crate) struct Proxies {
    pub connect: Option<Arc<Endpoint>>,
    pub refresh: Option<Arc<Endpoint>>,
    default_subscribe: Option<Arc<Endpoint>>,
    default_publish: Option<Arc<Endpoint>>,
    default_sub_refresh: Option<Arc<Endpoint>>,
    default_subscribe_stream: Option<Arc<Endpoint>>,
    default_rpc: Option<Arc<Endpoint>>,
    named: HashMap<String, Arc<Endpoint>>,
    /// Lowercase names of transport headers / metadata any proxy forwards: what a connection
    /// request keeps.
    pub header_names: Vec<String>,
}

/// The channel events a namespace can proxy.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ChannelEvent {
    Subscribe,
    Publish,
    SubRefresh,
    SubscribeStream,
}

impl Proxies {
    pub(crate) fn new(
        c: &Config,
        metrics: &Arc<crate::metrics::Metrics>,
    ) -> Result<Proxies, String> {
        let mut names: Vec<String> = Vec::new();
        let mut note = |p: &Proxy| {
            for h in p.http_headers.iter().chain(&p.grpc_metadata) {
                let h = h.to_ascii_lowercase();
                if !names.contains(&h) {
                    names.push(h);
                }
            }
        };
        let build = |name: &str, key: &str, p: &Proxy| -> Result<Option<Arc<Endpoint>>, String> {
            if p.endpoint.is_empty() {
                return Ok(None);
            }
            Endpoint::new(name, key, p, metrics.clone()).map(|e| Some(Arc::new(e)))
        };
        let cp = &c.client.proxy;
        let mut out = Proxies::default();
        if cp.connect.enabled {
            note(&cp.connect.proxy);
            out.connect = build(
                DEFAULT_PROXY_NAME,
                "client.proxy.connect",
                &cp.connect.proxy,
            )?;
        }
        if cp.refresh.enabled {
            note(&cp.refresh.proxy);
            out.refresh = build(
                DEFAULT_PROXY_NAME,
                "client.proxy.refresh",
                &cp.refresh.proxy,
            )?;
        }
        let ch = &c.channel.proxy;
        out.default_subscribe =
            build(DEFAULT_PROXY_NAME, "channel.proxy.subscribe", &ch.subscribe)?;
        out.default_publish = build(DEFAULT_PROXY_NAME, "channel.proxy.publish", &ch.publish)?;
        out.default_sub_refresh = build(
            DEFAULT_PROXY_NAME,
            "channel.proxy.sub_refresh",
            &ch.sub_refresh,
        )?;
        out.default_subscribe_stream = build(
            DEFAULT_PROXY_NAME,
            "channel.proxy.subscribe_stream",
            &ch.subscribe_stream,
        )?;
        out.default_rpc = build(DEFAULT_PROXY_NAME, "rpc.proxy", &c.rpc.proxy)?;
        for p in [
            &ch.subscribe,
            &ch.publish,
            &ch.sub_refresh,
            &ch.subscribe_stream,
            &c.rpc.proxy,
        ] {
            note(p);
        }
        for (i, p) in c.proxies.iter().enumerate() {
            note(&p.proxy);
            if let Some(e) = build(&p.name, &format!("proxies[{i}]"), &p.proxy)? {
                out.named.insert(p.name.clone(), e);
            }
        }
        out.header_names = names;
        Ok(out)
    }

    fn by_name(&self, name: &str, default: &Option<Arc<Endpoint>>) -> Option<Arc<Endpoint>> {
        if name.is_empty() || name == DEFAULT_PROXY_NAME {
            default.clone()
        } else {
            self.named.get(name).cloned()
        }
    }

    /// The proxy named `name` for a channel event ("default": the `channel.proxy.*` one).
    pub(crate) fn channel(&self, event: ChannelEvent, name: &str) -> Option<Arc<Endpoint>> {
        let default = match event {
            ChannelEvent::Subscribe => &self.default_subscribe,
            ChannelEvent::Publish => &self.default_publish,
            ChannelEvent::SubRefresh => &self.default_sub_refresh,
            ChannelEvent::SubscribeStream => &self.default_subscribe_stream,
        };
        self.by_name(name, default)
    }

    /// The RPC proxy named `name` ("default": `rpc.proxy`).
    pub(crate) fn rpc(&self, name: &str) -> Option<Arc<Endpoint>> {
        self.by_name(name, &self.default_rpc)
    }

    /// Whether any RPC namespace proxies its calls (then methods are resolved by namespace).
    pub(crate) fn rpc_configured(c: &Config) -> bool {
        c.rpc.without_namespace.proxy_enabled
            || c.rpc.namespaces.iter().any(|n| n.options.proxy_enabled)
    }
}

/// The connect proxy: who the connection is, when no token says it.
pub(crate) async fn connect(
    ep: &Endpoint,
    c: &Caller,
    data: &Bytes,
    name: &str,
    version: &str,
    channels: Vec<String>,
) -> Result<Option<wire::ConnectResult>, ProxyError> {
    let (client, transport, protocol, encoding) = c.common(ep);
    let (data, b64data) = payload(ep, data);
    let req = wire::ConnectRequest {
        client,
        transport,
        protocol,
        encoding,
        data,
        b64data,
        name: name.to_string(),
        version: version.to_string(),
        channels,
    };
    ep.call::<_, wire::ConnectResponse>("Connect", &req, &c.headers)
        .await
}

/// The refresh proxy: extends (or ends) an expiring connection.
pub(crate) async fn refresh(
    ep: &Endpoint,
    c: &Caller,
) -> Result<Option<wire::RefreshResult>, ProxyError> {
    let (client, transport, protocol, encoding) = c.common(ep);
    let req = wire::RefreshRequest {
        client,
        transport,
        protocol,
        encoding,
        user: c.user.clone(),
        meta: c.meta(ep),
    };
    ep.call::<_, wire::RefreshResponse>("Refresh", &req, &c.headers)
        .await
}

/// The subscribe request both the subscribe and the subscribe stream proxies send.
fn subscribe_request(
    ep: &Endpoint,
    c: &Caller,
    channel: &str,
    token: &str,
    data: &Bytes,
) -> wire::SubscribeRequest {
    let (client, transport, protocol, encoding) = c.common(ep);
    let (data, b64data) = payload(ep, data);
    wire::SubscribeRequest {
        client,
        transport,
        protocol,
        encoding,
        user: c.user.clone(),
        channel: channel.to_string(),
        token: token.to_string(),
        meta: c.meta(ep),
        data,
        b64data,
    }
}

/// The subscribe proxy: may this connection subscribe, and with what.
pub(crate) async fn subscribe(
    ep: &Endpoint,
    c: &Caller,
    channel: &str,
    token: &str,
    data: &Bytes,
) -> Result<Option<wire::SubscribeResult>, ProxyError> {
    let req = subscribe_request(ep, c, channel, token, data);
    ep.call::<_, wire::SubscribeResponse>("Subscribe", &req, &c.headers)
        .await
}

/// The subscribe stream proxy: the backend's subscribe answer, then a stream of publications for
/// this subscriber (and, bidirectional, a way to send the client's publications to it).
pub(crate) async fn subscribe_stream(
    ep: &Endpoint,
    c: &Caller,
    channel: &str,
    token: &str,
    data: &Bytes,
    bidirectional: bool,
) -> Result<(Option<wire::SubscribeResult>, SubscribeStream), ProxyError> {
    let req = subscribe_request(ep, c, channel, token, data);
    ep.subscribe_stream(req, bidirectional, &c.headers).await
}

/// A client publication for a bidirectional subscribe stream, encoded for it.
pub(crate) fn stream_publication(data: Bytes) -> Bytes {
    use prost::Message as _;
    let m = wire::StreamSubscribeRequest {
        subscribe_request: None,
        publication: Some(wire::StreamPublication {
            data,
            tags: Default::default(),
        }),
    };
    Bytes::from(m.encode_to_vec())
}

/// The publish proxy: may this publication go out, and as what.
pub(crate) async fn publish(
    ep: &Endpoint,
    c: &Caller,
    channel: &str,
    data: &Bytes,
) -> Result<Option<wire::PublishResult>, ProxyError> {
    let (client, transport, protocol, encoding) = c.common(ep);
    let (data, b64data) = payload(ep, data);
    let req = wire::PublishRequest {
        client,
        transport,
        protocol,
        encoding,
        user: c.user.clone(),
        channel: channel.to_string(),
        data,
        b64data,
        meta: c.meta(ep),
    };
    ep.call::<_, wire::PublishResponse>("Publish", &req, &c.headers)
        .await
}

/// The sub_refresh proxy: extends (or ends) an expiring subscription.
pub(crate) async fn sub_refresh(
    ep: &Endpoint,
    c: &Caller,
    channel: &str,
) -> Result<Option<wire::SubRefreshResult>, ProxyError> {
    let (client, transport, protocol, encoding) = c.common(ep);
    let req = wire::SubRefreshRequest {
        client,
        transport,
        protocol,
        encoding,
        user: c.user.clone(),
        channel: channel.to_string(),
        meta: c.meta(ep),
    };
    ep.call::<_, wire::SubRefreshResponse>("SubRefresh", &req, &c.headers)
        .await
}

/// The RPC proxy: the backend answers the client's call.
pub(crate) async fn rpc(
    ep: &Endpoint,
    c: &Caller,
    method: &str,
    data: &Bytes,
) -> Result<Option<wire::RpcResult>, ProxyError> {
    let (client, transport, protocol, encoding) = c.common(ep);
    let (data, b64data) = payload(ep, data);
    let req = wire::RpcRequest {
        client,
        transport,
        protocol,
        encoding,
        user: c.user.clone(),
        method: method.to_string(),
        data,
        b64data,
        meta: c.meta(ep),
    };
    ep.call::<_, wire::RpcResponse>("RPC", &req, &c.headers)
        .await
}
