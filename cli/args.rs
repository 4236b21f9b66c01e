//! Command-line arguments: subcommands plus Centrifugo's dotted config flags (highest priority).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "centrifugo",
    version,
    about = "Real-time messaging server compatible with Centrifugo v6"
)]
pub struct Cli {
    /// Path to the config file (JSON, YAML or TOML by extension); a missing file is a warning
    #[arg(
        short = 'c',
        long = "config",
        global = true,
        default_value = "config.json"
    )]
    pub config: PathBuf,
    #[command(flatten)]
    pub flags: ConfigFlags,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the same as running without a subcommand)
    Serve,
    /// Print the version
    Version,
}

/// Config keys settable from the command line, named exactly as Centrifugo's flags.
#[derive(Debug, clap::Args)]
pub struct ConfigFlags {
    /// Interface address to listen on
    #[arg(short = 'a', long = "http_server.address", global = true)]
    pub address: Option<String>,
    /// Port to bind the HTTP server to
    #[arg(short = 'p', long = "http_server.port", global = true)]
    pub port: Option<String>,
    /// Internal interface address to listen on
    #[arg(long = "http_server.internal_address", global = true)]
    pub internal_address: Option<String>,
    /// Custom port for internal endpoints (API, health)
    #[arg(long = "http_server.internal_port", global = true)]
    pub internal_port: Option<String>,
    /// Log level: none, trace, debug, info, warn, error
    #[arg(long = "log.level", global = true)]
    pub log_level: Option<String>,
    /// Log file (stdout when empty)
    #[arg(long = "log.file", global = true)]
    pub log_file: Option<String>,
    /// Engine type: memory
    #[arg(long = "engine.type", global = true)]
    pub engine_type: Option<String>,
    /// Start in insecure client mode (no token needed, no permission checks)
    #[arg(long = "client.insecure", global = true, num_args = 0..=1, default_missing_value = "true")]
    pub client_insecure: Option<String>,
    /// Disable API key checks on the HTTP API
    #[arg(long = "http_api.insecure", global = true, num_args = 0..=1, default_missing_value = "true")]
    pub http_api_insecure: Option<String>,
    /// Serve the HTTP API on the external port
    #[arg(long = "http_api.external", global = true, num_args = 0..=1, default_missing_value = "true")]
    pub http_api_external: Option<String>,
    /// Enable the health check endpoint
    #[arg(long = "health.enabled", global = true, num_args = 0..=1, default_missing_value = "true")]
    pub health_enabled: Option<String>,
    /// Write the process id to this file
    #[arg(long = "pid_file", global = true)]
    pub pid_file: Option<String>,
}

impl ConfigFlags {
    /// The flags that were given, as (dotted key, value) pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let all = [
            ("http_server.address", &self.address),
            ("http_server.port", &self.port),
            ("http_server.internal_address", &self.internal_address),
            ("http_server.internal_port", &self.internal_port),
            ("log.level", &self.log_level),
            ("log.file", &self.log_file),
            ("engine.type", &self.engine_type),
            ("client.insecure", &self.client_insecure),
            ("http_api.insecure", &self.http_api_insecure),
            ("http_api.external", &self.http_api_external),
            ("health.enabled", &self.health_enabled),
            ("pid_file", &self.pid_file),
        ];
        all.iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
            .collect()
    }
}
