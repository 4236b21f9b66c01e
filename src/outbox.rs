//! The shared face of one connection, below hub, node and session: its byte-bounded outbound queue
//! (drained by the transport's writer) and its control inbox (fed by the node).

use crate::protocol::Disconnect;
use bytes::Bytes;
use std::sync::Mutex;
use tokio::sync::Notify;

/// Wire format of a connection.
pub use crate::protocol::Format as Protocol;

/// Requests from the server API (through the node, from any node of the cluster) to a live session.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Control {
    Disconnect(Disconnect),
    Unsubscribe {
        channel: String,
    },
    /// Publications of a positioned subscription were lost on the way to this node.
    InsufficientState {
        channel: String,
    },
    Subscribe(Box<ServerSubscribe>),
    Refresh {
        expire_at: i64,
        expired: bool,
        info: Option<Bytes>,
    },
}

/// A server-side subscription requested through the server API.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ServerSubscribe {
    pub channel: String,
    pub info: Option<Bytes>,
    pub data: Option<Bytes>,
    pub recover_since: Option<crate::protocol::StreamPosition>,
    pub overrides: Overrides,
    /// Unix seconds when this server-side subscription expires (3006 unless refreshed); None = never.
    pub expire_at: Option<i64>,
}

/// Per-subscription overrides of namespace options (token `subs[].override`, API `subscribe.override`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Overrides {
    pub presence: Option<bool>,
    pub join_leave: Option<bool>,
    pub force_recovery: Option<bool>,
    pub force_positioning: Option<bool>,
    pub force_push_join_leave: Option<bool>,
}

impl Overrides {
    /// The namespace options with these overrides applied.
    pub fn apply(&self, o: &mut crate::config::ChannelOptions) {
        let set = |field: &mut bool, v: Option<bool>| {
            if let Some(v) = v {
                *field = v;
            }
        };
        set(&mut o.presence, self.presence);
        set(&mut o.join_leave, self.join_leave);
        set(&mut o.force_recovery, self.force_recovery);
        set(&mut o.force_positioning, self.force_positioning);
        set(&mut o.force_push_join_leave, self.force_push_join_leave);
    }
}

impl From<&crate::auth::SubscribeOptions> for Overrides {
    fn from(s: &crate::auth::SubscribeOptions) -> Overrides {
        Overrides {
            presence: s.override_presence,
            join_leave: s.override_join_leave,
            force_recovery: s.override_force_recovery,
            force_positioning: s.override_force_positioning,
            force_push_join_leave: s.override_force_push_join_leave,
        }
    }
}

#[derive(Default)]
struct Outbox {
    items: Vec<Bytes>,
    /// Payloads of WebSocket pings to answer (transport-level control frames, sent first).
    pongs: Vec<Bytes>,
    bytes: usize,
    closing: Option<Disconnect>,
    /// Requests from the node for the session (server API subscribe, disconnect, ...).
    control: std::collections::VecDeque<Control>,
    /// The session has ended: control requests are refused.
    session_gone: bool,
}

/// Handle kept by the hub for fan-out; the session and writer hold it too.
pub struct ClientHandle {
    pub id: String,
    user: std::sync::OnceLock<String>,
    pub session: String,
    pub protocol: Protocol,
    max_queue_bytes: usize,
    outbox: Mutex<Outbox>,
    notify: Notify,
    /// Woken (all waiters) once a close is requested, so readers can stop.
    closing: Notify,
    /// Woken when a control request is queued. (A queue inside the outbox rather than a channel:
    /// a tokio channel allocates about 2 KiB up front, for every idle connection.)
    control: Notify,
    /// The connection's transport, as its metrics slot (`metrics::transport_slot`).
    transport: std::sync::atomic::AtomicU8,
}

/// What the writer takes from the queue in one go.
pub enum Drained {
    Messages(Vec<Bytes>),
    Close(Vec<Bytes>, Disconnect),
    /// Transport pongs to send before anything else.
    Pongs(Vec<Bytes>),
}

