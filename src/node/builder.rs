//! Building a node: the broker, presence manager and controller it runs on, chosen from the config
//! or handed in (tests, embedding applications, engines the caller set up).

use super::events::Events;
use super::Node;
use crate::auth::Verifier;
use crate::broker::memory::{Loopback, MemoryBroker};
use crate::broker::{Broker, Controller};
use crate::channel::ChannelRules;
use crate::cluster::{Peers, Surveys};
use crate::config::Config;
use crate::hub::Hub;
use crate::presence::memory::MemoryPresence;
use crate::presence::PresenceManager;
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
    fn configured_broker(config: &Config) -> Result<Arc<dyn Broker>, NodeError> {
        let (key, kind) = if config.broker.enabled {
            ("broker.type", &config.broker.kind)
        } else {
            ("engine.type", &config.engine.kind)
        };
        match kind.as_str() {
            "memory" => Ok(Arc::new(MemoryBroker::new())),
            other => Err(NodeError::Engine(key, other.to_string())),
        }
    }

    /// The presence manager the config asks for.
    fn configured_presence(config: &Config) -> Result<Arc<dyn PresenceManager>, NodeError> {
        let (key, kind) = if config.presence_manager.enabled {
            ("presence_manager.type", &config.presence_manager.kind)
        } else {
            ("engine.type", &config.engine.kind)
        };
        match kind.as_str() {
            "memory" => Ok(Arc::new(MemoryPresence::new())),
            other => Err(NodeError::Engine(key, other.to_string())),
        }
    }

    pub fn build(self) -> Result<Arc<Node>, NodeError> {
        let config = self.config;
        let broker = match self.broker {
            Some(b) => b,
            None => Self::configured_broker(&config)?,
        };
        let presence = match self.presence {
            Some(p) => p,
            None => Self::configured_presence(&config)?,
        };
        let controller = self
            .controller
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
        let name = if config.node.name.is_empty() {
            format!("{}_{}", hostname(), config.http_server.port)
        } else {
            config.node.name.clone()
        };
        let conn_rate_limit = config.client.connection_rate_limit as f64;
        let hub = Arc::new(Hub::default());
        Ok(Arc::new_cyclic(|weak| {
            let events = Arc::new(Events::new(hub.clone(), weak.clone()));
            broker.run(events.clone());
            controller.run(events);
            Node {
                id: uuid::Uuid::new_v4().to_string(),
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
                started: std::time::Instant::now(),
                conn_rate: std::sync::Mutex::new((conn_rate_limit, std::time::Instant::now())),
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
