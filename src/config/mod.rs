//! Configuration: Centrifugo v6 keys from defaults < file < `CENTRIFUGO_*` env < flags -> validated `Config`.
//!
//! Loading happens in stages, all on a `serde_json::Value` document until the last typed step:
//! 1. the file (JSON, YAML or TOML by extension) is parsed into a document (`source`);
//! 2. the document is checked against the key schema derived from `Config::default()`: unknown
//!    keys become warnings with a "did you mean" hint, scalar types are coerced the way Go's
//!    weakly typed decoder does, bad values fail with their dotted key path (`schema`, `value`);
//! 3. `CENTRIFUGO_*` variables (`env`) and then flags (`source`) are written into the document;
//! 4. the document is decoded into `Config` (serde, with missing keys taking v6 defaults);
//! 5. cross-key rules are checked (`validate`).
//!
//! The library never reads the process environment: the binary passes it in via `Sources::env`.

#[macro_use]
mod macros;

mod checks;

pub mod duration;
mod env;
/// JWKS URL templates: placeholders, their regex groups, the host-safety checks (used by `auth`).
pub(crate) mod jwks_url;
mod schema;
mod source;
mod types_channel;
mod types_client;
mod types_consumer;
mod types_engine;
mod types_proxy;
mod types_server;
mod types_transport;
mod validate;
mod validate_channel;
mod value;

use std::path::PathBuf;
use std::time::Duration;

pub use types_channel::*;
pub use types_client::*;
pub use types_consumer::*;
pub use types_engine::*;
pub use types_proxy::*;
pub use types_server::*;
pub use types_transport::*;

pub use schema::key_paths;

/// A `String` default, shorter to read in the section tables.
fn text(s: &str) -> String {
    s.to_string()
}

/// A whole-seconds duration default.
const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// A milliseconds duration default.
const fn millis(n: u64) -> Duration {
    Duration::from_millis(n)
}

section! {
    /// The whole Centrifugo v6 configuration. Field names equal the v6 top-level keys.
    pub struct Config {
        pub http_server: HttpServer = HttpServer::default(),
        pub log: Log = Log::default(),
        pub engine: Engine = Engine::default(),
        pub broker: Broker = Broker::default(),
        pub presence_manager: PresenceManager = PresenceManager::default(),
        pub map_broker: MapBroker = MapBroker::default(),
        pub controller: Controller = Controller::default(),
        pub shared_poll: SharedPoll = SharedPoll::default(),
        pub client: Client = Client::default(),
        pub channel: Channel = Channel::default(),
        pub rpc: Rpc = Rpc::default(),
        pub proxies: Vec<ProxyConfig> = Vec::new(),
        pub http_api: HttpApi = HttpApi::default(),
        pub grpc_api: GrpcApi = GrpcApi::default(),
        pub consumers: Vec<Consumer> = Vec::new(),
        pub websocket: WebSocket = WebSocket::default(),
        pub sse: Sse = Sse::default(),
        pub http_stream: HttpStream = HttpStream::default(),
        pub webtransport: WebTransport = WebTransport::default(),
        pub uni_sse: UniSse = UniSse::default(),
        pub uni_http_stream: UniHttpStream = UniHttpStream::default(),
        pub uni_websocket: UniWebSocket = UniWebSocket::default(),
        pub uni_grpc: UniGrpc = UniGrpc::default(),
        /// Ours: Centrifugo v5 served SockJS, v6 dropped it.
        pub sockjs: SockJs = SockJs::default(),
        pub emulation: Emulation = Emulation::default(),
        pub admin: Admin = Admin::default(),
        pub prometheus: Prometheus = Prometheus::default(),
        pub health: Health = Health::default(),
        pub swagger: Swagger = Swagger::default(),
        pub debug: Debug = Debug::default(),
        pub init: ConnInit = ConnInit::default(),
        pub opentelemetry: OpenTelemetry = OpenTelemetry::default(),
        pub graphite: Graphite = Graphite::default(),
        pub usage_stats: UsageStats = UsageStats::default(),
        pub node: Node = Node::default(),
        pub shutdown: Shutdown = Shutdown::default(),
        pub pid_file: String = String::new(),
        pub enable_unreleased_features: bool = false,
    }
}

impl Config {
    /// Options of the namespace called `name`; `""` means `channel.without_namespace`.
    pub fn namespace(&self, name: &str) -> Option<&ChannelOptions> {
        if name.is_empty() {
            return Some(&self.channel.without_namespace);
        }
        self.channel
            .namespaces
            .iter()
            .find(|ns| ns.name == name)
            .map(|ns| &ns.options)
    }