impl ClientHandle {
    pub fn new(id: String, protocol: Protocol, max_queue_bytes: usize) -> ClientHandle {
        ClientHandle {
            session: id.clone(),
            id,
            user: std::sync::OnceLock::new(),
            protocol,
            max_queue_bytes,
            outbox: Mutex::new(Outbox::default()),
            notify: Notify::new(),
            closing: Notify::new(),
            control: Notify::new(),
            transport: std::sync::atomic::AtomicU8::new(0),
        }
    }

    /// The transport's metrics slot (websocket until the session names it).
    pub fn transport_slot(&self) -> usize {
        usize::from(self.transport.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Names the connection's transport by its metrics slot.
    pub fn set_transport_slot(&self, slot: usize) {
        let v = u8::try_from(slot).unwrap_or(0);
        self.transport
            .store(v, std::sync::atomic::Ordering::Relaxed);
    }

    /// The authenticated user ("" before connect and for anonymous connections).
    pub fn user(&self) -> &str {
        self.user.get().map(|s| s.as_str()).unwrap_or("")
    }

    /// Records the user once the connect command succeeded.
    pub fn set_user(&self, user: &str) {
        let _ = self.user.set(user.to_string());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Outbox> {
        self.outbox.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues one encoded message. Never blocks; overflow closes the connection as slow (3008).
    pub fn enqueue(&self, msg: Bytes) -> bool {
        let mut o = self.lock();
        if o.closing.is_some() {
            return false;
        }
        if self.max_queue_bytes > 0 && o.bytes + msg.len() > self.max_queue_bytes {
            o.closing = Some(Disconnect::slow());
            drop(o);
            self.notify.notify_one();
            self.closing.notify_waiters();
            return false;
        }
        o.bytes += msg.len();
        o.items.push(msg);
        drop(o);
        self.notify.notify_one();
        true
    }

    /// Queues the answer to a transport-level ping (WebSocket ping frame).
    pub fn enqueue_pong(&self, payload: Bytes) {
        let mut o = self.lock();
        if o.closing.is_none() {
            o.pongs.push(payload);
        }
        drop(o);
        self.notify.notify_one();
    }

    /// Asks the writer to flush what is queued and close with `d` (first close wins).
    pub fn close(&self, d: Disconnect) {
        let mut o = self.lock();
        if o.closing.is_none() {
            o.closing = Some(d);
        }
        drop(o);
        self.notify.notify_one();
        self.closing.notify_waiters();
    }

    /// Resolves once a close has been requested (by the session, the node, or queue overflow).
    pub async fn closed(&self) {
        loop {
            let notified = self.closing.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.lock().closing.is_some() {
                return;
            }
            notified.await;
        }
    }

    pub fn is_closing(&self) -> Option<Disconnect> {
        self.lock().closing.clone()
    }

    /// Sends a control request to the session; false when the session is gone.
    pub fn control(&self, c: Control) -> bool {
        let mut o = self.lock();
        if o.session_gone {
            return false;
        }
        o.control.push_back(c);
        drop(o);
        self.control.notify_one();
        true
    }

    /// The next control request for the session, waiting for one. Cancel-safe.
    pub async fn next_control(&self) -> Control {
        loop {
            let notified = self.control.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(c) = self.lock().control.pop_front() {
                return c;
            }
            notified.await;
        }
    }

    /// Marks the session ended: queued control requests are dropped, new ones refused.
    pub fn session_ended(&self) {
        let mut o = self.lock();
        o.session_gone = true;
        o.control = Default::default();
    }

    /// Takes the queued messages without waiting, for a writer that folds them into a write still in
    /// flight with `in_flight` unwritten bytes. Empty once a close is pending (those go with it), and
    /// empty while the in-flight bytes and the queue together exceed `client.queue_max_size`: then the
    /// messages stay queued and count against the limit, so a reader that stops reading overflows the
    /// queue (3008) instead of growing the writer's buffer without bound.
    pub fn take_queued(&self, in_flight: usize) -> Vec<Bytes> {
        let mut o = self.lock();
        if o.closing.is_some()
            || (self.max_queue_bytes > 0
                && o.bytes.saturating_add(in_flight) > self.max_queue_bytes)
        {
            return Vec::new();
        }
        o.bytes = 0;
        std::mem::take(&mut o.items)
    }

    /// Waits until something is queued or a close is requested, then takes it all.
    pub async fn drain(&self) -> Drained {
        self.drain_into(Vec::new()).await
    }

    /// `drain`, swapping the queue for `spare` (an empty vector whose capacity the writer reuses, so
    /// queueing does not allocate per message).
    pub async fn drain_into(&self, mut spare: Vec<Bytes>) -> Drained {
        spare.clear();
        loop {
            {
                let mut o = self.lock();
                if !o.pongs.is_empty() {
                    return Drained::Pongs(std::mem::take(&mut o.pongs));
                }
                if let Some(d) = o.closing.clone() {
                    let items = std::mem::take(&mut o.items);
                    o.bytes = 0;
                    return Drained::Close(items, d);
                }
                if !o.items.is_empty() {
                    let items = std::mem::replace(&mut o.items, spare);
                    o.bytes = 0;
                    return Drained::Messages(items);
                }
            }
            self.notify.notified().await;
        }
    }
}

/// Joins queued messages into one frame: newline-delimited JSON, or concatenated length-prefixed
/// Protobuf messages (each item is already prefixed).
pub fn join_frame(format: Protocol, items: &[Bytes]) -> Vec<u8> {
    let total: usize = items.iter().map(|b| b.len() + 1).sum();
    let mut out = Vec::with_capacity(total);
    for b in items {
        format.append_encoded(&mut out, b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn overflow_closes_as_slow() {
        let h = ClientHandle::new("c".into(), Protocol::Json, 10);
        assert!(h.enqueue(Bytes::from_static(b"12345")));
        assert!(!h.enqueue(Bytes::from_static(b"1234567")));
        match h.drain().await {
            Drained::Close(items, d) => {
                assert_eq!(items.len(), 1);
                assert_eq!(d.code, 3008);
            }
            Drained::Messages(_) | Drained::Pongs(_) => panic!("expected close"),
        }
    }

    #[test]
    fn a_write_in_flight_counts_against_the_queue_limit() {
        let h = ClientHandle::new("c".into(), Protocol::Json, 10);
        assert!(h.enqueue(Bytes::from_static(b"1234")));
        // 4 queued + 7 in flight is over 10: the message stays queued.
        assert!(h.take_queued(7).is_empty());
        assert_eq!(h.take_queued(6).len(), 1);
        // Unlimited queue: everything is folded in.
        let h = ClientHandle::new("c".into(), Protocol::Json, 0);
        assert!(h.enqueue(Bytes::from_static(b"1234")));
        assert_eq!(h.take_queued(usize::MAX).len(), 1);
    }

    #[tokio::test]
    async fn drains_in_order_and_joins() {
        let h = ClientHandle::new("c".into(), Protocol::Json, 0);
        h.enqueue(Bytes::from_static(b"{\"a\":1}"));
        h.enqueue(Bytes::from_static(b"{}"));
        match h.drain().await {
            Drained::Messages(items) => assert_eq!(
                join_frame(Protocol::Json, &items),
                b"{\"a\":1}\n{}".to_vec()
            ),
            Drained::Close(..) | Drained::Pongs(_) => panic!("expected messages"),
        }
    }

    #[tokio::test]
    async fn control_requests_queue_until_the_session_ends() {
        let h = std::sync::Arc::new(ClientHandle::new("c".into(), Protocol::Json, 0));
        let waiter = tokio::spawn({
            let h = h.clone();
            async move { h.next_control().await }
        });
        tokio::task::yield_now().await;
        assert!(h.control(Control::Unsubscribe {
            channel: "a".into()
        }));
        let got = tokio::time::timeout(std::time::Duration::from_secs(5), waiter).await;
        assert!(
            matches!(got, Ok(Ok(Control::Unsubscribe { ref channel })) if channel == "a"),
            "first request delivered to the waiting session"
        );
        h.session_ended();
        assert!(!h.control(Control::Unsubscribe {
            channel: "b".into()
        }));
    }
}
