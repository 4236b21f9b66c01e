//! Live tracing (a PRO feature in Centrifugo, open here): watchers follow one user's or one
//! channel's events as they happen — connects, commands with their replies, publications into
//! the channel, disconnects — each event one JSON line.
//!
//! Each watcher has a bounded queue; a watcher that falls behind is dropped (its stream ends),
//! never waited for. With no watcher the hot paths pay one atomic load.

use bytes::Bytes;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::mpsc;

/// Events a watcher may have queued before it counts as too slow and is dropped.
pub(crate) const WATCHER_QUEUE: usize = 512;

/// What a watcher follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    User(String),
    Channel(String),
}

impl Target {
    /// From the endpoint's `{"type": "user"|"channel", "entity": ...}`.
    pub(crate) fn parse(kind: &str, entity: &str) -> Result<Target, String> {
        if entity.is_empty() {
            return Err("entity is required".into());
        }
        match kind {
            "user" => Ok(Target::User(entity.to_string())),
            "channel" => Ok(Target::Channel(entity.to_string())),
            other => Err(format!(
                "type must be \"user\" or \"channel\", not {other:?}"
            )),
        }
    }
}

struct Watcher {
    id: u64,
    target: Target,
    tx: mpsc::Sender<Bytes>,
}

/// The node's watchers.
#[derive(Default)]
pub(crate) struct Tracer {
    watchers: RwLock<Vec<Watcher>>,
    count: AtomicUsize,
    next_id: AtomicUsize,
}

/// A watcher's stream of event lines; dropping it stops the watch.
pub(crate) struct Watch {
    pub(crate) rx: mpsc::Receiver<Bytes>,
    id: u64,
    tracer: Arc<Tracer>,
}

impl futures_util::Stream for Watch {
    type Item = Result<Bytes, std::convert::Infallible>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx).map(|o| o.map(Ok))
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.tracer.remove(self.id);
    }
}

/// Milliseconds since the Unix epoch, as an RFC 3339 UTC time with milliseconds.
fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}

impl Tracer {
    /// Whether anyone watches at all (the hot paths' check).
    pub(crate) fn active(&self) -> bool {
        self.count.load(Ordering::Relaxed) > 0
    }

    /// Starts watching `target`; the first line of the stream says so.
    pub(crate) fn watch(self: &Arc<Self>, target: Target) -> Watch {
        let (tx, rx) = mpsc::channel(WATCHER_QUEUE);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) as u64;
        let (kind, entity) = match &target {
            Target::User(u) => ("user", u.as_str()),
            Target::Channel(c) => ("channel", c.as_str()),
        };
        let started =
            json!({"type": "started", "time": timestamp(), "trace": kind, "entity": entity});
        let _ = tx.try_send(line(&started));
        let mut w = self.watchers.write().unwrap_or_else(|e| e.into_inner());
        w.push(Watcher { id, target, tx });
        self.count.store(w.len(), Ordering::Relaxed);
        Watch {
            rx,
            id,
            tracer: self.clone(),
        }
    }

    /// Ends every watch (the server is shutting down).
    pub(crate) fn close_all(&self) {
        let mut w = self.watchers.write().unwrap_or_else(|e| e.into_inner());
        w.clear();
        self.count.store(0, Ordering::Relaxed);
    }

    fn remove(&self, id: u64) {
        let mut w = self.watchers.write().unwrap_or_else(|e| e.into_inner());
        w.retain(|x| x.id != id);
        self.count.store(w.len(), Ordering::Relaxed);
    }

    /// Whether some watcher follows `user` or `channel`.
    pub(crate) fn wants(&self, user: &str, channel: Option<&str>) -> bool {
        if !self.active() {
            return false;
        }
        let w = self.watchers.read().unwrap_or_else(|e| e.into_inner());
        w.iter().any(|x| matches(&x.target, user, channel))
    }

    /// Sends `event` (its `time` added) to the watchers of `user` or `channel`. A watcher whose
    /// queue is full is dropped.
    pub(crate) fn emit(&self, user: &str, channel: Option<&str>, mut event: Value) {
        if !self.active() {
            return;
        }
        let mut slow = Vec::new();
        {
            let w = self.watchers.read().unwrap_or_else(|e| e.into_inner());
            let mut bytes = None;
            for x in w.iter().filter(|x| matches(&x.target, user, channel)) {
                let b = bytes
                    .get_or_insert_with(|| {
                        event["time"] = Value::String(timestamp());
                        line(&event)
                    })
                    .clone();
                if x.tx.try_send(b).is_err() {
                    slow.push(x.id);
                }
            }
        }
        if !slow.is_empty() {
            let mut w = self.watchers.write().unwrap_or_else(|e| e.into_inner());
            w.retain(|x| !slow.contains(&x.id));
            self.count.store(w.len(), Ordering::Relaxed);
            tracing::info!(watchers = slow.len(), "trace watcher fell behind: dropped");
        }
    }
}

fn matches(t: &Target, user: &str, channel: Option<&str>) -> bool {
    match t {
        Target::User(u) => !user.is_empty() && u == user,
        Target::Channel(c) => channel == Some(c.as_str()),
    }
}

fn line(v: &Value) -> Bytes {
    let mut s = v.to_string();
    s.push('\n');
    Bytes::from(s)
}

/// A protocol frame as JSON for an event: JSON frames as they are, others as text.
pub(crate) fn frame_json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn watchers_get_their_targets_events_and_slow_ones_are_dropped() {
        let t = Arc::new(Tracer::default());
        assert!(!t.active());
        let mut u = t.watch(Target::User("ann".into()));
        let mut c = t.watch(Target::Channel("news".into()));
        assert!(t.wants("ann", None) && t.wants("bob", Some("news")) && !t.wants("bob", None));
        t.emit("ann", Some("chat"), json!({"type": "subscribe"}));
        t.emit("bob", Some("news"), json!({"type": "publication"}));
        let first: Value =
            serde_json::from_slice(&u.rx.recv().await.expect("started")).expect("json");
        assert_eq!(first["type"], "started");
        assert_eq!(first["entity"], "ann");
        let ev: Value = serde_json::from_slice(&u.rx.recv().await.expect("event")).expect("json");
        assert_eq!(ev["type"], "subscribe");
        assert!(
            ev["time"]
                .as_str()
                .is_some_and(|s| s.ends_with('Z') && s.len() == 24),
            "{ev}"
        );
        let _ = c.rx.recv().await;
        let ev: Value = serde_json::from_slice(&c.rx.recv().await.expect("event")).expect("json");
        assert_eq!(ev["type"], "publication");
        // Nobody reads `c` now: once its queue is full it is dropped, `u` stays.
        for _ in 0..WATCHER_QUEUE + 1 {
            t.emit("bob", Some("news"), json!({"type": "publication"}));
        }
        assert!(!t.wants("bob", Some("news")));
        assert!(t.wants("ann", None));
        drop(u);
        assert!(!t.active());
        drop(c);
    }

    #[test]
    fn targets_parse_from_the_endpoint_body() {
        assert_eq!(Target::parse("user", "42"), Ok(Target::User("42".into())));
        assert!(Target::parse("client", "x").is_err());
        assert!(Target::parse("channel", "").is_err());
    }
}
