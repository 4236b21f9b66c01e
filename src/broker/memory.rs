//! In-process broker: delivers publications straight to the node and keeps history streams in memory.

use super::{
    check_since, new_epoch, Broker, BrokerError, EventHandler, HistoryQuery, PublishOptions,
};
use crate::protocol::{ClientInfo, Publication, StreamPosition};
use async_trait::async_trait;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::time::Instant;

/// How long an idempotency key is remembered (Centrifugo keeps results 5 minutes).
const IDEMPOTENCY_WINDOW: Duration = Duration::from_secs(300);
/// Stream shards, so publishes into different channels rarely contend.
const SHARDS: usize = 64;

struct Stream {
    epoch: String,
    top: u64,
    items: VecDeque<(Publication, Instant)>,
    meta_expires: Instant,
    /// Version and version epoch of the last publication added (0 when it had none).
    version: (u64, String),
}

impl Stream {
    fn new(now: Instant, meta_ttl: Duration) -> Stream {
        Stream {
            epoch: new_epoch(),
            top: 0,
            items: VecDeque::new(),
            meta_expires: now + meta_ttl,
            version: (0, String::new()),
        }
    }

    fn expire(&mut self, now: Instant) {
        while let Some((_, exp)) = self.items.front() {
            if *exp <= now {
                self.items.pop_front();
            } else {
                break;
            }
        }
    }

    fn position(&self) -> StreamPosition {
        StreamPosition {
            offset: self.top,
            epoch: self.epoch.clone(),
        }
    }
}

#[derive(Default)]
struct Shard {
    streams: HashMap<String, Stream>,
    idempotency: HashMap<(String, String), (StreamPosition, Instant)>,
}

/// One shard is swept per tick, so a full pass over all streams takes `SHARDS` ticks (6.4 s).
const SWEEP_TICK: Duration = Duration::from_millis(100);

/// Drops what has expired: publications past their history TTL, streams past their meta TTL (so
/// channels nobody publishes to any more do not hold memory forever), idempotency results.
fn sweep(shard: &mut Shard, now: Instant) {
    shard.streams.retain(|_, s| {
        s.expire(now);
        s.meta_expires > now
    });
    shard.idempotency.retain(|_, (_, exp)| *exp > now);
    if shard.streams.capacity() > 64 && shard.streams.len() < shard.streams.capacity() / 4 {
        shard.streams.shrink_to_fit();
    }
}

/// The memory broker; single node only, data is lost on restart.
pub struct MemoryBroker {
    shards: Arc<Vec<Mutex<Shard>>>,
    handler: OnceLock<Arc<dyn EventHandler>>,
}

impl Default for MemoryBroker {
    fn default() -> Self {
        MemoryBroker {
            shards: Arc::new((0..SHARDS).map(|_| Mutex::new(Shard::default())).collect()),
            handler: OnceLock::new(),
        }
    }
}

fn shard_index(channel: &str) -> usize {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    channel.hash(&mut h);
    (h.finish() as usize) % SHARDS
}

impl MemoryBroker {
    pub fn new() -> MemoryBroker {
        MemoryBroker::default()
    }

    fn shard(&self, channel: &str) -> std::sync::MutexGuard<'_, Shard> {
        // A poisoned lock only means another thread panicked mid-update; the map itself stays usable.
        self.shards[shard_index(channel)]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Appends to the channel's stream; `Err(top)` when the publication's version is stale. With
    /// `use_delta`, also returns the publication it follows (if still kept).
    #[allow(clippy::type_complexity)]
    fn add_to_history(
        &self,
        channel: &str,
        mut p: Publication,
        opts: &PublishOptions,
    ) -> Result<(Publication, StreamPosition, Option<Publication>), StreamPosition> {
        let now = Instant::now();
        let meta_ttl = opts.history_meta_ttl.max(opts.history_ttl);
        let mut shard = self.shard(channel);
        let stream = shard
            .streams
            .entry(channel.to_string())
            .or_insert_with(|| Stream::new(now, meta_ttl));
        if stream.meta_expires <= now {
            *stream = Stream::new(now, meta_ttl);
        }
        if opts.version > 0 {
            let (top_version, top_epoch) = &stream.version;
            let same_epoch = opts.version_epoch.is_empty() || opts.version_epoch == *top_epoch;
            if same_epoch && opts.version <= *top_version {
                return Err(stream.position());
            }
        }
        // Before the new item goes in, so `prev` is a publication still kept.
        stream.expire(now);
        let prev = if opts.use_delta {
            stream.items.back().map(|(p, _)| p.clone())
        } else {
            None
        };
        stream.version = (opts.version, opts.version_epoch.clone());
        stream.top += 1;
        p.offset = stream.top;
        stream.meta_expires = now + meta_ttl;
        stream.items.push_back((p.clone(), now + opts.history_ttl));
        while stream.items.len() > opts.history_size {
            stream.items.pop_front();
        }
        Ok((p, stream.position(), prev))
    }
}

