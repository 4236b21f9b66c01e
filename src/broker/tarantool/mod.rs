//! The Tarantool broker and controller (ours; Centrifugo v5 had one, v6 dropped it): PUB/SUB,
//! history streams, idempotency results and control messages kept by the Lua module in
//! templates/tarantool/centrifugo.lua. Channels are spread over the shards by consistent hash;
//! control messages live on the first shard. Each shard may list a leader and its followers:
//! the node talks to whichever is writable and looks again when a write is refused.
//!
//! PUB/SUB is a long poll: per shard, the node holds a session subscribed to its channels and
//! keeps one `centrifugo.poll` call outstanding; publications come back in batches. A new session
//! (after a reconnect, or when Tarantool dropped the old one) resubscribes every channel and
//! tells the node that publications may have been missed, so positioned subscribers check.

pub(crate) mod iproto;

use super::wire::{self, Event};
use super::{
    check_since, Broker, BrokerError, ControlHandler, Controller, EventHandler, HistoryQuery,
    PublishOptions,
};
use crate::broker::redis::address::shard_index;
use crate::config::Tarantool as TarantoolConfig;
use crate::protocol::{ClientInfo, Publication, StreamPosition};
use async_trait::async_trait;
use bytes::Bytes;
use iproto::{CallError, Conn};
use rmpv::Value;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long an idempotency key is remembered (as Centrifugo: 5 minutes).
const IDEMPOTENCY_TTL: Duration = Duration::from_secs(300);
/// How long one poll waits on Tarantool for frames.
const POLL_WAIT: Duration = Duration::from_secs(10);
/// Frames per poll reply at most.
const POLL_BATCH: u32 = 4096;
/// Channels per subscribe call when a session starts.
const SUBSCRIBE_BATCH: usize = 512;
/// Right after a failed connect, calls fail at once for this long instead of connecting again.
const RECONNECT_PAUSE: Duration = Duration::from_millis(200);
/// How long a subscribe waits for the shard's session to come up.
const SESSION_WAIT: Duration = Duration::from_secs(1);
/// Tarantool's ER_READONLY: the instance is a follower now.
const ER_READONLY: u64 = 7;

/// Control channel names start with a NUL, which no client channel is expected to hold.
const CONTROL: &str = "\u{0}control";

fn node_channel(id: &str) -> String {
    format!("\u{0}node.{id}")
}

fn secs(d: Duration) -> Value {
    Value::from(d.as_secs_f64())
}

/// One shard: a leader and, optionally, followers to fail over to.
pub(crate) struct Shard {
    addrs: Vec<String>,
    label: String,
    user: String,
    password: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    current: Mutex<Option<Arc<Conn>>>,
    connecting: tokio::sync::Mutex<Option<(Instant, String)>>,
    /// Why the shard is unreachable, while it is.
    down: Mutex<Option<String>>,
}

impl Shard {
    fn new(entry: &str, cfg: &TarantoolConfig) -> Shard {
        let addrs: Vec<String> = entry
            .split(',')
            .map(|a| a.trim().trim_start_matches("tcp://").to_string())
            .filter(|a| !a.is_empty())
            .collect();
        Shard {
            label: addrs.join(","),
            addrs,
            user: cfg.user.clone(),
            password: cfg.password.clone(),
            connect_timeout: cfg.connect_timeout,
            request_timeout: cfg.request_timeout,
            current: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(None),
            down: Mutex::new(None),
        }
    }

    fn error(&self, e: impl std::fmt::Display) -> BrokerError {
        BrokerError::Internal(format!("tarantool {}: {e}", self.label))
    }

    fn live(&self) -> Option<Arc<Conn>> {
        let cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        cur.as_ref().filter(|c| !c.is_closed()).cloned()
    }

    fn drop_conn(&self, conn: &Arc<Conn>) {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if cur.as_ref().is_some_and(|c| Arc::ptr_eq(c, conn)) {
            *cur = None;
        }
    }

