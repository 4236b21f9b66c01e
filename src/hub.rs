//! Local registry of connections and channel subscribers; fan-out never awaits a client socket.

use crate::outbox::{ClientHandle, Protocol};
use crate::protocol::filter::{self, FilterNode};
use bytes::Bytes;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

/// Channel shards: publishes to different channels take different locks.
const SHARDS: usize = 64;

struct Subscriber {
    handle: Arc<ClientHandle>,
    join_leave: bool,
    /// Tags filter: publications whose tags do not match are not delivered to this subscriber.
    filter: Option<Arc<FilterNode>>,
    /// Fossil delta delivery, when the subscriber negotiated it.
    delta: Option<DeltaState>,
    /// Publications held back (offset, full message, delta message for delta subscribers) while
    /// the subscribe reply is being prepared, so a positioned subscriber gets them after the reply
    /// and without duplicates.
    pending: Option<Vec<(u64, Bytes, Option<Bytes>)>>,
    /// For positioned subscribers once live: the offset of the last publication they got. The
    /// next must be the one after it; anything else means publications were lost on the way
    /// (a broker connection that dropped), and the session is told so it can recover.
    position: Option<u64>,
}

/// A positioned subscriber saw a gap: the session unsubscribes it with 2500 (or disconnects 3010).
fn lost(s: &mut Subscriber, channel: &str) {
    s.position = None;
    s.handle.control(crate::outbox::Control::InsufficientState {
        channel: channel.to_string(),
    });
}

/// Where a delta subscriber stands: patches need a base the client already holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeltaState {
    /// Patches go to positioned subscriptions only (their stream has no gaps), as in Centrifugo.
    pub positioned: bool,
    /// The client holds the previous publication's data, so the next one may be a patch.
    pub base_sent: bool,
}

/// How a subscriber is added to a channel.
#[derive(Debug, Clone, Default)]
pub struct SubscriberOptions {
    pub join_leave: bool,
    /// Buffer publications until `release` (positioned subscriptions).
    pub held: bool,
    pub filter: Option<Arc<FilterNode>>,
    pub delta: Option<DeltaState>,
}

/// The form of a publication for one subscriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The publication as published.
    Plain,
    /// For delta subscribers: the whole data, as a JSON string on JSON connections.
    DeltaFull,
    /// For delta subscribers: a fossil patch against the previous publication (or the whole data
    /// when there is no usable patch).
    DeltaPatch,
}

type EncodeFn<'a> = dyn Fn(Protocol, Variant) -> Option<Vec<u8>> + 'a;

/// How a message is encoded: one form per format, or per format and delta variant.
enum Encoder<'a> {
    Plain(&'a dyn Fn(Protocol) -> Option<Vec<u8>>),
    Variants(&'a EncodeFn<'a>),
}

/// One message lazily encoded per wire format (and delta variant), at most once each, for a fan-out.
pub struct Encodings<'a> {
    encode: Encoder<'a>,
    /// [format][variant]
    cells: [[OnceCell<Option<Bytes>>; 3]; 2],
}

impl<'a> Encodings<'a> {
    /// `encode` returns None when the message cannot be carried in that format.
    pub fn new(encode: &'a dyn Fn(Protocol) -> Option<Vec<u8>>) -> Encodings<'a> {
        Encodings {
            encode: Encoder::Plain(encode),
            cells: Default::default(),
        }
    }

    /// A publication with delta variants for delta subscribers.
    pub fn with_variants(encode: &'a EncodeFn<'a>) -> Encodings<'a> {
        Encodings {
            encode: Encoder::Variants(encode),
            cells: Default::default(),
        }
    }

    pub fn get(&self, format: Protocol) -> Option<Bytes> {
        self.get_variant(format, Variant::Plain)
    }

