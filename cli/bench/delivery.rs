//! Delivery scenarios: `fanout` (one channel, N subscribers, a publisher at a fixed or ramping rate)
//! and `channels` (a channel per client, publishes through the HTTP API, single or batch).
//! Every publication carries its send time and sequence number, so each subscriber checks
//! exactly-once delivery and measures latency.

use super::api::{self, ApiConn};
use super::conn::{now_ns, payload, Conn, Item};
use super::load::{open_many, report_opened};
use super::report::{progress, Report};
use super::sys;
use super::{ChannelsArgs, Ctx, FanoutArgs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// What one subscriber saw.
#[derive(Default)]
struct Received {
    count: u64,
    duplicates: u64,
    /// Publications meant for another client's channel.
    misrouted: u64,
    latencies_us: Vec<u32>,
    seen: Vec<u64>,
    error: Option<String>,
}

impl Received {
    /// Marks `seq` seen; false when it had been seen before.
    fn mark(&mut self, seq: u64) -> bool {
        let (word, bit) = ((seq / 64) as usize, seq % 64);
        if word >= self.seen.len() {
            self.seen.resize(word + 1, 0);
        }
        let fresh = self.seen[word] & (1 << bit) == 0;
        self.seen[word] |= 1 << bit;
        fresh
    }
}

/// Reads publications until `stop` or the deadline. `route`: (clients, index) for `channels`,
/// where this client must only get sequence numbers `seq % clients == index`.
async fn receive(
    mut conn: Conn,
    mut stop: watch::Receiver<bool>,
    delivered: Arc<AtomicU64>,
    deadline: tokio::time::Instant,
    route: Option<(u64, u64)>,
) -> Received {
    let mut r = Received::default();
    let mut pubs = Vec::new();
    let sleep = tokio::time::sleep_until(deadline);
    tokio::pin!(sleep);
    'read: loop {
        // One wake-up per socket read; every complete frame it brought is handled before the next.
        let filled = tokio::select! {
            biased;
            _ = stop.changed() => break,
            _ = &mut sleep => break,
            f = conn.fill() => f,
        };
        match filled {
            Ok(0) => {
                r.error = Some("server closed the connection".into());
                break;
            }
            Ok(_) => {}
            Err(e) => {
                r.error = Some(format!("reading: {e}"));
                break;
            }
        }
        let now = now_ns();
        loop {
            let frame = match conn.buffered_frame().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    r.error = Some(format!("{e:#}"));
                    break 'read;
                }
            };
            let mut pings = 0;
            pubs.clear();
            if let Err(e) = conn.items(&frame, |item| match item {
                Item::Ping => pings += 1,
                Item::Publication(t, s) => pubs.push((t, s)),
                _ => {}
            }) {
                r.error = Some(format!("{e:#}"));
                break 'read;
            }
            for &(t, seq) in &pubs {
                if route.is_some_and(|(n, i)| seq % n != i) {
                    r.misrouted += 1;
                }
                if r.mark(seq) {
                    r.count += 1;
                    let us = now.saturating_sub(t) / 1000;
                    r.latencies_us.push(u32::try_from(us).unwrap_or(u32::MAX));
                } else {
                    r.duplicates += 1;
                }
            }
            delivered.fetch_add(pubs.len() as u64, Ordering::Relaxed);
            for _ in 0..pings {
                if conn.pong().await.is_err() {
                    break;
                }
            }
        }
    }
    conn.close().await;
    r
}

/// Subscribers with their receive tasks.
struct Receivers {
    stop: watch::Sender<bool>,
    delivered: Arc<AtomicU64>,
    tasks: Vec<tokio::task::JoinHandle<Received>>,
}

impl Receivers {
    fn new() -> Receivers {
        Receivers {
            stop: watch::channel(false).0,
            delivered: Arc::new(AtomicU64::new(0)),
            tasks: Vec::new(),
        }
    }

    /// Starts reading connection `i`; `routed`: the client count of a `channels` run.
    fn spawn(&mut self, ctx: &Ctx, i: usize, conn: Conn, routed: Option<u64>) {
        let route = routed.map(|n| (n, i as u64));
        let (rx, delivered) = (self.stop.subscribe(), self.delivered.clone());
        let task = receive(conn, rx, delivered, ctx.deadline(), route);
        self.tasks.push(tokio::spawn(task));
    }

