//! The admin web UI and its endpoints under `admin.handler_prefix`: `GET /admin/init`, `POST
//! /admin/auth` (password -> token), `POST /admin/api` (the legacy newline-delimited server API,
//! run by the API's executor, behind the admin token), `POST /admin/trace` (a live trace stream,
//! behind the token too) and the UI's static files at `/`.

mod token;
mod web;

use crate::node::Node;
use serde::Deserialize;
use std::sync::Arc;
use warp::filters::BoxedFilter;
use warp::http::{HeaderMap, HeaderValue, Method, StatusCode};
use warp::{Filter, Reply};

/// A login body is one short field; anything longer is refused unread.
const AUTH_BODY_MAX: u64 = 16 * 1024;

/// What a request below the prefix asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Endpoint {
    Init,
    Auth,
    Api,
    Trace,
    /// A static file, by its path below `<prefix>/`.
    File(String),
    /// `<prefix>` without the trailing slash: sent to `<prefix>/` so relative URLs resolve.
    Redirect(String),
}

/// The endpoint `path` names, or None when the path is not the admin's (other routes may have it).
fn endpoint(prefix: &str, method: &Method, path: &str) -> Option<Endpoint> {
    let rest = path.strip_prefix(prefix)?;
    let read = method == Method::GET || method == Method::HEAD;
    if rest.is_empty() {
        return read.then(|| Endpoint::Redirect(format!("{prefix}/")));
    }
    let rest = rest.strip_prefix('/')?;
    match rest {
        "admin/init" => Some(Endpoint::Init),
        "admin/auth" => Some(Endpoint::Auth),
        "admin/api" => Some(Endpoint::Api),
        "admin/trace" => Some(Endpoint::Trace),
        _ if rest.starts_with("admin/") => None,
        _ => read.then(|| Endpoint::File(rest.to_string())),
    }
}

fn json(status: StatusCode, body: Vec<u8>) -> warp::reply::Response {
    let mut r = warp::reply::with_status(body, status).into_response();
    r.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    r
}

fn text(status: StatusCode, body: &'static str) -> warp::reply::Response {
    let mut r = warp::reply::with_status(body, status).into_response();
    r.headers_mut().insert(
        "content-type",
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn bad_request() -> warp::reply::Response {
    text(StatusCode::BAD_REQUEST, "Bad Request\n")
}

fn method_not_allowed() -> warp::reply::Response {
    warp::reply::with_status(Vec::<u8>::new(), StatusCode::METHOD_NOT_ALLOWED).into_response()
}

/// Whether the request carries a token issued with `admin.secret`.
fn has_token(node: &Node, headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(token::from_header)
        .is_some_and(|t| token::verify(&node.config.admin.secret, t))
}

/// The `password` of a login body: JSON `{"password": ..}` when the content type says JSON,
/// else an urlencoded form.
fn password(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let is_json = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("application/json"));
    if is_json {
        #[derive(Deserialize)]
        struct Login {
            password: String,
        }
        return serde_json::from_slice::<Login>(body)
            .ok()
            .map(|l| l.password);
    }
    form_urlencoded::parse(body)
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.into_owned())
}

fn init(node: &Node, headers: &HeaderMap) -> warp::reply::Response {
    let body = serde_json::json!({
        "insecure": node.config.admin.insecure,
        "edition": "oss",
        "authenticated": has_token(node, headers),
    });
    json(StatusCode::OK, body.to_string().into_bytes())
}

fn auth(node: &Node, headers: &HeaderMap, body: &[u8]) -> warp::reply::Response {
    let cfg = &node.config.admin;
    if cfg.password.is_empty() || cfg.secret.is_empty() {
        tracing::error!("admin login refused: admin.password and admin.secret must be set");
        return bad_request();
    }
    let given = password(headers, body).unwrap_or_default();
    if !token::same_secret(&given, &cfg.password) {
        tracing::info!("admin login with a wrong password");
        return bad_request();
    }
    match token::issue(&cfg.secret) {
        Some(t) => json(
            StatusCode::OK,
            serde_json::json!({ "token": t }).to_string().into_bytes(),
        ),
        None => bad_request(),
    }
}

