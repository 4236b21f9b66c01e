//! Config sections for listeners, TLS, logging, server APIs and the auxiliary HTTP endpoints.

use std::time::Duration;

use super::{secs, text};

section! {
    /// `http_server`: the main HTTP listener (all HTTP endpoints) and the optional internal one.
    pub struct HttpServer {
        pub address: String = String::new(),
        /// Port of the main listener (`-p/--http_server.port`).
        pub port: u16 = 8000,
        pub internal_address: String = String::new(),
        /// A string in v6 (empty = internal endpoints share the main port).
        pub internal_port: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub tls_autocert: TlsAutocert = TlsAutocert::default(),
        pub tls_external: bool = false,
        pub internal_tls: TlsConfig = TlsConfig::default(),
        pub http3: Http3 = Http3::default(),
        pub h2c_external: bool = false,
    }
}

section! {
    /// A TLS object used by listeners and outbound clients. PEM fields hold raw PEM,
    /// base64-encoded PEM or a file path, as in v6.
    pub struct TlsConfig {
        pub enabled: bool = false,
        pub cert_pem: String = String::new(),
        pub key_pem: String = String::new(),
        pub server_ca_pem: String = String::new(),
        pub client_ca_pem: String = String::new(),
        pub insecure_skip_verify: bool = false,
        pub server_name: String = String::new(),
    }
}

section! {
    /// `http_server.tls_autocert`: ACME (Let's Encrypt) certificates.
    pub struct TlsAutocert {
        pub enabled: bool = false,
        pub host_whitelist: Vec<String> = Vec::new(),
        pub cache_dir: String = String::new(),
        pub email: String = String::new(),
        pub server_name: String = String::new(),
        pub http: bool = false,
        pub http_addr: String = text(":80"),
    }
}

section! {
    /// `http_server.http3`: experimental HTTP/3 listener (needed by WebTransport).
    pub struct Http3 {
        pub enabled: bool = false,
    }
}

section! {
    /// `log`: level (none|trace|debug|info|warn|error|fatal) and optional file.
    pub struct Log {
        pub level: String = text("info"),
        pub file: String = String::new(),
    }
}

section! {
    /// `http_api`: the server HTTP API, enabled by default at `/api`.
    pub struct HttpApi {
        pub disabled: bool = false,
        pub handler_prefix: String = text("/api"),
        pub key: String = String::new(),
        /// "" (errors in the body) or "transport" (errors as HTTP status codes).
        pub error_mode: String = String::new(),
        pub external: bool = false,
        pub insecure: bool = false,
    }
}

section! {
    /// `grpc_api`: the server GRPC API, disabled by default.
    pub struct GrpcApi {
        pub enabled: bool = false,
        pub error_mode: String = String::new(),
        pub address: String = String::new(),
        pub port: u16 = 10000,
        pub key: String = String::new(),
        pub tls: TlsConfig = TlsConfig::default(),
        pub reflection: bool = false,
        pub max_receive_message_size: usize = 0,
    }
}

section! {
    /// `admin`: the admin web UI and its API.
    pub struct Admin {
        pub enabled: bool = false,
        pub handler_prefix: String = String::new(),
        pub password: String = String::new(),
        pub secret: String = String::new(),
        pub insecure: bool = false,
        pub web_path: String = String::new(),
        pub web_proxy_address: String = String::new(),
        pub external: bool = false,
    }
}

section! {
    /// `prometheus`: the metrics endpoint.
    pub struct Prometheus {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/metrics"),
        pub instrument_http_handlers: bool = false,
        pub recovered_publications_histogram: bool = false,
        pub native_histograms: bool = false,
    }
}

section! {
    /// `health`: the health check endpoint.
    pub struct Health {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/health"),
    }
}

section! {
    /// `swagger`: the Swagger UI for the HTTP API.
    pub struct Swagger {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/swagger"),
    }
}

section! {
    /// `debug`: profiling endpoints.
    pub struct Debug {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/debug/pprof"),
    }
}

section! {
    /// `init`: the connection init endpoint (`GET /connection/init`).
    pub struct ConnInit {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/init"),
    }
}

section! {
    /// `opentelemetry`: tracing export.
    pub struct OpenTelemetry {
        pub enabled: bool = false,
        pub api: bool = false,
        pub consuming: bool = false,
        pub google_cloud_adc_auth: bool = false,
    }
}

section! {
    /// `graphite`: metrics export to Graphite.
    pub struct Graphite {
        pub enabled: bool = false,
        pub host: String = text("localhost"),
        pub port: u16 = 2003,
        pub prefix: String = text("centrifugo"),
        #[serde(with = "crate::config::duration")]
        pub interval: Duration = secs(10),
        pub tags: bool = false,
    }
}

section! {
    /// `usage_stats`: anonymous usage statistics.
    pub struct UsageStats {
        pub disabled: bool = false,
    }
}

section! {
    /// `node`: this node inside a cluster.
    pub struct Node {
        /// Empty means `<hostname>_<port>`.
        pub name: String = String::new(),
        #[serde(with = "crate::config::duration")]
        pub info_metrics_aggregate_interval: Duration = secs(60),
    }
}

section! {
    /// `shutdown`: graceful shutdown.
    pub struct Shutdown {
        #[serde(with = "crate::config::duration")]
        pub timeout: Duration = secs(30),
    }
}