    /// Waits until `expected` deliveries or `drain` after now; returns when the count settled.
    async fn wait(&self, ctx: &Ctx, expected: u64, drain: Duration) -> Instant {
        let bar = progress(expected, "delivered", ctx.common.json);
        let until = (tokio::time::Instant::now() + drain).min(ctx.deadline());
        let mut last = (self.delivered.load(Ordering::Relaxed), Instant::now());
        while tokio::time::Instant::now() < until {
            let n = self.delivered.load(Ordering::Relaxed);
            bar.set_position(n);
            if n != last.0 {
                last = (n, Instant::now());
            }
            if n >= expected {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        bar.finish_and_clear();
        last.1
    }

    async fn finish(self) -> Vec<Received> {
        let _ = self.stop.send(true);
        let mut out = Vec::with_capacity(self.tasks.len());
        for t in self.tasks {
            out.push(t.await.unwrap_or_else(|e| Received {
                error: Some(format!("receiver task failed: {e}")),
                ..Received::default()
            }));
        }
        out
    }
}

/// Delivery metrics and exactly-once checks over all subscribers.
fn report_delivery(report: &mut Report, got: Vec<Received>, expected: u64, secs: f64) {
    let delivered: u64 = got.iter().map(|r| r.count).sum();
    let dups: u64 = got.iter().map(|r| r.duplicates).sum();
    let misrouted: u64 = got.iter().map(|r| r.misrouted).sum();
    let errors: Vec<String> = got.iter().filter_map(|r| r.error.clone()).collect();
    let mut lat: Vec<u32> = got.into_iter().flat_map(|r| r.latencies_us).collect();
    report.add("expected", expected, "msgs");
    report.add("delivered", delivered, "msgs");
    report.add("duplicates", dups, "msgs");
    report.add_f(
        "delivered_rate",
        delivered as f64 / secs.max(1e-9),
        "msgs/s",
    );
    report.add_latencies("latency", &mut lat);
    report.check(delivered == expected, || {
        format!("{delivered} of {expected} deliveries arrived")
    });
    report.check(dups == 0, || format!("{dups} duplicate deliveries"));
    report.check(misrouted == 0, || {
        format!("{misrouted} deliveries to the wrong channel")
    });
    report.check(errors.is_empty(), || {
        format!("{} subscribers failed, first: {}", errors.len(), errors[0])
    });
}

pub(super) async fn fanout(ctx: &Ctx, a: &FanoutArgs) -> anyhow::Result<Option<Report>> {
    let channel = |_| Some("bench-fanout".to_string());
    let mut receivers = Receivers::new();
    let mut on_open = |i, conn| receivers.spawn(ctx, i, conn, None);
    let mut opened = open_many(ctx, 0, a.subscribers, "subscribe", &channel, &mut on_open).await;
    let mut report = Report::new("fanout");
    report_opened(&mut report, &mut opened, a.subscribers);
    let subscribers = opened.latencies_us.len() as u64;
    let (ep, args, deadline, quiet) = (ctx.api.clone(), a.clone(), ctx.deadline(), ctx.common.json);
    let cpu = sys::CpuWindow::start(ctx.common.server_pid);
    // The publisher gets its own thread and runtime, so thousands of busy receivers cannot delay it.
    let publisher = tokio::task::spawn_blocking(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|rt| rt.block_on(publish_at_rate(ep, args, deadline, quiet)))
    });
    let p = publisher.await??;
    let (published, api_errors, first_error, start) =
        (p.published, p.errors, p.first_error, p.start);
    let publish_secs = p.secs;
    let expected = published * subscribers;
    let done = receivers
        .wait(ctx, expected, Duration::from_secs(a.drain))
        .await;
    let got = receivers.finish().await;
    report.add("published", published, "msgs");
    report.add_f(
        "publish_rate",
        published as f64 / publish_secs.max(1e-9),
        "msgs/s",
    );
    report.add("api_errors", api_errors, "");
    let secs = done.duration_since(start).as_secs_f64();
    let delivered: u64 = got.iter().map(|r| r.count).sum();
    cpu.report(&mut report, "delivered", delivered as f64);
    report_delivery(&mut report, got, expected, secs);
    report.check(api_errors == 0, || {
        format!(
            "{api_errors} API errors, first: {}",
            first_error.unwrap_or_default()
        )
    });
    Ok(Some(report))
}

