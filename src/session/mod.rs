//! Per-connection protocol state machine: consumes command frames, emits reply/push frames, runs timers.

pub(crate) mod connect;
mod jobs;
pub(crate) mod publish;
pub(crate) mod query;
mod recovery;
pub(crate) mod subscribe;

use crate::broker::BrokerError;
use crate::node::Node;
use crate::outbox::{ClientHandle, Control};
use crate::protocol::{pb, ClientInfo, Command, Disconnect, ErrorCode, Request};
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::time::{sleep_until, Instant};

/// Result of one command: a reply error, or a disconnect that ends the connection.
pub(crate) enum Failure {
    Error(ErrorCode),
    /// An error with an application-defined code and message (from a proxy or RPC handler).
    Reply(pb::Error),
    Disconnect(Disconnect),
}

impl From<ErrorCode> for Failure {
    fn from(e: ErrorCode) -> Self {
        Failure::Error(e)
    }
}

/// A broker or presence error as the client sees it.
impl From<BrokerError> for Failure {
    fn from(e: BrokerError) -> Self {
        match e {
            BrokerError::UnrecoverablePosition => ErrorCode::UNRECOVERABLE_POSITION.into(),
            BrokerError::NotAvailable => ErrorCode::NOT_AVAILABLE.into(),
            BrokerError::BadRequest => ErrorCode::BAD_REQUEST.into(),
            BrokerError::Internal(msg) => {
                tracing::error!(error = %msg, "broker error");
                ErrorCode::INTERNAL.into()
            }
        }
    }
}

impl From<Disconnect> for Failure {
    fn from(d: Disconnect) -> Self {
        Failure::Disconnect(d)
    }
}

/// One live subscription of this connection.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub server_side: bool,
    pub presence: bool,
    pub join_leave: bool,
    pub chan_info: Option<Bytes>,
    /// Unix seconds when a token-limited subscription expires unless refreshed.
    pub expires_at: Option<i64>,
    /// The sub_refresh proxy extends it (no client-side sub_refresh).
    pub server_refresh: bool,
    /// Stream epoch of a positioned subscription, checked every `channel_position_check_delay`.
    pub epoch: Option<String>,
}

/// Connection state after a successful connect.
pub(crate) struct Session {
    pub node: Arc<Node>,
    pub handle: Arc<ClientHandle>,
    pub transport: &'static str,
    connected: bool,
    unusable: bool,
    pub user: String,
    pub conn_info: Option<Bytes>,
    /// Unix seconds when the connection expires (None = never).
    pub expires_at: Option<i64>,
    pub subs: HashMap<String, Subscription>,
    /// Server-side channels that came from the connection token (a refresh must not change them).
    pub token_channels: Vec<String>,
    created: Instant,
    next_ping: Option<Instant>,
    pong_deadline: Option<Instant>,
    next_presence: Option<Instant>,
    next_position_check: Option<Instant>,
    /// Bounds concurrently running commands when `client.concurrency` > 1.
    permits: Option<Arc<tokio::sync::Semaphore>>,
    /// The user named by the `client.user_id_http_header` header of the connection request.
    pub header_user: Option<String>,
    /// What proxies may forward from the connection request (and the SDK's emulated headers).
    pub headers: Arc<crate::proxy::ConnHeaders>,
    /// Server-side connection metadata (connect proxy result or token `meta`), for proxies.
    pub meta: Bytes,
    /// The refresh proxy extends this connection when it expires (no client-side refresh).
    server_refresh: bool,
    /// Subscribe streams of the stream proxy, by channel.
    streams: HashMap<String, subscribe::ActiveStream>,
    /// The method of the command being handled, as its `metrics::FRAMES` slot (metrics label
    /// replies that carry only an error by it). A byte: every idle connection holds this struct.
    method: u8,
    /// The code of the error reply to the command being handled (0: none), for metrics.
    error_code: std::sync::atomic::AtomicU32,
    /// The reply to the command being handled, kept (as JSON) only while someone traces this
    /// connection's user or the command's channel (`trace_capture`; any connect while tracing).
    trace_reply: std::sync::Mutex<Option<Vec<u8>>>,
    trace_capture: bool,
}