    /// The connection to the shard's writable instance, connecting when there is none.
    async fn conn(&self) -> Result<Arc<Conn>, BrokerError> {
        if let Some(c) = self.live() {
            return Ok(c);
        }
        let mut last_failure = self.connecting.lock().await;
        if let Some(c) = self.live() {
            return Ok(c);
        }
        if let Some((at, why)) = last_failure.as_ref() {
            if at.elapsed() < RECONNECT_PAUSE {
                return Err(self.error(why));
            }
        }
        let mut why = String::from("no address");
        for addr in &self.addrs {
            match self.connect_writable(addr).await {
                Ok(c) => {
                    *self.current.lock().unwrap_or_else(|e| e.into_inner()) = Some(c.clone());
                    *last_failure = None;
                    self.set_down(None);
                    return Ok(c);
                }
                Err(e) => why = format!("{addr}: {e}"),
            }
        }
        self.set_down(Some(why.clone()));
        *last_failure = Some((Instant::now(), why.clone()));
        Err(self.error(why))
    }

    async fn connect_writable(&self, addr: &str) -> Result<Arc<Conn>, CallError> {
        let c = Conn::connect(addr, &self.user, &self.password, self.connect_timeout).await?;
        if self.addrs.len() > 1 {
            let r = c
                .call("centrifugo.writable", Vec::new(), self.request_timeout)
                .await?;
            if r.first().and_then(Value::as_bool) != Some(true) {
                return Err(CallError::Io("read-only".into()));
            }
        }
        Ok(c)
    }

    /// Calls a module function on the shard.
    async fn call(&self, function: &str, args: Vec<Value>) -> Result<Vec<Value>, BrokerError> {
        let c = self.conn().await?;
        match c.call(function, args, self.request_timeout).await {
            Ok(v) => Ok(v),
            Err(e) => {
                if matches!(e, CallError::Io(_) | CallError::Timeout)
                    || matches!(e, CallError::Server(ER_READONLY, _))
                {
                    self.drop_conn(&c);
                }
                if matches!(e, CallError::Io(_)) {
                    self.set_down(Some(e.to_string()));
                }
                Err(self.error(e))
            }
        }
    }

    fn set_down(&self, why: Option<String>) {
        *self.down.lock().unwrap_or_else(|e| e.into_inner()) = why;
    }