    pub fn get_variant(&self, format: Protocol, variant: Variant) -> Option<Bytes> {
        let f = match format {
            Protocol::Json => 0,
            Protocol::Protobuf => 1,
        };
        let v = match variant {
            Variant::Plain => 0,
            Variant::DeltaFull => 1,
            Variant::DeltaPatch => 2,
        };
        self.cells[f][v]
            .get_or_init(|| {
                match self.encode {
                    Encoder::Variants(enc) => enc(format, variant),
                    // A plain message has one form for every subscriber.
                    Encoder::Plain(enc) => enc(format),
                }
                .map(Bytes::from)
            })
            .clone()
    }
}

type ChannelMap = HashMap<String, HashMap<String, Subscriber>>;

pub struct Hub {
    shards: Vec<Mutex<ChannelMap>>,
    users: Mutex<HashMap<String, HashMap<String, Arc<ClientHandle>>>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            users: Mutex::new(HashMap::new()),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Hub {
    fn shard(&self, channel: &str) -> MutexGuard<'_, ChannelMap> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        channel.hash(&mut h);
        lock(&self.shards[(h.finish() as usize) % SHARDS])
    }

    /// Registers a connection under its user.
    pub fn add_connection(&self, handle: Arc<ClientHandle>) {
        lock(&self.users)
            .entry(handle.user().to_string())
            .or_default()
            .insert(handle.id.clone(), handle);
    }

    pub fn remove_connection(&self, handle: &ClientHandle) {
        let mut users = lock(&self.users);
        if let Some(m) = users.get_mut(handle.user()) {
            m.remove(&handle.id);
            if m.is_empty() {
                users.remove(handle.user());
            }
        }
    }

    /// Live connections of a user on this node.
    pub fn user_connections(&self, user: &str) -> Vec<Arc<ClientHandle>> {
        lock(&self.users)
            .get(user)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    }

    /// Adds a subscriber; true when it is the first one of the channel on this node.
    /// A `held` subscriber buffers publications until `release` is called.
    pub fn add_subscriber(
        &self,
        channel: &str,
        handle: Arc<ClientHandle>,
        opts: SubscriberOptions,
    ) -> bool {
        let mut shard = self.shard(channel);
        let subs = shard.entry(channel.to_string()).or_default();
        let first = subs.is_empty();
        let pending = opts.held.then(Vec::new);
        subs.insert(
            handle.id.clone(),
            Subscriber {
                handle,
                join_leave: opts.join_leave,
                filter: opts.filter,
                delta: opts.delta,
                pending,
                position: None,
            },
        );
        first
    }

    /// Delivers publications buffered for a held subscriber, skipping those at or below
    /// `delivered_offset` (already sent in the subscribe reply), and switches it to live delivery.
    /// `delta_base_sent`: the reply gave a delta subscriber the base for patches (recovered
    /// publications); otherwise its first publication goes out whole.
    pub fn release(
        &self,
        channel: &str,
        client_id: &str,
        delivered_offset: u64,
        delta_base_sent: bool,
    ) {
        let mut shard = self.shard(channel);
        let Some(sub) = shard
            .get_mut(channel)
            .and_then(|subs| subs.get_mut(client_id))
        else {
            return;
        };
        if let Some(d) = &mut sub.delta {
            d.base_sent = delta_base_sent;
        }
        let mut last = delivered_offset;
        for (offset, full, patch) in sub.pending.take().unwrap_or_default() {
            if offset == 0 || offset > delivered_offset {
                if offset > 0 && sub.filter.is_none() {
                    if offset != last + 1 {
                        lost(sub, channel);
                        return;
                    }
                    last = offset;
                }
                let msg = match (&mut sub.delta, patch) {
                    (Some(d), Some(patch)) if d.base_sent && d.positioned && offset > 0 => patch,
                    (Some(d), _) => {
                        d.base_sent = true;
                        full
                    }
                    (None, _) => full,
                };
                sub.handle.enqueue(msg);
            }
        }
        // Filtered subscribers skip publications, so their offsets have gaps by design.
        if sub.filter.is_none() {
            sub.position = Some(last);
        }
    }

