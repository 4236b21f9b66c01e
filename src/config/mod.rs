//! Configuration: raw Centrifugo v6 keys -> validated `Config`. (Temporary minimal version; replaced by the full loader.)
#![allow(missing_docs)]

use serde::{Deserialize, Serialize};
use std::time::Duration;

pub mod duration {
    //! Duration strings like "25s".
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{}ms", d.as_millis()))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).ok_or_else(|| serde::de::Error::custom("bad duration"))
    }
    pub fn parse(s: &str) -> Option<Duration> {
        if let Some(v) = s.strip_suffix("ms") {
            return v.parse().ok().map(Duration::from_millis);
        }
        if let Some(v) = s.strip_suffix('s') {
            return v.parse().ok().map(Duration::from_secs);
        }
        if let Some(v) = s.strip_suffix('m') {
            return v.parse::<u64>().ok().map(|m| Duration::from_secs(m * 60));
        }
        if let Some(v) = s.strip_suffix('h') {
            return v.parse::<u64>().ok().map(|m| Duration::from_secs(m * 3600));
        }
        None
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub http_server: HttpServer,
    pub log: Log,
    pub client: Client,
    pub channel: Channel,
    pub rpc: Rpc,
    pub http_api: HttpApi,
    pub websocket: Websocket,
    pub health: Health,
    pub node: Node,
    pub shutdown: Shutdown,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            http_server: HttpServer {
                port: 8000,
                ..Default::default()
            },
            log: Log {
                level: "info".into(),
                file: String::new(),
            },
            client: Client::default(),
            channel: Channel::default(),
            rpc: Rpc::default(),
            http_api: HttpApi {
                handler_prefix: "/api".into(),
                ..Default::default()
            },
            websocket: Websocket {
                disabled: false,
                handler_prefix: "/connection/websocket".into(),
                message_size_limit: 65536,
                write_timeout: Duration::from_millis(1000),
            },
            health: Health {
                enabled: false,
                handler_prefix: "/health".into(),
            },
            node: Node::default(),
            shutdown: Shutdown {
                timeout: Duration::from_secs(30),
            },
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpServer {
    pub address: String,
    pub port: u16,
    pub internal_address: String,
    pub internal_port: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Log {
    pub level: String,
    pub file: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenConfig {
    pub hmac_secret_key: String,
    pub hmac_previous_secret_key: String,
    pub hmac_previous_secret_key_valid_until: i64,
    pub rsa_public_key: String,
    pub ecdsa_public_key: String,
    pub jwks_public_endpoint: String,
    pub audience: String,
    pub audience_regex: String,
    pub issuer: String,
    pub issuer_regex: String,
    pub user_id_claim: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionTokenConfig {
    pub enabled: bool,
    pub hmac_secret_key: String,
    pub hmac_previous_secret_key: String,
    pub hmac_previous_secret_key_valid_until: i64,
    pub rsa_public_key: String,
    pub ecdsa_public_key: String,
    pub jwks_public_endpoint: String,
    pub audience: String,
    pub audience_regex: String,
    pub issuer: String,
    pub issuer_regex: String,
    pub user_id_claim: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonalChannel {
    pub enabled: bool,
    pub personal_channel_namespace: String,
    pub single_connection: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Client {
    pub allowed_origins: Vec<String>,
    pub token: TokenConfig,
    pub subscription_token: SubscriptionTokenConfig,
    pub allow_anonymous_connect_without_token: bool,
    pub disallow_anonymous_connection_tokens: bool,
    #[serde(with = "duration")]
    pub ping_interval: Duration,
    #[serde(with = "duration")]
    pub pong_timeout: Duration,
    #[serde(with = "duration")]
    pub expired_close_delay: Duration,
    #[serde(with = "duration")]
    pub stale_close_delay: Duration,
    pub channel_limit: usize,
    pub queue_max_size: usize,
    #[serde(with = "duration")]
    pub presence_update_interval: Duration,
    pub connection_limit: usize,
    pub user_connection_limit: usize,
    pub history_max_publication_limit: usize,
    pub recovery_max_publication_limit: usize,
    pub insecure_skip_token_signature_verify: bool,
    pub insecure: bool,
    pub subscribe_to_user_personal_channel: PersonalChannel,
}

impl Default for Client {
    fn default() -> Self {
        Client {
            allowed_origins: vec![],
            token: TokenConfig::default(),
            subscription_token: SubscriptionTokenConfig::default(),
            allow_anonymous_connect_without_token: false,
            disallow_anonymous_connection_tokens: false,
            ping_interval: Duration::from_secs(25),
            pong_timeout: Duration::from_secs(8),
            expired_close_delay: Duration::from_secs(25),
            stale_close_delay: Duration::from_secs(10),
            channel_limit: 128,
            queue_max_size: 1048576,
            presence_update_interval: Duration::from_secs(27),
            connection_limit: 0,
            user_connection_limit: 0,
            history_max_publication_limit: 300,
            recovery_max_publication_limit: 300,
            insecure_skip_token_signature_verify: false,
            insecure: false,
            subscribe_to_user_personal_channel: PersonalChannel::default(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChannelOptions {
    pub presence: bool,
    pub join_leave: bool,
    pub force_push_join_leave: bool,
    pub history_size: usize,
    #[serde(with = "duration")]
    pub history_ttl: Duration,
    #[serde(with = "duration")]
    pub history_meta_ttl: Duration,
    pub force_positioning: bool,
    pub allow_positioning: bool,
    pub force_recovery: bool,
    pub allow_recovery: bool,
    pub force_recovery_mode: String,
    pub publication_data_format: String,
    pub allow_subscribe_for_client: bool,
    pub allow_subscribe_for_anonymous: bool,
    pub allow_publish_for_client: bool,
    pub allow_publish_for_subscriber: bool,
    pub allow_publish_for_anonymous: bool,
    pub allow_presence_for_client: bool,
    pub allow_presence_for_subscriber: bool,
    pub allow_presence_for_anonymous: bool,
    pub allow_history_for_client: bool,
    pub allow_history_for_subscriber: bool,
    pub allow_history_for_anonymous: bool,
    pub allow_user_limited_channels: bool,
    pub channel_regex: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Namespace {
    pub name: String,
    #[serde(flatten)]
    pub options: ChannelOptions,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Channel {
    pub without_namespace: ChannelOptions,
    pub namespaces: Vec<Namespace>,
    #[serde(with = "duration")]
    pub history_meta_ttl: Duration,
    pub publication_data_format: String,
    pub max_length: usize,
    pub private_prefix: String,
    pub namespace_boundary: String,
    pub user_boundary: String,
    pub user_separator: String,
}

impl Default for Channel {
    fn default() -> Self {
        Channel {
            without_namespace: ChannelOptions::default(),
            namespaces: vec![],
            history_meta_ttl: Duration::from_secs(720 * 3600),
            publication_data_format: String::new(),
            max_length: 255,
            private_prefix: "$".into(),
            namespace_boundary: ":".into(),
            user_boundary: "#".into(),
            user_separator: ",".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RpcPing {
    pub enabled: bool,
    pub method: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Rpc {
    pub ping: RpcPing,
    pub namespace_boundary: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpApi {
    pub disabled: bool,
    pub handler_prefix: String,
    pub key: String,
    pub error_mode: String,
    pub external: bool,
    pub insecure: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Websocket {
    pub disabled: bool,
    pub handler_prefix: String,
    pub message_size_limit: usize,
    #[serde(with = "duration")]
    pub write_timeout: Duration,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Health {
    pub enabled: bool,
    pub handler_prefix: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Shutdown {
    #[serde(with = "duration")]
    pub timeout: Duration,
}

/// Parses a JSON config document (temporary: no env/flags/unknown-key checks yet).
pub fn from_json_str(s: &str) -> Result<Loaded, serde_json::Error> {
    Ok(Loaded { config: serde_json::from_str(s)?, warnings: vec![], unknown_keys: vec![] })
}

pub struct Sources {
    pub file: Option<std::path::PathBuf>,
    pub file_required: bool,
    pub env: Vec<(String, String)>,
    pub flags: Vec<(String, String)>,
}

pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<String>,
    pub unknown_keys: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

pub fn load(s: &Sources) -> Result<Loaded, ConfigError> {
    let mut config = match &s.file {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| ConfigError(e.to_string()))?,
            Err(_) => Config::default(),
        },
        None => Config::default(),
    };
    for (k, v) in &s.flags {
        match k.as_str() {
            "http_server.port" => {
                config.http_server.port = v.parse().map_err(|_| ConfigError(k.clone()))?
            }
            "client.insecure" => config.client.insecure = v == "true",
            "http_api.insecure" => config.http_api.insecure = v == "true",
            _ => {}
        }
    }
    Ok(Loaded {
        config,
        warnings: vec![],
        unknown_keys: vec![],
    })
}
