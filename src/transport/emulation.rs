//! Bidirectional emulation (spec §1.1): HTTP-streaming (`/connection/http_stream`, JSON or
//! Protobuf) and SSE (`/connection/sse`, JSON) carry the server-to-client half of a session as a
//! streaming response; the request itself holds the first command frame (the connect). The
//! client sends every later command to `/emulation`, which hands it to the session on whichever
//! node holds it (`Node::emulate`). Admission and running the session are the shared edge, as
//! for WebSocket; this module supplies the framing and the HTTP around it.

use super::edge::{self, FrameWriter};
use super::http::{self, Body};
use crate::node::{EmulationError, Node};
use crate::outbox::Protocol;
use crate::protocol::pb;
use bytes::Bytes;
use hyper::body::Incoming;
use prost::Message;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use warp::http::{header, HeaderValue, Method, Request, Response, StatusCode};

/// Each write to a streaming response must finish within this (as Centrifugo's 1 s deadline).
const STREAM_WRITE_TIMEOUT: Duration = Duration::from_secs(1);
/// Frames between the session's writer and the response body.
const BODY_BACKLOG: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// JSON replies each followed by `\n`; Protobuf replies varint-length-delimited.
    HttpStream,
    /// Each JSON reply as one `data: ...` event.
    Sse,
}

/// Frames what the session writes into the streaming response.
struct StreamWriter {
    tx: mpsc::Sender<Bytes>,
    framing: Framing,
    format: Protocol,
}

fn frame(framing: Framing, format: Protocol, items: &[Bytes]) -> Bytes {
    let extra = match framing {
        Framing::HttpStream => 1,
        Framing::Sse => 8,
    };
    let mut out = Vec::with_capacity(items.iter().map(|b| b.len() + extra).sum());
    for item in items {
        match (framing, format) {
            // Protobuf items are already length-delimited.
            (Framing::HttpStream, Protocol::Protobuf) => out.extend_from_slice(item),
            (Framing::HttpStream, Protocol::Json) => {
                out.extend_from_slice(item);
                out.push(b'\n');
            }
            (Framing::Sse, _) => {
                out.extend_from_slice(b"data: ");
                out.extend_from_slice(item);
                out.extend_from_slice(b"\n\n");
            }
        }
    }
    Bytes::from(out)
}

fn gone() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone")
}

impl FrameWriter for StreamWriter {
    async fn send(&mut self, format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        let f = frame(self.framing, format, items);
        self.tx.send(f).await.map_err(|_| gone())
    }

    async fn pong(&mut self, _payload: Bytes) -> std::io::Result<()> {
        Ok(())
    }

    /// A `disconnect` push, then the end of the stream.
    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        let reply = pb::Reply {
            push: Some(pb::Push {
                disconnect: Some(pb::Disconnect {
                    code: u32::from(code),
                    reason,
                    reconnect: false,
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let Some(item) = self.format.encode(&reply) else {
            return Ok(());
        };
        let f = frame(self.framing, self.format, &[Bytes::from(item)]);
        self.tx.send(f).await.map_err(|_| gone())
    }
}

/// Whether `path` is one of the emulation endpoints the config turns on.
pub(crate) fn is_endpoint(node: &Node, path: &str) -> bool {
    let c = &node.config;
    (c.http_stream.enabled && path == c.http_stream.handler_prefix)
        || (c.sse.enabled && path == c.sse.handler_prefix)
        || ((c.http_stream.enabled || c.sse.enabled) && path == c.emulation.handler_prefix)
}

/// Answers a request to one of the emulation endpoints.
pub(crate) async fn handle(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    let path = req.uri().path().to_string();
    let c = &node.config;
    if c.http_stream.enabled && path == c.http_stream.handler_prefix {
        http_stream(node.clone(), req).await
    } else if c.sse.enabled && path == c.sse.handler_prefix {
        sse(node.clone(), req).await
    } else {
        emulation(node.clone(), req).await
    }
}

fn limit(configured: usize) -> usize {
    if configured == 0 {
        64 << 10
    } else {
        configured
    }
}

fn wants_protobuf(req: &Request<Incoming>) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/octet-stream")
}

async fn http_stream(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    if req.method() == Method::OPTIONS {
        return http::preflight(&node, &req);
    }
    if req.method() != Method::POST {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let admitted = match edge::admit(&node, req.headers()) {
        Ok(a) => a,
        Err(code) => return http::status(code),
    };
    let format = if wants_protobuf(&req) {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let max = limit(node.config.http_stream.max_request_body_size);
    let cors = http::cors_headers(&node, &req);
    let first = match http::read_body(req.into_body(), max).await {
        Ok(b) => b,
        Err(code) => return http::status(code),
    };
    start(
        node,
        "http_stream",
        Framing::HttpStream,
        format,
        first,
        admitted,
        cors,
    )
}

async fn sse(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    if req.method() != Method::GET && req.method() != Method::POST {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let admitted = match edge::admit(&node, req.headers()) {
        Ok(a) => a,
        Err(code) => return http::status(code),
    };
    let cors = http::cors_headers(&node, &req);
    let first = if req.method() == Method::GET {
        match http::query_param(req.uri().query().unwrap_or(""), "cf_connect") {
            Some(v) if !v.is_empty() => Bytes::from(v),
            _ => return http::status(StatusCode::BAD_REQUEST),
        }
    } else {
        let max = limit(node.config.sse.max_request_body_size);
        match http::read_body(req.into_body(), max).await {
            Ok(b) => b,
            Err(code) => return http::status(code),
        }
    };
    start(
        node,
        "sse",
        Framing::Sse,
        Protocol::Json,
        first,
        admitted,
        cors,
    )
}

/// Starts the session: its commands are the request's frame, then what `/emulation` brings; its
/// replies and pushes stream out as the response body.
fn start(
    node: Arc<Node>,
    transport: &'static str,
    framing: Framing,
    format: Protocol,
    first: Bytes,
    admitted: edge::Admitted,
    cors: Vec<(header::HeaderName, HeaderValue)>,
) -> Response<Body> {
    let handle = edge::new_handle(&node, format);
    let later = node.start_emulated(&handle.session);
    let frames = futures_util::stream::once(async move { first }).chain_later(later);
    let (tx, rx) = mpsc::channel::<Bytes>(BODY_BACKLOG);
    if framing == Framing::Sse {
        // As Centrifugo: a first line so proxies and browsers see the stream open at once.
        let _ = tx.try_send(Bytes::from_static(b"\r\n"));
    }
    // A client that goes away while nothing is being written: the response body is dropped.
    let watch = tx.clone();
    let watched = handle.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = watch.closed() => watched.close(crate::protocol::Disconnect::connection_closed()),
            _ = watched.closed() => {}
        }
    });
    let writer = StreamWriter {
        tx,
        framing,
        format,
    };
    let session = handle.session.clone();
    tokio::spawn(async move {
        edge::serve(
            node.clone(),
            transport,
            handle,
            frames,
            writer,
            STREAM_WRITE_TIMEOUT,
            admitted,
        )
        .await;
        node.end_emulated(&session);
    });
    let mut resp = Response::new(http::streaming_body(rx));
    let h = resp.headers_mut();
    if framing == Framing::Sse {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/event-stream; charset=utf-8"),
        );
    }
    h.insert(header::CONNECTION, HeaderValue::from_static("keep-alive"));
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache, no-store, must-revalidate, max-age=0"),
    );
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    h.insert("expire", HeaderValue::from_static("0"));
    for (k, v) in cors {
        h.insert(k, v);
    }
    resp
}

/// Appends a receiver's items after a stream (the request frame, then the `/emulation` ones).
trait ChainLater: futures_util::Stream<Item = Bytes> + Sized {
    fn chain_later(
        self,
        rx: mpsc::Receiver<Bytes>,
    ) -> futures_util::stream::Chain<Self, futures_util::stream::BoxStream<'static, Bytes>> {
        use futures_util::StreamExt;
        let rest =
            futures_util::stream::unfold(
                rx,
                |mut rx| async move { rx.recv().await.map(|b| (b, rx)) },
            )
            .boxed();
        self.chain(rest)
    }
}

