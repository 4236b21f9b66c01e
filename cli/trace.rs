//! `centrifugo trace user|channel ID`: follows one user's or one channel's events on a running
//! server live, through the admin endpoint `/admin/trace` (an admin token from `--token`, or a
//! login with `--password` / `admin.password`). Human lines, or `--json` for jq.

use crate::apicmd::{exit, EXIT_API, EXIT_UNREACHABLE, EXIT_USAGE};
use crate::args::Cli;
use anyhow::Context;
use serde_json::{json, Value};
use std::io::Write;
use std::time::Duration;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Kind {
    /// Every connection of one user ID
    User,
    /// One channel: commands about it, publications, joins and leaves
    Channel,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 done (the stream ended, --count or --duration reached), \
    2 usage error, 3 refused (wrong token or password, bad request), 4 the server could not be \
    reached."
)]
pub(crate) struct TraceArgs {
    /// What to follow
    #[arg(value_enum)]
    pub kind: Kind,
    /// The user ID or channel name
    pub entity: String,
    /// Admin base URL [default: http://<http_server.address|127.0.0.1>:<http_server.internal_port|port><admin.handler_prefix> from the config]
    #[arg(long, value_name = "URL")]
    pub admin_url: Option<String>,
    /// Admin token (from POST /admin/auth); without one, --password logs in first
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Admin password [default: admin.password from the config]
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Stop after this many events
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
    /// Stop after this many seconds (0: until the stream ends or Ctrl-C)
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0)]
    pub duration: f64,
    /// Print each event as one JSON line (for jq)
    #[arg(long)]
    pub json: bool,
}

/// One event as a human line: time, type, who, where, and the reply's error if any.
fn human(ev: &Value) -> String {
    let time = ev["time"].as_str().unwrap_or("");
    let time = time.split('T').nth(1).unwrap_or(time).trim_end_matches('Z');
    let mut line = format!("{time} {:<14}", ev["type"].as_str().unwrap_or("?"));
    for key in ["user", "client", "channel", "transport"] {
        if let Some(v) = ev[key].as_str().filter(|v| !v.is_empty()) {
            line.push_str(&format!(" {key}={v}"));
        }
    }
    if let Some(code) = ev["code"].as_u64() {
        line.push_str(&format!(
            " code={code} reason={:?}",
            ev["reason"].as_str().unwrap_or("")
        ));
    }
    if let Some(offset) = ev["offset"].as_u64().filter(|o| *o > 0) {
        line.push_str(&format!(" offset={offset}"));
    }
    if !ev["data"].is_null() {
        line.push_str(&format!(" data={}", ev["data"]));
    }
    match &ev["reply"]["error"] {
        Value::Null => {
            if !ev["command"].is_null() {
                line.push_str(" -> ok");
            }
        }
        e => line.push_str(&format!(
            " -> error {} {}",
            e["code"],
            e["message"].as_str().unwrap_or("")
        )),
    }
    line
}

fn base_url(cli: &Cli, a: &TraceArgs) -> anyhow::Result<(String, Option<String>)> {
    if let (Some(url), Some(_)) = (&a.admin_url, &a.token) {
        return Ok((url.trim_end_matches('/').to_string(), None));
    }
    let cfg = crate::load::load_for_tool(cli)?;
    let url = match &a.admin_url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => crate::apicmd::local_url(&cfg, cfg.admin.external, &cfg.admin.handler_prefix),
    };
    let password = a
        .password
        .clone()
        .or_else(|| (!cfg.admin.password.is_empty()).then(|| cfg.admin.password.clone()));
    Ok((url, password))
}

pub(crate) fn run(cli: &Cli, a: &TraceArgs) -> anyhow::Result<()> {
    if a.entity.is_empty() {
        return Err(exit(EXIT_USAGE, "the user ID or channel must not be empty"));
    }
    let (base, password) = base_url(cli, a)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    rt.block_on(follow(a, &base, password))
}

