//! HTTP front-end of the server API: POST <prefix>/<method>, API key auth, error modes.

use super::{call, CallError};
use crate::node::Node;
use bytes::{Buf, Bytes};
use futures_util::{Stream, StreamExt};
use std::collections::HashMap;
use std::sync::Arc;
use warp::http::{HeaderMap, Method, StatusCode};
use warp::{Filter, Reply};

fn respond(status: StatusCode, body: impl Into<Vec<u8>>) -> warp::reply::Response {
    let mut r = warp::reply::with_status(body.into(), status).into_response();
    r.headers_mut().insert(
        "content-type",
        warp::http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The largest server API request body read (Centrifugo sets none; a request body is read into
/// memory whole, so one is needed). Far above real calls: a batch of 10,000 publications of 2 KB
/// is about 20 MB. Larger bodies get 413 as soon as that is known, without reading the rest.
pub(crate) const MAX_BODY: u64 = 64 * 1024 * 1024;
/// The most reserved up front for a body, whatever its declared length.
const BODY_STEP: u64 = 64 * 1024;

/// Reads a request body up to `MAX_BODY`; None (answered with 413) past it: at once when the
/// declared length is over, else as soon as the bytes received are. Also reads the admin API's bodies.
pub(crate) async fn read_body(
    declared: Option<u64>,
    mut body: impl Stream<Item = Result<impl Buf, warp::Error>> + Unpin,
) -> Result<Option<Bytes>, warp::Error> {
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Ok(None);
    }
    // A declared length is reserved for only up to one step: a client could declare 64 MiB on
    // many connections and send nothing.
    let mut out = Vec::with_capacity(declared.map_or(0, |n| n.min(BODY_STEP) as usize));
    while let Some(chunk) = body.next().await {
        let mut chunk = chunk?;
        if (out.len() + chunk.remaining()) as u64 > MAX_BODY {
            return Ok(None);
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            out.extend_from_slice(part);
            let n = part.len();
            chunk.advance(n);
        }
    }
    Ok(Some(Bytes::from(out)))
}

/// A bodiless status reply (405 and 401 carry neither a body nor a content type).
fn empty(status: StatusCode) -> warp::reply::Response {
    warp::reply::with_status(Vec::<u8>::new(), status).into_response()
}

/// Whether the request carries the configured API key (X-API-Key alone decides when present).
pub(crate) fn authorized(
    node: &Node,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> bool {
    let api = &node.config.http_api;
    if api.insecure {
        return true;
    }
    if api.key.is_empty() {
        return false;
    }
    let key = api.key.as_str();
    if let Some(v) = headers.get("x-api-key") {
        if v.to_str().is_ok_and(|v| v == key) {
            return true;
        }
    } else if let Some(v) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
        let mut parts = v.splitn(2, ' ');
        if let (Some(scheme), Some(value)) = (parts.next(), parts.next()) {
            if scheme.eq_ignore_ascii_case("apikey") && value.trim() == key {
                return true;
            }
        }
    }
    query.get("api_key").is_some_and(|k| k == key)
}

pub(crate) fn route(node: Arc<Node>) -> warp::filters::BoxedFilter<(warp::reply::Response,)> {
    let prefix = node
        .config
        .http_api
        .handler_prefix
        .trim_end_matches('/')
        .to_string();
    // The path is matched before the body is taken, so a request for another route keeps its body.
    let name = warp::path::full().and_then(move |path: warp::path::FullPath| {
        let name = method_of_path(&prefix, path.as_str());
        async move { name.ok_or_else(warp::reject::not_found) }
    });
    name.and(warp::method())
        .and(warp::header::headers_cloned())
        .and(warp::query::<HashMap<String, String>>())
        .and(warp::body::stream())
        .and_then(
            move |name: String, method: Method, headers: HeaderMap, query, body| {
                let node = node.clone();
                async move {
                    let name = name.as_str();
                    let declared = headers
                        .get(warp::http::header::CONTENT_LENGTH)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse::<u64>().ok());
                    let body = match read_body(declared, Box::pin(body)).await {
                        Ok(Some(b)) => b,
                        Ok(None) => {
                            tracing::info!(limit = MAX_BODY, "server API request body too large");
                            return Ok(respond(
                                StatusCode::PAYLOAD_TOO_LARGE,
                                "Request Entity Too Large\n",
                            ));
                        }
                        Err(e) => {
                            tracing::debug!(error = %e, "reading a server API request body");
                            return Ok(respond(StatusCode::BAD_REQUEST, "Bad Request\n"));
                        }
                    };
                    Ok::<_, warp::Rejection>(
                        handle(&node, name, method, &headers, &query, &body).await,
                    )
                }
            },
        )
        .boxed()
}

/// The method a path below the API prefix names ("" for the legacy endpoint at the exact prefix),
/// or None when the path is not the API's.
fn method_of_path(prefix: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix(prefix)?;
    if rest == "/" {
        return None;
    }
    let name = rest.trim_start_matches('/');
    if !name.is_empty() && !super::METHODS.contains(&name) || name.contains('/') {
        return None;
    }
    Some(name.to_string())
}

/// Body of Go's `http.NotFound`, which the reference server answers unknown paths with.
const NOT_FOUND_BODY: &str = "404 page not found\n";

async fn handle(
    node: &Node,
    name: &str,
    method: Method,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
    body: &[u8],
) -> warp::reply::Response {
    if method != Method::POST {
        return empty(StatusCode::METHOD_NOT_ALLOWED);
    }
    if !authorized(node, headers, query) {
        return empty(StatusCode::UNAUTHORIZED);
    }
    if name.is_empty() {
        return super::legacy::handle(node, body).await;
    }
    let transport_mode = node.config.http_api.error_mode == "transport"
        || headers
            .get("x-centrifugo-error-mode")
            .and_then(|v| v.to_str().ok())
            == Some("transport");
    let result = match call(node, name, body).await {
        Ok(r) => r,
        Err(CallError::BadJson(e)) => {
            tracing::info!(method = name, error = %e, "bad API request JSON");
            return respond(StatusCode::BAD_REQUEST, "Bad Request\n");
        }
        Err(CallError::UnknownMethod) => return respond(StatusCode::NOT_FOUND, NOT_FOUND_BODY),
    };
    let mut out = Vec::with_capacity(64);
    let status = match (result, transport_mode && name != "batch") {
        // The batch reply is not wrapped in "result": `{"replies":[...]}`.
        (Ok(body), _) if name == "batch" => {
            out = body;
            StatusCode::OK
        }
        // Success is `{"result":...}` in both error modes.
        (Ok(body), _) => {
            out.extend_from_slice(b"{\"result\":");
            out.extend_from_slice(&body);
            out.push(b'}');
            StatusCode::OK
        }
        (Err(e), false) => {
            out.extend_from_slice(b"{\"error\":");
            e.write(&mut out);
            out.push(b'}');
            StatusCode::OK
        }
        (Err(e), true) => {
            e.write(&mut out);
            StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        }
    };
    let mut r = respond(status, out);
    r.headers_mut().insert(
        "content-type",
        warp::http::HeaderValue::from_static("application/json"),
    );
    r
}
