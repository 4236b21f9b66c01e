//! `idle --processes K`: spreads the connections over K re-executed load-generator processes, so a run
//! can hold more connections than one process's `ulimit -n`, then samples the server's RSS once.

use super::load::add_rss;
use super::report::Report;
use super::{sys, Ctx, IdleArgs, SECRET_ENV};
use anyhow::{anyhow, Context};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// What a child reports once its connections are open.
#[derive(Debug, serde::Deserialize)]
struct ChildReport {
    connections: usize,
    errors: usize,
    first_error: Option<String>,
    elapsed_secs: f64,
    latencies_us: Vec<u32>,
}

fn spawn_child(
    ctx: &Ctx,
    config: Option<&std::path::Path>,
    first: usize,
    n: usize,
) -> anyhow::Result<Child> {
    let exe = std::env::current_exe().context("locating this executable")?;
    let c = &ctx.common;
    let mut cmd = Command::new(exe);
    if let Some(config) = config {
        cmd.arg("--config").arg(config);
    }
    cmd.args(["bench", "--url", &c.url, "--format", &c.format])
        .args(["--source-addrs", &c.source_addrs.to_string()])
        .args(["--concurrency", &c.concurrency.to_string()])
        .args(["--timeout", &c.timeout.to_string(), "--json", "idle"])
        .args([
            "--connections",
            &n.to_string(),
            "--child",
            &first.to_string(),
        ]);
    // The secret goes through the environment, never the command line (visible in ps).
    if let super::SigningKey::Hmac(secret) = &ctx.key {
        cmd.env(SECRET_ENV, String::from_utf8_lossy(secret).as_ref());
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    cmd.spawn().context("starting a load-generator process")
}

pub(super) async fn idle_multi(
    ctx: &Ctx,
    a: &IdleArgs,
    config: Option<&std::path::Path>,
) -> anyhow::Result<Option<Report>> {
    let before = ctx.common.server_pid.map(sys::rss_bytes).transpose()?;
    let per = a.connections.div_ceil(a.processes);
    let mut children = Vec::new();
    let start = std::time::Instant::now();
    let mut first = 0;
    while first < a.connections {
        let n = per.min(a.connections - first);
        children.push(spawn_child(ctx, config, first, n)?);
        first += n;
    }
    let deadline = ctx.deadline();
    let mut reports = Vec::new();
    for child in &mut children {
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow!("child without stdout"))?;
        let mut line = String::new();
        let mut reader = BufReader::new(stdout);
        tokio::time::timeout_at(deadline, reader.read_line(&mut line))
            .await
            .map_err(|_| anyhow!("run timeout waiting for a load-generator process"))?
            .context("reading a child's report")?;
        let r: ChildReport = serde_json::from_str(line.trim())
            .with_context(|| format!("a load-generator process reported {line:?}"))?;
        reports.push(r);
    }
    let elapsed = start.elapsed();
    let mut report = Report::new("idle");
    let connected: usize = reports.iter().map(|r| r.connections).sum();
    let errors: usize = reports.iter().map(|r| r.errors).sum();
    let mut lat: Vec<u32> = reports
        .iter()
        .flat_map(|r| r.latencies_us.clone())
        .collect();
    report.add("processes", children.len(), "");
    report.add("connections", connected, "");
    report.add("connect_errors", errors, "");
    // Children connect in parallel: the rate is over the slowest child's connect phase.
    let slowest = reports.iter().map(|r| r.elapsed_secs).fold(0.0, f64::max);
    report.add_f(
        "connect_rate",
        connected as f64 / slowest.max(1e-9),
        "conn/s",
    );
    report.add_latencies("connect", &mut lat);
    report.add_f("startup_to_all_connected", elapsed.as_secs_f64(), "s");
    let first_error = reports
        .iter()
        .find_map(|r| r.first_error.clone())
        .unwrap_or_default();
    report.check(connected == a.connections, || {
        format!(
            "{connected} of {} connections accepted; first error: {first_error}",
            a.connections
        )
    });
    tokio::time::sleep(Duration::from_secs(a.settle)).await;
    if let (Some(pid), Some(before)) = (ctx.common.server_pid, before) {
        add_rss(&mut report, before, sys::rss_bytes(pid)?, connected);
    }
    if a.hold > 0 {
        tokio::time::sleep(Duration::from_secs(a.hold)).await;
    }
    for mut child in children {
        drop(child.stdin.take());
        if tokio::time::timeout(Duration::from_secs(5), child.wait())
            .await
            .is_err()
        {
            let _ = child.kill().await;
        }
    }
    Ok(Some(report))
}
