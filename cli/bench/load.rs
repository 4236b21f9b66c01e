//! Connection scenarios: `idle` (hold N subscribed connections, server RSS per connection) and
//! `connect` (a JWT connection storm: accepted/s and connect latency).

use super::conn::Conn;
use super::report::{progress, Report};
use super::{sys, ConnectArgs, Ctx, IdleArgs};
use futures_util::StreamExt;
use std::time::{Duration, Instant};

/// Connections opened by [`open_many`], with what it cost.
pub(super) struct Opened {
    /// Connect (+ subscribe) latency per connection, microseconds.
    pub latencies_us: Vec<u32>,
    pub errors: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
}

/// Opens connections `first..first + n` (user `bench-<i>`), `ctx.common.concurrency` at a time;
/// `channel(i)` names the channel connection i subscribes to. Attempts stop at the run deadline.
pub(super) async fn open_many(
    ctx: &Ctx,
    first: usize,
    n: usize,
    label: &str,
    channel: &(dyn Fn(usize) -> Option<String> + Sync),
    on_open: &mut dyn FnMut(usize, Conn),
) -> Opened {
    let deadline = ctx.deadline();
    let bar = progress(n as u64, label, ctx.common.json);
    let start = Instant::now();
    let attempts = futures_util::stream::iter(first..first + n)
        .map(|i| {
            let bar = &bar;
            async move {
                let token = ctx.token(&format!("bench-{i}"))?;
                let t0 = Instant::now();
                let attempt = async {
                    let mut conn = Conn::connect(ctx, i, &token).await?;
                    if let Some(ch) = channel(i) {
                        conn.subscribe(2, &ch).await?;
                    }
                    anyhow::Ok(conn)
                };
                let conn = tokio::time::timeout_at(deadline, attempt)
                    .await
                    .map_err(|_| anyhow::anyhow!("run timeout (--timeout) while connecting"))??;
                let us = u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX);
                bar.inc(1);
                anyhow::Ok((i, conn, us))
            }
        })
        .buffer_unordered(ctx.common.concurrency.max(1));
    let mut attempts = std::pin::pin!(attempts);
    let mut opened = Opened {
        latencies_us: Vec::with_capacity(n),
        errors: 0,
        first_error: None,
        elapsed: Duration::ZERO,
    };
    // Each connection goes to `on_open` at once, so it is read (pings answered) while others connect.
    while let Some(r) = attempts.next().await {
        match r {
            Ok((i, conn, us)) => {
                on_open(i, conn);
                opened.latencies_us.push(us);
            }
            Err(e) => {
                opened.errors += 1;
                opened.first_error.get_or_insert_with(|| format!("{e:#}"));
            }
        }
    }
    opened.elapsed = start.elapsed();
    bar.finish_and_clear();
    opened
}

/// Keeps every opened connection, unread, in a list.
pub(super) fn keep(list: &mut Vec<Conn>) -> impl FnMut(usize, Conn) + '_ {
    |_, conn| list.push(conn)
}

/// Adds the connect metrics of `opened` (asked for `n`) and the all-connected check.
pub(super) fn report_opened(report: &mut Report, opened: &mut Opened, n: usize) {
    let ok = opened.latencies_us.len();
    report.add("connections", ok, "");
    report.add("connect_errors", opened.errors, "");
    let secs = opened.elapsed.as_secs_f64();
    report.add_f("connect_rate", ok as f64 / secs.max(1e-9), "conn/s");
    report.add_latencies("connect", &mut opened.latencies_us);
    let first = opened.first_error.clone().unwrap_or_default();
    report.check(ok == n, || {
        format!("{ok} of {n} connections accepted; first error: {first}")
    });
}

pub(super) async fn connect(ctx: &Ctx, a: &ConnectArgs) -> anyhow::Result<Option<Report>> {
    let cpu = sys::CpuWindow::start(ctx.common.server_pid);
    let mut conns = Vec::new();
    let mut opened = open_many(
        ctx,
        0,
        a.connections,
        "connect",
        &|_| None,
        &mut keep(&mut conns),
    )
    .await;
    let mut report = Report::new("connect");
    cpu.report(&mut report, "connections", opened.latencies_us.len() as f64);
    report_opened(&mut report, &mut opened, a.connections);
    Ok(Some(report))
}

