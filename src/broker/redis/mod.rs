//! The Redis broker and controller: PUB/SUB between nodes, history in Redis Streams appended and
//! published by one Lua script (so the offset a subscriber sees is the one history keeps),
//! idempotency results, control messages. Channels are spread over the shards by consistent hash;
//! control messages live on the first shard.

pub(crate) mod address;
mod batch;
mod lists;
mod pubsub;
pub(crate) mod scripts;
pub(crate) mod shard;

use super::wire::{self, Event};
use super::{
    check_since, Broker, BrokerError, ControlHandler, Controller, EventHandler, HistoryQuery,
    PublishOptions,
};
use crate::protocol::{ClientInfo, Publication, StreamPosition};
use address::shard_index;
use async_trait::async_trait;
use bytes::Bytes;
use pubsub::{Dispatch, PartTask, Subscribers};
use redis::{Script, Value};
use scripts::Keys;
use shard::Shard;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::watch;

pub use address::AddressError;

/// How long an idempotency key is remembered (as Centrifugo: 5 minutes).
const IDEMPOTENCY_TTL: Duration = Duration::from_secs(300);

/// Connections to the shards a Redis config section names; shared by the broker and the
/// presence manager when both come from `engine.redis`.
#[derive(Clone)]
pub struct RedisShards {
    pub(crate) shards: Vec<Arc<Shard>>,
    pub(crate) keys: Keys,
    pub(crate) probe_interval: Duration,
    /// Subscriber connections per shard (`pubsub_connections`).
    pub(crate) subscribers: usize,
}

impl RedisShards {
    pub fn new(cfg: &crate::config::Redis, prefix: &str) -> Result<RedisShards, AddressError> {
        let shards = address::shards(cfg)?
            .into_iter()
            .map(|t| Arc::new(Shard::new(t, cfg)))
            .collect();
        Ok(RedisShards {
            shards,
            keys: Keys::new(prefix),
            probe_interval: cfg.pubsub_probe_interval,
            subscribers: cfg.pubsub_connections.max(1),
        })
    }

    pub(crate) fn shard(&self, channel: &str) -> &Arc<Shard> {
        &self.shards[shard_index(channel, self.shards.len())]
    }
}

struct Inner {
    shards: RedisShards,
    node_id: String,
    handler: OnceLock<Arc<dyn EventHandler>>,
    control: OnceLock<Arc<dyn ControlHandler>>,
    subscribers: OnceLock<Vec<Subscribers>>,
    closed: watch::Sender<bool>,
    publish_history: Script,
    publish_idempotent: Script,
    history: Script,
    /// `history_use_lists`: history in Lists, with their own scripts.
    use_lists: bool,
    publish_list: Script,
    history_list: Script,
}

pub struct RedisBroker {
    inner: Arc<Inner>,
}

impl Drop for RedisBroker {
    fn drop(&mut self) {
        let _ = self.inner.closed.send(true);
    }
}