/// What the fan-out publisher did.
struct Published {
    published: u64,
    errors: usize,
    first_error: Option<String>,
    start: Instant,
    secs: f64,
}

/// What a publisher task did: publications accepted, API errors, the first error seen.
#[derive(Default)]
struct Tally {
    ok: u64,
    errors: usize,
    first: Option<String>,
}

impl Tally {
    /// Sends one API request carrying `n` publications and counts how it went; a request that
    /// failed outright counts all `n` as errors and reopens the connection.
    async fn call(
        &mut self,
        api: &mut ApiConn,
        ep: &api::Endpoint,
        method: &str,
        body: &str,
        n: usize,
    ) -> anyhow::Result<()> {
        match api.call(method, body).await {
            Ok(reply) => {
                let e = api::count_errors(&reply);
                self.ok += (n - e.min(n)) as u64;
                self.errors += e;
                if e > 0 {
                    self.first
                        .get_or_insert_with(|| String::from_utf8_lossy(&reply).into_owned());
                }
            }
            Err(e) => {
                self.errors += n;
                self.first.get_or_insert_with(|| format!("{e:#}"));
                *api = ApiConn::open(ep).await?;
            }
        }
        Ok(())
    }
}

/// Waits for publisher tasks and sums what they did.
async fn join_publishers(
    tasks: Vec<tokio::task::JoinHandle<anyhow::Result<Tally>>>,
) -> anyhow::Result<Tally> {
    let mut sum = Tally::default();
    for t in tasks {
        let one = t.await??;
        sum.ok += one.ok;
        sum.errors += one.errors;
        sum.first = sum.first.or(one.first);
    }
    Ok(sum)
}

/// When publication `seq` is due, in seconds from the start: the rate ramps linearly from `from`
/// to `to` over `duration`, so publications so far are `from*t + (to-from)*t^2/(2*duration)`.
fn due_secs(seq: u64, from: f64, to: f64, duration: f64) -> f64 {
    let n = seq as f64;
    let k = (to - from) / duration.max(1e-9);
    if k.abs() < 1e-12 {
        return n / from;
    }
    // Solve k/2 t^2 + from t - n = 0 for the positive root.
    let t = (-from + (from * from + 2.0 * k * n).max(0.0).sqrt()) / k;
    if t <= duration {
        t
    } else {
        // Past the ramp: the rate stays at `to`.
        let at_end = from * duration + k * duration * duration / 2.0;
        duration + (n - at_end) / to
    }
}

/// Publishes to `bench-fanout` at `rate` (ramping to `ramp_to`) for `duration` seconds, over
/// `api_conns` keep-alive connections: each takes the next publication, waits for its due time and
/// sends it, so a slow reply delays only its own connection (up to `api_conns` requests in flight).
async fn publish_at_rate(
    ep: api::Endpoint,
    a: FanoutArgs,
    deadline: tokio::time::Instant,
    quiet: bool,
) -> anyhow::Result<Published> {
    let (from, to) = (a.rate.max(0.01), a.ramp_to.unwrap_or(a.rate).max(0.01));
    let total = (a.duration * (from + to) / 2.0).ceil() as u64;
    let bar = progress(total, "publish", quiet);
    let next_seq = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let t0 = tokio::time::Instant::now();
    let mut conns = Vec::new();
    for _ in 0..a.api_conns.max(1) {
        let (ep, bar, next_seq, size, duration) = (
            ep.clone(),
            bar.clone(),
            next_seq.clone(),
            a.payload,
            a.duration,
        );
        conns.push(tokio::spawn(async move {
            let mut api = ApiConn::open(&ep).await?;
            let mut tally = Tally::default();
            loop {
                let seq = next_seq.fetch_add(1, Ordering::Relaxed);
                let due = due_secs(seq, from, to, duration);
                if seq >= total || due >= duration {
                    break;
                }
                let at = t0 + Duration::from_secs_f64(due);
                if at >= deadline {
                    break;
                }
                tokio::time::sleep_until(at).await;
                let body = api::publish_body("bench-fanout", &payload(seq, size));
                tally.call(&mut api, &ep, "publish", &body, 1).await?;
                bar.inc(1);
            }
            anyhow::Ok(tally)
        }));
    }
    let Tally {
        ok: published,
        errors,
        first: first_error,
    } = join_publishers(conns).await?;
    bar.finish_and_clear();
    Ok(Published {
        published,
        errors,
        first_error,
        start,
        secs: start.elapsed().as_secs_f64(),
    })
}