    /// Options that apply to `channel`: the namespace before `channel.namespace_boundary`, or
    /// `without_namespace` when the name has no boundary. `None` when that namespace is unknown.
    pub fn channel_options(&self, channel: &str) -> Option<&ChannelOptions> {
        let boundary = &self.channel.namespace_boundary;
        let name = match (boundary.is_empty(), channel.find(boundary.as_str())) {
            (false, Some(idx)) => &channel[..idx],
            _ => "",
        };
        self.namespace(name)
    }

    /// The named proxy from `proxies`.
    pub fn proxy(&self, name: &str) -> Option<&ProxyConfig> {
        self.proxies.iter().find(|p| p.name == name)
    }

    /// RPC options of the namespace called `name`; `""` means `rpc.without_namespace`.
    pub fn rpc_namespace(&self, name: &str) -> Option<&RpcOptions> {
        if name.is_empty() {
            return Some(&self.rpc.without_namespace);
        }
        self.rpc
            .namespaces
            .iter()
            .find(|ns| ns.name == name)
            .map(|ns| &ns.options)
    }
}

/// Where configuration comes from. Later sources override earlier ones: file < env < flags.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Config file; `None` means defaults + env + flags only.
    pub file: Option<PathBuf>,
    /// When false a missing file is a warning (Centrifugo's behaviour), when true an error.
    pub file_required: bool,
    /// The process environment as (name, value) pairs; only `CENTRIFUGO_*` names are read.
    pub env: Vec<(String, String)>,
    /// Flags as (dotted key, value as typed), e.g. `("http_server.port", "9000")`.
    pub flags: Vec<(String, String)>,
}

/// A loaded, validated configuration and what the loader noticed on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    /// Human-readable warnings: missing file, unknown keys (with hints), unknown env vars.
    pub warnings: Vec<String>,
    /// Dotted paths of unknown keys in the file (and in JSON given through env), for `--strict`.
    pub unknown_keys: Vec<String>,
    /// Names of `CENTRIFUGO_*` variables that match no key.
    pub unknown_env: Vec<String>,
}

/// Why configuration could not be loaded. Messages name the dotted key path where one applies.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file not found: {}", .path.display())]
    FileNotFound { path: PathBuf },
    #[error("cannot read config file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot parse config file {}{}: {message}", .path.display(), .line.map(|l| format!(" at line {l}")).unwrap_or_default())]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("invalid value for \"{key}\": {message}")]
    InvalidValue { key: String, message: String },
    #[error("invalid value for \"{key}\" in environment variable {var}: {message}")]
    InvalidEnv {
        var: String,
        key: String,
        message: String,
    },
    #[error("unknown flag \"{key}\"{}", .suggestion.as_ref().map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default())]
    UnknownFlag {
        key: String,
        suggestion: Option<String>,
    },
    #[error("invalid config at \"{key}\": {message}")]
    Invalid { key: String, message: String },
}

/// Loads configuration from `sources`, then validates it.
pub fn load(sources: &Sources) -> Result<Loaded, ConfigError> {
    let mut warnings = Vec::new();
    let mut doc = match &sources.file {
        Some(path) => source::read_file(path, sources.file_required, &mut warnings)?,
        None => serde_json::Value::Object(serde_json::Map::new()),
    };
    let mut unknown = Vec::new();
    schema::check(schema::root(), &mut doc, "", &mut unknown)?;
    let unknown_env = env::apply(&mut doc, &sources.env, &mut unknown)?;
    source::apply_flags(&mut doc, &sources.flags)?;
    env::expand_vars(schema::root(), &mut doc, "", &sources.env)?;
    let config = decode(doc, &mut warnings)?;
    validate::validate(&config)?;
    warnings.extend(validate::warnings(&config));

    warnings.extend(unknown.iter().map(schema::UnknownKey::warning));
    warnings.extend(
        unknown_env
            .iter()
            .map(|name| format!("unknown environment variable {name}: it matches no config key")),
    );
    Ok(Loaded {
        config,
        warnings,
        unknown_keys: unknown.into_iter().map(|u| u.path).collect(),
        unknown_env,
    })
}

/// Every problem `checkconfig` can name at once: all values of the wrong shape anywhere in the
/// file (each with its key path), then, when the shapes are right, the first invalid setting;
/// and the warnings (unknown keys with a "did you mean"). `Err` only when the file cannot be
/// read or parsed at all.
pub fn problems(sources: &Sources) -> Result<Problems, ConfigError> {
    let mut warnings = Vec::new();
    let mut doc = match &sources.file {
        Some(path) => source::read_file(path, sources.file_required, &mut warnings)?,
        None => serde_json::Value::Object(serde_json::Map::new()),
    };
    let mut unknown = Vec::new();
    let mut errors = Vec::new();
    schema::check_all(schema::root(), &mut doc, "", &mut unknown, &mut errors);
    let unknown_keys: Vec<String> = unknown.iter().map(|u| u.path.clone()).collect();
    let unknown_warnings: Vec<String> = unknown.iter().map(schema::UnknownKey::warning).collect();
    if errors.is_empty() {
        match load(sources) {
            Ok(loaded) => warnings = loaded.warnings,
            Err(e) => {
                errors.push(e);
                warnings.extend(unknown_warnings);
            }
        }
    } else {
        warnings.extend(unknown_warnings);
    }
    Ok(Problems {
        errors: errors.iter().map(ToString::to_string).collect(),
        warnings,
        unknown_keys,
    })
}

