//! Bidirectional WebSocket transport: our own upgrade (small per-connection buffers), a reader feeding the
//! session, and one writer that coalesces everything queued into one frame.

use crate::node::Node;
use crate::protocol::Disconnect;
use crate::session::handle::{join_frame, ClientHandle, Drained, Protocol};
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

type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// Whether a request targets the WebSocket endpoint (path only; the upgrade itself is checked later).
pub fn is_endpoint(node: &Node, path: &str) -> bool {
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
pub fn upgrade(node: Arc<Node>, mut req: Request<hyper::body::Incoming>) -> warp::reply::Response {
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
    let limit = cfg.client.connection_limit;
    if limit > 0 && node.hub.counts().0 >= limit {
        return status(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable");
    }
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
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(upgraded) => {
                let socket = WebSocketStream::from_raw_socket(
                    TokioIo::new(upgraded),
                    Role::Server,
                    Some(config),
                )
                .await;
                serve(node, socket, protobuf).await;
            }
            Err(e) => tracing::debug!(error = %e, "websocket upgrade failed"),
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
    resp
}

async fn serve(node: Arc<Node>, socket: Socket, protobuf: bool) {
    let (mut sink, stream) = socket.split();
    let format = if protobuf {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let id = uuid::Uuid::new_v4().to_string();
    let (handle, control_rx) = ClientHandle::new(id, format, node.config.client.queue_max_size);
    let handle = Arc::new(handle);
    let write_timeout = node.config.websocket.write_timeout;
    let writer_handle = handle.clone();
    let writer =
        tokio::spawn(async move { write_loop(writer_handle, &mut sink, write_timeout).await });
    // Text and binary messages are command frames; a close or an error ends the stream.
    let reader_handle = handle.clone();
    let frames = futures_util::stream::unfold(stream, move |mut stream| {
        let handle = reader_handle.clone();
        async move {
            loop {
                match stream.next().await? {
                    Ok(Message::Text(t)) => return Some((Bytes::from(t), stream)),
                    Ok(Message::Binary(b)) => return Some((b, stream)),
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
    crate::session::run(node, handle.clone(), "websocket", frames, control_rx).await;
    handle.close(Disconnect::connection_closed());
    let _ = writer.await;
}

async fn write_loop(
    handle: Arc<ClientHandle>,
    sink: &mut futures_util::stream::SplitSink<Socket, Message>,
    write_timeout: Duration,
) {
    let timeout = if write_timeout.is_zero() {
        Duration::from_secs(1)
    } else {
        write_timeout
    };
    loop {
        let (items, close) = match handle.drain().await {
            Drained::Messages(items) => (items, None),
            Drained::Close(items, d) => (items, Some(d)),
        };
        if !items.is_empty() {
            // One queued message goes out as it is (shared bytes, no copy); several are joined.
            let frame = match <[Bytes; 1]>::try_from(items) {
                Ok([one]) => one,
                Err(items) => Bytes::from(join_frame(handle.protocol, &items)),
            };
            let msg = match handle.protocol {
                Protocol::Json => match Utf8Bytes::try_from(frame) {
                    Ok(text) => Message::Text(text),
                    Err(e) => {
                        tracing::error!(error = %e, "JSON frame is not UTF-8");
                        handle.close(Disconnect::server_error());
                        return;
                    }
                },
                Protocol::Protobuf => Message::Binary(frame),
            };
            match tokio::time::timeout(timeout, sink.send(msg)).await {
                Ok(Ok(())) => {}
                _ => {
                    handle.close(Disconnect::write_error());
                    return;
                }
            }
        }
        if let Some(d) = close {
            let code = u16::try_from(d.code).unwrap_or(3000);
            let frame = CloseFrame {
                code: CloseCode::from(code),
                reason: d.reason.into(),
            };
            let _ = tokio::time::timeout(timeout, sink.send(Message::Close(Some(frame)))).await;
            let _ = tokio::time::timeout(timeout, sink.close()).await;
            return;
        }
    }
}