#[async_trait]
impl Broker for MemoryBroker {
    fn run(&self, handler: Arc<dyn EventHandler>) {
        if self.handler.set(handler).is_err() {
            return;
        }
        // The sweeper holds the shards weakly: it ends with the broker.
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let shards = Arc::downgrade(&self.shards);
        rt.spawn(async move {
            let mut tick = tokio::time::interval(SWEEP_TICK);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            for i in (0..SHARDS).cycle() {
                tick.tick().await;
                let Some(shards) = shards.upgrade() else {
                    break;
                };
                let mut shard = shards[i].lock().unwrap_or_else(|e| e.into_inner());
                sweep(&mut shard, Instant::now());
            }
        });
    }

    async fn subscribe(&self, _channel: &str) -> Result<(), BrokerError> {
        Ok(())
    }

    async fn unsubscribe(&self, _channel: &str) -> Result<(), BrokerError> {
        Ok(())
    }

    async fn publish(
        &self,
        channel: &str,
        publication: Publication,
        opts: &PublishOptions,
    ) -> Result<(StreamPosition, bool), BrokerError> {
        let now = Instant::now();
        if let Some(key) = &opts.idempotency_key {
            let mut shard = self.shard(channel);
            shard.idempotency.retain(|_, (_, exp)| *exp > now);
            if let Some((sp, _)) = shard.idempotency.get(&(channel.to_string(), key.clone())) {
                return Ok((sp.clone(), true));
            }
        }
        let (publication, sp, prev) = if opts.history_size > 0 && !opts.history_ttl.is_zero() {
            match self.add_to_history(channel, publication, opts) {
                Ok(added) => added,
                Err(top) => return Ok((top, true)),
            }
        } else {
            (publication, StreamPosition::default(), None)
        };
        if let Some(key) = &opts.idempotency_key {
            self.shard(channel).idempotency.insert(
                (channel.to_string(), key.clone()),
                (sp.clone(), now + IDEMPOTENCY_WINDOW),
            );
        }
        if let Some(h) = self.handler.get() {
            h.on_publication(channel, publication, sp.clone(), prev);
        }
        Ok((sp, false))
    }

    async fn publish_join(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        if let Some(h) = self.handler.get() {
            h.on_join(channel, info);
        }
        Ok(())
    }

    async fn publish_leave(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        if let Some(h) = self.handler.get() {
            h.on_leave(channel, info);
        }
        Ok(())
    }