/// Unix seconds on tokio's clock: the wall clock read once, advanced by `tokio::time::Instant`, so
/// token expiry follows paused time in tests exactly like the ping and close timers do.
pub(crate) fn now_unix() -> i64 {
    static BASE: std::sync::OnceLock<(std::time::Duration, std::time::Instant)> =
        std::sync::OnceLock::new();
    let (base_unix, base_instant) = *BASE.get_or_init(|| {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        (unix, std::time::Instant::now())
    });
    let now = Instant::now().into_std();
    // Whole seconds of the sum, so this agrees with other clocks to the second (flooring the
    // base and the elapsed time separately could lag by up to two seconds).
    (base_unix + now.saturating_duration_since(base_instant)).as_secs() as i64
}

impl Session {
    pub(crate) fn new(
        node: Arc<Node>,
        handle: Arc<ClientHandle>,
        transport: &'static str,
    ) -> Session {
        let node_concurrency = node.config.client.concurrency;
        Session {
            node,
            handle,
            transport,
            connected: false,
            unusable: false,
            user: String::new(),
            conn_info: None,
            expires_at: None,
            subs: HashMap::new(),
            token_channels: Vec::new(),
            created: Instant::now(),
            next_ping: None,
            pong_deadline: None,
            next_presence: None,
            next_position_check: None,
            permits: match node_concurrency {
                0 | 1 => None,
                n => Some(Arc::new(tokio::sync::Semaphore::new(n))),
            },
            header_user: None,
            headers: Arc::default(),
            meta: Bytes::new(),
            server_refresh: false,
            streams: HashMap::new(),
            method: u8::MAX,
            error_code: Default::default(),
            trace_reply: Default::default(),
            trace_capture: false,
        }
    }

    /// The caller fields of a proxy request for this connection.
    pub(crate) fn caller(&self) -> crate::proxy::Caller {
        crate::proxy::Caller {
            client: self.handle.id.clone(),
            transport: self.transport,
            protocol: self.handle.protocol,
            user: self.user.clone(),
            meta: self.meta.clone(),
            headers: self.headers.clone(),
        }
    }

    /// Whether the transport is a bidirectional emulation (HTTP-streaming, SSE).
    pub(crate) fn emulated(&self) -> bool {
        matches!(self.transport, "http_stream" | "sse")
    }

    /// Whether the transport only carries pushes to the client (its one command is the connect).
    pub(crate) fn unidirectional(&self) -> bool {
        matches!(
            self.transport,
            "uni_websocket" | "uni_sse" | "uni_http_stream" | "uni_grpc"
        )
    }

    /// How a failed connect ends a unidirectional connection: a disconnect as
    /// `client.connect_code_to_unidirectional_disconnect` or Centrifugo's defaults map error codes
    /// to them, or, with the transport's `connect_code_to_http_response`, the error's own code and
    /// message (the transport turns it into an HTTP response).
    fn uni_connect_failure(&self, e: pb::Error) -> Disconnect {
        let c = &self.node.config;
        let raw = match self.transport {
            "uni_sse" => c.uni_sse.connect_code_to_http_response.enabled,
            "uni_http_stream" => c.uni_http_stream.connect_code_to_http_response.enabled,
            _ => false,
        };
        if raw {
            return Disconnect {
                code: e.code,
                reason: e.message,
            };
        }
        let custom = &c.client.connect_code_to_unidirectional_disconnect;
        if let Some(t) = custom
            .transforms
            .iter()
            .find(|t| custom.enabled && t.code == e.code)
        {
            return Disconnect {
                code: t.to.code,
                reason: t.to.reason.clone(),
            };
        }
        match e.code {
            c if c == ErrorCode::EXPIRED.code || c == ErrorCode::TOKEN_EXPIRED.code => {
                Disconnect::expired()
            }
            c if c == ErrorCode::TOO_MANY_REQUESTS.code => Disconnect::too_many_requests(),
            c if c == ErrorCode::PERMISSION_DENIED.code => Disconnect::permission_denied(),
            _ => Disconnect::server_error(),
        }
    }

