//! The node: one facade over hub, broker, presence manager, token verifiers and channel rules.

mod builder;
mod control;
mod emulation;
mod events;

pub use builder::{NodeBuilder, NodeError};
pub(crate) use emulation::EmulationError;
pub(crate) use events::delta_form;

use crate::auth::Verifier;
use crate::broker::{Broker, BrokerError, Controller, HistoryQuery, PublishOptions};
use crate::channel::{history_enabled, ChannelRules};
use crate::cluster::{Peers, Surveys};
use crate::config::{ChannelOptions, Config};
use crate::hub::{DeltaState, Hub, SubscriberOptions};
use crate::metrics::{Action, MessageType};
use crate::outbox::ClientHandle;
use crate::presence::PresenceManager;
use crate::protocol::{ClientInfo, Disconnect, Publication, StreamPosition};
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;

/// Enabled config sections this build does not implement yet (they are accepted and ignored).
pub fn unimplemented_features(c: &Config) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |on: bool, name: &'static str| {
        if on {
            out.push(name);
        }
    };
    check(
        c.grpc_api.enabled && c.grpc_api.reflection,
        "grpc_api.reflection",
    );
    check(
        c.admin.enabled && !c.admin.web_proxy_address.is_empty(),
        "admin.web_proxy_address",
    );
    check(c.swagger.enabled, "swagger");
    check(c.debug.enabled, "debug");
    check(!c.consumers.is_empty(), "consumers");
    let non_stream = |t: &str| !t.is_empty() && t != "stream";
    check(
        non_stream(&c.channel.without_namespace.subscription_type)
            || c.channel
                .namespaces
                .iter()
                .any(|n| non_stream(&n.options.subscription_type)),
        "channel subscription_type map/shared_poll",
    );
    // Redis options this build accepts and does not act on.
    let redis = [
        (&c.engine.redis.redis, c.engine.kind == "redis"),
        (
            &c.broker.redis.redis,
            c.broker.enabled && c.broker.kind == "redis",
        ),
        (
            &c.presence_manager.redis.redis,
            c.presence_manager.enabled && c.presence_manager.kind == "redis",
        ),
    ];
    let used = |f: fn(&crate::config::Redis) -> bool| redis.iter().any(|(r, on)| *on && f(r));
    check(used(|r| r.replica_client.enabled), "redis replica_client");
    check(
        used(|r| !r.tls.server_name.is_empty() || !r.sentinel_tls.server_name.is_empty()),
        "redis tls.server_name",
    );
    let hash_ttl = (c.engine.kind == "redis" && c.engine.redis.presence_hash_field_ttl)
        || (c.presence_manager.enabled && c.presence_manager.redis.presence_hash_field_ttl);
    check(hash_ttl, "redis presence_hash_field_ttl");
    out
}

/// Version string sent to clients and in `info`, as Centrifugo OSS formats it.
pub(crate) fn version_string() -> String {
    format!("{} OSS", env!("CARGO_PKG_VERSION"))
}