    /// The offset of the last publication a positioned subscriber got (None for others).
    pub fn position(&self, channel: &str, client_id: &str) -> Option<u64> {
        self.shard(channel)
            .get(channel)
            .and_then(|subs| subs.get(client_id))
            .and_then(|s| s.position)
    }

    /// Positioned subscribers of `channel` that are behind `top`: publications they should have
    /// had did not arrive. They are told, as for a gap.
    pub fn behind(&self, channel: &str, top: u64) {
        let mut shard = self.shard(channel);
        if let Some(subs) = shard.get_mut(channel) {
            for s in subs.values_mut() {
                if s.position.is_some_and(|p| p < top) {
                    lost(s, channel);
                }
            }
        }
    }

    /// Removes a subscriber; true when the channel has no subscribers left on this node.
    pub fn remove_subscriber(&self, channel: &str, client_id: &str) -> bool {
        let mut shard = self.shard(channel);
        match shard.get_mut(channel) {
            Some(subs) => {
                subs.remove(client_id);
                if subs.is_empty() {
                    shard.remove(channel);
                    true
                } else {
                    false
                }
            }
            None => false,
        }
    }

    /// Queues a publication for every subscriber, in each subscriber's format. The bytes of each
    /// format are produced once (by `msg`) and shared. A format `msg` cannot carry (binary data
    /// for JSON) closes those subscribers with 3506. Subscribers whose tags filter does not match
    /// `tags` are skipped. Returns how many got it.
    pub fn broadcast(
        &self,
        channel: &str,
        offset: u64,
        tags: &[(String, String)],
        msg: &Encodings<'_>,
    ) -> usize {
        self.broadcast_tallied(channel, offset, tags, msg, &mut Tally::default())
    }

    /// `broadcast`, adding what it queued to `tally` by transport.
    pub fn broadcast_tallied(
        &self,
        channel: &str,
        offset: u64,
        tags: &[(String, String)],
        msg: &Encodings<'_>,
        tally: &mut Tally,
    ) -> usize {
        let mut shard = self.shard(channel);
        let mut n = 0;
        if let Some(subs) = shard.get_mut(channel) {
            for s in subs.values_mut() {
                if s.filter.as_ref().is_some_and(|f| !filter::matches(f, tags)) {
                    tally.filtered += 1;
                    continue;
                }
                if offset > 0 {
                    if let Some(last) = s.position {
                        if offset != last + 1 {
                            lost(s, channel);
                            continue;
                        }
                        s.position = Some(offset);
                    }
                }
                let protocol = s.handle.protocol;
                let bytes = match (&mut s.delta, &mut s.pending) {
                    (None, _) => msg.get(protocol),
                    // Held: both forms are kept; `release` picks one once the reply is out.
                    (Some(_), Some(buf)) => {
                        let (Some(full), patch) = (
                            msg.get_variant(protocol, Variant::DeltaFull),
                            msg.get_variant(protocol, Variant::DeltaPatch),
                        ) else {
                            s.handle
                                .close(crate::protocol::Disconnect::inappropriate_protocol());
                            continue;
                        };
                        buf.push((offset, full, patch));
                        continue;
                    }
                    (Some(d), None) => {
                        let variant = if d.base_sent && d.positioned && offset > 0 {
                            Variant::DeltaPatch
                        } else {
                            Variant::DeltaFull
                        };
                        d.base_sent = true;
                        msg.get_variant(protocol, variant)
                    }
                };
                let Some(bytes) = bytes else {
                    s.handle
                        .close(crate::protocol::Disconnect::inappropriate_protocol());
                    continue;
                };
                match &mut s.pending {
                    Some(buf) => buf.push((offset, bytes, None)),
                    None => {
                        let len = bytes.len();
                        if s.handle.enqueue(bytes) {
                            n += 1;
                            tally.add(s.handle.transport_slot(), len);
                        }
                    }
                }
            }
        }
        n
    }