    pub(crate) fn client_info(&self, chan_info: Option<Bytes>) -> ClientInfo {
        ClientInfo {
            user: self.user.clone(),
            client: self.handle.id.clone(),
            conn_info: self.conn_info.clone(),
            chan_info,
        }
    }

    /// Encodes a reply or push in this connection's format and queues it. A JSON connection that
    /// would receive a non-JSON payload is closed with 3506.
    pub(crate) fn send(&self, reply: pb::Reply) {
        if reply.id != 0 && self.trace_capture {
            if let Some(json) = crate::protocol::Format::Json.encode(&reply) {
                *self.trace_reply.lock().unwrap_or_else(|e| e.into_inner()) = Some(json);
            }
        }
        let method = crate::metrics::FRAMES
            .get(usize::from(self.method))
            .copied()
            .unwrap_or("unknown");
        jobs::send(&self.node, &self.handle, &reply, method);
    }

    /// A command and its reply for the trace watchers of this connection's user or the
    /// command's channel (`raw`: the command as it came, for JSON connections).
    fn trace_command(&self, cmd: &Command, method: &str, raw: Option<&[u8]>) {
        let channel = cmd.request().channel().map(str::to_string);
        if !self.node.tracer.wants(&self.user, channel.as_deref()) {
            return;
        }
        let command = match raw {
            Some(b) => crate::trace::frame_json(b),
            None => serde_json::Value::String(format!("{cmd:?}")),
        };
        let reply = self
            .trace_reply
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|b| crate::trace::frame_json(&b))
            .unwrap_or(serde_json::Value::Null);
        self.node.tracer.emit(
            &self.user,
            channel.as_deref(),
            serde_json::json!({
                "type": method,
                "user": self.user,
                "client": self.handle.id,
                "transport": self.transport,
                "channel": channel,
                "command": command,
                "reply": reply,
            }),
        );
    }

    /// A disconnect for the trace watchers of this connection's user.
    pub(crate) fn trace_disconnect(&self, code: u32, reason: &str) {
        if self.node.tracer.wants(&self.user, None) {
            self.node.tracer.emit(
                &self.user,
                None,
                serde_json::json!({"type": "disconnect", "user": self.user,
                    "client": self.handle.id, "code": code, "reason": reason}),
            );
        }
    }

    /// Queues the reply to command `id`, with the result set by `f`.
    pub(crate) fn reply(&self, id: u32, f: impl FnOnce(&mut pb::Reply)) {
        let mut r = pb::Reply {
            id,
            ..Default::default()
        };
        f(&mut r);
        self.send(r);
    }

    pub(crate) fn send_error(&self, id: u32, e: pb::Error) {
        self.error_code
            .store(e.code, std::sync::atomic::Ordering::Relaxed);
        self.send(pb::Reply {
            id,
            error: Some(e),
            ..Default::default()
        });
    }

    /// Queues a push for a channel.
    pub(crate) fn push(&self, push: pb::Push) {
        self.send(pb::Reply {
            push: Some(push),
            ..Default::default()
        });
    }

    /// Handles one incoming frame (one or more commands).
    pub(crate) async fn handle_frame(&mut self, frame: &[u8]) -> Result<(), Disconnect> {
        let commands: Vec<Command> = match self.handle.protocol.decode_commands(frame) {
            Ok(c) => c.into_iter().map(Command::from).collect(),
            Err(e) => {
                tracing::info!(client = %self.handle.id, error = %e, "malformed command frame");
                return Err(Disconnect::bad_request());
            }
        };
        if commands.is_empty() {
            return Err(Disconnect::bad_request());
        }
        // Each command's share of the frame's bytes (exact for the usual one-command frame).
        let share = (frame.len() / commands.len()) as u64;
        let tracing = self.node.tracer.active();
        // A JSON frame's commands, one per line, as they came (for trace events).
        let lines: Vec<&[u8]> = if tracing && self.handle.protocol == crate::outbox::Protocol::Json
        {
            frame
                .split(|b| *b == b'\n')
                .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
                .collect()
        } else {
            Vec::new()
        };
        let metered = self.node.metrics.enabled();
        for (i, cmd) in commands.iter().enumerate() {
            let method = method_name(&cmd.request());
            let frame = crate::metrics::frame_slot(method);
            self.method = u8::try_from(frame).unwrap_or(u8::MAX);
            if !metered && !tracing {
                self.handle_command(cmd).await?;
                continue;
            }
            if tracing {
                let req = cmd.request();
                self.trace_capture = matches!(req, Request::Connect(_))
                    || self.node.tracer.wants(&self.user, req.channel());
            }
            let started = Instant::now();
            if metered {
                let slot = self.handle.transport_slot();
                self.node.metrics.transport_received(slot, frame, share);
                self.error_code
                    .store(0, std::sync::atomic::Ordering::Relaxed);
            }
            let res = self.handle_command(cmd).await;
            if metered && !matches!(method, "ping" | "empty") {
                let code = self.error_code.load(std::sync::atomic::Ordering::Relaxed);
                self.node
                    .metrics
                    .command(method, started.elapsed(), (code != 0).then_some(code));
            }
            if tracing {
                self.trace_capture = false;
                let raw = if lines.len() == commands.len() {
                    lines.get(i).copied()
                } else {
                    None
                };
                self.trace_command(cmd, method, raw);
            }
            res?;
        }
        Ok(())
    }

    async fn handle_command(&mut self, cmd: &Command) -> Result<(), Disconnect> {
        let req = cmd.request();
        if cmd.id == 0 {
            return match req {
                Request::Empty if self.connected && self.pong_deadline.is_some() => {
                    // The ping went out `pong_timeout` before the deadline.
                    if let Some(dl) = self.pong_deadline.take() {
                        let sent = dl.checked_sub(self.node.config.client.pong_timeout);
                        if let Some(sent) = sent {
                            self.node
                                .metrics
                                .ping_pong(self.handle.transport_slot(), sent.elapsed());
                        }
                    }
                    Ok(())
                }
                Request::Send if self.connected => Err(Disconnect::not_available()),
                _ => Err(Disconnect::bad_request()),
            };
        }
        if self.unusable {
            return Err(Disconnect::bad_request());
        }
        if !self.connected {
            return match req {
                Request::Connect(c) => match self.connect(cmd.id, c).await {
                    Ok(()) => {
                        self.connected = true;
                        self.on_connected();
                        Ok(())
                    }
                    Err(Failure::Error(e)) if self.unidirectional() => {
                        Err(self.uni_connect_failure(e.into()))
                    }
                    Err(Failure::Reply(e)) if self.unidirectional() => {
                        Err(self.uni_connect_failure(e))
                    }
                    Err(Failure::Error(e)) => {
                        self.unusable = true;
                        self.send_error(cmd.id, e.into());
                        Ok(())
                    }
                    Err(Failure::Reply(e)) => {
                        self.unusable = true;
                        self.send_error(cmd.id, e);
                        Ok(())
                    }
                    Err(Failure::Disconnect(d)) => Err(d),
                },
                _ => Err(Disconnect::bad_request()),
            };
        }
        // As in Centrifugo, a command without its channel (or a refresh without a token) is a bad
        // request that ends the connection, not an error reply.
        let missing = match req {
            Request::Subscribe(r) => r.channel.is_empty(),
            Request::Unsubscribe(r) | Request::Presence(r) | Request::PresenceStats(r) => {
                r.channel.is_empty()
            }
            Request::Publish(r) => r.channel.is_empty(),
            Request::History(r) => r.channel.is_empty(),
            Request::SubRefresh(r) => r.channel.is_empty(),
            Request::Refresh(r) => r.token.is_empty(),
            _ => false,
        };
        if missing {
            tracing::info!(client = %self.handle.id, "channel or token required");
            return Err(Disconnect::bad_request());
        }
        let id = cmd.id;
        let res = match req {
            Request::Connect(_) | Request::Ping | Request::Empty => {
                return Err(Disconnect::bad_request())
            }
            Request::Subscribe(r) => self.subscribe(id, r).await,
            Request::Unsubscribe(r) => self.unsubscribe(id, &r.channel).await,
            Request::Publish(r) => self.start(id, self.prepare_publish(r)).await,
            Request::Presence(r) => {
                self.start(id, self.prepare_presence(&r.channel, false))
                    .await
            }
            Request::PresenceStats(r) => {
                self.start(id, self.prepare_presence(&r.channel, true))
                    .await
            }
            Request::History(r) => self.start(id, self.prepare_history(r)).await,
            Request::Rpc(r) => self.start(id, self.prepare_rpc(r)).await,
            Request::Send => return Err(Disconnect::not_available()),
            Request::Refresh(r) => self.refresh(id, &r.token).await,
            Request::SubRefresh(r) => self.sub_refresh(id, &r.channel, &r.token).await,
        };
        match res {
            Ok(()) => Ok(()),
            Err(Failure::Error(e)) => {
                self.send_error(id, e.into());
                Ok(())
            }
            Err(Failure::Reply(e)) => {
                self.send_error(id, e);
                Ok(())
            }
            Err(Failure::Disconnect(d)) => Err(d),
        }
    }

    /// Runs a prepared job: inline, or, with `client.concurrency` > 1, as a task holding one of the
    /// connection's permits (its reply then may overtake replies to earlier commands, as in Centrifugo).
    async fn start(&mut self, id: u32, job: Result<jobs::Job, Failure>) -> Result<(), Failure> {
        let job = job?;
        let Some(permits) = self.permits.clone() else {
            let mut reply = pb::Reply {
                id,
                ..Default::default()
            };
            job.run(&self.node, &mut reply).await?;
            self.send(reply);
            return Ok(());
        };
        let Ok(permit) = permits.acquire_owned().await else {
            return Err(Disconnect::server_error().into());
        };
        let node = self.node.clone();
        let handle = self.handle.clone();
        tokio::spawn(async move {
            job.run_and_reply(&node, &handle, id).await;
            drop(permit);
        });
        Ok(())
    }

    fn on_connected(&mut self) {
        self.node
            .metrics
            .connection(self.handle.transport_slot(), true);
        let now = Instant::now();
        let cfg = &self.node.config.client;
        self.next_ping = Some(now + cfg.ping_interval);
        self.next_presence = Some(now + cfg.presence_update_interval);
        self.next_position_check = Some(now + cfg.channel_position_check_delay);
    }

    /// The earliest instant at which a timer must fire.
    fn next_deadline(&self) -> Instant {
        let cfg = &self.node.config.client;
        if !self.connected {
            return self.created + cfg.stale_close_delay;
        }
        let far = Instant::now() + std::time::Duration::from_secs(3600);
        let mut d = far;
        for t in [
            self.next_ping,
            self.pong_deadline,
            self.next_presence,
            self.next_position_check,
            self.expiry_deadline(),
            self.sub_expiry_deadline(),
        ]
        .into_iter()
        .flatten()
        {
            d = d.min(t);
        }
        d
    }

    fn expiry_deadline(&self) -> Option<Instant> {
        let at = self.expires_at?;
        let grace = if self.server_refresh {
            std::time::Duration::ZERO
        } else {
            self.node.config.client.expired_close_delay
        };
        Some(close_deadline(at, grace))
    }

    /// When the earliest token-limited subscription must be closed unless refreshed.
    fn sub_expiry_deadline(&self) -> Option<Instant> {
        let at = self.subs.values().filter_map(|s| s.expires_at).min()?;
        Some(close_deadline(
            at,
            self.node.config.client.expired_sub_close_delay,
        ))
    }

    /// Closes subscriptions whose token expired more than `expired_sub_close_delay` ago:
    /// client-side ones get unsubscribe 2501, a server-side one disconnects with 3006.
    async fn expire_subscriptions(&mut self) -> Result<(), Disconnect> {
        let grace = self.node.config.client.expired_sub_close_delay.as_secs() as i64;
        let now = now_unix();
        let expired: Vec<(String, bool, bool)> = self
            .subs
            .iter()
            .filter(|(_, s)| s.expires_at.is_some_and(|at| now >= at + grace))
            .map(|(ch, s)| (ch.clone(), s.server_side, s.server_refresh))
            .collect();
        for (ch, server_side, server_refresh) in expired {
            if server_refresh && self.sub_refresh_via_proxy(&ch).await {
                continue;
            }
            if server_side {
                return Err(Disconnect::subscription_expired());
            }
            self.drop_subscription(&ch).await;
            let (code, reason) = crate::protocol::codes::UNSUBSCRIBE_EXPIRED;
            self.push(pb::Push {
                channel: ch,
                unsubscribe: Some(pb::Unsubscribe {
                    code,
                    reason: reason.to_string(),
                }),
                ..Default::default()
            });
        }
        Ok(())
    }

    async fn on_timer(&mut self) -> Result<(), Disconnect> {
        let now = Instant::now();
        let cfg = self.node.config.client.clone();
        if !self.connected {
            if now >= self.created + cfg.stale_close_delay {
                return Err(Disconnect::stale());
            }
            return Ok(());
        }
        if let Some(at) = self.expires_at {
            if self.server_refresh && now_unix() >= at {
                self.refresh_via_proxy().await?;
            } else if now_unix() >= at + cfg.expired_close_delay.as_secs() as i64 {
                return Err(Disconnect::expired());
            }
        }
        self.expire_subscriptions().await?;
        if let Some(dl) = self.pong_deadline {
            if now >= dl {
                return Err(Disconnect::no_pong());
            }
        }
        if let Some(p) = self.next_ping {
            if now >= p {
                self.send(pb::Reply::default());
                if self.pong_deadline.is_none() && !self.unidirectional() {
                    self.pong_deadline = Some(now + cfg.pong_timeout);
                }
                self.next_ping = Some(now + cfg.ping_interval);
            }
        }
        if self.next_position_check.is_some_and(|p| now >= p) {
            self.next_position_check = Some(now + cfg.channel_position_check_delay);
            self.check_positions().await?;
        }
        if let Some(p) = self.next_presence {
            if now >= p {
                self.next_presence = Some(now + cfg.presence_update_interval);
                for (ch, s) in self.subs.iter().filter(|(_, s)| s.presence) {
                    let info = self.client_info(s.chan_info.clone());
                    if let Err(e) = self.node.refresh_presence(ch, &info).await {
                        tracing::warn!(channel = %ch, error = %e, "presence refresh failed");
                    }
                }
            }
        }
        Ok(())
    }

    async fn handle_control(&mut self, c: Control) -> Result<(), Disconnect> {
        match c {
            Control::Disconnect(d) => Err(d),
            Control::Unsubscribe { channel } => {
                self.node
                    .metrics
                    .server_unsubscribe(crate::protocol::codes::UNSUBSCRIBE_SERVER.0);
                self.server_unsubscribe(&channel).await;
                Ok(())
            }
            Control::InsufficientState { channel } => self.insufficient_state(channel).await,
            Control::Subscribe(s) => self.server_subscribe(*s).await,
            Control::Refresh {
                expire_at,
                expired,
                info,
            } => {
                if expired {
                    return Err(Disconnect::expired());
                }
                if expire_at > 0 {
                    self.expires_at = Some(expire_at);
                }
                if info.is_some() {
                    self.conn_info = info;
                }
                Ok(())
            }
        }
    }

    /// Unsubscribes everything and unregisters the connection.
    async fn cleanup(&mut self) {
        let subs: Vec<(String, Subscription)> = self.subs.drain().collect();
        for (ch, s) in subs {
            let info = self.client_info(s.chan_info.clone());
            self.node
                .remove_subscription(&ch, &self.handle.id, info, s.presence, s.join_leave)
                .await;
        }
        if self.connected {
            self.node.remove_connection(&self.handle);
            self.node
                .metrics
                .connection(self.handle.transport_slot(), false);
        }
    }
}

