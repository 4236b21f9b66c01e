//! Subscriber connections of one shard. Channels are spread over several connections by hash;
//! each connection keeps the set of channels it should be subscribed to, resubscribes all of them
//! after a reconnect, and proves now and then that it still receives: after `probe_interval`
//! without a message it publishes a probe to itself and reconnects if the probe does not arrive
//! within `PROBE_TIMEOUT` (a connection can stay open to a server that no longer gets the
//! publications, as after a failover). A change of the Sentinel primary reconnects at once.

use super::address::shard_index;
use super::shard::Shard;
use crate::broker::BrokerError;
use futures_util::StreamExt;
use redis::aio::PubSubSink;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;

/// How long a probe may take to come back before its connection counts as deaf.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);
/// Channels per SUBSCRIBE command when resubscribing after a reconnect.
const RESUBSCRIBE_BATCH: usize = 512;
/// How long a subscribe waits for a subscriber connection that is coming up.
const CONNECT_WAIT: Duration = Duration::from_secs(1);
/// Wait between attempts to bring a subscriber connection back.
const RECONNECT_DELAY: Duration = Duration::from_millis(100);

/// Where messages go: the broker decodes them.
pub(crate) trait Dispatch: Send + Sync {
    fn message(&self, channel: &str, payload: &[u8]);
    /// A subscriber connection came back after being down: whatever was published meanwhile
    /// on its channels did not arrive.
    fn resubscribed(&self, channels: &[String]);
}

#[derive(Default)]
struct PartState {
    channels: HashSet<String>,
    sink: Option<PubSubSink>,
}

/// One subscriber connection.
pub(crate) struct Part {
    state: Mutex<PartState>,
    connected: AtomicBool,
    /// Wakes subscribes waiting for the connection to come up.
    up: tokio::sync::Notify,
}

impl Part {
    fn lock(&self) -> std::sync::MutexGuard<'_, PartState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The subscriber connections of a shard.
pub(crate) struct Subscribers {
    parts: Vec<Arc<Part>>,
}

/// What a part's task needs.
pub(crate) struct PartTask {
    pub shard: Arc<Shard>,
    pub dispatch: Arc<dyn Dispatch>,
    /// Channels this connection always holds (control channels, on the first part of shard 0).
    pub fixed: Vec<String>,
    pub probe_channel: String,
    pub probe_interval: Duration,
    pub closed: watch::Receiver<bool>,
}

fn internal(e: impl std::fmt::Display) -> BrokerError {
    BrokerError::Internal(e.to_string())
}

impl Subscribers {
    /// Starts `n` subscriber connections; `task(i)` describes the i-th.
    pub(crate) fn start(
        rt: &tokio::runtime::Handle,
        n: usize,
        task: impl Fn(usize) -> PartTask,
    ) -> Subscribers {
        let parts: Vec<Arc<Part>> = (0..n.max(1))
            .map(|_| {
                Arc::new(Part {
                    state: Mutex::new(PartState::default()),
                    connected: AtomicBool::new(false),
                    up: tokio::sync::Notify::new(),
                })
            })
            .collect();
        for (i, part) in parts.iter().enumerate() {
            rt.spawn(run(part.clone(), task(i)));
        }
        Subscribers { parts }
    }

    fn part(&self, channel: &str) -> &Arc<Part> {
        // Salted so the split over connections does not follow the split over shards.
        let i = shard_index(&format!("{channel}\u{0}sub"), self.parts.len());
        &self.parts[i]
    }

    /// Whether every subscriber connection is up.
    pub(crate) fn connected(&self) -> bool {
        self.parts
            .iter()
            .all(|p| p.connected.load(Ordering::Relaxed))
    }

