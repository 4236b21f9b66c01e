//! Bidirectional WebSocket transport: our own upgrade (small per-connection buffers), a reader feeding the
//! session, and one writer that coalesces everything queued into one frame.

use crate::node::Node;
use crate::outbox::{join_frame, ClientHandle, Drained, Protocol};
use crate::protocol::Disconnect;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Error as WsError, Message, Utf8Bytes};
use tokio_tungstenite::WebSocketStream;
use warp::http::{header, HeaderValue, Request, StatusCode};
use warp::Reply;

/// Close code for an oversized message (RFC 6455).
const CLOSE_TOO_BIG: u16 = 1009;
/// Socket read buffer per connection. tungstenite's default (128 KiB, zero-filled on every read) would
/// dominate the memory of idle connections; commands are small and the buffer grows for large ones.
const READ_BUFFER: usize = 1024;

/// Whether a request targets the WebSocket endpoint (path only; the upgrade itself is checked later).
pub(crate) fn is_endpoint(node: &Node, path: &str) -> bool {
    !node.config.websocket.disabled && path == node.config.websocket.handler_prefix
}

fn header_has(req: &Request<hyper::body::Incoming>, name: header::HeaderName, token: &str) -> bool {
    req.headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
}

/// Which wire format the upgrade request asks for (subprotocol, `format` or `cf_protocol` URL parameter).
fn wants_protobuf(req: &Request<hyper::body::Incoming>) -> bool {
    let query = req.uri().query().unwrap_or("");
    query
        .split('&')
        .any(|kv| kv == "format=protobuf" || kv == "cf_protocol=protobuf")
        || header_has(req, header::SEC_WEBSOCKET_PROTOCOL, "centrifuge-protobuf")
}

fn status(code: StatusCode, text: &'static str) -> warp::reply::Response {
    warp::reply::with_status(text, code).into_response()
}

