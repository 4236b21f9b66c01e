//! Commands that act on a running server through its HTTP server API (or, with `--grpc`, its
//! GRPC API): publish, broadcast, presence, presence-stats, history, channels, info, disconnect,
//! unsubscribe.
//!
//! The address and key come from flags, else from the config (the same file and CENTRIFUGO_*
//! variables the server reads). Human output is a table; `--json` prints the API result as it
//! came. Exit codes: 0 ok, 2 usage error, 3 the server answered with an error, 4 the server could
//! not be reached (or did not answer in time).

use crate::args::Cli;
use anyhow::Context;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use serde_json::{json, Value};
use std::time::Duration;

/// Where the API is and how to call it (shared by every API command).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ApiTarget {
    /// Server API base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><http_api.handler_prefix> from the config; with --grpc: <grpc_api.address|127.0.0.1>:<grpc_api.port>]
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// API key sent as `X-API-Key` (with --grpc: as `authorization: apikey KEY` metadata) [default: http_api.key, or grpc_api.key with --grpc, from the config]
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// Use the GRPC server API (grpc_api) instead of the HTTP one
    #[arg(long)]
    pub grpc: bool,
    /// Seconds to wait for the server's answer
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    pub timeout: f64,
    /// Print the API result as JSON (one line, for scripts and jq)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct PublishArgs {
    /// Channel to publish into
    pub channel: String,
    /// Publication data: JSON text, or `-` to read it from stdin
    pub data: String,
    /// Publication tag KEY=VALUE (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE", value_parser = key_value)]
    pub tags: Vec<(String, String)>,
    /// Do not keep this publication in the channel history
    #[arg(long)]
    pub skip_history: bool,
    /// Idempotency key: the same key within a few minutes publishes once
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
    /// Send it as a delta to subscribers that negotiated one
    #[arg(long)]
    pub delta: bool,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct BroadcastArgs {
    /// Channels to publish into
    #[arg(required = true)]
    pub channels: Vec<String>,
    /// Publication data: JSON text, or `-` to read it from stdin
    #[arg(long, value_name = "JSON")]
    pub data: String,
    /// Do not keep the publications in history
    #[arg(long)]
    pub skip_history: bool,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct ChannelArgs {
    /// Channel name
    pub channel: String,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct HistoryArgs {
    /// Channel name
    pub channel: String,
    /// Publications per page (0: only the stream position)
    #[arg(long, default_value_t = 10)]
    pub limit: i64,
    /// Start after this stream position, OFFSET:EPOCH (the hint printed under a page)
    #[arg(long, value_name = "OFFSET:EPOCH", value_parser = position)]
    pub since: Option<(u64, String)>,
    /// Newest first
    #[arg(long)]
    pub reverse: bool,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct ChannelsArgs {
    /// Only channels matching this pattern (`*` matches any run of characters)
    #[arg(long)]
    pub pattern: Option<String>,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct InfoArgs {
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct DisconnectArgs {
    /// User whose connections to close
    pub user: String,
    /// Only this client ID
    #[arg(long)]
    pub client: Option<String>,
    /// Disconnect code (4000-4999 for the application; default 3000-range server disconnect)
    #[arg(long)]
    pub code: Option<u32>,
    /// Disconnect reason
    #[arg(long, requires = "code")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub target: ApiTarget,
}

#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_HELP)]
pub(crate) struct UnsubscribeArgs {
    /// User to unsubscribe
    pub user: String,
    /// Channel to unsubscribe from
    pub channel: String,
    /// Only this client ID
    #[arg(long)]
    pub client: Option<String>,
    #[command(flatten)]
    pub target: ApiTarget,
}

/// A command failure with its exit code.
#[derive(Debug)]
pub(crate) struct Exit {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// Under every API command's --help.
const EXIT_HELP: &str = "Exit codes: 0 done, 2 usage error, 3 the server answered with an error \
    (API error, wrong key), 4 the server could not be reached or did not answer in time.";

pub(crate) const EXIT_USAGE: u8 = 2;
pub(crate) const EXIT_API: u8 = 3;
pub(crate) const EXIT_UNREACHABLE: u8 = 4;

pub(crate) fn exit(code: u8, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Exit {
        code,
        message: message.into(),
    })
}

fn key_value(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| format!("{s:?} is not KEY=VALUE"))
}

fn position(s: &str) -> Result<(u64, String), String> {
    let (offset, epoch) = s
        .split_once(':')
        .ok_or_else(|| format!("{s:?} is not OFFSET:EPOCH"))?;
    let offset = offset
        .parse()
        .map_err(|_| format!("{offset:?} is not an offset (a number)"))?;
    Ok((offset, epoch.to_string()))
}

/// Publication data from the argument (or stdin for `-`), which must be JSON.
fn data_arg(data: &str) -> anyhow::Result<Value> {
    let text = if data == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading stdin")?;
        s
    } else {
        data.to_string()
    };
    serde_json::from_str(&text).map_err(|e| {
        exit(
            EXIT_USAGE,
            format!("DATA is not valid JSON ({e}): {text:?}"),
        )
    })
}

/// `http://host:port<prefix>` of this machine's server as the config places it: the internal
/// listener (`http_server.internal_address`/`internal_port`) unless `external`, and 127.0.0.1 for
/// an address that listens everywhere.
pub(crate) fn local_url(cfg: &centrifugo::config::Config, external: bool, prefix: &str) -> String {
    let s = &cfg.http_server;
    let address = if s.internal_address.is_empty() || external {
        &s.address
    } else {
        &s.internal_address
    };
    let host = if address.is_empty() || address == "0.0.0.0" {
        "127.0.0.1"
    } else {
        address
    };
    let port = if s.internal_port.is_empty() || external {
        s.port.to_string()
    } else {
        s.internal_port.clone()
    };
    format!("http://{host}:{port}{}", prefix.trim_end_matches('/'))
}

/// The API's base URL and key, from the flags or the config.
fn endpoint(cli: &Cli, t: &ApiTarget) -> anyhow::Result<(String, String)> {
    let need_config = t.api_url.is_none() || t.api_key.is_none();
    let cfg = if need_config {
        crate::load::load_for_tool(cli)?
    } else {
        Default::default()
    };
    if t.grpc {
        let url = match &t.api_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => {
                let g = &cfg.grpc_api;
                let host = if g.address.is_empty() || g.address == "0.0.0.0" {
                    "127.0.0.1"
                } else {
                    &g.address
                };
                let scheme = if g.tls.enabled { "https" } else { "http" };
                format!("{scheme}://{host}:{}", g.port)
            }
        };
        let key = t
            .api_key
            .clone()
            .unwrap_or_else(|| cfg.grpc_api.key.clone());
        return Ok((url, key));
    }
    let url = match &t.api_url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => local_url(&cfg, cfg.http_api.external, &cfg.http_api.handler_prefix),
    };
    let key = t
        .api_key
        .clone()
        .unwrap_or_else(|| cfg.http_api.key.clone());
    Ok((url, key))
}

/// Calls `method` and returns its `result`; the error names what went wrong and carries the
/// exit code (3 for an answer with an error, 4 when the server cannot be reached).
fn call(cli: &Cli, t: &ApiTarget, method: &str, params: Value) -> anyhow::Result<Value> {
    let (base, key) = endpoint(cli, t)?;
    let url = format!("{base}/{method}");
    let timeout = Duration::from_secs_f64(t.timeout.max(0.001));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    if t.grpc {
        return rt.block_on(async {
            crate::grpccmd::run(&base, &key, timeout, method, &params)
                .await
                .map_err(|f| match f {
                    crate::grpccmd::Failure::Unreachable(m) => exit(EXIT_UNREACHABLE, m),
                    crate::grpccmd::Failure::Api(m) => exit(EXIT_API, m),
                })
        });
    }
    rt.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .context("building the HTTP client")?;
        let mut req = client.post(&url).json(&params);
        if !key.is_empty() {
            req = req.header("X-API-Key", &key);
        }
        let resp = req.send().await.map_err(|e| {
            let why = if e.is_timeout() {
                format!("no answer within {timeout:?}")
            } else if e.is_connect() {
                "connection refused or host unreachable".to_string()
            } else {
                e.to_string()
            };
            exit(EXIT_UNREACHABLE, format!("cannot reach the server API at {base}: {why}"))
        })?;
        let status = resp.status();
        let body = resp.text().await.map_err(|e| {
            exit(EXIT_UNREACHABLE, format!("reading the answer from {base}: {e}"))
        })?;
        if status.as_u16() == 401 {
            return Err(exit(
                EXIT_API,
                format!("{method}: unauthorized at {base} (wrong or missing API key: --api-key or http_api.key)"),
            ));
        }
        if !status.is_success() {
            return Err(exit(
                EXIT_API,
                format!("{method}: HTTP {status} from {base}: {}", body.trim()),
            ));
        }
        let v: Value = serde_json::from_str(&body).map_err(|e| {
            exit(EXIT_API, format!("{method}: the answer from {base} is not JSON: {e}"))
        })?;
        if let Some(err) = v.get("error") {
            let code = err["code"].as_u64().unwrap_or(0);
            let message = err["message"].as_str().unwrap_or("");
            return Err(exit(EXIT_API, format!("{method}: API error {code}: {message}")));
        }
        Ok(v.get("result").cloned().unwrap_or(json!({})))
    })
}