fn internal(e: impl std::fmt::Display) -> BrokerError {
    BrokerError::Internal(e.to_string())
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::BulkString(b) => String::from_utf8(b.clone()).ok(),
        Value::SimpleString(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<u64> {
    text(v)?.parse().ok()
}

/// `{offset, epoch, ...}` as the scripts return it.
fn position(items: &[Value]) -> Result<StreamPosition, BrokerError> {
    match items {
        [o, e, ..] => Ok(StreamPosition {
            offset: number(o).ok_or_else(|| internal("bad offset from redis"))?,
            epoch: text(e).ok_or_else(|| internal("bad epoch from redis"))?,
        }),
        _ => Err(internal("unexpected reply from redis")),
    }
}

/// Stream entries `[[id, [field, value, ...]], ...]` as publications.
fn entries(v: &Value) -> Result<Vec<Publication>, BrokerError> {
    let Value::Array(list) = v else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(list.len());
    for e in list {
        let Value::Array(pair) = e else {
            return Err(internal("bad stream entry"));
        };
        let [id, Value::Array(fields)] = &pair[..] else {
            return Err(internal("bad stream entry"));
        };
        let id = text(id).ok_or_else(|| internal("bad stream id"))?;
        let offset: u64 = id
            .split('-')
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| internal("bad stream id"))?;
        let data = fields.chunks(2).find_map(|kv| match kv {
            [Value::BulkString(k), Value::BulkString(d)] if k == b"d" => Some(d),
            _ => None,
        });
        let p = data
            .and_then(|d| wire::decode_publication(d, offset))
            .ok_or_else(|| internal("bad publication in stream"))?;
        out.push(p);
    }
    Ok(out)
}

fn millis(d: Duration) -> String {
    d.as_millis().max(1).to_string()
}

impl RedisBroker {
    /// A broker on these shards for the node `node_id` (its control channel is named after it).
    pub fn new(shards: RedisShards, node_id: &str) -> RedisBroker {
        RedisBroker::with_lists(shards, node_id, false)
    }

    /// As `new`; with `use_lists`, history is kept in Redis Lists (`history_use_lists`).
    pub fn with_lists(shards: RedisShards, node_id: &str, use_lists: bool) -> RedisBroker {
        RedisBroker {
            inner: Arc::new(Inner {
                shards,
                node_id: node_id.to_string(),
                handler: OnceLock::new(),
                control: OnceLock::new(),
                subscribers: OnceLock::new(),
                closed: watch::channel(false).0,
                publish_history: Script::new(&scripts::publish_script(scripts::STREAM_APPEND)),
                publish_idempotent: Script::new(scripts::PUBLISH_IDEMPOTENT),
                history: Script::new(scripts::HISTORY),
                use_lists,
                publish_list: Script::new(&scripts::publish_script(lists::LIST_APPEND)),
                history_list: Script::new(lists::HISTORY_LIST),
            }),
        }
    }

    fn subscribers(&self, channel: &str) -> Result<&Subscribers, BrokerError> {
        let subs = self
            .inner
            .subscribers
            .get()
            .ok_or(BrokerError::NotAvailable)?;
        Ok(&subs[shard_index(channel, subs.len())])
    }

    fn start(&self) {
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            tracing::error!("the redis broker needs a tokio runtime; it stays disconnected");
            return;
        };
        let inner = &self.inner;
        let keys = &inner.shards.keys;
        let dispatch: Arc<dyn Dispatch> = Arc::new(Deliver(Arc::downgrade(inner)));
        let subs = inner
            .shards
            .shards
            .iter()
            .enumerate()
            .map(|(si, shard)| {
                rt.spawn(shard.clone().watch_topology());
                let per_shard = inner.shards.subscribers;
                Subscribers::start(&rt, per_shard, |pi| PartTask {
                    shard: shard.clone(),
                    dispatch: dispatch.clone(),
                    fixed: if si == 0 && pi == 0 {
                        vec![keys.control(), keys.node(&inner.node_id)]
                    } else {
                        Vec::new()
                    },
                    probe_channel: keys.probe(&inner.node_id, si * per_shard + pi),
                    probe_interval: inner.shards.probe_interval,
                    closed: inner.closed.subscribe(),
                })
            })
            .collect();
        let _ = inner.subscribers.set(subs);
    }

    async fn publish_frame(&self, channel: &str, frame: Vec<u8>) -> Result<(), BrokerError> {
        let keys = &self.inner.shards.keys;
        self.inner
            .shards
            .shard(channel)
            .publish(keys.pubsub(channel), frame)
            .await
    }

    /// Why the broker cannot serve now, if it cannot: a shard unreachable or a subscriber
    /// connection down.
    pub fn unavailable(&self) -> Option<String> {
        let subs = self.inner.subscribers.get();
        for (i, shard) in self.inner.shards.shards.iter().enumerate() {
            if !shard.healthy() {
                return Some(format!("redis {}: unreachable", shard.label()));
            }
            if subs.is_some_and(|s| !s[i].connected()) {
                return Some(format!(
                    "redis {}: subscriber connection down",
                    shard.label()
                ));
            }
        }
        None
    }
}