/// Answers a WebSocket upgrade request: checks, 101 response, and the connection task.
pub(crate) fn upgrade(
    node: Arc<Node>,
    mut req: Request<hyper::body::Incoming>,
) -> warp::reply::Response {
    if req.method() != warp::http::Method::GET
        || !header_has(&req, header::CONNECTION, "upgrade")
        || !header_has(&req, header::UPGRADE, "websocket")
        || req
            .headers()
            .get(header::SEC_WEBSOCKET_VERSION)
            .map(|v| v.as_bytes())
            != Some(b"13")
    {
        return status(StatusCode::BAD_REQUEST, "Bad Request");
    }
    let Some(key) = req
        .headers()
        .get(header::SEC_WEBSOCKET_KEY)
        .map(|k| derive_accept_key(k.as_bytes()))
    else {
        return status(StatusCode::BAD_REQUEST, "Bad Request");
    };
    let cfg = &node.config;
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    if !crate::transport::origin::allowed(origin, &cfg.client.allowed_origins) {
        tracing::info!(
            origin = origin.unwrap_or(""),
            "request Origin is not allowed"
        );
        return status(StatusCode::FORBIDDEN, "Forbidden");
    }
    if !node.allow_connection_attempt() {
        return status(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable");
    }
    let limit = cfg.client.connection_limit;
    if limit > 0 && node.local_connection_count() >= limit {
        return status(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable");
    }
    let header_user = Some(cfg.client.user_id_http_header.as_str())
        .filter(|h| !h.is_empty())
        .and_then(|h| req.headers().get(h))
        .and_then(|v| v.to_str().ok())
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    let protobuf = wants_protobuf(&req);
    let subprotocol = if header_has(&req, header::SEC_WEBSOCKET_PROTOCOL, "centrifuge-protobuf") {
        Some("centrifuge-protobuf")
    } else if header_has(&req, header::SEC_WEBSOCKET_PROTOCOL, "centrifuge-json") {
        Some("centrifuge-json")
    } else {
        None
    };
    let mut config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0);
    let size = cfg.websocket.message_size_limit;
    if size > 0 {
        config = config
            .max_message_size(Some(size))
            .max_frame_size(Some(size));
    }
    // permessage-deflate when configured and offered (no context takeover, as Centrifugo does).
    let offers: Vec<&str> = req
        .headers()
        .get_all(header::SEC_WEBSOCKET_EXTENSIONS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let deflate = cfg.websocket.compression && super::deflate::offered(&offers);
    let compression = deflate.then_some((
        cfg.websocket.compression_min_size,
        cfg.websocket.compression_level,
    ));
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(u) => u,
            Err(e) => {
                tracing::debug!(error = %e, "websocket upgrade failed");
                return;
            }
        };
        // Plain TCP (the common case): the writer owns the socket's write half and frames messages
        // itself, without tungstenite's write buffer or a lock shared with the reader.
        match upgraded.downcast::<TokioIo<tokio::net::TcpStream>>() {
            Ok(parts) => {
                let (rd, wr) = parts.io.into_inner().into_split();
                // Bytes hyper read past the request. Copied and the original dropped here: the
                // slice keeps hyper's whole read buffer (8 KiB) alive, and a field of `parts` would
                // otherwise live until the end of this arm, i.e. for the life of the connection.
                let prefix = Bytes::copy_from_slice(&parts.read_buf);
                drop(parts.read_buf);
                let reader = ReadSide { prefix, inner: rd };
                let mut writer = RawWriter::new(wr);
                if let Some((min_size, level)) = compression {
                    // tungstenite refuses compressed (RSV1) frames: our own reader inflates them.
                    writer.deflate = Some((min_size, level));
                    let frames = super::deflate::FrameReader::new(reader, size);
                    let stream = Box::pin(futures_util::stream::unfold(frames, |mut r| async {
                        r.next_message().await.map(|m| (m, r))
                    }));
                    serve(node, stream, writer, protobuf, header_user).await;
                    return;
                }
                let socket =
                    WebSocketStream::from_raw_socket(reader, Role::Server, Some(config)).await;
                serve(node, socket, writer, protobuf, header_user).await;
            }
            Err(_) if compression.is_some() => {
                // Only plain TCP connections are upgraded on the external listener.
                tracing::warn!("compressed WebSocket on a non-TCP connection: closing");
            }
            Err(upgraded) => {
                let socket = WebSocketStream::from_raw_socket(
                    TokioIo::new(upgraded),
                    Role::Server,
                    Some(config),
                )
                .await;
                let (sink, stream) = socket.split();
                serve(node, stream, SinkWriter(sink), protobuf, header_user).await;
            }
        }
    });
    let mut resp = status(StatusCode::SWITCHING_PROTOCOLS, "");
    let h = resp.headers_mut();
    h.remove(header::CONTENT_TYPE);
    h.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(v) = HeaderValue::from_str(&key) {
        h.insert(header::SEC_WEBSOCKET_ACCEPT, v);
    }
    if let Some(p) = subprotocol {
        h.insert(header::SEC_WEBSOCKET_PROTOCOL, HeaderValue::from_static(p));
    }
    if deflate {
        h.insert(
            header::SEC_WEBSOCKET_EXTENSIONS,
            HeaderValue::from_static(super::deflate::RESPONSE),
        );
    }
    resp
}