/// The personal channel of connection i.
fn idle_channel(i: usize) -> Option<String> {
    Some(format!("bench-idle-{i}"))
}

pub(super) async fn idle(ctx: &Ctx, a: &IdleArgs) -> anyhow::Result<Option<Report>> {
    if let Some(child) = a.child {
        return idle_child(ctx, a, child).await;
    }
    let before = ctx.common.server_pid.map(sys::rss_bytes).transpose()?;
    let mut conns = Vec::new();
    let mut opened = open_many(
        ctx,
        0,
        a.connections,
        "idle",
        &idle_channel,
        &mut keep(&mut conns),
    )
    .await;
    let mut report = Report::new("idle");
    report_opened(&mut report, &mut opened, a.connections);
    tokio::time::sleep(Duration::from_secs(a.settle)).await;
    if let (Some(pid), Some(before)) = (ctx.common.server_pid, before) {
        let after = sys::rss_bytes(pid)?;
        add_rss(&mut report, before, after, conns.len());
    }
    hold(ctx, a.hold, conns).await;
    Ok(Some(report))
}

/// Server RSS before/after and per connection.
pub(super) fn add_rss(report: &mut Report, before: u64, after: u64, conns: usize) {
    report.add_f("server_rss_before", before as f64 / 1048576.0, "MiB");
    report.add_f("server_rss_after", after as f64 / 1048576.0, "MiB");
    let per = after.saturating_sub(before) as f64 / conns.max(1) as f64 / 1024.0;
    report.add_f("server_rss_per_conn", per, "KiB");
}

/// Keeps the connections open for `secs`, answering server pings, then drops them.
async fn hold(ctx: &Ctx, secs: u64, conns: Vec<Conn>) {
    if secs == 0 {
        return;
    }
    let until = tokio::time::Instant::now() + Duration::from_secs(secs);
    let until = until.min(ctx.deadline());
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|conn| tokio::spawn(answer_pings(conn, until)))
        .collect();
    for t in tasks {
        let _ = t.await;
    }
}

/// Reads and discards frames until `until`, answering pings so the server keeps the connection.
pub(super) async fn answer_pings(mut conn: Conn, until: tokio::time::Instant) {
    while let Ok(Ok(Some(frame))) = tokio::time::timeout_at(until, conn.next_frame()).await {
        let mut pings = 0;
        if conn
            .items(&frame, |it| {
                if matches!(it, super::conn::Item::Ping) {
                    pings += 1;
                }
            })
            .is_err()
        {
            return;
        }
        for _ in 0..pings {
            if conn.pong().await.is_err() {
                return;
            }
        }
    }
}

/// A child of a multi-process idle run: opens connections `first..first + n`, reports one JSON line on stdout, then
/// holds the connections (answering pings) until the parent closes stdin or the run deadline.
async fn idle_child(ctx: &Ctx, a: &IdleArgs, first: usize) -> anyhow::Result<Option<Report>> {
    use tokio::io::AsyncReadExt;
    let channel = move |i: usize| Some(format!("bench-idle-{i}"));
    let until = ctx.deadline();
    let mut tasks = Vec::new();
    let mut hold = |_, conn| tasks.push(tokio::spawn(answer_pings(conn, until)));
    let opened = open_many(ctx, first, a.connections, "idle", &channel, &mut hold).await;
    let line = serde_json::json!({
        "connections": opened.latencies_us.len(),
        "errors": opened.errors,
        "first_error": opened.first_error,
        "elapsed_secs": opened.elapsed.as_secs_f64(),
        "latencies_us": opened.latencies_us,
    });
    println!("{line}");
    let mut sink = Vec::new();
    let _ = tokio::time::timeout_at(until, tokio::io::stdin().read_to_end(&mut sink)).await;
    for t in tasks {
        t.abort();
    }
    Ok(None)
}
