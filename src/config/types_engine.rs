//! Config for engines, brokers, presence managers, the map broker and the controller (spec §9).

use std::collections::BTreeMap;
use std::time::Duration;

use super::types_server::TlsConfig;
use super::{millis, secs, text};

/// Key prefix Centrifugo uses in Redis / NATS by default.
const PREFIX: &str = "centrifugo";

section! {
    /// `engine`: broker + presence manager in one ("memory", "redis" or, ours, "tarantool").
    pub struct Engine {
        #[serde(rename = "type")]
        pub kind: String = text("memory"),
        pub redis: RedisEngine = RedisEngine::default(),
        pub tarantool: Tarantool = Tarantool::default(),
    }
}

section! {
    /// `broker`: a broker configured apart from the engine.
    pub struct Broker {
        pub enabled: bool = false,
        /// "memory", "redis", "nats", "redisnats" or "postgres".
        #[serde(rename = "type")]
        pub kind: String = text("memory"),
        pub redis: RedisBroker = RedisBroker::default(),
        pub nats: NatsBroker = NatsBroker::default(),
        pub postgres: PostgresBroker = PostgresBroker::default(),
        pub redisnats: RedisNatsBroker = RedisNatsBroker::default(),
        pub tarantool: Tarantool = Tarantool::default(),
    }
}

section! {
    /// `presence_manager`: a presence manager configured apart from the engine.
    pub struct PresenceManager {
        pub enabled: bool = false,
        #[serde(rename = "type")]
        pub kind: String = text("memory"),
        pub redis: RedisPresenceManager = RedisPresenceManager::default(),
        pub tarantool: Tarantool = Tarantool::default(),
    }
}

section! {
    /// `engine.tarantool`, `broker.tarantool`, `presence_manager.tarantool`: ours (Centrifugo v5
    /// had a Tarantool engine configured by top-level `tarantool_*` keys; v6 dropped it). The
    /// Tarantool instances run templates/tarantool/centrifugo.lua.
    pub struct Tarantool {
        /// One entry per shard (channels spread over them by consistent hash); within an entry,
        /// comma-separated addresses of a leader and its followers: the node writes to whichever
        /// of them is writable.
        pub address: Vec<String> = vec![text("127.0.0.1:3301")],
        pub user: String = String::new(),
        pub password: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub connect_timeout: Duration = secs(1),
        #[serde(with = "crate::config::duration")]
        pub request_timeout: Duration = secs(4),
        #[serde(with = "crate::config::duration")]
        pub presence_ttl: Duration = secs(60),
    }
}

section! {
    /// `map_broker`: storage for map subscription types ("memory", "redis" or "postgres").
    pub struct MapBroker {
        #[serde(rename = "type")]
        pub kind: String = text("memory"),
        pub redis: RedisMapBroker = RedisMapBroker::default(),
        pub postgres: PostgresMapBroker = PostgresMapBroker::default(),
    }
}

section! {
    /// Redis connection keys shared by every Redis-backed component (flattened into each).
    pub struct Redis {
        pub address: Vec<String> = vec![text("redis://127.0.0.1:6379")],
        #[serde(with = "crate::config::duration")]
        pub connect_timeout: Duration = secs(1),
        #[serde(with = "crate::config::duration")]
        pub io_timeout: Duration = secs(4),
        pub db: u32 = 0,
        pub user: String = String::new(),
        pub password: String = String::new(),
        pub client_name: String = String::new(),
        pub force_resp2: bool = false,
        pub cluster_address: Vec<String> = Vec::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub sentinel_address: Vec<String> = Vec::new(),
        pub sentinel_user: String = String::new(),
        pub sentinel_password: String = String::new(),
        pub sentinel_master_name: String = String::new(),
        pub sentinel_client_name: String = String::new(),
        pub sentinel_tls: TlsConfig = TlsConfig::default(),
        pub replica_client: RedisReplicaClient = RedisReplicaClient::default(),
        /// Ours, not Centrifugo's: how long a PUB/SUB connection may stay silent before the node
        /// publishes a probe to itself through it and reconnects if the probe does not come back.
        #[serde(with = "crate::config::duration")]
        pub pubsub_probe_interval: Duration = secs(30),
        /// Ours: subscriber connections per shard, channels spread over them by hash. One keeps
        /// Redis' own work per publication lowest (one socket to write to); more spread the
        /// decoding of incoming publications over more cores.
        pub pubsub_connections: usize = 1,
    }
}

section! {
    /// `*.redis.replica_client`.
    pub struct RedisReplicaClient {
        pub enabled: bool = false,
    }
}

section! {
    /// `engine.redis`: connection + broker + presence keys.
    pub struct RedisEngine {
        pub prefix: String = text(PREFIX),
        #[serde(flatten)]
        pub redis: Redis = Redis::default(),
        pub history_use_lists: bool = false,
        #[serde(with = "crate::config::duration")]
        pub presence_ttl: Duration = secs(60),
        pub presence_hash_field_ttl: bool = false,
        pub presence_user_mapping: bool = false,
    }
}

section! {
    /// `broker.redis`.
    pub struct RedisBroker {
        pub prefix: String = text(PREFIX),
        #[serde(flatten)]
        pub redis: Redis = Redis::default(),
        pub history_use_lists: bool = false,
    }
}

