//! Command-line arguments: subcommands plus Centrifugo's dotted config flags (highest priority).

use clap::{Arg, ArgAction, ArgMatches, Parser, Subcommand};
use std::path::{Path, PathBuf};

/// Config file used when `-c/--config` is not given (Centrifugo's default).
pub(crate) const DEFAULT_CONFIG: &str = "config.json";

#[derive(Debug, Parser)]
#[command(
    name = "centrifugo",
    version,
    about = "Real-time messaging server compatible with Centrifugo v6",
    long_about = "Real-time messaging server compatible with Centrifugo v6.\n\n\
        Without a subcommand it runs the server (the same as `centrifugo serve`). Configuration \
        comes from defaults < config file < CENTRIFUGO_* environment variables < flags."
)]
pub(crate) struct Cli {
    /// Path to the config file (JSON, YAML or TOML by extension) [default: config.json]
    ///
    /// For the server a missing file is a warning; for genconfig/defaultconfig this is the output file.
    #[arg(short = 'c', long = "config", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub flags: ConfigFlags,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The config file path: `-c` when given, else `config.json`.
    pub(crate) fn config_path(&self) -> &Path {
        self.config
            .as_deref()
            .unwrap_or_else(|| Path::new(DEFAULT_CONFIG))
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run the server (the same as running without a subcommand)
    Serve,
    /// Print the version
    Version,
    /// Check the config file: silent and exit 0 when valid, the error and exit 1 when not
    Checkconfig(CheckconfigArgs),
    /// Write a minimal config with freshly generated secrets (refuses to overwrite)
    Genconfig,
    /// Generate a connection JWT for a user (HMAC from config, or RSA/ECDSA from a private key)
    Gentoken(GentokenArgs),
    /// Generate a subscription JWT for a user and channel
    Gensubtoken(GensubtokenArgs),
    /// Verify a connection JWT with the configured keys and print its claims
    Checktoken(CheckTokenArgs),
    /// Verify a subscription JWT with the configured keys and print its claims
    Checksubtoken(CheckTokenArgs),
    /// Print every config key with its default value as CENTRIFUGO_...="value" lines
    Defaultenv,
    /// Write the full config with every option at its default value
    Defaultconfig(DefaultconfigArgs),
    /// Publish data into a channel of a running server (server API)
    Publish(crate::apicmd::PublishArgs),
    /// Publish the same data into several channels (server API)
    Broadcast(crate::apicmd::BroadcastArgs),
    /// Show who is in a channel: clients, users, connection and channel info (server API)
    Presence(crate::apicmd::ChannelArgs),
    /// Count the clients and users in a channel (server API)
    PresenceStats(crate::apicmd::ChannelArgs),
    /// Page through a channel's history stream (server API)
    History(crate::apicmd::HistoryArgs),
    /// List active channels with their client counts (server API)
    Channels(crate::apicmd::ChannelsArgs),
    /// Show the nodes of a running server or cluster (server API)
    Info(crate::apicmd::InfoArgs),
    /// Close a user's connections (server API)
    Disconnect(crate::apicmd::DisconnectArgs),
    /// Unsubscribe a user from a channel (server API)
    Unsubscribe(crate::apicmd::UnsubscribeArgs),
    /// Follow one user's or one channel's events live (admin endpoint /admin/trace)
    Trace(crate::trace::TraceArgs),
    /// Load-test a Centrifugo-compatible server over client protocol v2 and the HTTP API
    Bench(crate::bench::BenchArgs),
    /// Regenerate shell completions and man pages into DIR (for maintainers)
    #[command(hide = true)]
    GenerateAssets {
        /// Directory that gets completions/ and man/
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckconfigArgs {
    /// Fail (exit 1) when the config has unknown keys
    #[arg(short = 's', long = "strict")]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct TokenArgs {
    /// User ID; empty means an anonymous user
    #[arg(short = 'u', long = "user", default_value = "")]
    pub user: String,
    /// Token TTL in seconds; -1 for a token without expiration
    #[arg(
        short = 't',
        long = "ttl",
        default_value_t = 604_800,
        allow_negative_numbers = true
    )]
    pub ttl: i64,
    /// Only print the token
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,
    /// Sign with this RSA or ECDSA private key (PEM: PKCS#8, PKCS#1 or SEC1) instead of the HMAC secret
    #[arg(long = "private-key", value_name = "PEM_FILE")]
    pub private_key: Option<PathBuf>,
    /// JWT algorithm [default: HS256, or inferred from --private-key]
    #[arg(long = "alg", value_parser = [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
    ])]
    pub alg: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct GentokenArgs {
    #[command(flatten)]
    pub token: TokenArgs,
    #[command(flatten)]
    pub claims: ClaimArgs,
    /// Server-side channel to subscribe the connection to (`channels` claim; repeatable)
    #[arg(long = "channels", value_name = "CHANNEL")]
    pub channels: Vec<String>,
    /// Server-side subscriptions with options (`subs` claim), a JSON object
    #[arg(long, value_name = "JSON")]
    pub subs: Option<String>,
    /// Server-only connection metadata (`meta` claim), a JSON object
    #[arg(long, value_name = "JSON")]
    pub meta: Option<String>,
}

