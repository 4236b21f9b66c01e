//! Config for proxies to the application backend: the shared `Proxy` object, named `proxies[]`
//! items and the HTTP / GRPC specific parts (spec §5.2).

use std::collections::BTreeMap;
use std::time::Duration;

use super::secs;
use super::types_server::TlsConfig;

section! {
    /// A proxy endpoint: used by `client.proxy.*`, `channel.proxy.*`, `rpc.proxy` and flattened
    /// into each named `proxies[]` item. The endpoint scheme picks HTTP or GRPC (`grpc://`).
    pub struct Proxy {
        pub endpoint: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub timeout: Duration = secs(1),
        pub http_headers: Vec<String> = Vec::new(),
        pub grpc_metadata: Vec<String> = Vec::new(),
        pub emulated_headers: Vec<String> = Vec::new(),
        pub binary_encoding: bool = false,
        pub include_connection_meta: bool = false,
        pub http: ProxyHttp = ProxyHttp::default(),
        pub grpc: ProxyGrpc = ProxyGrpc::default(),
    }
}

section! {
    /// One item of the top-level `proxies` array: a `Proxy` with a name that channel and RPC
    /// namespaces reference via `*_proxy_name`. The proxy keys sit beside `name` (flattened).
    pub struct ProxyConfig {
        pub name: String = String::new(),
        #[serde(flatten)]
        pub proxy: Proxy = Proxy::default(),
    }
}

section! {
    /// HTTP-specific proxy options (`proxy.http`).
    pub struct ProxyHttp {
        pub tls: TlsConfig = TlsConfig::default(),
        /// Free-form header map; values may use `${CENTRIFUGO_VAR_*}` placeholders.
        pub static_headers: BTreeMap<String, String> = BTreeMap::new(),
        pub status_to_code_transforms: Vec<HttpStatusToCodeTransform> = Vec::new(),
    }
}

section! {
    /// GRPC-specific proxy options (`proxy.grpc`).
    pub struct ProxyGrpc {
        pub tls: TlsConfig = TlsConfig::default(),
        pub credentials_key: String = String::new(),
        pub credentials_value: String = String::new(),
        pub compression: bool = false,
        /// Free-form metadata map; values may use `${CENTRIFUGO_VAR_*}` placeholders.
        pub static_metadata: BTreeMap<String, String> = BTreeMap::new(),
    }
}

section! {
    /// One item of `proxy.http.status_to_code_transforms`.
    pub struct HttpStatusToCodeTransform {
        pub status_code: u16 = 0,
        pub to_error: TransformError = TransformError::default(),
        pub to_disconnect: TransformDisconnect = TransformDisconnect::default(),
    }
}

section! {
    /// A client error produced by a transform.
    pub struct TransformError {
        pub code: u32 = 0,
        pub message: String = String::new(),
        pub temporary: bool = false,
    }
}

section! {
    /// A disconnect produced by a transform.
    pub struct TransformDisconnect {
        pub code: u32 = 0,
        pub reason: String = String::new(),
    }
}

section! {
    /// `client.proxy.connect`: the connect proxy (`enabled` + proxy keys, flattened).
    pub struct ConnectProxy {
        pub enabled: bool = false,
        #[serde(flatten)]
        pub proxy: Proxy = Proxy::default(),
    }
}

section! {
    /// `client.proxy.refresh`: the refresh proxy (`enabled` + proxy keys, flattened).
    pub struct RefreshProxy {
        pub enabled: bool = false,
        #[serde(flatten)]
        pub proxy: Proxy = Proxy::default(),
    }
}

section! {
    /// `client.proxy`.
    pub struct ClientProxy {
        pub connect: ConnectProxy = ConnectProxy::default(),
        pub refresh: RefreshProxy = RefreshProxy::default(),
    }
}

section! {
    /// `channel.proxy`: the default (unnamed, "default") proxies for channel events.
    pub struct ChannelProxy {
        pub subscribe: Proxy = Proxy::default(),
        pub publish: Proxy = Proxy::default(),
        pub sub_refresh: Proxy = Proxy::default(),
        pub subscribe_stream: Proxy = Proxy::default(),
        pub map_publish: Proxy = Proxy::default(),
        pub map_remove: Proxy = Proxy::default(),
        pub shared_poll_refresh: Proxy = Proxy::default(),
    }
}
