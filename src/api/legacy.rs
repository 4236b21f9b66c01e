//! The legacy single endpoint `POST <prefix>` (exact path): newline-delimited
//! `{"method": .., "params": {..}}` commands in, newline-delimited `{"result"|"error": ..}` out.
//! Kept by Centrifugo v6 for old API clients (planned for removal in v7).

use super::request::BY_NUMBER;
use super::{call, ApiError, CallError};
use crate::node::Node;
use serde::Deserialize;
use serde_json::value::RawValue;
use warp::http::StatusCode;
use warp::Reply;

#[derive(Deserialize)]
struct Command<'a> {
    #[serde(default)]
    method: Option<serde_json::Value>,
    #[serde(borrow, default)]
    params: Option<&'a RawValue>,
}

fn method_name(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.to_ascii_lowercase()),
        Some(serde_json::Value::Number(n)) => {
            let n = n.as_u64()?;
            BY_NUMBER
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, m)| (*m).to_string())
        }
        _ => None,
    }
}

fn error_line(out: &mut Vec<u8>, e: ApiError) {
    out.extend_from_slice(b"{\"error\":");
    e.write(out);
    out.push(b'}');
}

/// Runs every command of the body in order; an empty body, or one that is not JSON lines, is 400.
/// Also the admin UI's `/admin/api`, behind the admin token instead of the API key.
pub(crate) async fn handle(node: &Node, body: &[u8]) -> warp::reply::Response {
    if body.is_empty() {
        return warp::reply::with_status("Bad Request\n", StatusCode::BAD_REQUEST).into_response();
    }
    let mut out = Vec::new();
    for line in body
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(|b| b.is_ascii_whitespace()))
    {
        let Ok(cmd) = serde_json::from_slice::<Command<'_>>(line) else {
            return warp::reply::with_status("Bad Request\n", StatusCode::BAD_REQUEST)
                .into_response();
        };
        if !out.is_empty() {
            out.push(b'\n');
        }
        // `batch` has its own shape; the legacy endpoint never routed it.
        let Some(method) = method_name(&cmd.method).filter(|m| m != "batch") else {
            error_line(&mut out, ApiError::NOT_FOUND);
            continue;
        };
        let params = cmd.params.map(|p| p.get().as_bytes()).unwrap_or(b"{}");
        match call(node, &method, params).await {
            Ok(Ok(result)) => {
                out.extend_from_slice(b"{\"result\":");
                out.extend_from_slice(&result);
                out.push(b'}');
            }
            Ok(Err(e)) => error_line(&mut out, e),
            Err(CallError::UnknownMethod) => error_line(&mut out, ApiError::NOT_FOUND),
            Err(CallError::BadJson(_)) => error_line(&mut out, ApiError::BAD_REQUEST),
        }
    }
    let mut r = warp::reply::with_status(out, StatusCode::OK).into_response();
    r.headers_mut().insert(
        "content-type",
        warp::http::HeaderValue::from_static("application/json"),
    );
    r
}