    fn down(&self) -> Option<String> {
        self.down.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The shards a `tarantool` config section names; shared by the broker and the presence manager
/// when both come from `engine.tarantool`.
#[derive(Clone)]
pub(crate) struct TarantoolShards {
    shards: Arc<Vec<Arc<Shard>>>,
}

impl TarantoolShards {
    pub(crate) fn new(cfg: &TarantoolConfig) -> Result<TarantoolShards, String> {
        let shards: Vec<Arc<Shard>> = cfg
            .address
            .iter()
            .map(|a| Arc::new(Shard::new(a, cfg)))
            .collect();
        if shards.is_empty() || shards.iter().any(|s| s.addrs.is_empty()) {
            return Err("address: at least one host:port per shard".into());
        }
        Ok(TarantoolShards {
            shards: Arc::new(shards),
        })
    }

    fn index(&self, channel: &str) -> usize {
        shard_index(channel, self.shards.len())
    }

    fn shard(&self, channel: &str) -> &Arc<Shard> {
        &self.shards[self.index(channel)]
    }

    pub(crate) async fn call(
        &self,
        channel: &str,
        function: &str,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, BrokerError> {
        self.shard(channel).call(function, args).await
    }

    pub(crate) fn unavailable(&self) -> Option<String> {
        self.shards.iter().find_map(|s| {
            s.down()
                .map(|why| format!("tarantool {}: unreachable ({why})", s.label))
        })
    }
}

/// A shard's PUB/SUB session as the node sees it.
#[derive(Default)]
struct SessionState {
    channels: HashSet<String>,
    /// The live session: its id and the connection it polls on.
    session: Option<(String, Arc<Conn>)>,
}

#[derive(Default)]
struct Subscriber {
    state: Mutex<SessionState>,
    up: tokio::sync::Notify,
}

impl Subscriber {
    fn lock(&self) -> std::sync::MutexGuard<'_, SessionState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn connected(&self) -> bool {
        self.lock().session.is_some()
    }
}

struct Inner {
    shards: TarantoolShards,
    node_id: String,
    handler: OnceLock<Arc<dyn EventHandler>>,
    control: OnceLock<Arc<dyn ControlHandler>>,
    subscribers: Vec<Subscriber>,
    started: AtomicBool,
    closed: watch::Sender<bool>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.closed.send(true);
    }
}

pub(crate) struct TarantoolBroker {
    inner: Arc<Inner>,
}

fn value_u64(v: Option<&Value>) -> u64 {
    v.and_then(Value::as_u64).unwrap_or(0)
}

fn value_text(v: Option<&Value>) -> String {
    v.and_then(iproto::bytes)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

impl TarantoolBroker {
    pub(crate) fn new(shards: TarantoolShards, node_id: &str) -> TarantoolBroker {
        let subscribers = shards
            .shards
            .iter()
            .map(|_| Subscriber::default())
            .collect();
        TarantoolBroker {
            inner: Arc::new(Inner {
                shards,
                node_id: node_id.to_string(),
                handler: OnceLock::new(),
                control: OnceLock::new(),
                subscribers,
                started: AtomicBool::new(false),
                closed: watch::channel(false).0,
            }),
        }
    }

    fn start(&self) {
        if self.inner.started.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            tracing::error!("the tarantool broker needs a tokio runtime; it stays disconnected");
            return;
        };
        for i in 0..self.inner.shards.shards.len() {
            let fixed = if i == 0 {
                vec![CONTROL.to_string(), node_channel(&self.inner.node_id)]
            } else {
                Vec::new()
            };
            rt.spawn(poll_shard(
                Arc::downgrade(&self.inner),
                i,
                fixed,
                self.inner.closed.subscribe(),
            ));
        }
    }

    async fn broadcast(&self, channel: &str, frame: Vec<u8>) -> Result<(), BrokerError> {
        self.inner
            .shards
            .call(
                channel,
                "centrifugo.broadcast",
                vec![Value::from(channel), Value::Binary(frame)],
            )
            .await
            .map(|_| ())
    }
}

/// Keeps a session alive on shard `i`: starts one, subscribes the channels, polls; starts over
/// (telling the node about a possible gap) whenever the connection or the session is lost.
async fn poll_shard(
    inner: std::sync::Weak<Inner>,
    i: usize,
    fixed: Vec<String>,
    mut closed: watch::Receiver<bool>,
) {
    let mut first = true;
    loop {
        let Some(shard) = inner.upgrade().map(|n| n.shards.shards[i].clone()) else {
            return;
        };
        let session = uuid::Uuid::new_v4().to_string();
        let started = async {
            let conn = shard.conn().await?;
            let channels: Vec<String> = {
                let Some(n) = inner.upgrade() else {
                    return Err(BrokerError::NotAvailable);
                };
                let mut st = n.subscribers[i].lock();
                st.session = None;
                st.channels.iter().cloned().collect()
            };
            let all: Vec<&String> = fixed.iter().chain(channels.iter()).collect();
            // An empty subscribe still creates the session.
            for chunk in all.chunks(SUBSCRIBE_BATCH).chain(std::iter::once(&[][..])) {
                let names = chunk.iter().map(|c| Value::from(c.as_str())).collect();
                conn.call(
                    "centrifugo.subscribe",
                    vec![Value::from(session.as_str()), Value::Array(names)],
                    shard.request_timeout,
                )
                .await
                .map_err(|e| shard.error(e))?;
            }
            Ok((conn, channels))
        };
        let (conn, channels) = tokio::select! {
            r = started => match r {
                Ok(v) => v,
                Err(e) => {
                    tracing::debug!(error = %e, "tarantool pubsub session not started");
                    tokio::select! {
                        _ = tokio::time::sleep(RECONNECT_PAUSE) => continue,
                        _ = closed.changed() => return,
                    }
                }
            },
            _ = closed.changed() => return,
        };
        // Channels subscribed while the session was starting are subscribed by their callers
        // once the session is visible; the ones before were in the snapshot.
        let late: Vec<String> = {
            let Some(n) = inner.upgrade() else { return };
            let mut st = n.subscribers[i].lock();
            st.session = Some((session.clone(), conn.clone()));
            let snapshot: HashSet<&String> = channels.iter().collect();
            let late = st
                .channels
                .iter()
                .filter(|c| !snapshot.contains(c))
                .cloned()
                .collect();
            n.subscribers[i].up.notify_waiters();
            late
        };
        if !late.is_empty() {
            let names = late.iter().map(|c| Value::from(c.as_str())).collect();
            let _ = conn
                .call(
                    "centrifugo.subscribe",
                    vec![Value::from(session.as_str()), Value::Array(names)],
                    shard.request_timeout,
                )
                .await;
        }
        if !first {
            if let Some(h) = inner.upgrade().and_then(|n| n.handler.get().cloned()) {
                h.on_gap(&channels);
            }
        }
        first = false;
        drop(shard);
        let why = loop {
            let poll = conn.call(
                "centrifugo.poll",
                vec![
                    Value::from(session.as_str()),
                    secs(POLL_WAIT),
                    Value::from(POLL_BATCH),
                ],
                POLL_WAIT + Duration::from_secs(5),
            );
            let reply = tokio::select! {
                r = poll => r,
                _ = closed.changed() => return,
            };
            let Some(n) = inner.upgrade() else { return };
            match reply {
                Ok(v) if v.first().and_then(Value::as_bool) == Some(true) => {
                    if let Some(Value::Array(items)) = v.get(1) {
                        dispatch(&n, items);
                    }
                }
                Ok(_) => break "session dropped by tarantool".to_string(),
                Err(e) => break e.to_string(),
            }
        };
        let Some(n) = inner.upgrade() else { return };
        tracing::warn!(shard = %n.shards.shards[i].label, reason = %why, "tarantool pubsub session lost; starting a new one");
        n.subscribers[i].lock().session = None;
        if conn.is_closed() {
            n.shards.shards[i].drop_conn(&conn);
        }
    }
}

/// Hands polled frames to the node: a flat {channel, frame, ...} list.
fn dispatch(inner: &Inner, items: &[Value]) {
    for pair in items.chunks(2) {
        let (Some(ch), Some(frame)) = (
            pair.first().and_then(iproto::bytes),
            pair.get(1).and_then(iproto::bytes),
        ) else {
            continue;
        };
        if ch.first() == Some(&0) {
            if let Some(c) = inner.control.get() {
                c.on_control(Bytes::copy_from_slice(frame));
            }
            continue;
        }
        let Ok(ch) = std::str::from_utf8(ch) else {
            continue;
        };
        let Some(h) = inner.handler.get() else {
            continue;
        };
        match wire::decode(frame) {
            Some(Event::Publication {
                publication,
                position,
                prev,
            }) => h.on_publication(ch, publication, position, prev),
            Some(Event::Join(info)) => h.on_join(ch, info),
            Some(Event::Leave(info)) => h.on_leave(ch, info),
            None => tracing::warn!(channel = ch, "malformed message from tarantool dropped"),
        }
    }
}

#[async_trait]
impl Broker for TarantoolBroker {
    fn run(&self, handler: Arc<dyn EventHandler>) {
        if self.inner.handler.set(handler).is_ok() {
            self.start();
        }
    }

