//! Bidirectional WebSocket transport: our own upgrade, the frame reader (`super::frames`) feeding
//! the session, and a writer that frames what it sends. Admission and running the connection are
//! the shared edge (`super::edge`); this module supplies only the WebSocket framing.

use super::edge::FrameWriter;
use super::frames::FrameReader;
use crate::node::Node;
use crate::outbox::{join_frame, ClientHandle, Protocol};
use crate::protocol::Disconnect;
use bytes::Bytes;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use warp::http::{header, HeaderValue, Request, StatusCode};
use warp::Reply;

/// Close code for an oversized message (RFC 6455).
const CLOSE_TOO_BIG: u16 = 1009;

/// Whether a request targets a WebSocket endpoint (path only; the upgrade itself is checked
/// later), and which: the bidirectional one or `uni_websocket`.
pub(crate) fn endpoint(node: &Node, path: &str) -> Option<Mode> {
    let c = &node.config;
    if !c.websocket.disabled && path == c.websocket.handler_prefix {
        return Some(Mode::Bidi);
    }
    let u = &c.uni_websocket;
    (u.enabled && path == u.handler_prefix).then_some(Mode::Uni(UniMode {
        join: u.join_push_messages,
        disconnect_push: !u.disable_disconnect_push,
        closing_handshake: !u.disable_closing_handshake,
    }))
}

