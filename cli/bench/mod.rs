//! `centrifugo bench`: a load generator speaking client protocol v2 to any Centrifugo-compatible server.
//!
//! Scenarios: `idle` (held connections, server RSS per connection), `connect` (JWT connection storm),
//! `fanout` (one channel, N subscribers, delivery latency) and `channels` (one channel per client,
//! publishes through the HTTP API), `rpc` (RPC calls through the server's RPC proxy). Every loop is bounded in count and time; a failed check exits non-zero.

mod api;
mod conn;
mod delivery;
mod load;
mod procs;
mod report;
mod rpc;
mod sys;

use anyhow::{anyhow, bail, Context};
use centrifugo::tokens::{self as auth, SigningKey};
use centrifugo::wire::Format;
use std::net::SocketAddr;
use std::time::Duration;

/// Environment variable that passes the HMAC secret to re-exec'ed children (never on a command line).
const SECRET_ENV: &str = "CFBENCH_HMAC_SECRET";

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct BenchArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub scenario: Scenario,
}

/// Options every scenario shares.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Common {
    /// WebSocket endpoint of the server under test
    #[arg(
        long,
        global = true,
        default_value = "ws://127.0.0.1:8000/connection/websocket"
    )]
    pub url: String,
    /// Server HTTP API base [default: http://<host:port of --url>/api]
    #[arg(long, global = true)]
    pub api_url: Option<String>,
    /// HTTP API key [default: http_api.key from --config]
    #[arg(long, global = true)]
    pub api_key: Option<String>,
    /// HMAC secret to sign connection JWTs (HS256) [default: client.token.hmac_secret_key from --config]
    #[arg(long, global = true)]
    pub hmac_secret: Option<String>,
    /// Client protocol wire format
    #[arg(long, global = true, default_value = "json", value_parser = ["json", "protobuf"])]
    pub format: String,
    /// Spread connections over this many loopback source addresses (127.0.0.1 .. 127.0.0.N)
    #[arg(long, global = true, default_value_t = 1)]
    pub source_addrs: u8,
    /// Connection attempts in flight at once
    #[arg(long, global = true, default_value_t = 200)]
    pub concurrency: usize,
    /// Server process ID: report its RSS (VmRSS) before and after
    #[arg(long, global = true)]
    pub server_pid: Option<u32>,
    /// Upper bound for the whole run in seconds; exceeding it fails the run
    #[arg(long, global = true, default_value_t = 120)]
    pub timeout: u64,
    /// Print the result as JSON instead of a table
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub(crate) enum Scenario {
    /// Open N connections, each subscribed to a personal channel, and hold them
    Idle(IdleArgs),
    /// Connection storm with JWT: accepted connections/s and connect latency
    Connect(ConnectArgs),
    /// N subscribers in one channel, a publisher at a fixed (or ramping) rate
    Fanout(FanoutArgs),
    /// N clients each in its own channel, publishes through the HTTP API (single or batch)
    Channels(ChannelsArgs),
    /// N connections calling an RPC method back to back (through the RPC proxy)
    Rpc(RpcArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RpcArgs {
    /// Connections, each calling back to back
    #[arg(short = 'n', long, default_value_t = 100)]
    pub connections: usize,
    /// Seconds of calling
    #[arg(long, default_value_t = 5.0)]
    pub duration: f64,
    /// RPC method to call
    #[arg(long, default_value = "echo")]
    pub method: String,
    /// Bytes of payload in each call's data
    #[arg(long, default_value_t = 64)]
    pub payload: usize,
    /// Also serve a minimal HTTP RPC proxy backend at this address (answers with the call's data)
    #[arg(long)]
    pub backend: Option<SocketAddr>,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct IdleArgs {
    /// Connections to open
    #[arg(short = 'n', long, default_value_t = 1000)]
    pub connections: usize,
    /// Seconds to hold the connections after the RSS sample
    #[arg(long, default_value_t = 0)]
    pub hold: u64,
    /// Seconds to wait after the last connect before sampling the server's RSS
    #[arg(long, default_value_t = 1)]
    pub settle: u64,
    /// Spread the connections over K load-generator processes (re-executes this binary)
    #[arg(long, default_value_t = 1)]
    pub processes: usize,
    /// Internal: run as a child of a multi-process run whose connections start at this index
    #[arg(long, hide = true)]
    pub child: Option<usize>,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ConnectArgs {
    /// Connections to open
    #[arg(short = 'n', long, default_value_t = 1000)]
    pub connections: usize,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct FanoutArgs {
    /// Subscribers in the channel
    #[arg(short = 'n', long, default_value_t = 1000)]
    pub subscribers: usize,
    /// Publications per second
    #[arg(long, default_value_t = 10.0)]
    pub rate: f64,
    /// Ramp the rate linearly from --rate to this value over the run
    #[arg(long)]
    pub ramp_to: Option<f64>,
    /// Seconds of publishing
    #[arg(long, default_value_t = 5.0)]
    pub duration: f64,
    /// Publication payload size in bytes (at least the timestamp it carries)
    #[arg(long, default_value_t = 128)]
    pub payload: usize,
    /// Keep-alive API connections publishing in turn (requests in flight at most)
    #[arg(long, default_value_t = 8)]
    pub api_conns: usize,
    /// Seconds to wait for outstanding deliveries after the last publish
    #[arg(long, default_value_t = 10)]
    pub drain: u64,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ChannelsArgs {
    /// Clients, each subscribed to its own channel
    #[arg(short = 'n', long, default_value_t = 1000)]
    pub clients: usize,
    /// Publications in total (spread round-robin over the channels)
    #[arg(long, default_value_t = 10_000)]
    pub messages: usize,
    /// Publications per API request: 1 uses `publish`, more use `batch`
    #[arg(long, default_value_t = 1)]
    pub batch: usize,
    /// Parallel keep-alive API connections
    #[arg(long, default_value_t = 4)]
    pub api_conns: usize,
    /// Publication payload size in bytes
    #[arg(long, default_value_t = 128)]
    pub payload: usize,
    /// Seconds to wait for outstanding deliveries after the last publish
    #[arg(long, default_value_t = 10)]
    pub drain: u64,
}

/// Everything a scenario needs, resolved once from the arguments and the config.
pub(crate) struct Ctx {
    pub common: Common,
    pub format: Format,
    pub server: SocketAddr,
    pub api: api::Endpoint,
    pub key: SigningKey,
    pub sources: Vec<std::net::Ipv4Addr>,
}

impl Ctx {
    fn new(cfg: &centrifugo::config::Config, common: &Common) -> anyhow::Result<Ctx> {
        let secret = common
            .hmac_secret
            .clone()
            .or_else(|| std::env::var(SECRET_ENV).ok())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| cfg.client.token.hmac_secret_key.clone());
        if secret.is_empty() {
            bail!("no HMAC secret: pass --hmac-secret or a --config with client.token.hmac_secret_key");
        }
        let api_key = common
            .api_key
            .clone()
            .unwrap_or_else(|| cfg.http_api.key.clone());
        let (host_port, _) = conn::split_ws_url(&common.url)?;
        let server = std::net::ToSocketAddrs::to_socket_addrs(host_port)
            .with_context(|| format!("resolving {host_port}"))?
            .find(|a| a.is_ipv4())
            .ok_or_else(|| anyhow!("{host_port} has no IPv4 address"))?;
        let api_base = common
            .api_url
            .clone()
            .unwrap_or_else(|| format!("http://{host_port}/api"));
        let format = match common.format.as_str() {
            "protobuf" => Format::Protobuf,
            _ => Format::Json,
        };
        if common.source_addrs == 0 {
            bail!("--source-addrs must be at least 1");
        }
        Ok(Ctx {
            common: common.clone(),
            format,
            server,
            api: api::Endpoint::parse(&api_base, api_key)?,
            key: SigningKey::Hmac(secret.into_bytes()),
            sources: sys::source_addrs(common.source_addrs),
        })
    }

    /// A connection JWT for `user`, valid for an hour.
    pub(crate) fn token(&self, user: &str) -> anyhow::Result<String> {
        let claims = auth::connection_claims(user, "", crate::tokens::unix_now(), Some(3600));
        Ok(auth::sign(&claims, "HS256", &self.key)?)
    }

    /// The deadline for the whole run.
    pub(crate) fn deadline(&self) -> tokio::time::Instant {
        tokio::time::Instant::now() + Duration::from_secs(self.common.timeout)
    }
}

/// Runs a scenario against a server; `cfg` (loaded from `config_file` when given) supplies the
/// token secret and API key the flags leave out.
pub(crate) fn run(
    cfg: &centrifugo::config::Config,
    config_file: Option<&std::path::Path>,
    args: &BenchArgs,
) -> anyhow::Result<()> {
    let ctx = Ctx::new(cfg, &args.common)?;
    let conns = match &args.scenario {
        Scenario::Idle(a) => a.connections.div_ceil(a.processes.max(1)),
        Scenario::Connect(a) => a.connections,
        Scenario::Fanout(a) => a.subscribers + a.api_conns,
        Scenario::Channels(a) => a.clients + a.api_conns,
        Scenario::Rpc(a) => a.connections,
    };
    sys::check_fd_limit(conns, matches!(args.scenario, Scenario::Idle(_)))?;
    let total = match &args.scenario {
        Scenario::Idle(a) => a.connections,
        _ => conns,
    };
    sys::check_ports(total, ctx.sources.len())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;
    let report = rt.block_on(async {
        match &args.scenario {
            Scenario::Idle(a) if a.processes > 1 && a.child.is_none() => {
                procs::idle_multi(&ctx, a, config_file).await
            }
            Scenario::Idle(a) => load::idle(&ctx, a).await,
            Scenario::Connect(a) => load::connect(&ctx, a).await,
            Scenario::Fanout(a) => delivery::fanout(&ctx, a).await,
            Scenario::Channels(a) => delivery::channels(&ctx, a).await,
            Scenario::Rpc(a) => rpc::rpc(&ctx, a).await,
        }
    })?;
    // A child of a multi-process run has already reported on stdout.
    if let Some(report) = report {
        report.print(ctx.common.json)?;
        if !report.failures.is_empty() {
            bail!("scenario failed: {}", report.failures.join("; "));
        }
    }
    rt.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}
