//! Config for channels, namespaces (spec §6.2) and client RPC namespaces.

use std::time::Duration;

use super::secs;
use super::text;
use super::types_proxy::{ChannelProxy, Proxy};

/// Proxy name meaning "the unnamed proxy configured under `channel.proxy.*` / `rpc.proxy`".
pub const DEFAULT_PROXY_NAME: &str = "default";

/// Default `channel.max_length`: longest allowed channel name in bytes.
const MAX_CHANNEL_LENGTH: usize = 255;

section! {
    /// `channel`.
    pub struct Channel {
        pub proxy: ChannelProxy = ChannelProxy::default(),
        pub without_namespace: ChannelOptions = ChannelOptions::default(),
        pub namespaces: Vec<Namespace> = Vec::new(),
        #[serde(with = "crate::config::duration")]
        pub history_meta_ttl: Duration = secs(720 * 3600),
        /// "", "json", "json_object" or "binary".
        pub publication_data_format: String = String::new(),
        pub max_length: usize = MAX_CHANNEL_LENGTH,
        pub private_prefix: String = text("$"),
        pub namespace_boundary: String = text(":"),
        pub user_boundary: String = text("#"),
        pub user_separator: String = text(","),
    }
}

section! {
    /// One `channel.namespaces[]` item: a name plus the channel options beside it (flattened).
    pub struct Namespace {
        pub name: String = String::new(),
        #[serde(flatten)]
        pub options: ChannelOptions = ChannelOptions::default(),
    }
}

section! {
    /// Options of a channel namespace (also `channel.without_namespace`).
    pub struct ChannelOptions {
        pub presence: bool = false,
        pub join_leave: bool = false,
        pub force_push_join_leave: bool = false,
        pub map_clients_presence_channel_prefix: String = String::new(),
        pub map_users_presence_channel_prefix: String = String::new(),
        pub history_size: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub history_ttl: Duration = Duration::ZERO,
        /// Zero means `channel.history_meta_ttl`.
        #[serde(with = "crate::config::duration")]
        pub history_meta_ttl: Duration = Duration::ZERO,
        pub force_positioning: bool = false,
        pub allow_positioning: bool = false,
        pub force_recovery: bool = false,
        pub allow_recovery: bool = false,
        /// "" or "stream" (default) or "cache".
        pub force_recovery_mode: String = String::new(),
        pub auto_cache_recover: bool = false,
        /// Only "fossil" is known.
        pub allowed_delta_types: Vec<String> = Vec::new(),
        pub allow_tags_filter: bool = false,
        pub delta_publish: bool = false,
        pub allow_subscribe_for_anonymous: bool = false,
        pub allow_subscribe_for_client: bool = false,
        pub allow_publish_for_anonymous: bool = false,
        pub allow_publish_for_subscriber: bool = false,
        pub allow_publish_for_client: bool = false,
        pub allow_presence_for_anonymous: bool = false,
        pub allow_presence_for_subscriber: bool = false,
        pub allow_presence_for_client: bool = false,
        pub allow_history_for_anonymous: bool = false,
        pub allow_history_for_subscriber: bool = false,
        pub allow_history_for_client: bool = false,
        pub allow_user_limited_channels: bool = false,
        pub channel_regex: String = String::new(),
        pub publication_data_format: String = String::new(),
        pub subscribe_proxy_enabled: bool = false,
        pub subscribe_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub publish_proxy_enabled: bool = false,
        pub publish_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub sub_refresh_proxy_enabled: bool = false,
        pub sub_refresh_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub subscribe_stream_proxy_enabled: bool = false,
        pub subscribe_stream_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub subscribe_stream_proxy_bidirectional: bool = false,
        /// "" (stream), "stream", "map", "map_clients", "map_users" or "shared_poll".
        pub subscription_type: String = String::new(),
        pub map: MapOptions = MapOptions::default(),
        pub shared_poll: SharedPollOptions = SharedPollOptions::default(),
    }
}

impl ChannelOptions {
    /// History meta TTL in effect: the option's own value, else `channel.history_meta_ttl`.
    pub fn effective_history_meta_ttl(&self, global: Duration) -> Duration {
        if self.history_meta_ttl.is_zero() {
            global
        } else {
            self.history_meta_ttl
        }
    }
}

section! {
    /// `map` options of a namespace (map subscription types).
    pub struct MapOptions {
        /// "ephemeral", "recoverable" or "persistent".
        pub mode: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub key_ttl: Duration = Duration::ZERO,
        pub stream_size: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub stream_ttl: Duration = Duration::ZERO,
        #[serde(with = "crate::config::duration")]
        pub meta_ttl: Duration = Duration::ZERO,
        pub remove_client_on_unsubscribe: bool = false,
        /// "", "client_id" or "user_id".
        pub client_key: String = String::new(),
        pub allow_publish_for_client: bool = false,
        pub allow_publish_for_subscriber: bool = false,
        pub allow_publish_for_anonymous: bool = false,
        pub allow_remove_for_client: bool = false,
        pub allow_remove_for_subscriber: bool = false,
        pub allow_remove_for_anonymous: bool = false,
        pub publish_proxy_enabled: bool = false,
        pub publish_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub remove_proxy_enabled: bool = false,
        pub remove_proxy_name: String = text(DEFAULT_PROXY_NAME),
        pub default_page_size: usize = 0,
        pub min_page_size: usize = 0,
        pub max_page_size: usize = 0,
        pub live_transition_max_publication_limit: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub subscribe_catch_up_timeout: Duration = Duration::ZERO,
    }
}

section! {
    /// `shared_poll` options of a namespace.
    pub struct SharedPollOptions {
        pub proxy_name: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub refresh_interval: Duration = Duration::ZERO,
        pub refresh_batch_size: usize = 0,
        pub max_keys_per_connection: usize = 0,
        /// "", "versionless" or "versioned".
        pub mode: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub channel_shutdown_delay: Duration = Duration::ZERO,
        #[serde(with = "crate::config::duration")]
        pub track_expired_extra_delay: Duration = Duration::ZERO,
        pub publish_enabled: bool = false,
    }
}

section! {
    /// `rpc`: client RPC calls.
    pub struct Rpc {
        pub proxy: Proxy = Proxy::default(),
        pub without_namespace: RpcOptions = RpcOptions::default(),
        pub namespaces: Vec<RpcNamespace> = Vec::new(),
        pub ping: RpcPing = RpcPing::default(),
        pub namespace_boundary: String = text(":"),
    }
}

section! {
    /// RPC namespace options (also `rpc.without_namespace`).
    pub struct RpcOptions {
        pub proxy_enabled: bool = false,
        pub proxy_name: String = text(DEFAULT_PROXY_NAME),
    }
}

section! {
    /// One `rpc.namespaces[]` item (options flattened beside the name).
    pub struct RpcNamespace {
        pub name: String = String::new(),
        #[serde(flatten)]
        pub options: RpcOptions = RpcOptions::default(),
    }
}

section! {
    /// `rpc.ping`: a built-in RPC method answering without the proxy.
    pub struct RpcPing {
        pub enabled: bool = false,
        pub method: String = text("ping"),
    }
}