/// Bidirectional (the client protocol both ways) or unidirectional (`uni_websocket`: the client
/// sends one ConnectRequest, the server sends bare pushes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Bidi,
    Uni(UniMode),
    /// SockJS over WebSocket: `o` on open, `a[...]` message frames, `c[code,reason]` to close;
    /// the client sends JSON arrays of strings.
    Sockjs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UniMode {
    /// `join_push_messages`: pushes written together share one frame, `\n`-joined.
    join: bool,
    /// A disconnect push before the close frame (unless `disable_disconnect_push`).
    disconnect_push: bool,
    /// A close frame at all (unless `disable_closing_handshake`).
    closing_handshake: bool,
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

/// Answers a WebSocket upgrade request: handshake checks, admission, 101, and the connection task.
pub(crate) fn upgrade(
    node: Arc<Node>,
    mut req: Request<hyper::body::Incoming>,
    mode: Mode,
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
    let admitted = match super::edge::admit(&node, req.headers()) {
        Ok(a) => a,
        Err(code) => return status(code, code.canonical_reason().unwrap_or("")),
    };
    let cfg = &node.config;
    let uni = matches!(mode, Mode::Uni(_));
    let json_only = uni || mode == Mode::Sockjs;
    let format = if !json_only && wants_protobuf(&req) {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let subprotocol = if json_only {
        None
    } else if header_has(&req, header::SEC_WEBSOCKET_PROTOCOL, "centrifuge-protobuf") {
        Some("centrifuge-protobuf")
    } else if header_has(&req, header::SEC_WEBSOCKET_PROTOCOL, "centrifuge-json") {
        Some("centrifuge-json")
    } else {
        None
    };
    // uni_websocket: the connect request may come in the URL (`cf_connect`) instead of a message.
    let url_connect = if uni {
        match super::http::query_param(req.uri().query().unwrap_or(""), "cf_connect") {
            Some(v) if !v.is_empty() => match super::uni::connect_command(v.as_bytes()) {
                Some(c) => Some(c),
                None => return status(StatusCode::BAD_REQUEST, "Bad Request"),
            },
            _ => None,
        }
    } else {
        None
    };
    let (size, compress, min_size, level, write_timeout) = if uni {
        let u = &cfg.uni_websocket;
        (
            u.message_size_limit,
            u.compression,
            u.compression_min_size,
            u.compression_level,
            u.write_timeout,
        )
    } else {
        let w = &cfg.websocket;
        (
            w.message_size_limit,
            w.compression,
            w.compression_min_size,
            w.compression_level,
            w.write_timeout,
        )
    };
    // permessage-deflate when configured and offered (no context takeover, as Centrifugo does).
    let offers: Vec<&str> = req
        .headers()
        .get_all(header::SEC_WEBSOCKET_EXTENSIONS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let deflate = compress && super::deflate::offered(&offers);
    let compression = deflate.then_some((min_size, level));
    let conn = Conn {
        compression,
        size_limit: size,
        format,
        admitted,
        mode,
        url_connect,
        write_timeout,
    };
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let upgraded = match on_upgrade.await {
            Ok(u) => u,
            Err(e) => {
                tracing::debug!(error = %e, "websocket upgrade failed");
                return;
            }
        };
        match upgraded.downcast::<TokioIo<super::head::Prefixed>>() {
            // Plain TCP (the common case): the halves are used directly, without hyper's buffers.
            Ok(parts) => {
                let (unread, tcp) = parts.io.into_inner().into_parts();
                let (rd, wr) = tcp.into_split();
                // Bytes hyper read past the request (after any of the head's bytes it did not
                // read). Copied and the original dropped here: the slice keeps hyper's whole read
                // buffer (8 KiB) alive, and a field of `parts` would otherwise live until the end
                // of this arm, i.e. for the life of the connection.
                let prefix = if unread.is_empty() {
                    Bytes::copy_from_slice(&parts.read_buf)
                } else {
                    [&parts.read_buf[..], &unread[..]].concat().into()
                };
                drop(parts.read_buf);
                let reader = ReadSide { prefix, inner: rd };
                run(node, reader, Socket::Tcp(wr), conn).await;
            }
            // Any other upgraded connection (it replays what hyper read past the request itself).
            Err(upgraded) => {
                let (rd, wr) = tokio::io::split(TokioIo::new(upgraded));
                run(node, rd, Socket::Other(wr), conn).await;
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

/// What a connection runs with, decided from its upgrade request.
struct Conn {
    /// permessage-deflate: (compression_min_size, compression_level) when negotiated.
    compression: Option<(usize, i32)>,
    size_limit: usize,
    format: Protocol,
    admitted: super::edge::Admitted,
    mode: Mode,
    /// uni_websocket: the connect command from the URL (then client messages are not read as one).
    url_connect: Option<Bytes>,
    write_timeout: std::time::Duration,
}

/// Runs one WebSocket connection: client frames become command frames for the session (pings
/// are answered, a close or an error ends it), the writer frames what the session sends. On
/// uni_websocket the first message (or the URL) is the connect request and later ones are read
/// only to notice the close.
async fn run<R>(node: Arc<Node>, reader: R, socket: Socket, conn: Conn)
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
{
    let handle = super::edge::new_handle(&node, conn.format);
    let uni = match conn.mode {
        Mode::Uni(u) => Some(u),
        Mode::Bidi | Mode::Sockjs => None,
    };
    let sockjs = conn.mode == Mode::Sockjs;
    let mut writer = WsWriter::new(socket, conn.compression, handle.clone(), uni);
    writer.sockjs = sockjs;
    if sockjs {
        // The SockJS open frame, before anything of the session.
        push_header(&mut writer.buf, OP_TEXT, 1);
        writer.buf.push(b'o');
        if writer.flush_buf(Protocol::Json).await.is_err() {
            return;
        }
    }
    let reader = FrameReader::new(reader, conn.size_limit);
    let reader_handle = handle.clone();
    // uni_websocket: whether the connect command was taken already.
    let mut connected = conn.url_connect.is_some();
    let first = futures_util::stream::iter(conn.url_connect);
    let frames = futures_util::stream::unfold(reader, move |mut reader| {
        let handle = reader_handle.clone();
        async move {
            loop {
                let data = match reader.next_message().await? {
                    Ok(Message::Text(t)) => Bytes::from(t),
                    Ok(Message::Binary(b)) => b,
                    Ok(Message::Ping(p)) => {
                        handle.enqueue_pong(p);
                        continue;
                    }
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
                };
                return Some((data, reader));
            }
        }
    });
    // SockJS: each message is a JSON array of strings (or one string), each string a frame.
    // (No Vec per message on plain WebSocket connections.)
    let frames = futures_util::StreamExt::flat_map(frames, move |data| {
        use futures_util::future::Either;
        if sockjs {
            let out = super::sockjs::client_messages(&data).unwrap_or_else(|| vec![Bytes::new()]);
            Either::Left(futures_util::stream::iter(out))
        } else {
            Either::Right(futures_util::stream::iter(std::iter::once(data)))
        }
    });
    let frames = futures_util::StreamExt::filter_map(frames, move |data| {
        let out = match uni {
            None => Some(data),
            Some(_) if connected => None,
            Some(_) => {
                connected = true;
                // Not a connect request: the session sees a frame it refuses (bad request).
                Some(super::uni::connect_command(&data).unwrap_or_default())
            }
        };
        std::future::ready(out)
    });
    let frames = futures_util::StreamExt::chain(first, frames);
    let transport = if uni.is_some() {
        "uni_websocket"
    } else if sockjs {
        "sockjs"
    } else {
        "websocket"
    };
    super::edge::serve(
        node,
        transport,
        handle,
        frames,
        writer,
        conn.write_timeout,
        conn.admitted,
    )
    .await;
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
const OP_PING: u8 = 0x9;
const OP_PONG: u8 = 0xA;
/// A frame buffer that grew past this is released after use, so idle connections stay small.
const KEEP_BUFFER: usize = 16 * 1024;

/// Frames what the session sends, straight onto the connection's write half. While the socket
/// is full, messages queued meanwhile are folded into the pending write as more frames, so a slow
/// reader gets fewer, larger writes (fewer syscalls per message under load).
struct WsWriter {
    io: Socket,
    buf: Vec<u8>,
    /// permessage-deflate: (compression_min_size, compression_level) when negotiated.
    deflate: Option<(usize, i32)>,
    /// The connection's queue, to fold in what arrives while the socket is full.
    handle: Arc<ClientHandle>,
    /// Cleared once a close frame is queued: nothing may follow it.
    fold: bool,
    /// uni_websocket: bare pushes, framing and close options.
    uni: Option<UniMode>,
    /// SockJS framing (`a[...]`, `c[...]`).
    sockjs: bool,
}

/// The write half of a connection.
enum Socket {
    /// Plain TCP (the common case): written without waiting where possible, so what is queued
    /// while the socket is full goes out in the very next write.
    Tcp(tokio::net::tcp::OwnedWriteHalf),
    /// Any other upgraded connection.
    Other(tokio::io::WriteHalf<TokioIo<hyper::upgrade::Upgraded>>),
}

impl WsWriter {
    fn new(
        io: Socket,
        deflate: Option<(usize, i32)>,
        handle: Arc<ClientHandle>,
        uni: Option<UniMode>,
    ) -> WsWriter {
        WsWriter {
            io,
            buf: Vec::new(),
            deflate,
            handle,
            fold: true,
            uni,
            sockjs: false,
        }
    }

    /// Appends what the session queued: one data frame carrying `items` (newline-joined for
    /// JSON, concatenated for Protobuf); on uni_websocket bare pushes, one frame each unless
    /// `join_push_messages`.
    fn append(&mut self, format: Protocol, items: &[Bytes]) {
        if self.sockjs {
            let f = super::sockjs::message_frame(items);
            return self.append_frame(Protocol::Json, &[f]);
        }
        let Some(u) = self.uni else {
            return self.append_frame(format, items);
        };
        let bare: Vec<Bytes> = items.iter().map(super::uni::bare_push_json).collect();
        if u.join {
            self.append_frame(format, &bare);
        } else {
            for b in &bare {
                self.append_frame(format, std::slice::from_ref(b));
            }
        }
        // The session's ping (an empty push) goes with a WebSocket ping frame too, as on
        // Centrifugo's uni_websocket (its clients cannot answer the push, their WebSocket can).
        if bare.iter().any(|b| b.as_ref() == b"{}") {
            push_header(&mut self.buf, OP_PING, 0);
        }
    }

    /// Appends one data frame carrying `items` (newline-joined for JSON, concatenated for Protobuf).
    fn append_frame(&mut self, format: Protocol, items: &[Bytes]) {
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

    /// What was queued while the socket was full, folded into the pending write as more frames
    /// (within `client.queue_max_size`, see `ClientHandle::take_queued`).
    fn fold_queued(&mut self, format: Protocol, written: usize) {
        if !self.fold {
            return;
        }
        let more = self.handle.take_queued(self.buf.len() - written);
        if !more.is_empty() {
            self.append(format, &more);
        }
    }

    /// Writes the buffer. While the socket is full, messages queued meanwhile are appended, so a
    /// slow reader gets fewer, larger writes (fewer syscalls per message under load).
    async fn flush_buf(&mut self, format: Protocol) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        let mut written = 0;
        let result = loop {
            if written >= self.buf.len() {
                break Ok(());
            }
            let step = match &mut self.io {
                Socket::Tcp(io) => match io.try_write(&self.buf[written..]) {
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        // Writable again: first take in what arrived while it was full.
                        match io.writable().await {
                            Ok(()) => Ok(None),
                            Err(e) => Err(e),
                        }
                    }
                    other => other.map(Some),
                },
                Socket::Other(io) => io.write(&self.buf[written..]).await.map(Some),
            };
            match step {
                Ok(Some(0)) => break Err(std::io::ErrorKind::WriteZero.into()),
                Ok(Some(n)) => {
                    written += n;
                    if matches!(self.io, Socket::Other(_)) && written < self.buf.len() {
                        self.fold_queued(format, written);
                    }
                }
                Ok(None) => self.fold_queued(format, written),
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

impl FrameWriter for WsWriter {
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
        let (push, handshake) = match self.uni {
            Some(u) => (u.disconnect_push, u.closing_handshake),
            None => (false, true),
        };
        if push {
            let p = super::uni::disconnect_push(code, &reason);
            self.append_frame(Protocol::Json, &[p]);
        }
        if self.sockjs {
            // The code travels in the SockJS close frame; the WebSocket closes normally.
            let c = super::sockjs::close_frame(code, &reason);
            self.append_frame(Protocol::Json, &[c]);
            push_header(&mut self.buf, OP_CLOSE, 2);
            self.buf.extend_from_slice(&1000u16.to_be_bytes());
        } else if handshake {
            push_header(&mut self.buf, OP_CLOSE, 2 + reason.len());
            self.buf.extend_from_slice(&code.to_be_bytes());
            self.buf.extend_from_slice(reason.as_bytes());
        }
        // No queued messages may follow a close frame.
        self.fold = false;
        self.flush_buf(Protocol::Json).await?;
        match &mut self.io {
            Socket::Tcp(io) => io.shutdown().await,
            Socket::Other(io) => io.shutdown().await,
        }
    }
}

/// The read side of a split TCP connection: bytes hyper already read past the request come first.
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