async fn follow(a: &TraceArgs, base: &str, password: Option<String>) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .build()
        .context("building the HTTP client")?;
    let unreachable = |e: reqwest::Error| {
        exit(
            EXIT_UNREACHABLE,
            format!("cannot reach the admin endpoints at {base}: {e}"),
        )
    };
    let token = match (&a.token, password) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(p)) => {
            let resp = client
                .post(format!("{base}/admin/auth"))
                .form(&[("password", p.as_str())])
                .send()
                .await
                .map_err(unreachable)?;
            if !resp.status().is_success() {
                return Err(exit(
                    EXIT_API,
                    format!(
                        "admin login at {base} refused (HTTP {}): wrong --password / admin.password?",
                        resp.status().as_u16()
                    ),
                ));
            }
            let v: Value = resp.json().await.map_err(unreachable)?;
            v["token"].as_str().map(str::to_string)
        }
        // An insecure admin needs neither.
        (None, None) => None,
    };
    let kind = match a.kind {
        Kind::User => "user",
        Kind::Channel => "channel",
    };
    let mut req = client
        .post(format!("{base}/admin/trace"))
        .json(&json!({"type": kind, "entity": a.entity}));
    if let Some(t) = &token {
        req = req.header("Authorization", format!("token {t}"));
    }
    let resp = req.send().await.map_err(unreachable)?;
    let status = resp.status();
    if !status.is_success() {
        let body = resp.text().await.unwrap_or_default();
        let why = match status.as_u16() {
            401 => "unauthorized: give --token or --password (or admin.password in the config)"
                .to_string(),
            404 => "no trace endpoint there (is admin.enabled on, and the URL right?)".to_string(),
            _ => body.trim().to_string(),
        };
        return Err(exit(
            EXIT_API,
            format!("trace at {base}: HTTP {}: {why}", status.as_u16()),
        ));
    }
    let deadline = (a.duration > 0.0)
        .then(|| tokio::time::Instant::now() + Duration::from_secs_f64(a.duration));
    let mut resp = resp;
    let mut buf: Vec<u8> = Vec::new();
    let mut seen = 0u64;
    let stdout = std::io::stdout();
    loop {
        let next = match deadline {
            Some(d) => match tokio::time::timeout_at(d, resp.chunk()).await {
                Ok(n) => n,
                Err(_) => return Ok(()),
            },
            None => resp.chunk().await,
        };
        let chunk = match next {
            Ok(Some(c)) => c,
            Err(e) => {
                return Err(exit(
                    EXIT_UNREACHABLE,
                    format!("the trace stream from {base} broke: {e}"),
                ))
            }
            Ok(None) => {
                eprintln!("trace ended (the server stopped, or this watcher fell behind)");
                return Ok(());
            }
        };
        buf.extend_from_slice(&chunk);
        while let Some(i) = buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buf.drain(..=i).collect();
            let Ok(ev) = serde_json::from_slice::<Value>(&line) else {
                continue;
            };
            let mut out = stdout.lock();
            if a.json {
                let _ = writeln!(out, "{ev}");
            } else if ev["type"] == "started" {
                let _ = writeln!(out, "tracing {kind} {:?} (Ctrl-C to stop)", a.entity);
            } else {
                let _ = writeln!(out, "{}", human(&ev));
            }
            let _ = out.flush();
            if ev["type"] != "started" {
                seen += 1;
                if a.count.is_some_and(|n| seen >= n) {
                    return Ok(());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_one_line() {
        let ev = json!({"type": "subscribe", "time": "2026-12-04T19:00:00.123Z", "user": "u",
            "client": "c", "channel": "chat:1", "command": {"id": 2},
            "reply": {"id": 2, "error": {"code": 103, "message": "permission denied"}}});
        assert_eq!(
            human(&ev),
            "19:00:00.123 subscribe      user=u client=c channel=chat:1 -> error 103 permission denied"
        );
        let ev = json!({"type": "disconnect", "time": "2026-12-04T19:00:01.000Z", "user": "u",
            "code": 3000, "reason": "connection closed"});
        assert!(human(&ev).ends_with("user=u code=3000 reason=\"connection closed\""));
    }
}