    /// Queues a join/leave push for subscribers that asked for them.
    pub fn broadcast_join_leave(&self, channel: &str, msg: &Encodings<'_>) {
        self.broadcast_join_leave_tallied(channel, msg, &mut Tally::default())
    }

    /// `broadcast_join_leave`, adding what it queued to `tally` by transport.
    pub fn broadcast_join_leave_tallied(
        &self,
        channel: &str,
        msg: &Encodings<'_>,
        tally: &mut Tally,
    ) {
        let shard = self.shard(channel);
        if let Some(subs) = shard.get(channel) {
            for s in subs.values().filter(|s| s.join_leave) {
                match msg.get(s.handle.protocol) {
                    Some(bytes) => {
                        let len = bytes.len();
                        if s.handle.enqueue(bytes) {
                            tally.add(s.handle.transport_slot(), len);
                        }
                    }
                    None => s
                        .handle
                        .close(crate::protocol::Disconnect::inappropriate_protocol()),
                }
            }
        }
    }

    /// Every live connection on this node.
    pub fn all_connections(&self) -> Vec<Arc<ClientHandle>> {
        lock(&self.users)
            .values()
            .flat_map(|m| m.values().cloned())
            .collect()
    }

    /// Active channels with their local subscriber counts.
    pub fn channels(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for shard in &self.shards {
            for (ch, subs) in lock(shard).iter() {
                out.push((ch.clone(), subs.len()));
            }
        }
        out
    }

    pub fn num_subscribers(&self, channel: &str) -> usize {
        self.shard(channel)
            .get(channel)
            .map(|s| s.len())
            .unwrap_or(0)
    }

    /// (clients, users)
    pub fn counts(&self) -> (usize, usize) {
        let users = lock(&self.users);
        (users.values().map(|m| m.len()).sum(), users.len())
    }

    /// (channels, subscriptions)
    pub fn channel_counts(&self) -> (usize, usize) {
        let mut channels = 0;
        let mut subs = 0;
        for shard in &self.shards {
            let s = lock(shard);
            channels += s.len();
            subs += s.values().map(|m| m.len()).sum::<usize>();
        }
        (channels, subs)
    }
}

/// What a fan-out queued, by transport slot: messages and bytes (for the transport metrics,
/// counted on the stack and added to the node's counters once per fan-out).
#[derive(Debug, Default)]
pub struct Tally {
    pub count: [u64; crate::metrics::N_TRANSPORTS],
    pub bytes: [u64; crate::metrics::N_TRANSPORTS],
    /// Subscribers skipped by their tags filter.
    pub filtered: u64,
}

