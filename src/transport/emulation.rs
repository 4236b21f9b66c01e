//! Bidirectional emulation (spec §1.1): HTTP-streaming (`/connection/http_stream`, JSON or
//! Protobuf) and SSE (`/connection/sse`, JSON) carry the server-to-client half of a session as a
//! streaming response; the request itself holds the first command frame (the connect). The
//! client sends every later command to `/emulation`, which hands it to the session on whichever
//! node holds it (`Node::emulate`). Admission and running the session are the shared edge, as
//! for WebSocket; this module supplies the framing and the HTTP around it.

use super::edge;
use super::http::{self, Body};
use super::stream::{self, Framing};
use crate::node::{EmulationError, Node};
use crate::outbox::Protocol;
use crate::protocol::pb;
use bytes::Bytes;
use hyper::body::Incoming;
use prost::Message;
use std::sync::Arc;
use warp::http::{header, HeaderValue, Method, Request, Response, StatusCode};

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

pub(crate) fn limit(configured: usize) -> usize {
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
    use futures_util::StreamExt;
    let handle = edge::new_handle(&node, format);
    let later = node.start_emulated(&handle.session);
    let later =
        futures_util::stream::unfold(
            later,
            |mut rx| async move { rx.recv().await.map(|b| (b, rx)) },
        );
    let frames = futures_util::stream::once(async move { first }).chain(later);
    let rx = stream::start(
        stream::Start {
            node,
            transport,
            framing,
            format,
            admitted,
        },
        handle,
        frames,
    );
    // As Centrifugo: SSE opens with a bare line, so proxies and browsers see the stream at once.
    let opening = (framing == Framing::Sse).then(|| Bytes::from_static(b"\r\n"));
    stream::response(framing, opening, rx, cors)
}

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