    async fn subscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let i = self.inner.shards.index(channel);
        let sub = &self.inner.subscribers[i];
        let session = {
            let mut st = sub.lock();
            st.channels.insert(channel.to_string());
            st.session.clone()
        };
        let session = match session {
            Some(s) => s,
            None => {
                // The session is starting: it takes the channel with it, or the wait ends.
                let _ = tokio::time::timeout(SESSION_WAIT, sub.up.notified()).await;
                match sub.lock().session.clone() {
                    Some(_) => return Ok(()),
                    None => {
                        sub.lock().channels.remove(channel);
                        return Err(self.inner.shards.shards[i].error("pubsub session down"));
                    }
                }
            }
        };
        let shard = &self.inner.shards.shards[i];
        session
            .1
            .call(
                "centrifugo.subscribe",
                vec![
                    Value::from(session.0.as_str()),
                    Value::Array(vec![Value::from(channel)]),
                ],
                shard.request_timeout,
            )
            .await
            .map(|_| ())
            .map_err(|e| shard.error(e))
    }

    async fn unsubscribe(&self, channel: &str) -> Result<(), BrokerError> {
        let i = self.inner.shards.index(channel);
        let session = {
            let mut st = self.inner.subscribers[i].lock();
            st.channels.remove(channel);
            st.session.clone()
        };
        if let Some((id, conn)) = session {
            let shard = &self.inner.shards.shards[i];
            conn.call(
                "centrifugo.unsubscribe",
                vec![
                    Value::from(id.as_str()),
                    Value::Array(vec![Value::from(channel)]),
                ],
                shard.request_timeout,
            )
            .await
            .map_err(|e| shard.error(e))?;
        }
        Ok(())
    }