    /// Subscribes; returns once Redis confirmed, so nothing published after that is missed.
    /// While the connection is (re)connecting, waits up to `CONNECT_WAIT` for it.
    pub(crate) async fn subscribe(&self, redis_channel: String) -> Result<(), BrokerError> {
        let part = self.part(&redis_channel);
        if !part.connected.load(Ordering::Relaxed) {
            let up = part.up.notified();
            tokio::pin!(up);
            up.as_mut().enable();
            if !part.connected.load(Ordering::Relaxed) {
                let _ = tokio::time::timeout(CONNECT_WAIT, up).await;
            }
        }
        let sink = {
            let mut s = part.lock();
            s.channels.insert(redis_channel.clone());
            s.sink.clone()
        };
        let result = match sink {
            Some(mut sink) => sink.subscribe(&redis_channel).await.map_err(internal),
            None => Err(internal("redis subscriber connection is down")),
        };
        if result.is_err() {
            part.lock().channels.remove(&redis_channel);
        }
        result
    }

    pub(crate) async fn unsubscribe(&self, redis_channel: &str) -> Result<(), BrokerError> {
        let part = self.part(redis_channel);
        let sink = {
            let mut s = part.lock();
            s.channels.remove(redis_channel);
            s.sink.clone()
        };
        match sink {
            Some(mut sink) => sink.unsubscribe(redis_channel).await.map_err(internal),
            // Not connected: it is not subscribed either.
            None => Ok(()),
        }
    }
}

/// Keeps one subscriber connection up until the broker closes.
async fn run(part: Arc<Part>, mut t: PartTask) {
    let mut was_down = false;
    loop {
        if *t.closed.borrow() {
            return;
        }
        match session(&part, &mut t, was_down).await {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(redis = %t.shard.label(), error = %e, "redis subscriber connection lost");
            }
        }
        {
            let mut s = part.lock();
            s.sink = None;
        }
        part.connected.store(false, Ordering::Relaxed);
        was_down = true;
        tokio::select! {
            _ = tokio::time::sleep(RECONNECT_DELAY) => {}
            _ = t.closed.changed() => return,
        }
    }
}

/// One connected stretch of a subscriber connection; Ok when the broker closed.
async fn session(part: &Arc<Part>, t: &mut PartTask, was_down: bool) -> Result<(), BrokerError> {
    let mut topology = t.shard.topology_changes();
    topology.borrow_and_update();
    let mut last_err = internal("no address");
    let mut conn = None;
    for ep in t.shard.pubsub_endpoints().await? {
        match t.shard.pubsub(&ep).await {
            Ok(c) => {
                conn = Some(c);
                break;
            }
            Err(e) => last_err = e,
        }
    }
    let conn = conn.ok_or(last_err)?;
    let (mut sink, mut stream) = conn.split();
    let mut always = t.fixed.clone();
    always.push(t.probe_channel.clone());
    sink.subscribe(&always).await.map_err(internal)?;
    let channels: Vec<String> = part.lock().channels.iter().cloned().collect();
    for chunk in channels.chunks(RESUBSCRIBE_BATCH) {
        sink.subscribe(chunk).await.map_err(internal)?;
    }
    part.lock().sink = Some(sink);
    part.connected.store(true, Ordering::Relaxed);
    part.up.notify_waiters();
    if was_down && !channels.is_empty() {
        t.dispatch.resubscribed(&channels);
    }
    let mut last_message = Instant::now();
    let mut probe_due: Option<Instant> = None;
    loop {
        let wake = probe_due.unwrap_or(last_message + t.probe_interval);
        tokio::select! {
            m = stream.next() => {
                let Some(m) = m else {
                    return Err(internal("connection closed"));
                };
                last_message = Instant::now();
                let channel = m.get_channel_name();
                if channel == t.probe_channel {
                    probe_due = None;
                    continue;
                }
                t.dispatch.message(channel, m.get_payload_bytes());
            }
            _ = tokio::time::sleep_until(wake) => {
                if probe_due.is_some() {
                    return Err(internal("probe publication did not come back"));
                }
                probe_due = Some(Instant::now() + PROBE_TIMEOUT);
                let shard = t.shard.clone();
                let channel = t.probe_channel.clone();
                // Published from a task, so a slow command connection does not stop delivery.
                tokio::spawn(async move {
                    let _ = shard
                        .query::<i64>(redis::cmd("PUBLISH").arg(&channel).arg("probe"))
                        .await;
                });
            }
            _ = topology.changed() => return Err(internal("redis primary changed")),
            _ = t.closed.changed() => return Ok(()),
        }
    }
}