pub struct Node {
    pub id: String,
    pub name: String,
    pub version: String,
    pub config: Arc<Config>,
    pub rules: ChannelRules,
    /// Local connections and subscribers: private, every cluster-wide question is a node method.
    hub: Arc<Hub>,
    broker: Arc<dyn Broker>,
    presence: Arc<dyn PresenceManager>,
    controller: Arc<dyn Controller>,
    /// Other nodes, from their heartbeats.
    peers: Peers,
    /// Surveys waiting for the other nodes' replies.
    surveys: Surveys,
    pub verifier: Verifier,
    pub sub_verifier: Option<Verifier>,
    rpc_handler: std::sync::OnceLock<Arc<dyn crate::proxy::RpcHandler>>,
    /// The backend proxies of the config.
    pub(crate) proxies: crate::proxy::Proxies,
    started: std::time::Instant,
    /// `client.connection_rate_limit`: a bucket of that many connection requests, refilled at one
    /// per second (the shape of Centrifugo's limiter). (tokens, last refill)
    conn_rate: std::sync::Mutex<(f64, std::time::Instant)>,
    /// Sessions of the emulated transports on this node, for `/emulation` requests.
    emulated: emulation::EmulatedSessions,
    /// What `/metrics` and the Graphite export report.
    pub(crate) metrics: Arc<crate::metrics::Metrics>,
    /// Live trace watchers (`/admin/trace`).
    pub(crate) tracer: Arc<crate::trace::Tracer>,
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
    /// A node on the parts the config names (see `NodeBuilder` to hand some in).
    pub fn new(config: Config) -> Result<Arc<Node>, NodeError> {
        NodeBuilder::new(config).build()
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

    /// Why this node cannot serve now (its broker or presence store unreachable), if it cannot.
    pub fn unavailable(&self) -> Option<String> {
        self.broker
            .unavailable()
            .or_else(|| self.presence.unavailable())
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
        self.metrics.message_sent(MessageType::Publication);
        let out = self.broker.publish(channel, publication, &po).await;
        if matches!(out, Ok((_, true))) {
            self.metrics.publish_suppressed();
        }
        out
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
        self.metrics.action(Action::History);
        self.broker.history(channel, &q).await
    }

    pub async fn remove_history(&self, channel: &str) -> Result<(), BrokerError> {
        self.metrics.action(Action::HistoryRemove);
        self.broker.remove_history(channel).await
    }

    pub async fn presence(
        &self,
        channel: &str,
    ) -> Result<HashMap<String, ClientInfo>, BrokerError> {
        self.metrics.action(Action::Presence);
        self.presence.presence(channel).await
    }

    pub async fn presence_stats(&self, channel: &str) -> Result<(u32, u32), BrokerError> {
        self.metrics.action(Action::PresenceStats);
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
            self.metrics.action(Action::BrokerSubscribe);
            if let Err(e) = self.broker.subscribe(s.channel).await {
                self.hub.remove_subscriber(s.channel, &s.handle.id);
                return Err(e);
            }
        }
        if s.presence {
            self.metrics.action(Action::AddPresence);
            self.presence.add(s.channel, &s.handle.id, s.info).await?;
        }
        self.metrics.action(Action::AddSubscription);
        self.metrics.subscription(true);
        Ok(())
    }

    /// Emits a join event (after the subscriber got its subscribe reply).
    pub async fn publish_join(&self, channel: &str, info: ClientInfo) {
        self.metrics.message_sent(MessageType::Join);
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
        self.metrics.action(Action::RemoveSubscription);
        self.metrics.subscription(false);
        if presence {
            self.metrics.action(Action::RemovePresence);
            if let Err(e) = self.presence.remove(channel, client_id, &info.user).await {
                tracing::warn!(channel, error = %e, "error removing presence");
            }
        }
        if join_leave {
            self.metrics.message_sent(MessageType::Leave);
            if let Err(e) = self.broker.publish_leave(channel, info).await {
                tracing::warn!(channel, error = %e, "error publishing leave");
            }
        }
        if last {
            self.metrics.action(Action::BrokerUnsubscribe);
            if let Err(e) = self.broker.unsubscribe(channel).await {
                tracing::warn!(channel, error = %e, "error unsubscribing from broker");
            }
        }
    }

    /// Registers a connection of this node under its user.
    pub fn add_connection(&self, handle: Arc<ClientHandle>) {
        self.metrics.action(Action::AddClient);
        self.hub.add_connection(handle);
    }

    pub fn remove_connection(&self, handle: &ClientHandle) {
        self.metrics.action(Action::RemoveClient);
        self.hub.remove_connection(handle);
    }

