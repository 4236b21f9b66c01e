//! The node: one facade over hub, broker, presence manager, token verifiers and channel rules.

use crate::auth::{TokenSettings, Verifier};
use crate::broker::memory::MemoryBroker;
use crate::broker::{Broker, BrokerError, EventHandler, HistoryQuery, PublishOptions};
use crate::channel::{history_enabled, ChannelRules};
use crate::config::{ChannelOptions, Config, TokenConfig};
use crate::hub::{DeltaState, Encodings, Hub, SubscriberOptions, Variant};
use crate::presence::memory::MemoryPresence;
use crate::presence::PresenceManager;
use crate::protocol::{pb, ClientInfo, Disconnect, Format, Publication, StreamPosition};
use crate::session::handle::{ClientHandle, Control};
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;

/// Why the node could not be built from a config.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    #[error("client.token: {0}")]
    Token(String),
    #[error("client.subscription_token: {0}")]
    SubscriptionToken(String),
    #[error("{0}: {1:?} is not supported by this build yet (only \"memory\"); it would run as a single node")]
    Engine(&'static str, String),
}

/// Enabled config sections this build does not implement yet (they are accepted and ignored).
pub fn unimplemented_features(c: &Config) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |on: bool, name: &'static str| {
        if on {
            out.push(name);
        }
    };
    check(c.sse.enabled, "sse");
    check(c.http_stream.enabled, "http_stream");
    check(c.webtransport.enabled, "webtransport");
    check(c.uni_sse.enabled, "uni_sse");
    check(c.uni_http_stream.enabled, "uni_http_stream");
    check(c.uni_websocket.enabled, "uni_websocket");
    check(c.uni_grpc.enabled, "uni_grpc");
    check(c.grpc_api.enabled, "grpc_api");
    check(c.admin.enabled, "admin");
    check(c.prometheus.enabled, "prometheus");
    check(c.swagger.enabled, "swagger");
    check(c.debug.enabled, "debug");
    check(c.init.enabled, "init");
    check(!c.proxies.is_empty(), "proxies");
    check(!c.consumers.is_empty(), "consumers");
    check(
        c.client.proxy.connect.enabled || c.client.proxy.refresh.enabled,
        "client.proxy",
    );
    check(
        !c.client.token.jwks_public_endpoint.is_empty(),
        "client.token.jwks_public_endpoint",
    );
    let non_stream = |t: &str| !t.is_empty() && t != "stream";
    check(
        non_stream(&c.channel.without_namespace.subscription_type)
            || c.channel
                .namespaces
                .iter()
                .any(|n| non_stream(&n.options.subscription_type)),
        "channel subscription_type map/shared_poll",
    );
    out
}

/// Version string sent to clients and in `info`, as Centrifugo OSS formats it.
pub fn version_string() -> String {
    format!("{} OSS", env!("CARGO_PKG_VERSION"))
}

pub struct Node {
    pub id: String,
    pub name: String,
    pub version: String,
    pub config: Arc<Config>,
    pub rules: ChannelRules,
    pub hub: Arc<Hub>,
    broker: Arc<dyn Broker>,
    presence: Arc<dyn PresenceManager>,
    pub verifier: Verifier,
    pub sub_verifier: Option<Verifier>,
    rpc_handler: std::sync::OnceLock<Arc<dyn crate::proxy::RpcHandler>>,
    started: std::time::Instant,
    /// `client.connection_rate_limit`: a bucket of that many connection requests, refilled at one
    /// per second (the shape of Centrifugo's limiter). (tokens, last refill)
    conn_rate: std::sync::Mutex<(f64, std::time::Instant)>,
}

/// `TokenConfig` (config) -> `TokenSettings` (auth).
pub fn token_settings(t: &TokenConfig, skip_verify: bool) -> TokenSettings {
    TokenSettings {
        hmac_secret_key: t.hmac_secret_key.clone(),
        hmac_previous_secret_key: t.hmac_previous_secret_key.clone(),
        hmac_previous_secret_key_valid_until: t.hmac_previous_secret_key_valid_until,
        rsa_public_key: t.rsa_public_key.clone(),
        ecdsa_public_key: t.ecdsa_public_key.clone(),
        audience: t.audience.clone(),
        audience_regex: t.audience_regex.clone(),
        issuer: t.issuer.clone(),
        issuer_regex: t.issuer_regex.clone(),
        user_id_claim: t.user_id_claim.clone(),
        insecure_skip_signature_verify: skip_verify,
    }
}