/// Reads a request body of at most `limit` bytes; the reply to answer with when it cannot be.
async fn read_limited(
    headers: &HeaderMap,
    body: impl futures_util::Stream<Item = Result<impl bytes::Buf, warp::Error>> + Unpin,
    limit: u64,
) -> Result<bytes::Bytes, warp::reply::Response> {
    let too_large = || text(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large\n");
    let declared = headers
        .get(warp::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    match crate::api::http::read_body(declared, body).await {
        Ok(Some(b)) if b.len() as u64 <= limit => Ok(b),
        Ok(_) => Err(too_large()),
        Err(e) => {
            tracing::debug!(error = %e, "reading an admin request body");
            Err(bad_request())
        }
    }
}

async fn handle(
    node: Arc<Node>,
    ep: Endpoint,
    method: Method,
    headers: HeaderMap,
    body: impl futures_util::Stream<Item = Result<impl bytes::Buf, warp::Error>> + Unpin,
) -> Result<warp::reply::Response, warp::Rejection> {
    Ok(match ep {
        Endpoint::Redirect(to) => {
            let Ok(location) = HeaderValue::from_str(&to) else {
                return Err(warp::reject::not_found());
            };
            let mut r = warp::reply::with_status(Vec::<u8>::new(), StatusCode::MOVED_PERMANENTLY)
                .into_response();
            r.headers_mut().insert("location", location);
            r
        }
        Endpoint::File(rel) => match web::serve(&node.config.admin.web_path, &rel).await {
            Some(r) => r,
            None => return Err(warp::reject::not_found()),
        },
        Endpoint::Init if method == Method::GET => init(&node, &headers),
        Endpoint::Auth if method == Method::POST => {
            match read_limited(&headers, body, AUTH_BODY_MAX).await {
                Ok(b) => auth(&node, &headers, &b),
                Err(r) => r,
            }
        }
        Endpoint::Api | Endpoint::Trace
            if method == Method::POST
                && !node.config.admin.insecure
                && !has_token(&node, &headers) =>
        {
            warp::reply::with_status(Vec::<u8>::new(), StatusCode::UNAUTHORIZED).into_response()
        }
        Endpoint::Api if method == Method::POST => {
            match read_limited(&headers, body, crate::api::http::MAX_BODY).await {
                Ok(b) => crate::api::legacy::handle(&node, &b).await,
                Err(r) => r,
            }
        }
        Endpoint::Trace if method == Method::POST => {
            match read_limited(&headers, body, AUTH_BODY_MAX).await {
                Ok(b) => trace(&node, &b),
                Err(r) => r,
            }
        }
        Endpoint::Init | Endpoint::Auth | Endpoint::Api | Endpoint::Trace => method_not_allowed(),
    })
}

/// Starts a trace from a body `{"type": "user"|"channel", "entity": "..."}`: a stream of
/// newline-delimited JSON events, until the client goes away, falls behind or the server stops.
fn trace(node: &Node, body: &[u8]) -> warp::reply::Response {
    #[derive(Deserialize)]
    struct Req {
        #[serde(rename = "type", default)]
        kind: String,
        #[serde(default)]
        entity: String,
    }
    let target = serde_json::from_slice::<Req>(body)
        .map_err(|e| format!("the body must be {{\"type\": ..., \"entity\": ...}}: {e}"))
        .and_then(|r| crate::trace::Target::parse(&r.kind, &r.entity));
    let target = match target {
        Ok(t) => t,
        Err(why) => {
            let body = serde_json::json!({ "error": why }).to_string().into_bytes();
            return json(StatusCode::BAD_REQUEST, body);
        }
    };
    let watch = node.tracer.watch(target);
    let mut r = warp::reply::stream(watch).into_response();
    let h = r.headers_mut();
    h.insert(
        "content-type",
        HeaderValue::from_static("application/x-ndjson"),
    );
    h.insert("cache-control", HeaderValue::from_static("no-cache"));
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    r
}

fn is_file(ep: &Endpoint) -> bool {
    matches!(ep, Endpoint::File(_) | Endpoint::Redirect(_))
}

/// A filter passing the admin endpoints `wanted` picks for the request's path and method.
fn matching(
    prefix: String,
    wanted: fn(&Endpoint) -> bool,
) -> impl Filter<Extract = (Endpoint, Method), Error = warp::Rejection> + Clone {
    warp::path::full()
        .and(warp::method())
        .and_then(move |path: warp::path::FullPath, method: Method| {
            let ep = endpoint(&prefix, &method, path.as_str()).filter(wanted);
            async move {
                match ep {
                    Some(ep) => Ok((ep, method)),
                    None => Err(warp::reject::not_found()),
                }
            }
        })
        .untuple_one()
}

/// The admin routes for `node.config.admin` (mounted by `server` when `admin.enabled`).
pub(crate) fn route(node: Arc<Node>) -> BoxedFilter<(warp::reply::Response,)> {
    let prefix = node
        .config
        .admin
        .handler_prefix
        .trim_end_matches('/')
        .to_string();
    // Files never take the request body: a path that is no file goes on to other routes whole.
    let files = {
        let node = node.clone();
        matching(prefix.clone(), is_file)
            .and(warp::header::headers_cloned())
            .and_then(move |ep: Endpoint, method: Method, headers: HeaderMap| {
                handle(
                    node.clone(),
                    ep,
                    method,
                    headers,
                    Box::pin(futures_util::stream::empty::<
                        Result<bytes::Bytes, warp::Error>,
                    >()),
                )
            })
    };
    let calls = matching(prefix, |ep| !is_file(ep))
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .and_then(
            move |ep: Endpoint, method: Method, headers: HeaderMap, body| {
                handle(node.clone(), ep, method, headers, Box::pin(body))
            },
        );
    calls.or(files).unify().boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_found_below_the_prefix_only() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(endpoint("", &get, "/admin/init"), Some(Endpoint::Init));
        assert_eq!(endpoint("", &post, "/admin/auth"), Some(Endpoint::Auth));
        assert_eq!(endpoint("", &post, "/admin/api"), Some(Endpoint::Api));
        assert_eq!(endpoint("", &get, "/"), Some(Endpoint::File(String::new())));
        assert_eq!(
            endpoint("", &get, "/app.js"),
            Some(Endpoint::File("app.js".into()))
        );
        assert_eq!(endpoint("", &post, "/app.js"), None);
        assert_eq!(endpoint("", &post, "/admin/trace"), Some(Endpoint::Trace));
        assert_eq!(endpoint("", &post, "/admin/other"), None);
        assert_eq!(endpoint("/ui", &get, "/admin/init"), None);
        assert_eq!(endpoint("/ui", &get, "/uix/admin/init"), None);
        assert_eq!(
            endpoint("/ui", &get, "/ui/admin/init"),
            Some(Endpoint::Init)
        );
        assert_eq!(
            endpoint("/ui", &get, "/ui"),
            Some(Endpoint::Redirect("/ui/".into()))
        );
        assert_eq!(endpoint("/ui", &post, "/ui"), None);
    }

    #[test]
    fn login_bodies_are_forms_or_json() {
        let mut h = HeaderMap::new();
        assert_eq!(password(&h, b"password=a%20b%2B"), Some("a b+".into()));
        assert_eq!(password(&h, b"x=1"), None);
        h.insert("content-type", HeaderValue::from_static("application/json"));
        assert_eq!(password(&h, br#"{"password":"pw"}"#), Some("pw".into()));
        assert_eq!(password(&h, b"password=pw"), None);
        assert_eq!(password(&h, br#"{"password":1}"#), None);
    }
}