    async fn history(
        &self,
        channel: &str,
        q: &HistoryQuery,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError> {
        let now = Instant::now();
        let mut shard = self.shard(channel);
        let stream = shard
            .streams
            .entry(channel.to_string())
            .or_insert_with(|| Stream::new(now, q.meta_ttl));
        if stream.meta_expires <= now {
            *stream = Stream::new(now, q.meta_ttl);
        }
        // Reading history keeps the stream meta alive, as Centrifugo does.
        if !q.meta_ttl.is_zero() {
            stream.meta_expires = stream.meta_expires.max(now + q.meta_ttl);
        }
        stream.expire(now);
        let top = stream.position();
        if q.limit == 0 {
            check_since(q, &top, &[])?;
            return Ok((Vec::new(), top));
        }
        let max = if q.limit < 0 {
            usize::MAX
        } else {
            q.limit as usize
        };
        let pubs: Vec<Publication> = if q.reverse {
            let before = q.since.as_ref().map(|s| s.offset).unwrap_or(u64::MAX);
            stream
                .items
                .iter()
                .rev()
                .map(|(p, _)| p)
                .filter(|p| p.offset < before)
                .take(max)
                .cloned()
                .collect()
        } else {
            let after = q.since.as_ref().map(|s| s.offset).unwrap_or(0);
            stream
                .items
                .iter()
                .map(|(p, _)| p)
                .filter(|p| p.offset > after)
                .take(max)
                .cloned()
                .collect()
        };
        check_since(q, &top, &pubs)?;
        Ok((pubs, top))
    }

    async fn remove_history(&self, channel: &str) -> Result<(), BrokerError> {
        if let Some(stream) = self.shard(channel).streams.get_mut(channel) {
            stream.items.clear();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn opts() -> PublishOptions {
        PublishOptions {
            history_size: 3,
            history_ttl: Duration::from_secs(60),
            history_meta_ttl: Duration::from_secs(3600),
            ..Default::default()
        }
    }

    fn publication(n: u8) -> Publication {
        Publication {
            data: Bytes::from(vec![b'0' + n]),
            ..Default::default()
        }
    }

    #[tokio::test]
    async fn offsets_trim_and_since() {
        let b = MemoryBroker::new();
        for i in 0..5 {
            b.publish("c", publication(i), &opts())
                .await
                .expect("publish");
        }
        let q = HistoryQuery {
            limit: -1,
            ..Default::default()
        };
        let (pubs, top) = b.history("c", &q).await.expect("history");
        assert_eq!(top.offset, 5);
        assert_eq!(
            pubs.iter().map(|p| p.offset).collect::<Vec<_>>(),
            vec![3, 4, 5]
        );
        let q = HistoryQuery {
            limit: -1,
            since: Some(StreamPosition {
                offset: 3,
                epoch: top.epoch.clone(),
            }),
            ..Default::default()
        };
        let (pubs, _) = b.history("c", &q).await.expect("since");
        assert_eq!(
            pubs.iter().map(|p| p.offset).collect::<Vec<_>>(),
            vec![4, 5]
        );
        let q = HistoryQuery {
            limit: -1,
            since: Some(StreamPosition {
                offset: 1,
                epoch: top.epoch.clone(),
            }),
            ..Default::default()
        };
        assert_eq!(
            b.history("c", &q).await.err(),
            Some(BrokerError::UnrecoverablePosition)
        );
        let q = HistoryQuery {
            limit: 1,
            since: Some(StreamPosition {
                offset: 5,
                epoch: "zzzz".into(),
            }),
            ..Default::default()
        };
        assert_eq!(
            b.history("c", &q).await.err(),
            Some(BrokerError::UnrecoverablePosition)
        );
        let q = HistoryQuery {
            limit: 2,
            reverse: true,
            ..Default::default()
        };
        let (pubs, _) = b.history("c", &q).await.expect("reverse");
        assert_eq!(
            pubs.iter().map(|p| p.offset).collect::<Vec<_>>(),
            vec![5, 4]
        );
    }

    #[tokio::test]
    async fn idempotency_suppresses_duplicates() {
        let b = MemoryBroker::new();
        let mut o = opts();
        o.idempotency_key = Some("k".into());
        let (sp1, dup1) = b.publish("c", publication(1), &o).await.expect("first");
        let (sp2, dup2) = b.publish("c", publication(2), &o).await.expect("second");
        assert!(!dup1 && dup2);
        assert_eq!(sp1, sp2);
    }

    #[tokio::test]
    async fn stale_versions_are_dropped_within_a_version_epoch() {
        let b = MemoryBroker::new();
        let publish = |version: u64, epoch: &str| {
            let mut o = opts();
            o.version = version;
            o.version_epoch = epoch.to_string();
            let b = &b;
            async move { b.publish("c", publication(1), &o).await.expect("publish") }
        };
        assert_eq!(publish(2, "").await.0.offset, 1);
        // Not above the last version: dropped, the answer is the current top.
        let (sp, dropped) = publish(1, "").await;
        assert!(dropped);
        assert_eq!(sp.offset, 1);
        assert!(publish(2, "").await.1);
        assert_eq!(publish(3, "").await.0.offset, 2);
        // Another version epoch starts over; an empty one compares with any.
        assert_eq!(publish(1, "e2").await, (publish_top(&b).await, false));
        assert!(publish(1, "").await.1);
        // An unversioned publication resets the version.
        let (sp, dropped) = b
            .publish("c", publication(2), &opts())
            .await
            .expect("plain");
        assert!(!dropped);
        assert_eq!(publish(1, "").await.0.offset, sp.offset + 1);
    }

    async fn publish_top(b: &MemoryBroker) -> StreamPosition {
        let q = HistoryQuery::default();
        b.history("c", &q).await.expect("position").1
    }

    struct Ignore;
    impl EventHandler for Ignore {
        fn on_publication(
            &self,
            _: &str,
            _: Publication,
            _: StreamPosition,
            _: Option<Publication>,
        ) {
        }
        fn on_join(&self, _: &str, _: ClientInfo) {}
        fn on_leave(&self, _: &str, _: ClientInfo) {}
    }

    fn streams(b: &MemoryBroker) -> usize {
        b.shards
            .iter()
            .map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).streams.len())
            .sum()
    }

    #[tokio::test(start_paused = true)]
    async fn sweeper_drops_streams_past_their_meta_ttl() {
        let b = MemoryBroker::new();
        b.run(Arc::new(Ignore));
        let mut o = opts();
        o.history_ttl = Duration::from_secs(1);
        o.history_meta_ttl = Duration::from_secs(2);
        for ch in ["a", "b", "c"] {
            b.publish(ch, publication(1), &o).await.expect("publish");
        }
        assert_eq!(streams(&b), 3);
        // One full pass after the meta TTL: nothing is left of channels nobody publishes to.
        tokio::time::sleep(Duration::from_secs(2) + SWEEP_TICK * (SHARDS as u32 + 2)).await;
        assert_eq!(streams(&b), 0);
        // A channel still in use keeps its stream.
        b.publish("d", publication(1), &o).await.expect("publish");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(streams(&b), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn ttl_expires_items() {
        let b = MemoryBroker::new();
        b.publish("c", publication(1), &opts())
            .await
            .expect("publish");
        tokio::time::advance(Duration::from_secs(61)).await;
        let (pubs, top) = b
            .history(
                "c",
                &HistoryQuery {
                    limit: -1,
                    ..Default::default()
                },
            )
            .await
            .expect("h");
        assert!(pubs.is_empty());
        assert_eq!(top.offset, 1);
    }
}

/// The memory engine's controller: a single node, so every control message comes straight back
/// to it, and the cluster code path runs unchanged on one node.
#[derive(Default)]
pub struct Loopback {
    handler: OnceLock<Arc<dyn super::ControlHandler>>,
}

#[async_trait]
impl super::Controller for Loopback {
    fn run(&self, handler: Arc<dyn super::ControlHandler>) {
        let _ = self.handler.set(handler);
    }

    async fn publish_control(
        &self,
        data: bytes::Bytes,
        _to_node: Option<&str>,
    ) -> Result<(), BrokerError> {
        match self.handler.get() {
            Some(h) => {
                h.on_control(data);
                Ok(())
            }
            None => Err(BrokerError::NotAvailable),
        }
    }
}

/// A controller shared by several nodes in one process (clone it for each node's builder): every
/// control message reaches every node that joined, and each node keeps what is addressed to it.
/// For a cluster inside one process: tests, or an application embedding several nodes.
#[derive(Default, Clone)]
pub struct InProcessControl {
    handlers: Arc<Mutex<Vec<Arc<dyn super::ControlHandler>>>>,
}

#[async_trait]
impl super::Controller for InProcessControl {
    fn run(&self, handler: Arc<dyn super::ControlHandler>) {
        self.handlers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(handler);
    }

    async fn publish_control(
        &self,
        data: bytes::Bytes,
        _to_node: Option<&str>,
    ) -> Result<(), BrokerError> {
        // Delivered outside the lock: a handler may publish in turn.
        let handlers = self
            .handlers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        for h in handlers {
            h.on_control(data.clone());
        }
        Ok(())
    }
}
