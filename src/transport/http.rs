//! HTTP pieces the streaming transports share: the response body type the server speaks (warp's
//! replies are mapped into it), statuses, CORS as Centrifugo's middleware sets it, bounded request
//! bodies and query parameters.

use super::origin;
use crate::node::Node;
use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::BodyExt;
use hyper::body::{Frame, Incoming};
use warp::http::{header, HeaderName, HeaderValue, Request, Response, StatusCode};

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// The body of every response the server sends.
pub(crate) type Body = UnsyncBoxBody<Bytes, BoxError>;

/// A warp reply as a server response.
pub(crate) fn from_warp(r: warp::reply::Response) -> Response<Body> {
    r.map(|b| b.map_err(|e| Box::new(e) as BoxError).boxed_unsync())
}

pub(crate) fn empty() -> Body {
    http_body_util::Empty::new()
        .map_err(|e: std::convert::Infallible| match e {})
        .boxed_unsync()
}

pub(crate) fn full(b: impl Into<Bytes>) -> Body {
    http_body_util::Full::new(b.into())
        .map_err(|e: std::convert::Infallible| match e {})
        .boxed_unsync()
}

/// A response body: `first` (if any), then what a channel brings until every sender is gone.
pub(crate) fn streaming_body<T>(first: Option<Bytes>, rx: tokio::sync::mpsc::Receiver<T>) -> Body
where
    T: Into<Bytes> + Send + 'static,
{
    use futures_util::StreamExt;
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (b.into(), rx))
    });
    let s = futures_util::stream::iter(first)
        .chain(rest)
        .map(|b| Ok::<_, BoxError>(Frame::data(b)));
    http_body_util::StreamBody::new(s).boxed_unsync()
}

pub(crate) fn status(code: StatusCode) -> Response<Body> {
    let mut r = Response::new(empty());
    *r.status_mut() = code;
    r
}

pub(crate) fn with(
    mut r: Response<Body>,
    headers: Vec<(HeaderName, HeaderValue)>,
) -> Response<Body> {
    for (k, v) in headers {
        r.headers_mut().insert(k, v);
    }
    r
}

/// CORS headers for a request whose Origin passes `client.allowed_origins`: the origin echoed,
/// credentials allowed, the requested headers allowed. None for other requests.
pub(crate) fn cors_headers<B>(node: &Node, req: &Request<B>) -> Vec<(HeaderName, HeaderValue)> {
    let Some(o) = req.headers().get(header::ORIGIN) else {
        return Vec::new();
    };
    if !origin::allowed(o.to_str().ok(), &node.config.client.allowed_origins) {
        return Vec::new();
    }
    let mut out = vec![
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, o.clone()),
        (
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        ),
    ];
    if let Some(h) = req.headers().get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        out.push((header::ACCESS_CONTROL_ALLOW_HEADERS, h.clone()));
    }
    out
}

/// A browser's preflight: 204 with the allowed methods, cached for 5 minutes.
pub(crate) fn preflight<B>(node: &Node, req: &Request<B>) -> Response<Body> {
    let mut headers = cors_headers(node, req);
    headers.push((
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("300"),
    ));
    headers.push((
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    ));
    with(status(StatusCode::NO_CONTENT), headers)
}

/// The whole request body, at most `max` bytes (413 beyond; 499 when the client went away).
pub(crate) async fn read_body(body: Incoming, max: usize) -> Result<Bytes, StatusCode> {
    match http_body_util::Limited::new(body, max).collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(StatusCode::PAYLOAD_TOO_LARGE),
        Err(_) => Err(StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST)),
    }
}

/// A URL query parameter, percent-decoded (`+` as space).
pub(crate) fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (decode(k)? == name).then(|| decode(v)).flatten()
    })
}

fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_are_decoded() {
        let q = "a=1&cf_connect=%7B%22id%22%3A1%2C%22connect%22%3A%7B%7D%7D&b=x+y";
        assert_eq!(
            query_param(q, "cf_connect").as_deref(),
            Some(r#"{"id":1,"connect":{}}"#)
        );
        assert_eq!(query_param(q, "b").as_deref(), Some("x y"));
        assert_eq!(query_param(q, "missing"), None);
        assert_eq!(query_param("cf_connect=%zz", "cf_connect"), None);
    }
}