/// The PUB/SUB side's view of the broker (held weakly: the tasks end with the broker).
struct Deliver(std::sync::Weak<Inner>);

impl Dispatch for Deliver {
    fn message(&self, channel: &str, payload: &[u8]) {
        let Some(inner) = self.0.upgrade() else {
            return;
        };
        let keys = &inner.shards.keys;
        if let Some(ch) = keys.channel_of(channel) {
            let Some(h) = inner.handler.get() else {
                return;
            };
            match wire::decode(payload) {
                Some(Event::Publication {
                    publication,
                    position,
                    prev,
                }) => h.on_publication(ch, publication, position, prev),
                Some(Event::Join(info)) => h.on_join(ch, info),
                Some(Event::Leave(info)) => h.on_leave(ch, info),
                None => tracing::warn!(channel = ch, "malformed message from redis dropped"),
            }
            return;
        }
        if let Some(c) = inner.control.get() {
            c.on_control(Bytes::copy_from_slice(payload));
        }
    }

    fn resubscribed(&self, channels: &[String]) {
        let Some(inner) = self.0.upgrade() else {
            return;
        };
        let keys = &inner.shards.keys;
        let names: Vec<String> = channels
            .iter()
            .filter_map(|c| keys.channel_of(c).map(str::to_string))
            .collect();
        if let Some(h) = inner.handler.get() {
            h.on_gap(&names);
        }
    }
}

#[async_trait]
impl Broker for RedisBroker {
    fn run(&self, handler: Arc<dyn EventHandler>) {
        if self.inner.handler.set(handler).is_ok() {
            self.start();
        }
    }

