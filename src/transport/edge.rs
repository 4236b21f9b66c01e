//! What every bidirectional transport shares, whatever its framing: admitting a connection from
//! its HTTP request (origin, connection rate and limit, the trusted user header), and running it
//! (the session reads frames; one writer drains the outbox, coalescing, within the write timeout).
//! A transport supplies only its framing: a stream of command frames and a `FrameWriter`.

use crate::node::Node;
use crate::outbox::{ClientHandle, Drained, Protocol};
use crate::protocol::Disconnect;
use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;
use warp::http::{header, HeaderMap, StatusCode};

/// A connection request that may go ahead.
#[derive(Debug, Clone, Default)]
pub(crate) struct Admitted {
    /// The user named by the trusted header (`client.user_id_http_header`), if any.
    pub(crate) header_user: Option<String>,
    /// The request's headers that some proxy forwards (lowercase names), kept for the session.
    pub(crate) proxy_headers: Vec<(String, String)>,
}

/// Checks a connection request: its Origin against `client.allowed_origins` (403), the
/// connection rate and the node's connection limit (503). The refusal is the HTTP status.
pub(crate) fn admit(node: &Node, headers: &HeaderMap) -> Result<Admitted, StatusCode> {
    let cfg = &node.config;
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    if !super::origin::allowed(origin, &cfg.client.allowed_origins) {
        tracing::info!(
            origin = origin.unwrap_or(""),
            "request Origin is not allowed"
        );
        return Err(StatusCode::FORBIDDEN);
    }
    if !node.allow_connection_attempt() {
        return Err(StatusCode::SERVICE_UNAVAILABLE);
    }
    let limit = cfg.client.connection_limit;
    if limit > 0 && node.local_connection_count() >= limit {
        node.metrics.connection_limit_hit();
        return Err(StatusCode::SERVICE_UNAVAILABLE);
    }
    let header_user = Some(cfg.client.user_id_http_header.as_str())
        .filter(|h| !h.is_empty())
        .and_then(|h| headers.get(h))
        .and_then(|v| v.to_str().ok())
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    let proxy_headers = node
        .proxies
        .header_names
        .iter()
        .flat_map(|name| {
            headers
                .get_all(name.as_str())
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(|v| (name.clone(), v.to_string()))
                .take(1)
        })
        .collect();
    Ok(Admitted {
        header_user,
        proxy_headers,
    })
}

/// Where the writer puts what the outbox holds, in the transport's framing.
pub(crate) trait FrameWriter {
    /// One frame carrying `items` joined as the format requires.
    fn send(
        &mut self,
        format: Protocol,
        items: &[Bytes],
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
    /// Answers a transport-level ping (transports without one never get asked).
    fn pong(
        &mut self,
        payload: Bytes,
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
    /// Ends the connection with a disconnect code and reason, as the transport carries them.
    fn close(
        &mut self,
        code: u16,
        reason: String,
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
}

/// The outbox of a new connection in `format`, bounded by `client.queue_max_size`. The transport
/// gives it to its reader (pongs, frame errors) and writer (coalescing), then to `serve`.
pub(crate) fn new_handle(node: &Node, format: Protocol) -> Arc<ClientHandle> {
    let mut h = ClientHandle::new(
        uuid::Uuid::new_v4().to_string(),
        format,
        node.config.client.queue_max_size,
    );
    // Its own id: emulated transports address the session by it, so it must not be the client
    // id other clients see in presence and join messages.
    h.session = uuid::Uuid::new_v4().to_string();
    Arc::new(h)
}

/// Runs one connection: the session reads `frames`; a writer task drains the outbox into `writer`.
pub(crate) async fn serve<S, W>(
    node: Arc<Node>,
    transport: &'static str,
    handle: Arc<ClientHandle>,
    frames: S,
    writer: W,
    write_timeout: Duration,
    admitted: Admitted,
) where
    S: futures_util::Stream<Item = Bytes> + Send,
    W: FrameWriter + Send + 'static,
{
    let writer = tokio::spawn(write_loop(handle.clone(), writer, write_timeout));
    crate::session::run(node, handle.clone(), transport, frames, admitted).await;
    handle.close(Disconnect::connection_closed());
    let _ = writer.await;
}

/// Runs a write, arming the write timeout only when it cannot complete at once (the common case
/// completes immediately, and a timer per write was a measurable cost at high fan-out).
async fn bounded(
    timeout: Duration,
    fut: impl std::future::Future<Output = std::io::Result<()>>,
) -> bool {
    let mut fut = std::pin::pin!(fut);
    match futures_util::poll!(fut.as_mut()) {
        std::task::Poll::Ready(r) => r.is_ok(),
        std::task::Poll::Pending => matches!(tokio::time::timeout(timeout, fut).await, Ok(Ok(()))),
    }
}

/// Drains the outbox into the writer until a close; a write that does not finish within the
/// write timeout (0 means the 1 s default) closes the connection (3009).
async fn write_loop<W: FrameWriter>(
    handle: Arc<ClientHandle>,
    mut writer: W,
    write_timeout: Duration,
) {
    let timeout = if write_timeout.is_zero() {
        Duration::from_secs(1)
    } else {
        write_timeout
    };
    let mut spare = Vec::new();
    loop {
        let (items, close) = match handle.drain_into(std::mem::take(&mut spare)).await {
            Drained::Messages(items) => (items, None),
            Drained::Close(items, d) => (items, Some(d)),
            Drained::Pongs(pongs) => {
                for p in pongs {
                    if !bounded(timeout, writer.pong(p)).await {
                        handle.close(Disconnect::write_error());
                        return;
                    }
                }
                continue;
            }
        };
        if !items.is_empty() && !bounded(timeout, writer.send(handle.protocol, &items)).await {
            handle.close(Disconnect::write_error());
            return;
        }
        if let Some(d) = close {
            let code = u16::try_from(d.code).unwrap_or(3000);
            let _ = bounded(timeout, writer.close(code, d.reason)).await;
            return;
        }
        spare = items;
    }
}

/// For transports writing into a channel (a response body, a GRPC stream): closes the connection
/// when the channel's receiver is dropped (its client went away) even while nothing is written.
pub(crate) fn close_when_gone<T: Send + 'static>(
    tx: &tokio::sync::mpsc::Sender<T>,
    handle: &Arc<ClientHandle>,
) {
    let watch = tx.clone();
    let watched = handle.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = watch.closed() => watched.close(Disconnect::connection_closed()),
            _ = watched.closed() => {}
        }
    });
}

/// The disconnect push transports without a close frame of their own send before they end.
pub(crate) fn disconnect_push(code: u16, reason: String) -> crate::protocol::pb::Push {
    crate::protocol::pb::Push {
        disconnect: Some(crate::protocol::pb::Disconnect {
            code: u32::from(code),
            reason,
            reconnect: false,
        }),
        ..Default::default()
    }
}