fn print_json(v: &Value) {
    println!("{v}");
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(header.iter().map(Cell::new).collect::<Vec<_>>());
    t
}

fn right(v: impl ToString) -> Cell {
    Cell::new(v.to_string()).set_alignment(CellAlignment::Right)
}

/// A JSON value as a short cell: strings bare, the rest compact JSON, nothing for null.
fn compact(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(crate) fn publish(cli: &Cli, a: &PublishArgs) -> anyhow::Result<()> {
    let mut params = json!({"channel": a.channel, "data": data_arg(&a.data)?});
    if !a.tags.is_empty() {
        params["tags"] = a
            .tags
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    if a.skip_history {
        params["skip_history"] = json!(true);
    }
    if let Some(k) = &a.idempotency_key {
        params["idempotency_key"] = json!(k);
    }
    if a.delta {
        params["delta"] = json!(true);
    }
    let r = call(cli, &a.target, "publish", params)?;
    if a.target.json {
        print_json(&r);
    } else if r.get("offset").is_some() {
        println!(
            "published to {} at offset {} (epoch {})",
            a.channel,
            r["offset"],
            r["epoch"].as_str().unwrap_or("")
        );
    } else {
        println!("published to {}", a.channel);
    }
    Ok(())
}

pub(crate) fn broadcast(cli: &Cli, a: &BroadcastArgs) -> anyhow::Result<()> {
    let mut params = json!({"channels": a.channels, "data": data_arg(&a.data)?});
    if a.skip_history {
        params["skip_history"] = json!(true);
    }
    let r = call(cli, &a.target, "broadcast", params)?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let mut t = table(&["channel", "offset", "epoch", "error"]);
    let empty = Vec::new();
    let responses = r["responses"].as_array().unwrap_or(&empty);
    let mut failed = 0;
    for (ch, resp) in a.channels.iter().zip(responses) {
        let err = &resp["error"];
        if !err.is_null() {
            failed += 1;
        }
        t.add_row(vec![
            Cell::new(ch),
            right(compact(&resp["result"]["offset"])),
            Cell::new(compact(&resp["result"]["epoch"])),
            Cell::new(if err.is_null() {
                String::new()
            } else {
                format!("{} {}", err["code"], compact(&err["message"]))
            }),
        ]);
    }
    println!("{t}");
    if failed > 0 {
        return Err(exit(
            EXIT_API,
            format!(
                "broadcast: {failed} of {} channels failed",
                a.channels.len()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn presence(cli: &Cli, a: &ChannelArgs) -> anyhow::Result<()> {
    let r = call(cli, &a.target, "presence", json!({"channel": a.channel}))?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let mut rows: Vec<(String, &Value)> = r["presence"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default();
    rows.sort_by(|x, y| (compact(&x.1["user"]), &x.0).cmp(&(compact(&y.1["user"]), &y.0)));
    let mut t = table(&["client", "user", "conn_info", "chan_info"]);
    for (client, info) in &rows {
        t.add_row(vec![
            Cell::new(client),
            Cell::new(compact(&info["user"])),
            Cell::new(compact(&info["conn_info"])),
            Cell::new(compact(&info["chan_info"])),
        ]);
    }
    println!("{t}");
    println!("{} clients in {}", rows.len(), a.channel);
    Ok(())
}

pub(crate) fn presence_stats(cli: &Cli, a: &ChannelArgs) -> anyhow::Result<()> {
    let r = call(
        cli,
        &a.target,
        "presence_stats",
        json!({"channel": a.channel}),
    )?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let mut t = table(&["channel", "clients", "users"]);
    t.add_row(vec![
        Cell::new(&a.channel),
        right(compact(&r["num_clients"])),
        right(compact(&r["num_users"])),
    ]);
    println!("{t}");
    Ok(())
}

pub(crate) fn history(cli: &Cli, a: &HistoryArgs) -> anyhow::Result<()> {
    let mut params = json!({"channel": a.channel, "limit": a.limit, "reverse": a.reverse});
    if let Some((offset, epoch)) = &a.since {
        params["since"] = json!({"offset": offset, "epoch": epoch});
    }
    let r = call(cli, &a.target, "history", params)?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let empty = Vec::new();
    let pubs = r["publications"].as_array().unwrap_or(&empty);
    let mut t = table(&["offset", "data", "user", "client", "tags"]);
    for p in pubs {
        t.add_row(vec![
            right(compact(&p["offset"])),
            Cell::new(compact(&p["data"])),
            Cell::new(compact(&p["info"]["user"])),
            Cell::new(compact(&p["info"]["client"])),
            Cell::new(compact(&p["tags"])),
        ]);
    }
    let epoch = r["epoch"].as_str().unwrap_or("");
    let top = r["offset"].as_u64().unwrap_or(0);
    if !pubs.is_empty() {
        println!("{t}");
    }
    println!("{} publications; stream position {top}:{epoch}", pubs.len());
    // The next page continues after the last one shown (going forward).
    let last = pubs.last().and_then(|p| p["offset"].as_u64());
    if let Some(last) = last.filter(|l| !a.reverse && *l < top && a.limit > 0) {
        println!("next page: --since {last}:{epoch}");
    }
    Ok(())
}

pub(crate) fn channels(cli: &Cli, a: &ChannelsArgs) -> anyhow::Result<()> {
    let mut params = json!({});
    if let Some(p) = &a.pattern {
        params["pattern"] = json!(p);
    }
    let r = call(cli, &a.target, "channels", params)?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let mut rows: Vec<(String, u64)> = r["channels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v["num_clients"].as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    rows.sort();
    let mut t = table(&["channel", "clients"]);
    for (ch, n) in &rows {
        t.add_row(vec![Cell::new(ch), right(n)]);
    }
    println!("{t}");
    println!("{} channels", rows.len());
    Ok(())
}

pub(crate) fn info(cli: &Cli, a: &InfoArgs) -> anyhow::Result<()> {
    let r = call(cli, &a.target, "info", json!({}))?;
    if a.target.json {
        print_json(&r);
        return Ok(());
    }
    let empty = Vec::new();
    let nodes = r["nodes"].as_array().unwrap_or(&empty);
    let mut t = table(&[
        "node", "version", "clients", "users", "subs", "channels", "uptime",
    ]);
    for n in nodes {
        t.add_row(vec![
            Cell::new(compact(&n["name"])),
            Cell::new(compact(&n["version"])),
            right(compact(&n["num_clients"])),
            right(compact(&n["num_users"])),
            right(compact(&n["num_subs"])),
            right(compact(&n["num_channels"])),
            right(format!("{}s", n["uptime"].as_u64().unwrap_or(0))),
        ]);
    }
    println!("{t}");
    Ok(())
}

pub(crate) fn disconnect(cli: &Cli, a: &DisconnectArgs) -> anyhow::Result<()> {
    let mut params = json!({"user": a.user});
    if let Some(c) = &a.client {
        params["client"] = json!(c);
    }
    if let Some(code) = a.code {
        params["disconnect"] =
            json!({"code": code, "reason": a.reason.clone().unwrap_or_default()});
    }
    let r = call(cli, &a.target, "disconnect", params)?;
    if a.target.json {
        print_json(&r);
    } else {
        println!("disconnected user {:?}", a.user);
    }
    Ok(())
}

pub(crate) fn unsubscribe(cli: &Cli, a: &UnsubscribeArgs) -> anyhow::Result<()> {
    let mut params = json!({"user": a.user, "channel": a.channel});
    if let Some(c) = &a.client {
        params["client"] = json!(c);
    }
    let r = call(cli, &a.target, "unsubscribe", params)?;
    if a.target.json {
        print_json(&r);
    } else {
        println!("unsubscribed user {:?} from {}", a.user, a.channel);
    }
    Ok(())
}
