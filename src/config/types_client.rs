//! Config for real-time client connections: `client.*`, connection tokens and limits.

use std::time::Duration;

use super::secs;
use super::types_proxy::{ClientProxy, TransformDisconnect};

/// Default `client.channel_limit`: max channels one connection may subscribe to.
const CHANNEL_LIMIT: usize = 128;
/// Default `client.queue_max_size`: bytes queued per connection before it is dropped as slow (1 MiB).
const QUEUE_MAX_SIZE: usize = 1_048_576;
/// Default history/recovery publication limits from v6.
const PUBLICATION_LIMIT: usize = 300;

section! {
    /// `client`.
    pub struct Client {
        pub proxy: ClientProxy = ClientProxy::default(),
        pub allowed_origins: Vec<String> = Vec::new(),
        pub token: TokenConfig = TokenConfig::default(),
        pub subscription_token: SubscriptionTokenConfig = SubscriptionTokenConfig::default(),
        pub allow_anonymous_connect_without_token: bool = false,
        pub disallow_anonymous_connection_tokens: bool = false,
        #[serde(with = "crate::config::duration")]
        pub ping_interval: Duration = secs(25),
        #[serde(with = "crate::config::duration")]
        pub pong_timeout: Duration = secs(8),
        #[serde(with = "crate::config::duration")]
        pub expired_close_delay: Duration = secs(25),
        #[serde(with = "crate::config::duration")]
        pub expired_sub_close_delay: Duration = secs(25),
        #[serde(with = "crate::config::duration")]
        pub stale_close_delay: Duration = secs(10),
        pub channel_limit: usize = CHANNEL_LIMIT,
        pub queue_max_size: usize = QUEUE_MAX_SIZE,
        #[serde(with = "crate::config::duration")]
        pub presence_update_interval: Duration = secs(27),
        pub concurrency: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub channel_position_check_delay: Duration = secs(40),
        #[serde(with = "crate::config::duration")]
        pub channel_position_max_time_lag: Duration = Duration::ZERO,
        pub connection_limit: usize = 0,
        pub user_connection_limit: usize = 0,
        pub connection_rate_limit: usize = 0,
        pub connect_include_server_time: bool = false,
        pub history_max_publication_limit: usize = PUBLICATION_LIMIT,
        pub recovery_max_publication_limit: usize = PUBLICATION_LIMIT,
        pub insecure_skip_token_signature_verify: bool = false,
        pub user_id_http_header: String = String::new(),
        pub insecure: bool = false,
        pub subscribe_to_user_personal_channel: SubscribeToUserPersonalChannel = SubscribeToUserPersonalChannel::default(),
        pub connect_code_to_unidirectional_disconnect: ConnectCodeToUnidirectionalDisconnect = ConnectCodeToUnidirectionalDisconnect::default(),
    }
}

section! {
    /// `client.token`: how connection JWTs are verified.
    pub struct TokenConfig {
        pub hmac_secret_key: String = String::new(),
        pub hmac_previous_secret_key: String = String::new(),
        /// Unix seconds after which `hmac_previous_secret_key` stops being accepted.
        pub hmac_previous_secret_key_valid_until: i64 = 0,
        pub rsa_public_key: String = String::new(),
        pub ecdsa_public_key: String = String::new(),
        pub jwks_public_endpoint: String = String::new(),
        pub audience: String = String::new(),
        pub audience_regex: String = String::new(),
        pub issuer: String = String::new(),
        pub issuer_regex: String = String::new(),
        pub user_id_claim: String = String::new(),
        pub insecure_skip_jwks_endpoint_safety_check: bool = false,
    }
}

section! {
    /// `client.subscription_token`: `enabled` plus the `client.token` keys, flat beside it as in
    /// the config file (when not enabled, subscription tokens are verified with `client.token`).
    pub struct SubscriptionTokenConfig {
        pub enabled: bool = false,
        #[serde(flatten)]
        pub keys: TokenConfig = TokenConfig::default(),
    }
}

section! {
    /// `client.subscribe_to_user_personal_channel`.
    pub struct SubscribeToUserPersonalChannel {
        pub enabled: bool = false,
        pub personal_channel_namespace: String = String::new(),
        pub single_connection: bool = false,
    }
}

section! {
    /// `client.connect_code_to_unidirectional_disconnect`.
    pub struct ConnectCodeToUnidirectionalDisconnect {
        pub enabled: bool = false,
        pub transforms: Vec<UniConnectCodeToDisconnectTransform> = Vec::new(),
    }
}

section! {
    /// One item of `client.connect_code_to_unidirectional_disconnect.transforms`.
    pub struct UniConnectCodeToDisconnectTransform {
        pub code: u32 = 0,
        pub to: TransformDisconnect = TransformDisconnect::default(),
    }
}