/// A publication as a delta subscriber gets it: with `patch`, the patch flagged `delta`; without,
/// the whole data. On JSON connections the data travels as a JSON string either way (the SDKs
/// decode it as text); a patch that is not valid UTF-8 cannot, so the whole data goes instead.
pub fn delta_form(f: Format, p: &pb::Publication, patch: Option<&[u8]>) -> pb::Publication {
    let mut q = p.clone();
    let (data, delta) = match patch {
        Some(d) if f == Format::Protobuf || std::str::from_utf8(d).is_ok() => (d, true),
        _ => (&p.data[..], false),
    };
    q.delta = delta;
    q.data = match f {
        Format::Protobuf => Bytes::copy_from_slice(data),
        Format::Json => match std::str::from_utf8(data) {
            Ok(text) => Bytes::from(serde_json::to_string(text).unwrap_or_default()),
            Err(_) => Bytes::copy_from_slice(data),
        },
    };
    q
}

/// Delivers broker events to local subscribers: each publication is encoded once and shared.
struct Events {
    hub: Arc<Hub>,
}

impl EventHandler for Events {
    fn on_publication(
        &self,
        channel: &str,
        publication: Publication,
        position: StreamPosition,
        prev: Option<Publication>,
    ) {
        let mut p = pb::Publication::from(&publication);
        if p.offset > 0 {
            p.epoch = position.epoch;
        }
        // The patch against the previous publication, made once and only if a delta subscriber
        // needs it; None when there is nothing to patch against or the patch is not smaller.
        let patch = std::cell::OnceCell::new();
        let patch = || {
            patch
                .get_or_init(|| {
                    let prev = prev.as_ref()?;
                    let d = crate::protocol::fossil::encode(&prev.data, &p.data);
                    (d.len() < p.data.len()).then_some(d)
                })
                .as_deref()
        };
        let encode = |f: Format, v: Variant| match v {
            Variant::Plain => f.encode_publication(channel, &p),
            Variant::DeltaFull => f.encode_publication(channel, &delta_form(f, &p, None)),
            Variant::DeltaPatch => f.encode_publication(channel, &delta_form(f, &p, patch())),
        };
        self.hub.broadcast(
            channel,
            p.offset,
            &publication.tags,
            &Encodings::with_variants(&encode),
        );
    }

    fn on_join(&self, channel: &str, info: ClientInfo) {
        let push = pb::Push {
            channel: channel.to_string(),
            join: Some(pb::Join {
                info: Some((&info).into()),
            }),
            ..Default::default()
        };
        self.broadcast_push(channel, push);
    }

    fn on_leave(&self, channel: &str, info: ClientInfo) {
        let push = pb::Push {
            channel: channel.to_string(),
            leave: Some(pb::Leave {
                info: Some((&info).into()),
            }),
            ..Default::default()
        };
        self.broadcast_push(channel, push);
    }
}

impl Events {
    fn broadcast_push(&self, channel: &str, push: pb::Push) {
        let reply = pb::Reply {
            push: Some(push),
            ..Default::default()
        };
        let encode = |f: Format| f.encode(&reply);
        self.hub
            .broadcast_join_leave(channel, &Encodings::new(&encode));
    }
}

/// Extra publish parameters from the server API.
#[derive(Debug, Clone, Default)]
pub struct PublishExtra {
    pub skip_history: bool,
    pub idempotency_key: Option<String>,
    pub tags: Vec<(String, String)>,
    /// Publication version (0 = none) and its epoch; only acted on with history on.
    pub version: u64,
    pub version_epoch: String,
    /// Make a fossil patch for delta subscribers (also on with the namespace's `delta_publish`).
    pub delta: bool,
}

/// A subscription being added to the node on behalf of a connection.
pub struct LocalSubscription<'a> {
    pub channel: &'a str,
    pub handle: Arc<ClientHandle>,
    pub info: ClientInfo,
    pub presence: bool,
    pub push_join_leave: bool,
    /// Hold publications until `Hub::release` (positioned subscriptions, so none is lost or doubled).
    pub held: bool,
    /// Deliver only publications whose tags match.
    pub tags_filter: Option<Arc<crate::protocol::filter::FilterNode>>,
    /// Fossil delta delivery, when negotiated.
    pub delta: Option<DeltaState>,
}