/// Claims both token kinds may carry.
#[derive(Debug, clap::Args)]
pub(crate) struct ClaimArgs {
    /// Info attached to the connection or subscription (`info` claim), JSON
    #[arg(long, value_name = "JSON")]
    pub info: Option<String>,
    /// Audience (`aud` claim; repeat for several)
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,
    /// Issuer (`iss` claim)
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,
    /// Unix seconds when the connection or subscription expires (`expire_at`; 0 = never), apart
    /// from the token's own `exp`
    #[arg(long, value_name = "UNIX")]
    pub expire_at: Option<i64>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct GensubtokenArgs {
    #[command(flatten)]
    pub token: TokenArgs,
    /// Channel the token grants
    #[arg(short = 's', long = "channel", required = true)]
    pub channel: String,
    #[command(flatten)]
    pub claims: ClaimArgs,
    /// Data sent to the client in the subscribe reply (`data` claim), JSON
    #[arg(long, value_name = "JSON")]
    pub data: Option<String>,
    /// Only this client ID may use the token (`client` claim)
    #[arg(long, value_name = "ID")]
    pub client: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckTokenArgs {
    /// The JWT to check; read from standard input when omitted
    pub token: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DefaultconfigArgs {
    /// Print the config to standard output instead of writing the file
    #[arg(short = 'd', long = "dry-run")]
    pub dry_run: bool,
}

/// One flag bound to a config key: `--<key>`, help text, and whether it is a boolean switch.
pub(crate) struct FlagSpec {
    pub key: &'static str,
    pub short: Option<char>,
    pub help: &'static str,
    pub boolean: bool,
}

const fn value(key: &'static str, short: Option<char>, help: &'static str) -> FlagSpec {
    FlagSpec {
        key,
        short,
        help,
        boolean: false,
    }
}

const fn switch(key: &'static str, help: &'static str) -> FlagSpec {
    FlagSpec {
        key,
        short: None,
        help,
        boolean: true,
    }
}

/// Every root flag of Centrifugo v6 (`DefineFlags`), in its order. Defaults are the config's.
pub(crate) const FLAGS: &[FlagSpec] = &[
    value("pid_file", None, "Write the process ID to this file"),
    value(
        "http_server.address",
        Some('a'),
        "Interface address to listen on [config default: all interfaces]",
    ),
    value(
        "http_server.port",
        Some('p'),
        "Port to bind the HTTP server to [config default: 8000]",
    ),
    value(
        "http_server.internal_address",
        None,
        "Interface address for internal endpoints (API, admin, metrics, health)",
    ),
    value(
        "http_server.internal_port",
        None,
        "Custom port for internal endpoints (API, admin, metrics, health)",
    ),
    value(
        "engine.type",
        None,
        "Engine to use: memory or redis [config default: memory]",
    ),
    switch("broker.enabled", "Use a broker separate from the engine"),
    value(
        "broker.type",
        None,
        "Broker to use: memory, redis or nats [config default: memory]",
    ),
    switch(
        "presence_manager.enabled",
        "Use a presence manager separate from the engine",
    ),
    value(
        "presence_manager.type",
        None,
        "Presence manager to use: memory or redis [config default: memory]",
    ),
    value(
        "map_broker.type",
        None,
        "Map broker to use: memory, redis or postgres [config default: memory]",
    ),
    value(
        "log.level",
        None,
        "Log level: none, trace, debug, info, warn, error or fatal [config default: info]",
    ),
    value(
        "log.file",
        None,
        "Write logs to this file instead of stdout",
    ),
    switch("debug.enabled", "Enable the debug (pprof) endpoints"),
    switch("admin.enabled", "Enable the admin web interface"),
    switch(
        "admin.external",
        "Serve the admin interface on the external port",
    ),
    switch(
        "admin.insecure",
        "Admin interface without authentication (development only)",
    ),
    switch(
        "prometheus.enabled",
        "Enable the Prometheus metrics endpoint",
    ),
    switch(
        "swagger.enabled",
        "Enable the Swagger UI for the server API",
    ),
    switch("health.enabled", "Enable the health check endpoint"),
    switch(
        "init.enabled",
        "Enable the connection init endpoint for unidirectional transports",
    ),
    switch(
        "uni_websocket.enabled",
        "Enable the unidirectional WebSocket transport",
    ),
    switch("uni_sse.enabled", "Enable the unidirectional SSE transport"),
    switch(
        "uni_http_stream.enabled",
        "Enable the unidirectional HTTP streaming transport",
    ),
    switch(
        "sse.enabled",
        "Enable the bidirectional SSE transport (emulation)",
    ),
    switch(
        "http_stream.enabled",
        "Enable the bidirectional HTTP streaming transport (emulation)",
    ),
    switch(
        "client.insecure",
        "Insecure client mode: no token needed, no permission checks (development only)",
    ),
    switch(
        "http_api.insecure",
        "Accept server API requests without an API key (development only)",
    ),
    switch(
        "http_api.external",
        "Serve the HTTP API on the external port",
    ),
    switch("grpc_api.enabled", "Enable the GRPC server API"),
    value(
        "grpc_api.port",
        None,
        "Port for the GRPC server API [config default: 10000]",
    ),
    switch(
        "uni_grpc.enabled",
        "Enable the unidirectional GRPC transport",
    ),
    value(
        "uni_grpc.port",
        None,
        "Port for the unidirectional GRPC transport [config default: 11000]",
    ),
];

/// Heading that groups the config flags in `--help`.
const FLAGS_HEADING: &str = "Config flags (override config file and environment)";

impl FlagSpec {
    fn arg(&self) -> Arg {
        let mut arg = Arg::new(self.key)
            .long(self.key)
            .help(self.help)
            .global(true)
            .help_heading(FLAGS_HEADING)
            .action(ArgAction::Set);
        if let Some(short) = self.short {
            arg = arg.short(short);
        }
        if self.boolean {
            // Bare `--client.insecure` means true; a value needs `=` so the flag never swallows
            // the next word (a subcommand name): `--client.insecure=false`.
            arg = arg
                .num_args(0..=1)
                .require_equals(true)
                .default_missing_value("true")
                .value_name("BOOL");
        } else {
            arg = arg.value_name("VALUE");
        }
        arg
    }
}

/// Config keys set on the command line, as (dotted key, value as typed) in catalogue order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConfigFlags {
    pairs: Vec<(String, String)>,
}

impl ConfigFlags {
    /// The flags that were given, as (dotted key, value) pairs for `config::Sources::flags`.
    pub(crate) fn pairs(&self) -> Vec<(String, String)> {
        self.pairs.clone()
    }
}

impl clap::FromArgMatches for ConfigFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = ConfigFlags::default();
        flags.update_from_arg_matches(matches)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for spec in FLAGS {
            if let Some(value) = matches.get_one::<String>(spec.key) {
                self.pairs.retain(|(k, _)| k != spec.key);
                self.pairs.push((spec.key.to_string(), value.clone()));
            }
        }
        Ok(())
    }
}

impl clap::Args for ConfigFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        FLAGS.iter().fold(cmd, |cmd, spec| cmd.arg(spec.arg()))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_names_a_config_key() {
        let keys: Vec<String> = centrifugo::config::key_paths()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        for spec in FLAGS {
            assert!(keys.iter().any(|k| k == spec.key), "{}", spec.key);
        }
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