    /// The Prometheus text of this node's metrics (empty when neither `prometheus` nor
    /// `graphite` is enabled).
    pub fn render_metrics(&self) -> String {
        let info = self.local_info();
        self.metrics.render(&crate::metrics::NodeGauges {
            clients: info.num_clients,
            users: info.num_users,
            subscriptions: info.num_subs,
            channels: info.num_channels,
            nodes: self.nodes().len() as u64,
            version: self.version.clone(),
            rss_bytes: info.rss,
            cpu_seconds: control::cpu_seconds(),
            open_fds: control::open_fds(),
            start_time: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
                .saturating_sub(self.uptime_seconds()),
        })
    }

    /// Connections on this node (`client.connection_limit` is per node, as in Centrifugo).
    pub fn local_connection_count(&self) -> usize {
        self.hub.counts().0
    }

    /// Connections of `user` on this node (`client.user_connection_limit` is per node, as in
    /// Centrifugo).
    pub fn local_user_connection_count(&self, user: &str) -> usize {
        self.hub.user_connections(user).len()
    }

    /// Switches a held subscriber to live delivery (see `Hub::release`).
    pub fn release_subscriber(
        &self,
        channel: &str,
        client_id: &str,
        delivered_offset: u64,
        delta_base_sent: bool,
    ) {
        self.hub
            .release(channel, client_id, delivered_offset, delta_base_sent);
    }

    /// The offset of the last publication a positioned subscriber on this node got.
    pub fn subscriber_position(&self, channel: &str, client_id: &str) -> Option<u64> {
        self.hub.position(channel, client_id)
    }

    /// Closes every connection (graceful shutdown).
    pub fn shutdown_connections(&self) {
        self.tracer.close_all();
        for h in self.hub.all_connections() {
            h.close(Disconnect::shutdown());
        }
    }
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
    fn engines_this_build_lacks_are_refused_not_silently_replaced() {
        let err = Node::new(config(
            r#"{"broker": {"enabled": true, "type": "postgres"}}"#,
        ))
        .err()
        .expect("refused");
        assert!(
            err.to_string()
                .starts_with("broker.type: \"postgres\" is not supported"),
            "{err}"
        );
        assert!(Node::new(config("{}")).is_ok());
        // Redis and NATS are built without connecting (connections are made when needed).
        assert!(Node::new(config(r#"{"engine": {"type": "redis"}}"#)).is_ok());
        assert!(Node::new(config(r#"{"broker": {"enabled": true, "type": "nats"}}"#)).is_ok());
    }

    #[test]
    fn enabled_but_unimplemented_sections_are_listed() {
        let c = config(
            r#"{"swagger": {"enabled": true}, "admin": {"enabled": true, "insecure": true}}"#,
        );
        assert_eq!(unimplemented_features(&c), vec!["swagger"]);
        // The admin UI is served; only its reverse proxy to a UI development server is not.
        let c =
            config(r#"{"admin": {"enabled": true, "web_proxy_address": "http://127.0.0.1:3000"}}"#);
        assert_eq!(unimplemented_features(&c), vec!["admin.web_proxy_address"]);
        assert!(unimplemented_features(&config("{}")).is_empty());
        // The GRPC API is served; only its reflection service is not.
        assert!(unimplemented_features(&config(r#"{"grpc_api": {"enabled": true}}"#)).is_empty());
        assert_eq!(
            unimplemented_features(&config(
                r#"{"grpc_api": {"enabled": true, "reflection": true}}"#
            )),
            vec!["grpc_api.reflection"]
        );
        let c = config(
            r#"{"engine": {"type": "redis", "redis": {"presence_hash_field_ttl": true, "replica_client": {"enabled": true}}}}"#,
        );
        assert_eq!(
            unimplemented_features(&c),
            vec!["redis replica_client", "redis presence_hash_field_ttl"]
        );
        let c = config(
            r#"{"channel": {"namespaces": [{"name": "mp", "subscription_type": "map", "map": {"mode": "ephemeral", "key_ttl": "60s"}}]}}"#,
        );
        assert_eq!(
            unimplemented_features(&c),
            vec!["channel subscription_type map/shared_poll"]
        );
    }
}