impl Node {
    pub fn new(config: Config) -> Result<Arc<Node>, NodeError> {
        let conn_rate_limit = config.client.connection_rate_limit as f64;
        if config.engine.kind != "memory" {
            return Err(NodeError::Engine("engine.type", config.engine.kind.clone()));
        }
        if config.broker.enabled && config.broker.kind != "memory" {
            return Err(NodeError::Engine("broker.type", config.broker.kind.clone()));
        }
        if config.presence_manager.enabled && config.presence_manager.kind != "memory" {
            return Err(NodeError::Engine(
                "presence_manager.type",
                config.presence_manager.kind.clone(),
            ));
        }
        let c = &config.client;
        let verifier = Verifier::new(&token_settings(
            &c.token,
            c.insecure_skip_token_signature_verify,
        ))
        .map_err(|e| NodeError::Token(e.to_string()))?;
        let st = &c.subscription_token;
        let sub_verifier = if st.enabled {
            let t = st.token();
            Some(
                Verifier::new(&token_settings(&t, c.insecure_skip_token_signature_verify))
                    .map_err(|e| NodeError::SubscriptionToken(e.to_string()))?,
            )
        } else {
            None
        };
        let hub = Arc::new(Hub::default());
        let broker: Arc<dyn Broker> = Arc::new(MemoryBroker::new());
        broker.run(Arc::new(Events { hub: hub.clone() }));
        let presence: Arc<dyn PresenceManager> = Arc::new(MemoryPresence::new());
        let name = if config.node.name.is_empty() {
            format!("{}_{}", hostname(), config.http_server.port)
        } else {
            config.node.name.clone()
        };
        Ok(Arc::new(Node {
            id: uuid::Uuid::new_v4().to_string(),
            name,
            version: version_string(),
            rules: ChannelRules::new(&config.channel),
            config: Arc::new(config),
            hub,
            broker,
            presence,
            verifier,
            sub_verifier,
            rpc_handler: std::sync::OnceLock::new(),
            started: std::time::Instant::now(),
            conn_rate: std::sync::Mutex::new((conn_rate_limit, std::time::Instant::now())),
        }))
    }

    /// Installs the handler for client RPCs (the RPC proxy, or an embedding application). Set once.
    pub fn set_rpc_handler(&self, h: Arc<dyn crate::proxy::RpcHandler>) -> bool {
        self.rpc_handler.set(h).is_ok()
    }

    pub fn rpc_handler(&self) -> Option<&Arc<dyn crate::proxy::RpcHandler>> {
        self.rpc_handler.get()
    }

    /// The verifier for subscription tokens: the separate one when enabled, else the connection one.
    pub fn subscription_verifier(&self) -> &Verifier {
        self.sub_verifier.as_ref().unwrap_or(&self.verifier)
    }

    /// Takes one connection request from the `client.connection_rate_limit` bucket; false when it
    /// is empty (the request gets 503). Always true without a limit.
    pub fn allow_connection_attempt(&self) -> bool {
        let limit = self.config.client.connection_rate_limit as f64;
        if limit <= 0.0 {
            return true;
        }
        let mut bucket = self.conn_rate.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        let refill = now.saturating_duration_since(bucket.1).as_secs_f64();
        bucket.0 = (bucket.0 + refill).min(limit);
        bucket.1 = now;
        if bucket.0 >= 1.0 {
            bucket.0 -= 1.0;
            true
        } else {
            false
        }
    }

    pub fn uptime_seconds(&self) -> u64 {
        self.started.elapsed().as_secs()
    }

    /// Publishes into a channel with the channel's history settings.
    pub async fn publish(
        &self,
        channel: &str,
        opts: &ChannelOptions,
        data: Bytes,
        info: Option<ClientInfo>,
        extra: &PublishExtra,
    ) -> Result<(StreamPosition, bool), BrokerError> {
        let mut po = PublishOptions {
            idempotency_key: extra.idempotency_key.clone(),
            ..Default::default()
        };
        if history_enabled(opts) && !extra.skip_history {
            po.history_size = opts.history_size;
            po.history_ttl = opts.history_ttl;
            po.history_meta_ttl = self.meta_ttl(opts);
            po.version = extra.version;
            po.version_epoch = extra.version_epoch.clone();
            po.use_delta = extra.delta || opts.delta_publish;
        }
        let publication = Publication {
            offset: 0,
            data,
            info,
            tags: extra.tags.clone(),
            // Centrifugo OSS does not stamp publications with a time (the field stays unset on the wire).
            time: 0,
        };
        self.broker.publish(channel, publication, &po).await
    }

    fn meta_ttl(&self, opts: &ChannelOptions) -> std::time::Duration {
        if opts.history_meta_ttl.is_zero() {
            self.config.channel.history_meta_ttl
        } else {
            opts.history_meta_ttl
        }
    }