pub(super) async fn channels(ctx: &Ctx, a: &ChannelsArgs) -> anyhow::Result<Option<Report>> {
    let channel = |i| Some(format!("bench-ch-{i}"));
    let mut receivers = Receivers::new();
    let routed = Some(a.clients as u64);
    let mut on_open = |i, conn| receivers.spawn(ctx, i, conn, routed);
    let mut opened = open_many(ctx, 0, a.clients, "subscribe", &channel, &mut on_open).await;
    let mut report = Report::new("channels");
    report_opened(&mut report, &mut opened, a.clients);
    let (clients, messages, batch) = (a.clients.max(1), a.messages, a.batch.max(1));
    let requests = messages.div_ceil(batch);
    let conns = a.api_conns.clamp(1, requests.max(1));
    let bar = progress(requests as u64, "publish", ctx.common.json);
    let cpu = sys::CpuWindow::start(ctx.common.server_pid);
    let start = Instant::now();
    let deadline = ctx.deadline();
    let mut publishers = Vec::new();
    for k in 0..conns {
        let (ep, bar, size) = (ctx.api.clone(), bar.clone(), a.payload);
        publishers.push(tokio::spawn(async move {
            let mut api = ApiConn::open(&ep).await?;
            let mut tally = Tally::default();
            for r in (k..requests).step_by(conns) {
                if tokio::time::Instant::now() >= deadline {
                    break;
                }
                let seqs = r * batch..((r + 1) * batch).min(messages);
                let names: Vec<String> = seqs
                    .clone()
                    .map(|s| format!("bench-ch-{}", s % clients))
                    .collect();
                let (method, body) = if batch == 1 {
                    (
                        "publish",
                        api::publish_body(&names[0], &payload(r as u64, size)),
                    )
                } else {
                    let items = seqs
                        .zip(&names)
                        .map(|(s, n)| (n.as_str(), payload(s as u64, size)));
                    ("batch", api::batch_body(items))
                };
                tally
                    .call(&mut api, &ep, method, &body, names.len())
                    .await?;
                bar.inc(1);
            }
            anyhow::Ok(tally)
        }));
    }
    let Tally {
        ok: published,
        errors: api_errors,
        first: first_error,
    } = join_publishers(publishers).await?;
    bar.finish_and_clear();
    let publish_secs = start.elapsed().as_secs_f64();
    let done = receivers
        .wait(ctx, published, Duration::from_secs(a.drain))
        .await;
    let got = receivers.finish().await;
    cpu.report(&mut report, "published", published as f64);
    report.add("api_requests", requests, "");
    report.add_f(
        "api_request_rate",
        requests as f64 / publish_secs.max(1e-9),
        "req/s",
    );
    report.add("published", published, "msgs");
    report.add_f(
        "publish_rate",
        published as f64 / publish_secs.max(1e-9),
        "msgs/s",
    );
    report.add("api_errors", api_errors, "");
    let secs = done.duration_since(start).as_secs_f64();
    report_delivery(&mut report, got, published, secs);
    report.check(api_errors == 0 && published == messages as u64, || {
        format!(
            "{published} of {messages} published, {api_errors} API errors, first: {}",
            first_error.unwrap_or_default()
        )
    });
    Ok(Some(report))
}

#[cfg(test)]
mod tests {
    use super::due_secs;

    #[test]
    fn publication_schedule_follows_the_rate() {
        // Fixed rate: publication n is due at n / rate.
        assert!((due_secs(10, 20.0, 20.0, 5.0) - 0.5).abs() < 1e-9);
        // Linear ramp 10 -> 30 over 2 s: 40 publications in the ramp, the last one due at 2 s.
        assert!((due_secs(40, 10.0, 30.0, 2.0) - 2.0).abs() < 1e-9);
        // Past the ramp the rate stays at its end value.
        assert!((due_secs(70, 10.0, 30.0, 2.0) - 3.0).abs() < 1e-9);
        // Due times only grow.
        let times: Vec<f64> = (0..100).map(|n| due_secs(n, 5.0, 50.0, 3.0)).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
    }
}