#[cfg(test)]
mod tests;

/// Seconds left until `at` (never negative), as the wire's u32 `ttl`.
pub(crate) fn ttl_secs(at: i64, now: i64) -> u32 {
    u32::try_from((at - now).max(0)).unwrap_or(u32::MAX)
}

/// When to close something that expires at unix second `at`, after a grace delay.
fn close_deadline(at: i64, grace: std::time::Duration) -> Instant {
    let left = u64::try_from(at - now_unix()).unwrap_or(0);
    Instant::now() + std::time::Duration::from_secs(left) + grace
}

/// A command's method, as metrics label it.
fn method_name(r: &Request<'_>) -> &'static str {
    match r {
        Request::Connect(_) => "connect",
        Request::Subscribe(_) => "subscribe",
        Request::Unsubscribe(_) => "unsubscribe",
        Request::Publish(_) => "publish",
        Request::Presence(_) => "presence",
        Request::PresenceStats(_) => "presence_stats",
        Request::History(_) => "history",
        Request::Send => "send",
        Request::Rpc(_) => "rpc",
        Request::Refresh(_) => "refresh",
        Request::SubRefresh(_) => "sub_refresh",
        Request::Ping => "ping",
        Request::Empty => "empty",
    }
}

/// Runs a session until the transport closes or the session disconnects the client.
/// `admitted`: what the connection request brought (the trusted user header, headers for proxies).
pub(crate) async fn run(
    node: Arc<Node>,
    handle: Arc<ClientHandle>,
    transport: &'static str,
    frames: impl futures_util::Stream<Item = Bytes> + Send,
    admitted: crate::transport::edge::Admitted,
) {
    use futures_util::StreamExt;
    // Reading stops as soon as a close is requested (our close frame may already be on its way).
    let closed = handle.clone();
    let frames = frames.take_until(async move { closed.closed().await });
    let mut frames = std::pin::pin!(frames);
    handle.set_transport_slot(crate::metrics::transport_slot(transport));
    let mut s = Session::new(node, handle.clone(), transport);
    s.header_user = admitted.header_user;
    s.server_refresh = s.node.proxies.refresh.is_some();
    s.headers = Arc::new(crate::proxy::ConnHeaders {
        transport: admitted.proxy_headers,
        grpc: transport == "uni_grpc",
        emulated: Default::default(),
    });
    // Command handling is boxed while it runs: the deep futures of subscribe/connect/history would
    // otherwise be part of this future, i.e. of every idle connection's memory.
    loop {
        let deadline = s.next_deadline();
        let res = tokio::select! {
            f = frames.next() => match f {
                Some(frame) => Box::pin(s.handle_frame(&frame)).await,
                None => break,
            },
            c = handle.next_control() => Box::pin(s.handle_control(c)).await,
            _ = sleep_until(deadline) => Box::pin(s.on_timer()).await,
        };
        if let Err(d) = res {
            s.node
                .metrics
                .server_disconnect(handle.transport_slot(), d.code);
            handle.close(d);
            break;
        }
        if handle.is_closing().is_some() {
            break;
        }
    }
    // Why the connection ends, for trace watchers: the server's close, or the client went away.
    let d = handle
        .is_closing()
        .unwrap_or_else(Disconnect::connection_closed);
    s.trace_disconnect(d.code, &d.reason);
    handle.session_ended();
    Box::pin(s.cleanup()).await;
}