    pub async fn history(
        &self,
        channel: &str,
        opts: &ChannelOptions,
        since: Option<StreamPosition>,
        limit: i32,
        reverse: bool,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError> {
        // Reverse iteration "since offset 0" has no meaning; Centrifugo refuses it (107).
        if reverse && since.as_ref().is_some_and(|s| s.offset == 0) {
            return Err(BrokerError::BadRequest);
        }
        let q = HistoryQuery {
            since,
            limit,
            reverse,
            meta_ttl: self.meta_ttl(opts),
        };
        self.broker.history(channel, &q).await
    }

    pub async fn remove_history(&self, channel: &str) -> Result<(), BrokerError> {
        self.broker.remove_history(channel).await
    }

    pub async fn presence(
        &self,
        channel: &str,
    ) -> Result<HashMap<String, ClientInfo>, BrokerError> {
        self.presence.presence(channel).await
    }

    pub async fn presence_stats(&self, channel: &str) -> Result<(u32, u32), BrokerError> {
        self.presence.stats(channel).await
    }

    /// Re-announces presence of a subscriber (refresh timer).
    pub async fn refresh_presence(
        &self,
        channel: &str,
        info: &ClientInfo,
    ) -> Result<(), BrokerError> {
        self.presence.add(channel, &info.client, info.clone()).await
    }

    /// Adds a subscription: hub, broker subscription and presence.
    pub async fn add_subscription(&self, s: LocalSubscription<'_>) -> Result<(), BrokerError> {
        let first = self.hub.add_subscriber(
            s.channel,
            s.handle.clone(),
            SubscriberOptions {
                join_leave: s.push_join_leave,
                held: s.held,
                filter: s.tags_filter.clone(),
                delta: s.delta,
            },
        );
        if first {
            if let Err(e) = self.broker.subscribe(s.channel).await {
                self.hub.remove_subscriber(s.channel, &s.handle.id);
                return Err(e);
            }
        }
        if s.presence {
            self.presence.add(s.channel, &s.handle.id, s.info).await?;
        }
        Ok(())
    }

    /// Emits a join event (after the subscriber got its subscribe reply).
    pub async fn publish_join(&self, channel: &str, info: ClientInfo) {
        if let Err(e) = self.broker.publish_join(channel, info).await {
            tracing::warn!(channel, error = %e, "error publishing join");
        }
    }

    /// Removes a subscription: hub, presence, leave event and broker subscription when last.
    pub async fn remove_subscription(
        &self,
        channel: &str,
        client_id: &str,
        info: ClientInfo,
        presence: bool,
        join_leave: bool,
    ) {
        let last = self.hub.remove_subscriber(channel, client_id);
        if presence {
            if let Err(e) = self.presence.remove(channel, client_id).await {
                tracing::warn!(channel, error = %e, "error removing presence");
            }
        }
        if join_leave {
            if let Err(e) = self.broker.publish_leave(channel, info).await {
                tracing::warn!(channel, error = %e, "error publishing leave");
            }
        }
        if last {
            if let Err(e) = self.broker.unsubscribe(channel).await {
                tracing::warn!(channel, error = %e, "error unsubscribing from broker");
            }
        }
    }

    /// Sends a control request to the connections of a user, optionally narrowed to one client or session.
    pub fn control_user(
        &self,
        user: &str,
        client: &str,
        session: &str,
        whitelist: &[String],
        c: Control,
    ) {
        for h in self.hub.user_connections(user) {
            if (!client.is_empty() && h.id != client)
                || (!session.is_empty() && h.session != session)
                || whitelist.iter().any(|w| *w == h.id)
            {
                continue;
            }
            h.control(c.clone());
        }
    }

    /// Closes every connection (graceful shutdown).
    pub fn shutdown_connections(&self) {
        for h in self.hub.all_connections() {
            h.close(Disconnect::shutdown());
        }
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(json: &str) -> Config {
        crate::config::from_json_str(json)
            .expect("valid config")
            .config
    }

    #[test]
    fn engines_other_than_memory_are_refused_not_silently_replaced() {
        let err = Node::new(config(r#"{"engine": {"type": "redis"}}"#))
            .err()
            .expect("refused");
        assert!(
            err.to_string()
                .starts_with("engine.type: \"redis\" is not supported"),
            "{err}"
        );
        let err = Node::new(config(r#"{"broker": {"enabled": true, "type": "nats"}}"#))
            .err()
            .expect("refused");
        assert!(err.to_string().starts_with("broker.type"), "{err}");
        assert!(Node::new(config("{}")).is_ok());
    }

    #[test]
    fn enabled_but_unimplemented_sections_are_listed() {
        let c =
            config(r#"{"sse": {"enabled": true}, "admin": {"enabled": true, "insecure": true}}"#);
        assert_eq!(unimplemented_features(&c), vec!["sse", "admin"]);
        assert!(unimplemented_features(&config("{}")).is_empty());
        let c = config(
            r#"{"channel": {"namespaces": [{"name": "mp", "subscription_type": "map", "map": {"mode": "ephemeral", "key_ttl": "60s"}}]}}"#,
        );
        assert_eq!(
            unimplemented_features(&c),
            vec!["channel subscription_type map/shared_poll"]
        );
    }
}
