//! Building a node: the broker, presence manager and controller it runs on, chosen from the config
//! or handed in (tests, embedding applications, engines the caller set up).

use super::events::Events;
use super::Node;
use crate::auth::Verifier;
use crate::broker::memory::{Loopback, MemoryBroker};
use crate::broker::nats::NatsBroker;
use crate::broker::redis::{AddressError, RedisBroker, RedisShards};
use crate::broker::tarantool::{TarantoolBroker, TarantoolShards};
use crate::broker::{Broker, Controller};
use crate::channel::ChannelRules;
use crate::cluster::{Peers, Surveys};
use crate::config::Config;
use crate::hub::Hub;
use crate::presence::memory::MemoryPresence;
use crate::presence::redis::RedisPresence;
use crate::presence::tarantool::TarantoolPresence;
use crate::presence::PresenceManager;
use std::sync::Arc;

/// Why the node could not be built from a config.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    #[error("client.token: {0}")]
    Token(String),
    #[error("client.subscription_token: {0}")]
    SubscriptionToken(String),
    #[error("{0}: {1:?} is not supported by this build (memory, redis, nats and tarantool are)")]
    Engine(&'static str, String),
    #[error("{0}.{1}")]
    Redis(&'static str, AddressError),
    #[error("{0}.{1}")]
    Tarantool(&'static str, String),
    #[error("{0}")]
    Proxy(String),
}

/// The broker the config asks for, and the controller that comes with it (Redis, NATS and
/// Tarantool carry control messages too), and the shards an engine's presence manager can share.
struct ConfiguredBroker {
    broker: Arc<dyn Broker>,
    controller: Option<Arc<dyn Controller>>,
    engine_shards: Option<RedisShards>,
    engine_tarantool: Option<TarantoolShards>,
}

/// Assembles a node. Parts not handed in are chosen from the config (`engine`, `broker`,
/// `presence_manager`); the controller defaults to a loopback, which makes this a single node.
pub struct NodeBuilder {
    config: Config,
    broker: Option<Arc<dyn Broker>>,
    presence: Option<Arc<dyn PresenceManager>>,
    controller: Option<Arc<dyn Controller>>,
}

impl NodeBuilder {
    pub fn new(config: Config) -> NodeBuilder {
        NodeBuilder {
            config,
            broker: None,
            presence: None,
            controller: None,
        }
    }

    pub fn broker(mut self, broker: Arc<dyn Broker>) -> NodeBuilder {
        self.broker = Some(broker);
        self
    }

    pub fn presence(mut self, presence: Arc<dyn PresenceManager>) -> NodeBuilder {
        self.presence = Some(presence);
        self
    }

    pub fn controller(mut self, controller: Arc<dyn Controller>) -> NodeBuilder {
        self.controller = Some(controller);
        self
    }

    /// The broker the config asks for.
    fn configured_broker(config: &Config, node_id: &str) -> Result<ConfiguredBroker, NodeError> {
        let (key, kind) = if config.broker.enabled {
            ("broker.type", &config.broker.kind)
        } else {
            ("engine.type", &config.engine.kind)
        };
        let plain = |broker: Arc<dyn Broker>| ConfiguredBroker {
            broker,
            controller: None,
            engine_shards: None,
            engine_tarantool: None,
        };
        match kind.as_str() {
            "memory" => Ok(plain(Arc::new(MemoryBroker::new()))),
            "redis" => {
                let (section, redis, prefix, lists) = if config.broker.enabled {
                    let r = &config.broker.redis;
                    ("broker.redis", &r.redis, &r.prefix, r.history_use_lists)
                } else {
                    let r = &config.engine.redis;
                    ("engine.redis", &r.redis, &r.prefix, r.history_use_lists)
                };
                let shards =
                    RedisShards::new(redis, prefix).map_err(|e| NodeError::Redis(section, e))?;
                let b = Arc::new(RedisBroker::with_lists(shards.clone(), node_id, lists));
                Ok(ConfiguredBroker {
                    broker: b.clone(),
                    controller: Some(b),
                    engine_shards: (!config.broker.enabled).then_some(shards),
                    engine_tarantool: None,
                })
            }
            "tarantool" => {
                let (section, cfg) = if config.broker.enabled {
                    ("broker.tarantool", &config.broker.tarantool)
                } else {
                    ("engine.tarantool", &config.engine.tarantool)
                };
                let shards =
                    TarantoolShards::new(cfg).map_err(|e| NodeError::Tarantool(section, e))?;
                let b = Arc::new(TarantoolBroker::new(shards.clone(), node_id));
                Ok(ConfiguredBroker {
                    broker: b.clone(),
                    controller: Some(b),
                    engine_shards: None,
                    engine_tarantool: (!config.broker.enabled).then_some(shards),
                })
            }
            "nats" if config.broker.enabled => {
                let b = Arc::new(NatsBroker::new(&config.broker.nats, node_id));
                Ok(ConfiguredBroker {
                    broker: b.clone(),
                    controller: Some(b),
                    engine_shards: None,
                    engine_tarantool: None,
                })
            }
            other => Err(NodeError::Engine(key, other.to_string())),
        }
    }

    /// The presence manager the config asks for.
    fn configured_presence(
        config: &Config,
        engine_shards: Option<RedisShards>,
        engine_tarantool: Option<TarantoolShards>,
    ) -> Result<Arc<dyn PresenceManager>, NodeError> {
        if config.presence_manager.enabled {
            let pm = &config.presence_manager;
            return match pm.kind.as_str() {
                "memory" => Ok(Arc::new(MemoryPresence::new())),
                "redis" => {
                    let r = &pm.redis;
                    let shards = RedisShards::new(&r.redis, &r.prefix)
                        .map_err(|e| NodeError::Redis("presence_manager.redis", e))?;
                    Ok(Arc::new(RedisPresence::new(
                        shards,
                        r.presence_ttl,
                        r.presence_user_mapping,
                    )))
                }
                "tarantool" => {
                    let t = &pm.tarantool;
                    let shards = TarantoolShards::new(t)
                        .map_err(|e| NodeError::Tarantool("presence_manager.tarantool", e))?;
                    Ok(Arc::new(TarantoolPresence::new(shards, t.presence_ttl)))
                }
                other => Err(NodeError::Engine(
                    "presence_manager.type",
                    other.to_string(),
                )),
            };
        }
        match config.engine.kind.as_str() {
            "memory" => Ok(Arc::new(MemoryPresence::new())),
            "redis" => {
                let r = &config.engine.redis;
                let shards = match engine_shards {
                    Some(s) => s,
                    None => RedisShards::new(&r.redis, &r.prefix)
                        .map_err(|e| NodeError::Redis("engine.redis", e))?,
                };
                Ok(Arc::new(RedisPresence::new(
                    shards,
                    r.presence_ttl,
                    r.presence_user_mapping,
                )))
            }
            "tarantool" => {
                let t = &config.engine.tarantool;
                let shards = match engine_tarantool {
                    Some(s) => s,
                    None => TarantoolShards::new(t)
                        .map_err(|e| NodeError::Tarantool("engine.tarantool", e))?,
                };
                Ok(Arc::new(TarantoolPresence::new(shards, t.presence_ttl)))
            }
            other => Err(NodeError::Engine("engine.type", other.to_string())),
        }
    }

    pub fn build(self) -> Result<Arc<Node>, NodeError> {
        let config = self.config;
        let id = uuid::Uuid::new_v4().to_string();
        let (broker, own_controller, engine_shards, engine_tarantool) = match self.broker {
            Some(b) => (b, None, None, None),
            None => {
                let c = Self::configured_broker(&config, &id)?;
                (c.broker, c.controller, c.engine_shards, c.engine_tarantool)
            }
        };
        let presence = match self.presence {
            Some(p) => p,
            None => Self::configured_presence(&config, engine_shards, engine_tarantool)?,
        };
        let controller = self
            .controller
            .or(own_controller)
            .unwrap_or_else(|| Arc::new(Loopback::default()));
        let c = &config.client;
        let skip = c.insecure_skip_token_signature_verify;
        let verifier = Verifier::new(&c.token)
            .map_err(|e| NodeError::Token(e.to_string()))?
            .skipping_signature(skip);
        let st = &c.subscription_token;
        let sub_verifier = if st.enabled {
            Some(
                Verifier::new(&st.keys)
                    .map_err(|e| NodeError::SubscriptionToken(e.to_string()))?
                    .skipping_signature(skip),
            )
        } else {
            None
        };
        let metrics = Arc::new(crate::metrics::Metrics::new(
            config.prometheus.enabled || config.graphite.enabled,
        ));
        let proxies = crate::proxy::Proxies::new(&config, &metrics).map_err(NodeError::Proxy)?;
        let name = if config.node.name.is_empty() {
            format!("{}_{}", hostname(), config.http_server.port)
        } else {
            config.node.name.clone()
        };
        let conn_rate_limit = config.client.connection_rate_limit as f64;
        let hub = Arc::new(Hub::default());
        Ok(Arc::new_cyclic(|weak| {
            let tracer = Arc::new(crate::trace::Tracer::default());
            let events = Arc::new(Events::new(
                hub.clone(),
                weak.clone(),
                metrics.clone(),
                tracer.clone(),
            ));
            broker.run(events.clone());
            controller.run(events);
            Node {
                id,
                name,
                version: super::version_string(),
                rules: ChannelRules::new(&config.channel),
                config: Arc::new(config),
                hub,
                broker,
                presence,
                controller,
                peers: Peers::default(),
                surveys: Surveys::default(),
                verifier,
                sub_verifier,
                rpc_handler: std::sync::OnceLock::new(),
                proxies,
                started: std::time::Instant::now(),
                conn_rate: std::sync::Mutex::new((conn_rate_limit, std::time::Instant::now())),
                emulated: Default::default(),
                metrics,
                tracer,
            }
        }))
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}