impl<S: futures_util::Stream<Item = Bytes>> ChainLater for S {}

/// `/emulation`: `{node, session, data}` (JSON, `data` a JSON string holding the command frame) or
/// a Protobuf EmulationRequest; 204 taken, 400 malformed, 404 unknown node, 413 too large.
async fn emulation(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    if req.method() == Method::OPTIONS {
        return http::preflight(&node, &req);
    }
    if req.method() != Method::POST {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok());
    if !super::origin::allowed(origin, &node.config.client.allowed_origins) {
        return http::status(StatusCode::FORBIDDEN);
    }
    let protobuf = wants_protobuf(&req);
    let cors = http::cors_headers(&node, &req);
    let max = limit(node.config.emulation.max_request_body_size);
    let body = match http::read_body(req.into_body(), max).await {
        Ok(b) => b,
        Err(code) => return http::with(http::status(code), cors),
    };
    let parsed = if protobuf {
        pb::EmulationRequest::decode(body.as_ref()).ok()
    } else {
        serde_json::from_slice::<pb::EmulationRequest>(&body)
            .ok()
            .and_then(|mut r| {
                // `data` holds the raw JSON of the value: a string with the command frame.
                let text: String = serde_json::from_slice(&r.data).ok()?;
                r.data = Bytes::from(text);
                Some(r)
            })
    };
    let Some(r) = parsed else {
        return http::with(http::status(StatusCode::BAD_REQUEST), cors);
    };
    let status = match node.emulate(&r.node, &r.session, r.data).await {
        Ok(()) => StatusCode::NO_CONTENT,
        Err(EmulationError::UnknownNode) => StatusCode::NOT_FOUND,
        Err(EmulationError::Unreachable(e)) => {
            tracing::warn!(error = %e, node = %r.node, "emulation request not delivered");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    http::with(http::status(status), cors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_per_transport_and_format() {
        let items = [Bytes::from_static(b"{}"), Bytes::from_static(b"{\"id\":1}")];
        assert_eq!(
            frame(Framing::HttpStream, Protocol::Json, &items),
            Bytes::from_static(b"{}\n{\"id\":1}\n")
        );
        assert_eq!(
            frame(Framing::Sse, Protocol::Json, &items),
            Bytes::from_static(b"data: {}\n\ndata: {\"id\":1}\n\n")
        );
        let pb_items = [
            Bytes::from_static(&[0x00]),
            Bytes::from_static(&[0x02, 8, 1]),
        ];
        assert_eq!(
            frame(Framing::HttpStream, Protocol::Protobuf, &pb_items),
            Bytes::from_static(&[0x00, 0x02, 8, 1])
        );
    }
}