    async fn publish(
        &self,
        channel: &str,
        publication: Publication,
        opts: &PublishOptions,
    ) -> Result<(StreamPosition, bool), BrokerError> {
        let history = opts.history_size > 0 && !opts.history_ttl.is_zero();
        let (size, ttl, meta_ttl) = if history {
            (
                opts.history_size,
                opts.history_ttl,
                opts.history_meta_ttl.max(opts.history_ttl),
            )
        } else {
            (0, Duration::ZERO, Duration::ZERO)
        };
        let reply = self
            .inner
            .shards
            .call(
                channel,
                "centrifugo.publish",
                vec![
                    Value::from(channel),
                    Value::Binary(wire::encode_publication(&publication)),
                    Value::from(size as u64),
                    secs(ttl),
                    secs(meta_ttl),
                    Value::from(opts.idempotency_key.as_deref().unwrap_or("")),
                    secs(IDEMPOTENCY_TTL),
                    Value::from(opts.version),
                    Value::from(opts.version_epoch.as_str()),
                    Value::from(opts.use_delta && history),
                    Value::from(super::new_epoch()),
                ],
            )
            .await?;
        let position = StreamPosition {
            offset: value_u64(reply.first()),
            epoch: value_text(reply.get(1)),
        };
        let suppressed = reply.get(2).and_then(Value::as_bool).unwrap_or(false);
        Ok((position, suppressed))
    }

    async fn publish_join(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        self.broadcast(channel, wire::join_frame(&info)).await
    }

    async fn publish_leave(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError> {
        self.broadcast(channel, wire::leave_frame(&info)).await
    }

    async fn history(
        &self,
        channel: &str,
        q: &HistoryQuery,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError> {
        let since = q
            .since
            .as_ref()
            .map(|s| i64::try_from(s.offset).unwrap_or(i64::MAX))
            .unwrap_or(-1);
        let reply = self
            .inner
            .shards
            .call(
                channel,
                "centrifugo.history",
                vec![
                    Value::from(channel),
                    Value::from(since),
                    Value::from(if q.limit < 0 { -1 } else { i64::from(q.limit) }),
                    Value::from(q.reverse),
                    secs(q.meta_ttl),
                    Value::from(super::new_epoch()),
                ],
            )
            .await?;
        let top = StreamPosition {
            offset: value_u64(reply.first()),
            epoch: value_text(reply.get(1)),
        };
        let mut pubs = Vec::new();
        if let Some(Value::Array(items)) = reply.get(2) {
            for pair in items.chunks(2) {
                let offset = value_u64(pair.first());
                let Some(p) = pair
                    .get(1)
                    .and_then(iproto::bytes)
                    .and_then(|b| wire::decode_publication(b, offset))
                else {
                    return Err(BrokerError::Internal(format!(
                        "tarantool: malformed publication {offset} in {channel:?} history"
                    )));
                };
                pubs.push(p);
            }
        }
        check_since(q, &top, &pubs)?;
        Ok((pubs, top))
    }

    async fn remove_history(&self, channel: &str) -> Result<(), BrokerError> {
        self.inner
            .shards
            .call(
                channel,
                "centrifugo.remove_history",
                vec![Value::from(channel)],
            )
            .await
            .map(|_| ())
    }

    fn unavailable(&self) -> Option<String> {
        if let Some(why) = self.inner.shards.unavailable() {
            return Some(why);
        }
        let down = self
            .inner
            .subscribers
            .iter()
            .position(|s| !s.connected())
            .filter(|_| self.inner.started.load(Ordering::Acquire))?;
        Some(format!(
            "tarantool {}: pubsub session down",
            self.inner.shards.shards[down].label
        ))
    }
}

#[async_trait]
impl Controller for TarantoolBroker {
    fn run(&self, handler: Arc<dyn ControlHandler>) {
        let _ = self.inner.control.set(handler);
    }

    async fn publish_control(&self, data: Bytes, to_node: Option<&str>) -> Result<(), BrokerError> {
        let channel = match to_node {
            Some(id) => node_channel(id),
            None => CONTROL.to_string(),
        };
        self.inner.shards.shards[0]
            .call(
                "centrifugo.broadcast",
                vec![Value::from(channel.as_str()), Value::Binary(data.to_vec())],
            )
            .await
            .map(|_| ())
    }
}
