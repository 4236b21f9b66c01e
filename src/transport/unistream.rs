//! Unidirectional HTTP transports (spec §1.1): `/connection/uni_http_stream` (POST with a JSON
//! ConnectRequest body; newline-delimited bare pushes) and `/connection/uni_sse` (GET with an
//! optional `cf_connect` URL parameter, or POST; one `data:` event per push). The first push is
//! `connect`; a disconnect push ends the stream. With `connect_code_to_http_response` a failed
//! connect is answered with the configured HTTP status and body instead.

use super::edge;
use super::http::{self, Body};
use super::stream::{self, Framing, Out};
use super::uni;
use crate::config::ConnectCodeToHttpResponse;
use crate::node::Node;
use crate::outbox::Protocol;
use bytes::Bytes;
use hyper::body::Incoming;
use std::sync::Arc;
use warp::http::{Method, Request, Response, StatusCode};

pub(crate) fn is_endpoint(node: &Node, path: &str) -> bool {
    let c = &node.config;
    (c.uni_http_stream.enabled && path == c.uni_http_stream.handler_prefix)
        || (c.uni_sse.enabled && path == c.uni_sse.handler_prefix)
}

pub(crate) async fn handle(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    let c = &node.config;
    let sse = c.uni_sse.enabled && req.uri().path() == c.uni_sse.handler_prefix;
    let (framing, transport, max, codes) = if sse {
        (
            Framing::UniSse,
            "uni_sse",
            c.uni_sse.max_request_body_size,
            c.uni_sse.connect_code_to_http_response.clone(),
        )
    } else {
        (
            Framing::UniHttpStream,
            "uni_http_stream",
            c.uni_http_stream.max_request_body_size,
            c.uni_http_stream.connect_code_to_http_response.clone(),
        )
    };
    if !sse && req.method() == Method::OPTIONS {
        return http::preflight(&node, &req);
    }
    let get = sse && req.method() == Method::GET;
    if !get && req.method() != Method::POST {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let admitted = match edge::admit(&node, req.headers()) {
        Ok(a) => a,
        Err(code) => return http::status(code),
    };
    let cors = http::cors_headers(&node, &req);
    let request = if get {
        // Without the parameter: an empty connect request (a token-less connection).
        Bytes::from(
            http::query_param(req.uri().query().unwrap_or(""), "cf_connect")
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "{}".into()),
        )
    } else {
        match http::read_body(req.into_body(), super::emulation::limit(max)).await {
            Ok(b) => b,
            Err(code) => return http::status(code),
        }
    };
    let Some(connect) = uni::connect_command(&request) else {
        return http::status(StatusCode::BAD_REQUEST);
    };
    let handle = edge::new_handle(&node, Protocol::Json);
    // The connect is the only command; the session ends with the stream.
    let frames =
        futures_util::StreamExt::chain(futures_util::stream::once(async move { connect }), {
            futures_util::stream::pending()
        });
    let mut rx = stream::start(
        stream::Start {
            node,
            transport,
            framing,
            format: Protocol::Json,
            admitted,
        },
        handle,
        frames,
    );
    let mut first = sse.then(|| Bytes::from_static(b"\r\n"));
    if codes.enabled {
        // The connect's outcome decides the status: wait for the first thing the session writes.
        match rx.recv().await {
            Some(Out::Closed { code, reason, .. }) => return transformed(&codes, code, reason),
            Some(Out::Data(b)) => {
                first = Some(match first {
                    Some(open) => [open, b].concat().into(),
                    None => b,
                })
            }
            None => return http::status(StatusCode::INTERNAL_SERVER_ERROR),
        }
    }
    stream::response(framing, first, rx, cors)
}

/// The HTTP response a failed connect maps to: the transform for its code (its body defaulting
/// to the reason), else 500.
fn transformed(codes: &ConnectCodeToHttpResponse, code: u16, reason: String) -> Response<Body> {
    let found = codes.transforms.iter().find(|t| t.code == u32::from(code));
    let (status, body) = match found {
        Some(t) => (
            StatusCode::from_u16(t.to.status_code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            if t.to.body.is_empty() {
                reason
            } else {
                t.to.body.clone()
            },
        ),
        None => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error".to_string(),
        ),
    };
    let mut r = Response::new(http::full(body));
    *r.status_mut() = status;
    r
}