    async fn subscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let name = self.inner.shards.keys.pubsub(channel);
        self.subscribers(channel)?.subscribe(name).await
    }

    async fn unsubscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let name = self.inner.shards.keys.pubsub(channel);
        self.subscribers(channel)?.unsubscribe(&name).await
    }

    async fn publish(
        &self,
        channel: &str,
        publication: Publication,
        opts: &PublishOptions,
    ) -> Result<(StreamPosition, bool), BrokerError> {
        let keys = &self.inner.shards.keys;
        let shard = self.inner.shards.shard(channel);
        let result_key = keys.result(channel, opts.idempotency_key.as_deref().unwrap_or(""));
        if opts.history_size > 0 && !opts.history_ttl.is_zero() {
            let meta_ttl = opts.history_meta_ttl.max(opts.history_ttl);
            let (script, data_key, meta_key) = if self.inner.use_lists {
                let (l, m) = lists::list_keys(keys, channel);
                (&self.inner.publish_list, l, m)
            } else {
                (
                    &self.inner.publish_history,
                    keys.stream(channel),
                    keys.stream_meta(channel),
                )
            };
            let mut inv = script.prepare_invoke();
            inv.key(data_key)
                .key(meta_key)
                .key(&result_key)
                .arg(wire::encode_publication(&publication))
                .arg(opts.history_size)
                .arg(millis(opts.history_ttl))
                .arg(keys.pubsub(channel))
                .arg(millis(meta_ttl))
                .arg(super::new_epoch())
                .arg(match opts.idempotency_key {
                    Some(_) => millis(IDEMPOTENCY_TTL),
                    None => String::new(),
                })
                .arg(if opts.use_delta { "1" } else { "0" })
                .arg(opts.version)
                .arg(&opts.version_epoch);
            let reply: Vec<Value> = shard.script(&inv).await?;
            let sp = position(&reply)?;
            let suppressed = reply.get(2).and_then(text).is_some_and(|s| s == "1");
            return Ok((sp, suppressed));
        }
        let frame = wire::publication_frame(&publication);
        if opts.idempotency_key.is_some() {
            let mut inv = self.inner.publish_idempotent.prepare_invoke();
            inv.key(&result_key)
                .arg(frame)
                .arg(keys.pubsub(channel))
                .arg(millis(IDEMPOTENCY_TTL));
            let suppressed: String = shard.script(&inv).await?;
            return Ok((StreamPosition::default(), suppressed == "1"));
        }
        self.publish_frame(channel, frame).await?;
        Ok((StreamPosition::default(), false))
    }

    async fn publish_join(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        self.publish_frame(channel, wire::join_frame(&info)).await
    }

    async fn publish_leave(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        self.publish_frame(channel, wire::leave_frame(&info)).await
    }

    async fn history(
        &self,
        channel: &str,
        q: &HistoryQuery,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError> {
        let keys = &self.inner.shards.keys;
        let meta_ttl = if q.meta_ttl.is_zero() {
            "0".to_string()
        } else {
            millis(q.meta_ttl)
        };
        if self.inner.use_lists {
            let (l, m) = lists::list_keys(keys, channel);
            let mut inv = self.inner.history_list.prepare_invoke();
            inv.key(l)
                .key(m)
                .arg(if q.limit == 0 { "0" } else { "1" })
                .arg(&meta_ttl)
                .arg(super::new_epoch());
            let reply: Vec<Value> = self.inner.shards.shard(channel).script(&inv).await?;
            let top = position(&reply)?;
            let pubs = match reply.get(2) {
                Some(v) if q.limit != 0 => lists::select(v, q)?,
                _ => Vec::new(),
            };
            check_since(q, &top, &pubs)?;
            return Ok((pubs, top));
        }
        let since = q.since.as_ref().map(|s| s.offset);
        // Entry ids are `offset-0`: a bare `(5` as the upper end of XREVRANGE would mean
        // `(5-<max>` and still include offset 5.
        let (from, to) = match (q.reverse, since) {
            (false, Some(o)) => (format!("({o}-0"), "+".to_string()),
            (false, None) => ("-".to_string(), "+".to_string()),
            (true, Some(o)) => (format!("({o}-0"), "-".to_string()),
            (true, None) => ("+".to_string(), "-".to_string()),
        };
        let count = if q.limit < 0 { -1 } else { i64::from(q.limit) };
        let mut inv = self.inner.history.prepare_invoke();
        inv.key(keys.stream(channel))
            .key(keys.stream_meta(channel))
            .arg(from)
            .arg(to)
            .arg(count)
            .arg(if q.reverse { "1" } else { "0" })
            .arg(&meta_ttl)
            .arg(super::new_epoch());
        let reply: Vec<Value> = self.inner.shards.shard(channel).script(&inv).await?;
        let top = position(&reply)?;
        let pubs = match reply.get(2) {
            Some(v) => entries(v)?,
            None => Vec::new(),
        };
        check_since(q, &top, &pubs)?;
        Ok((pubs, top))
    }

    async fn remove_history(&self, channel: &str) -> Result<(), BrokerError> {
        let keys = &self.inner.shards.keys;
        let key = if self.inner.use_lists {
            keys.list(channel)
        } else {
            keys.stream(channel)
        };
        self.inner
            .shards
            .shard(channel)
            .query::<i64>(redis::cmd("DEL").arg(key))
            .await
            .map(|_| ())
    }

    fn unavailable(&self) -> Option<String> {
        RedisBroker::unavailable(self)
    }
}

#[async_trait]
impl Controller for RedisBroker {
    fn run(&self, handler: Arc<dyn ControlHandler>) {
        let _ = self.inner.control.set(handler);
    }

    async fn publish_control(&self, data: Bytes, to_node: Option<&str>) -> Result<(), BrokerError> {
        let keys = &self.inner.shards.keys;
        let channel = match to_node {
            Some(id) => keys.node(id),
            None => keys.control(),
        };
        self.inner.shards.shards[0]
            .publish(channel, data.to_vec())
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "control message not sent");
                e
            })
    }
}