/// What `problems` found.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub unknown_keys: Vec<String>,
}

/// Loads a JSON document as if it were the config file, with no env and no flags.
pub fn from_json_str(s: &str) -> Result<Loaded, ConfigError> {
    let doc: serde_json::Value = serde_json::from_str(s).map_err(|e| ConfigError::Parse {
        path: PathBuf::from("<json>"),
        line: Some(e.line()),
        message: e.to_string(),
    })?;
    from_document(doc)
}

/// Loads config text in the format the extension `ext` names, as if it were the config file.
pub(crate) fn from_text(text: &str, ext: &str) -> Result<Loaded, ConfigError> {
    let doc = source::parse_text_as(text, ext).map_err(|message| ConfigError::Parse {
        path: PathBuf::from(format!("<{ext}>")),
        line: None,
        message,
    })?;
    from_document(doc)
}

/// Checks, decodes and validates a parsed document (no env, no flags).
fn from_document(mut doc: serde_json::Value) -> Result<Loaded, ConfigError> {
    if doc.is_null() {
        doc = serde_json::Value::Object(serde_json::Map::new());
    }
    let mut unknown = Vec::new();
    schema::check(schema::root(), &mut doc, "", &mut unknown)?;
    env::expand_vars(schema::root(), &mut doc, "", &[])?;
    let mut warnings: Vec<String> = unknown.iter().map(schema::UnknownKey::warning).collect();
    let config = decode(doc, &mut warnings)?;
    validate::validate(&config)?;
    warnings.extend(validate::warnings(&config));
    Ok(Loaded {
        config,
        warnings,
        unknown_keys: unknown.into_iter().map(|u| u.path).collect(),
        unknown_env: Vec::new(),
    })
}

/// Typed decode; a failure names the dotted path of the offending key.
/// Decodes the document. Go's config integers are signed, and a negative count or limit there
/// reads as "off" (every check is `> 0`); where we keep an unsigned value, a negative one is read
/// as 0 with a warning, so such files still load.
fn decode(mut doc: serde_json::Value, warnings: &mut Vec<String>) -> Result<Config, ConfigError> {
    loop {
        let e = match serde_path_to_error::deserialize(doc.clone()) {
            Ok(config) => return Ok(config),
            Err(e) => e,
        };
        let (key, message) = (e.path().to_string(), e.inner().to_string());
        let negative_unsigned = message.starts_with("invalid value: integer `-")
            && ["usize", "u64", "u32", "u16", "u8"]
                .iter()
                .any(|t| message.ends_with(&format!("expected {t}")));
        let fixed = match value_at(&mut doc, &key) {
            Some(slot) if negative_unsigned && slot.as_i64().is_some_and(|n| n < 0) => {
                warnings.push(format!("negative value for \"{key}\" read as 0"));
                *slot = serde_json::Value::from(0);
                true
            }
            // Inside flattened options the path stops at the object: fix the member holding the
            // value the error names.
            Some(serde_json::Value::Object(members)) if negative_unsigned => {
                let mut hit = false;
                for (name, v) in members.iter_mut() {
                    if v.as_i64()
                        .is_some_and(|n| n < 0 && message.contains(&format!("integer `{n}`")))
                    {
                        warnings.push(format!("negative value for \"{key}.{name}\" read as 0"));
                        *v = serde_json::Value::from(0);
                        hit = true;
                    }
                }
                hit
            }
            _ => false,
        };
        if !fixed {
            return Err(ConfigError::InvalidValue { key, message });
        }
    }
}

/// The value at a dotted key path like `channel.namespaces[0].history_size`.
fn value_at<'a>(doc: &'a mut serde_json::Value, path: &str) -> Option<&'a mut serde_json::Value> {
    let mut cur = doc;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            cur = cur.get_mut(name)?;
        }
        for idx in indexes.split('[').filter(|s| !s.is_empty()) {
            let n: usize = idx.trim_end_matches(']').parse().ok()?;
            cur = cur.get_mut(n)?;
        }
    }
    Some(cur)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_sources;