section! {
    /// `presence_manager.redis`.
    pub struct RedisPresenceManager {
        pub prefix: String = text(PREFIX),
        #[serde(flatten)]
        pub redis: Redis = Redis::default(),
        #[serde(with = "crate::config::duration")]
        pub presence_ttl: Duration = secs(60),
        pub presence_hash_field_ttl: bool = false,
        pub presence_user_mapping: bool = false,
    }
}

section! {
    /// `map_broker.redis`.
    pub struct RedisMapBroker {
        pub prefix: String = text(PREFIX),
        #[serde(flatten)]
        pub redis: Redis = Redis::default(),
        #[serde(with = "crate::config::duration")]
        pub cleanup_interval: Duration = secs(1),
        pub cleanup_batch_size: usize = 100,
        #[serde(with = "crate::config::duration")]
        pub idempotent_result_ttl: Duration = secs(300),
        pub skip_pub_sub: bool = false,
    }
}

section! {
    /// `broker.redisnats`: Redis for history, NATS for PUB/SUB.
    pub struct RedisNatsBroker {
        pub redis: RedisBroker = RedisBroker::default(),
        pub nats: NatsBroker = NatsBroker::default(),
    }
}

section! {
    /// `broker.nats`.
    pub struct NatsBroker {
        pub prefix: String = text(PREFIX),
        pub url: String = text("nats://localhost:4222"),
        #[serde(with = "crate::config::duration")]
        pub dial_timeout: Duration = secs(1),
        #[serde(with = "crate::config::duration")]
        pub write_timeout: Duration = secs(1),
        pub tls: TlsConfig = TlsConfig::default(),
        pub allow_wildcards: bool = false,
        pub raw_mode: NatsRawMode = NatsRawMode::default(),
    }
}

section! {
    /// `broker.nats.raw_mode`.
    pub struct NatsRawMode {
        pub enabled: bool = false,
        pub channel_replacements: BTreeMap<String, String> = BTreeMap::new(),
        pub prefix: String = String::new(),
    }
}

section! {
    /// Outbox polling of the PostgreSQL brokers.
    pub struct PostgresOutbox {
        #[serde(with = "crate::config::duration")]
        pub poll_interval: Duration = millis(100),
        pub batch_size: usize = 1000,
    }
}

section! {
    /// `broker.postgres` (experimental, v6.8+).
    pub struct PostgresBroker {
        pub dsn: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub pool_size: usize = 16,
        pub num_shards: usize = 8,
        #[serde(with = "crate::config::duration")]
        pub cleanup_interval: Duration = secs(60),
        #[serde(with = "crate::config::duration")]
        pub idempotent_result_ttl: Duration = secs(300),
        pub binary_data: bool = false,
        #[serde(with = "crate::config::duration")]
        pub stream_retention: Duration = secs(24 * 3600),
        pub use_notify: bool = false,
        pub notify_dsn: String = String::new(),
        pub table_prefix: String = text("cf"),
        pub skip_schema_init: bool = false,
        pub outbox: PostgresOutbox = PostgresOutbox::default(),
        pub partition_lookahead_days: u32 = 2,
        pub partition_retention_days: u32 = 7,
    }
}

section! {
    /// `map_broker.postgres`.
    pub struct PostgresMapBroker {
        pub dsn: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub pool_size: usize = 16,
        pub num_shards: usize = 8,
        #[serde(with = "crate::config::duration")]
        pub ttl_check_interval: Duration = secs(1),
        #[serde(with = "crate::config::duration")]
        pub cleanup_interval: Duration = secs(60),
        #[serde(with = "crate::config::duration")]
        pub idempotent_result_ttl: Duration = secs(300),
        pub binary_data: bool = false,
        #[serde(with = "crate::config::duration")]
        pub stream_retention: Duration = secs(24 * 3600),
        pub use_notify: bool = false,
        pub notify_dsn: String = String::new(),
        pub table_prefix: String = text("cf"),
        pub skip_schema_init: bool = false,
        pub outbox: PostgresOutbox = PostgresOutbox::default(),
        pub partition_lookahead_days: u32 = 2,
        pub partition_retention_days: u32 = 7,
    }
}

section! {
    /// `controller`: cross-node communication when not using the broker.
    pub struct Controller {
        pub enabled: bool = false,
        #[serde(rename = "type")]
        pub kind: String = String::new(),
        pub postgres: PostgresController = PostgresController::default(),
    }
}

section! {
    /// `controller.postgres`.
    pub struct PostgresController {
        pub dsn: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub pool_size: usize = 8,
        pub num_shards: usize = 1,
        pub table_prefix: String = text("cf"),
        #[serde(with = "crate::config::duration")]
        pub poll_interval: Duration = millis(50),
        pub use_notify: bool = false,
        pub notify_dsn: String = String::new(),
        pub partition_retention_days: u32 = 1,
        pub partition_lookahead_days: u32 = 2,
        #[serde(with = "crate::config::duration")]
        pub partition_cleanup_interval: Duration = secs(60),
        pub batch_size: usize = 1000,
        pub skip_schema_init: bool = false,
    }
}

section! {
    /// `shared_poll`: signing keys and limits for shared poll subscriptions.
    pub struct SharedPoll {
        pub hmac_secret_key: String = String::new(),
        pub hmac_previous_secret_key: String = String::new(),
        pub hmac_previous_secret_key_valid_until: i64 = 0,
        pub concurrency_limit: usize = 0,
    }
}