/// Runs one connection: the session reads `stream`; a writer task drains the outbox into `writer`.
async fn serve<S, W>(
    node: Arc<Node>,
    stream: S,
    writer: W,
    protobuf: bool,
    header_user: Option<String>,
) where
    S: futures_util::Stream<Item = Result<Message, WsError>> + Send + Unpin + 'static,
    W: FrameWriter + Send + 'static,
{
    let format = if protobuf {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let id = uuid::Uuid::new_v4().to_string();
    let handle = Arc::new(ClientHandle::new(
        id,
        format,
        node.config.client.queue_max_size,
    ));
    let write_timeout = node.config.websocket.write_timeout;
    let mut writer = writer;
    writer.attach(handle.clone());
    let writer = tokio::spawn(write_loop(handle.clone(), writer, write_timeout));
    // Text and binary messages are command frames; pings are answered; a close or an error ends it.
    let reader_handle = handle.clone();
    let frames = futures_util::stream::unfold(stream, move |mut stream| {
        let handle = reader_handle.clone();
        async move {
            loop {
                match stream.next().await? {
                    Ok(Message::Text(t)) => return Some((Bytes::from(t), stream)),
                    Ok(Message::Binary(b)) => return Some((b, stream)),
                    Ok(Message::Ping(p)) => handle.enqueue_pong(p),
                    Ok(Message::Close(_)) => return None,
                    Ok(_) => continue,
                    Err(WsError::Capacity(_)) => {
                        handle.close(Disconnect {
                            code: u32::from(CLOSE_TOO_BIG),
                            reason: "message too big".into(),
                        });
                        return None;
                    }
                    Err(_) => return None,
                }
            }
        }
    });
    crate::session::run(node, handle.clone(), "websocket", frames, header_user).await;
    handle.close(Disconnect::connection_closed());
    let _ = writer.await;
}

/// Where the writer puts frames: the raw socket (own framing) or a tungstenite sink.
trait FrameWriter {
    /// Gives the writer the connection's queue (writers that coalesce use it).
    fn attach(&mut self, _handle: Arc<ClientHandle>) {}

    /// One data frame whose payload is `items` joined as the format requires.
    fn send(
        &mut self,
        format: Protocol,
        items: &[Bytes],
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
    fn pong(
        &mut self,
        payload: Bytes,
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
    fn close(
        &mut self,
        code: u16,
        reason: String,
    ) -> impl std::future::Future<Output = std::io::Result<()>> + Send;
}

/// Server frames are unmasked: FIN + opcode, then the payload length in 7, 16 or 64 bits.
fn push_header(out: &mut Vec<u8>, opcode: u8, len: usize) {
    out.push(0x80 | opcode);
    if len < 126 {
        out.push(len as u8);
    } else if let Ok(len16) = u16::try_from(len) {
        out.push(126);
        out.extend_from_slice(&len16.to_be_bytes());
    } else {
        out.push(127);
        out.extend_from_slice(&(len as u64).to_be_bytes());
    }
}

/// WebSocket opcodes (RFC 6455 §5.2).
const OP_TEXT: u8 = 0x1;
const OP_BINARY: u8 = 0x2;
const OP_CLOSE: u8 = 0x8;
const OP_PONG: u8 = 0xA;
/// A frame buffer that grew past this is released after use, so idle connections stay small.
const KEEP_BUFFER: usize = 16 * 1024;

struct RawWriter {
    io: tokio::net::tcp::OwnedWriteHalf,
    buf: Vec<u8>,
    /// permessage-deflate: (compression_min_size, compression_level) when negotiated.
    deflate: Option<(usize, i32)>,
    /// The connection's queue, to fold in what arrives while the socket is full.
    handle: Option<Arc<ClientHandle>>,
}

impl RawWriter {
    fn new(io: tokio::net::tcp::OwnedWriteHalf) -> RawWriter {
        RawWriter {
            io,
            buf: Vec::new(),
            deflate: None,
            handle: None,
        }
    }

    /// Appends one data frame carrying `items` (newline-joined for JSON, concatenated for Protobuf).
    fn append(&mut self, format: Protocol, items: &[Bytes]) {
        let json = format == Protocol::Json;
        let separators = if json {
            items.len().saturating_sub(1)
        } else {
            0
        };
        let len = items.iter().map(|b| b.len()).sum::<usize>() + separators;
        let opcode = if json { OP_TEXT } else { OP_BINARY };
        if let Some((_, level)) = self.deflate.filter(|(min, _)| len >= *min) {
            let joined = join_frame(format, items);
            let packed = super::deflate::deflate(&joined, level);
            let at = self.buf.len();
            push_header(&mut self.buf, opcode, packed.len());
            // RSV1 marks a compressed message.
            self.buf[at] |= 0x40;
            self.buf.extend_from_slice(&packed);
            return;
        }
        push_header(&mut self.buf, opcode, len);
        for (i, item) in items.iter().enumerate() {
            if i > 0 && json {
                self.buf.push(b'\n');
            }
            self.buf.extend_from_slice(item);
        }
    }

    /// Writes the buffer. While the socket is full, messages queued meanwhile are appended as more
    /// frames, so a slow reader gets fewer, larger writes (fewer syscalls per message under load).
    async fn flush_buf(&mut self, format: Protocol) -> std::io::Result<()> {
        let mut written = 0;
        let result = loop {
            if written >= self.buf.len() {
                break Ok(());
            }
            match self.io.try_write(&self.buf[written..]) {
                Ok(n) => written += n,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if let Err(e) = self.io.writable().await {
                        break Err(e);
                    }
                    let in_flight = self.buf.len() - written;
                    let more = self
                        .handle
                        .as_ref()
                        .map(|h| h.take_queued(in_flight))
                        .unwrap_or_default();
                    if !more.is_empty() {
                        self.append(format, &more);
                    }
                }
                Err(e) => break Err(e),
            }
        };
        self.buf.clear();
        if self.buf.capacity() > KEEP_BUFFER {
            self.buf = Vec::new();
        }
        result
    }
}

impl FrameWriter for RawWriter {
    fn attach(&mut self, handle: Arc<ClientHandle>) {
        self.handle = Some(handle);
    }

    async fn send(&mut self, format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        self.append(format, items);
        self.flush_buf(format).await
    }

    async fn pong(&mut self, payload: Bytes) -> std::io::Result<()> {
        push_header(&mut self.buf, OP_PONG, payload.len());
        self.buf.extend_from_slice(&payload);
        self.flush_buf(Protocol::Json).await
    }

    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        push_header(&mut self.buf, OP_CLOSE, 2 + reason.len());
        self.buf.extend_from_slice(&code.to_be_bytes());
        self.buf.extend_from_slice(reason.as_bytes());
        // No queued messages may follow a close frame.
        self.handle = None;
        self.flush_buf(Protocol::Json).await?;
        self.io.shutdown().await
    }
}

/// The generic path: a tungstenite sink over any upgraded connection.
struct SinkWriter<S>(S);

impl<S> FrameWriter for SinkWriter<S>
where
    S: futures_util::Sink<Message, Error = WsError> + Send + Unpin,
{
    async fn send(&mut self, format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        // One queued message goes out as it is (shared bytes, no copy); several are joined.
        let frame = match items {
            [one] => one.clone(),
            _ => Bytes::from(join_frame(format, items)),
        };
        let msg = match format {
            Protocol::Json => {
                Message::Text(Utf8Bytes::try_from(frame).map_err(std::io::Error::other)?)
            }
            Protocol::Protobuf => Message::Binary(frame),
        };
        self.0.send(msg).await.map_err(std::io::Error::other)
    }

    async fn pong(&mut self, payload: Bytes) -> std::io::Result<()> {
        self.0
            .send(Message::Pong(payload))
            .await
            .map_err(std::io::Error::other)
    }

    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        };
        self.0
            .send(Message::Close(Some(frame)))
            .await
            .map_err(std::io::Error::other)?;
        self.0.close().await.map_err(std::io::Error::other)
    }
}

/// The read side of a split TCP connection for tungstenite: bytes hyper already read come first.
/// Writes are discarded: this side never writes (pongs and our close frame go through the writer).
struct ReadSide {
    prefix: Bytes,
    inner: tokio::net::tcp::OwnedReadHalf,
}

impl tokio::io::AsyncRead for ReadSide {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if !self.prefix.is_empty() {
            let n = self.prefix.len().min(buf.remaining());
            let chunk = self.prefix.split_to(n);
            buf.put_slice(&chunk);
            return std::task::Poll::Ready(Ok(()));
        }
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for ReadSide {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
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
