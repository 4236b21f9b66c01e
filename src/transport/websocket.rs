//! Bidirectional WebSocket transport: upgrade checks, a reader feeding the session, one coalescing writer.

use crate::node::Node;
use crate::protocol::Disconnect;
use crate::session::handle::{join_frame, ClientHandle, Drained, Protocol};
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use warp::filters::ws::{Message, WebSocket, Ws};
use warp::http::StatusCode;
use warp::{Filter, Reply};

/// Commands frames buffered between the socket reader and the session.
const FRAME_BUFFER: usize = 32;
/// Close code for an oversized message (RFC 6455).
const CLOSE_TOO_BIG: u16 = 1009;

/// Which wire format the upgrade request asks for.
fn wants_protobuf(query: &HashMap<String, String>, subprotocols: Option<&str>) -> bool {
    let q = |k: &str| query.get(k).is_some_and(|v| v == "protobuf");
    q("format")
        || q("cf_protocol")
        || subprotocols.is_some_and(|p| p.split(',').any(|s| s.trim() == "centrifuge-protobuf"))
}

pub fn route(node: Arc<Node>) -> warp::filters::BoxedFilter<(warp::reply::Response,)> {
    let prefix = node.config.websocket.handler_prefix.clone();
    crate::transport::exact_path(prefix)
        .and(warp::header::optional::<String>("origin"))
        .and(warp::header::optional::<String>("sec-websocket-protocol"))
        .and(warp::query::<HashMap<String, String>>())
        .and(warp::ws())
        .map(
            move |origin: Option<String>,
                  proto: Option<String>,
                  query: HashMap<String, String>,
                  ws: Ws| { upgrade(node.clone(), origin, proto, query, ws) },
        )
        .boxed()
}

fn upgrade(
    node: Arc<Node>,
    origin: Option<String>,
    proto: Option<String>,
    query: HashMap<String, String>,
    ws: Ws,
) -> warp::reply::Response {
    let cfg = &node.config;
    if !crate::transport::origin::allowed(origin.as_deref(), &cfg.client.allowed_origins) {
        tracing::info!(
            origin = origin.as_deref().unwrap_or(""),
            "request Origin is not allowed"
        );
        return warp::reply::with_status("Forbidden", StatusCode::FORBIDDEN).into_response();
    }
    let limit = cfg.client.connection_limit;
    if limit > 0 && node.hub.counts().0 >= limit {
        return warp::reply::with_status("Service Unavailable", StatusCode::SERVICE_UNAVAILABLE)
            .into_response();
    }
    let protobuf = wants_protobuf(&query, proto.as_deref());
    let size = cfg.websocket.message_size_limit;
    let ws = if size > 0 {
        ws.max_message_size(size).max_frame_size(size)
    } else {
        ws
    };
    let reply = ws.on_upgrade(move |socket| serve(node, socket, protobuf));
    match proto {
        Some(p) if p.split(',').any(|s| s.trim() == "centrifuge-protobuf") => {
            warp::reply::with_header(reply, "sec-websocket-protocol", "centrifuge-protobuf")
                .into_response()
        }
        Some(p) if p.split(',').any(|s| s.trim() == "centrifuge-json") => {
            warp::reply::with_header(reply, "sec-websocket-protocol", "centrifuge-json")
                .into_response()
        }
        _ => reply.into_response(),
    }
}

async fn serve(node: Arc<Node>, socket: WebSocket, protobuf: bool) {
    let (mut sink, mut stream) = socket.split();
    let format = if protobuf {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let id = uuid::Uuid::new_v4().to_string();
    let (handle, control_rx) = ClientHandle::new(id, format, node.config.client.queue_max_size);
    let handle = Arc::new(handle);
    let (frames_tx, frames_rx) = mpsc::channel::<Bytes>(FRAME_BUFFER);
    let session = tokio::spawn(crate::session::run(
        node.clone(),
        handle.clone(),
        "websocket",
        frames_rx,
        control_rx,
    ));
    let write_timeout = node.config.websocket.write_timeout;
    let writer_handle = handle.clone();
    let mut writer =
        tokio::spawn(async move { write_loop(writer_handle, &mut sink, write_timeout).await });
    let reader = async {
        while let Some(msg) = stream.next().await {
            match msg {
                Ok(m) if m.is_text() || m.is_binary() => {
                    if frames_tx.send(m.into_bytes()).await.is_err() {
                        break;
                    }
                }
                Ok(m) if m.is_close() => break,
                Ok(_) => {}
                Err(e) => {
                    let text = e.to_string();
                    if text.contains("too long")
                        || text.contains("Space limit")
                        || text.contains("size")
                    {
                        handle.close(Disconnect {
                            code: u32::from(CLOSE_TOO_BIG),
                            reason: "message too big".into(),
                        });
                    }
                    break;
                }
            }
        }
    };
    // Reading stops when the peer goes away or when the writer has sent our close frame.
    let writer_done = tokio::select! {
        _ = reader => false,
        _ = &mut writer => true,
    };
    drop(frames_tx);
    let _ = session.await;
    handle.close(Disconnect::connection_closed());
    if !writer_done {
        let _ = writer.await;
    }
}

async fn write_loop(
    handle: Arc<ClientHandle>,
    sink: &mut futures_util::stream::SplitSink<WebSocket, Message>,
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
            let frame = join_frame(handle.protocol, &items);
            let msg = match handle.protocol {
                Protocol::Json => Message::text(String::from_utf8_lossy(&frame).into_owned()),
                Protocol::Protobuf => Message::binary(frame),
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
            let _ =
                tokio::time::timeout(timeout, sink.send(Message::close_with(code, d.reason))).await;
            let _ = tokio::time::timeout(timeout, sink.close()).await;
            return;
        }
    }
}