impl Tally {
    fn add(&mut self, slot: usize, len: usize) {
        if let (Some(c), Some(b)) = (self.count.get_mut(slot), self.bytes.get_mut(slot)) {
            *c += 1;
            *b += len as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::Drained;

    #[tokio::test]
    async fn fanout_shares_bytes() {
        let hub = Hub::default();
        let a = ClientHandle::new("a".into(), Protocol::Json, 0);
        let b = ClientHandle::new("b".into(), Protocol::Json, 0);
        let (a, b) = (Arc::new(a), Arc::new(b));
        assert!(hub.add_subscriber("ch", a.clone(), SubscriberOptions::default()));
        assert!(!hub.add_subscriber(
            "ch",
            b.clone(),
            SubscriberOptions {
                join_leave: true,
                ..Default::default()
            },
        ));
        let enc = |_: Protocol| Some(b"{\"push\":{}}".to_vec());
        let msg = Encodings::new(&enc);
        assert_eq!(hub.broadcast("ch", 1, &[], &msg), 2);
        let j = |_: Protocol| Some(b"j".to_vec());
        hub.broadcast_join_leave("ch", &Encodings::new(&j));
        match b.drain().await {
            Drained::Messages(items) => {
                assert_eq!(items.len(), 2);
                let shared = msg.get(Protocol::Json).expect("json");
                assert_eq!(items[0].as_ptr(), shared.as_ptr(), "same allocation shared");
            }
            Drained::Close(..) | Drained::Pongs(_) => panic!("unexpected close or pong"),
        }
        let c = ClientHandle::new("c".into(), Protocol::Json, 0);
        let c = Arc::new(c);
        hub.add_subscriber(
            "ch",
            c.clone(),
            SubscriberOptions {
                held: true,
                ..Default::default()
            },
        );
        for (offset, text) in [(2u64, "two"), (3, "three")] {
            let enc = move |_: Protocol| Some(text.as_bytes().to_vec());
            hub.broadcast("ch", offset, &[], &Encodings::new(&enc));
        }
        hub.release("ch", "c", 2, false);
        let four = |_: Protocol| Some(b"four".to_vec());
        hub.broadcast("ch", 4, &[], &Encodings::new(&four));
        match c.drain().await {
            Drained::Messages(items) => assert_eq!(
                items,
                vec![Bytes::from_static(b"three"), Bytes::from_static(b"four")]
            ),
            Drained::Close(..) | Drained::Pongs(_) => panic!("unexpected close or pong"),
        }
        hub.remove_subscriber("ch", "c");
        assert!(!hub.remove_subscriber("ch", "a"));
        assert!(hub.remove_subscriber("ch", "b"));
        assert_eq!(hub.channel_counts(), (0, 0));
    }

    /// A positioned delta subscriber: the first delivery is whole, the next ones patches; held
    /// publications the reply already covered are skipped without becoming the base.
    #[tokio::test]
    async fn delta_subscribers_get_a_whole_base_then_patches() {
        let hub = Hub::default();
        let d = Arc::new(ClientHandle::new("d".into(), Protocol::Json, 0));
        let delta = Some(DeltaState {
            positioned: true,
            base_sent: false,
        });
        let opts = SubscriberOptions {
            held: true,
            delta,
            ..Default::default()
        };
        hub.add_subscriber("ch", d.clone(), opts);
        let publish = |offset: u64| {
            let enc = move |_: Protocol, v: Variant| {
                let kind = match v {
                    Variant::Plain => "plain",
                    Variant::DeltaFull => "full",
                    Variant::DeltaPatch => "patch",
                };
                Some(format!("{kind}-{offset}").into_bytes())
            };
            hub.broadcast("ch", offset, &[], &Encodings::with_variants(&enc));
        };
        // Offset 1 is in the reply; 2 and 3 arrive while it is prepared, 4 after the release.
        for offset in 1..=3 {
            publish(offset);
        }
        hub.release("ch", "d", 1, false);
        publish(4);
        match d.drain().await {
            Drained::Messages(items) => assert_eq!(
                items,
                vec![
                    Bytes::from_static(b"full-2"),
                    Bytes::from_static(b"patch-3"),
                    Bytes::from_static(b"patch-4")
                ]
            ),
            Drained::Close(..) | Drained::Pongs(_) => panic!("unexpected close or pong"),
        }
        // A tags filter skips what does not match.
        let f = Arc::new(ClientHandle::new("f".into(), Protocol::Json, 0));
        let filter = FilterNode {
            key: "k".into(),
            cmp: "eq".into(),
            val: "v".into(),
            ..Default::default()
        };
        let opts = SubscriberOptions {
            filter: Some(Arc::new(filter)),
            ..Default::default()
        };
        hub.add_subscriber("ch", f.clone(), opts);
        let enc = |_: Protocol| Some(b"m".to_vec());
        let tags = [("k".to_string(), "v".to_string())];
        assert_eq!(hub.broadcast("ch", 0, &[], &Encodings::new(&enc)), 1);
        assert_eq!(hub.broadcast("ch", 0, &tags, &Encodings::new(&enc)), 2);
    }
}
