//! SockJS (`sockjs.enabled`, ours: Centrifugo v5 served it at `/connection/sockjs`, v6 dropped
//! it): the SockJS protocol carrying JSON client protocol frames, for sockjs-client and
//! centrifuge-js's `sockjs` transport. Served: `/info`, and per session
//! `/<server>/<session>/websocket`, `xhr_streaming`, `xhr` (polling), `eventsource` and
//! `xhr_send`. Frames: `o` open, `a[...]` messages (each a JSON string holding one encoded
//! reply), `c[code,"reason"]` close; the client sends JSON arrays of strings, each a frame of
//! commands. The session is the shared one (transport "sockjs"); over HTTP, the request that
//! receives takes the session's outgoing frames for as long as it lasts (up to 128 KiB for the
//! streaming ones, one frame for polling) and gives them back, and `xhr_send` hands commands in
//! the way `/emulation` does.

use super::edge::{self, FrameWriter};
use super::http::{self, Body};
use crate::node::Node;
use crate::outbox::Protocol;
use bytes::Bytes;
use hyper::body::{Frame, Incoming};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::mpsc;
use warp::http::{header, HeaderValue, Method, Request, Response, StatusCode};

/// A streaming response ends after this much, and the client opens the next (as sockjs-node).
const STREAM_LIMIT: usize = 128 << 10;
/// Frames the session may have waiting for a receiving request.
const BACKLOG: usize = 256;

/// The strings of a client message: `["a","b"]` or `"a"`; None when it is neither.
pub(crate) fn client_messages(data: &[u8]) -> Option<Vec<Bytes>> {
    match serde_json::from_slice::<serde_json::Value>(data).ok()? {
        serde_json::Value::String(s) => Some(vec![Bytes::from(s)]),
        serde_json::Value::Array(a) => a
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Some(Bytes::from(s)),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// `a[...]`: each item (an encoded JSON reply) as a JSON string.
pub(crate) fn message_frame(items: &[Bytes]) -> Bytes {
    let mut out = Vec::with_capacity(items.iter().map(|b| b.len() + 8).sum::<usize>() + 3);
    out.extend_from_slice(b"a[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let text = String::from_utf8_lossy(item);
        out.extend_from_slice(
            serde_json::Value::from(text.as_ref())
                .to_string()
                .as_bytes(),
        );
    }
    out.push(b']');
    Bytes::from(out)
}

/// `c[code,"reason"]`.
pub(crate) fn close_frame(code: u16, reason: &str) -> Bytes {
    Bytes::from(format!("c[{code},{}]", serde_json::Value::from(reason)))
}

pub(crate) fn is_endpoint(node: &Node, path: &str) -> bool {
    let s = &node.config.sockjs;
    s.enabled
        && path
            .strip_prefix(s.handler_prefix.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The outgoing side of a session served over HTTP.
struct Outgoing {
    /// The frames, while no request is receiving them.
    parked: Mutex<Option<mpsc::Receiver<Bytes>>>,
    handle: Arc<crate::outbox::ClientHandle>,
}

type Sessions = Mutex<HashMap<(String, String), Arc<Outgoing>>>;

fn sessions() -> &'static Sessions {
    static S: OnceLock<Sessions> = OnceLock::new();
    S.get_or_init(Default::default)
}

fn lock() -> std::sync::MutexGuard<'static, HashMap<(String, String), Arc<Outgoing>>> {
    sessions().lock().unwrap_or_else(|e| e.into_inner())
}

/// Puts the receiver back when a receiving request ends (or its client goes away).
struct Lease {
    out: Arc<Outgoing>,
    rx: Option<mpsc::Receiver<Bytes>>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(rx) = self.rx.take() {
            *self.out.parked.lock().unwrap_or_else(|e| e.into_inner()) = Some(rx);
        }
    }
}

/// Writes the session's frames for the HTTP receiving requests.
struct HttpWriter {
    tx: mpsc::Sender<Bytes>,
}

impl FrameWriter for HttpWriter {
    async fn send(&mut self, _format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        self.tx
            .send(message_frame(items))
            .await
            .map_err(|_| std::io::ErrorKind::BrokenPipe.into())
    }

    async fn pong(&mut self, _payload: Bytes) -> std::io::Result<()> {
        Ok(())
    }

    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        self.tx
            .send(close_frame(code, &reason))
            .await
            .map_err(|_| std::io::ErrorKind::BrokenPipe.into())
    }
}

fn key(node: &Node, session: &str) -> String {
    format!("sockjs:{session}:{}", node.id)
}

fn with_cors(
    node: &Node,
    req_headers: &Request<Incoming>,
    mut r: Response<Body>,
) -> Response<Body> {
    let h = r.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache, no-transform, must-revalidate, max-age=0"),
    );
    for (k, v) in http::cors_headers(node, req_headers) {
        h.insert(k, v);
    }
    r
}

fn text(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Response<Body> {
    let mut r = Response::new(http::full(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

pub(crate) async fn handle(node: Arc<Node>, req: Request<Incoming>) -> Response<Body> {
    let prefix = node.config.sockjs.handler_prefix.clone();
    let rest = req.uri().path()[prefix.len()..].to_string();
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    if req.method() == Method::OPTIONS {
        let mut r = with_cors(&node, &req, http::status(StatusCode::NO_CONTENT));
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("OPTIONS, GET, POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("31536000"),
        );
        return r;
    }
    match parts.as_slice() {
        [] => text(
            StatusCode::OK,
            "text/plain; charset=UTF-8",
            "Welcome to SockJS!\n",
        ),
        ["info"] => {
            let entropy: u32 = rand::random();
            let body = serde_json::json!({
                "websocket": true, "origins": ["*:*"], "cookie_needed": false, "entropy": entropy,
            });
            with_cors(
                &node,
                &req,
                text(
                    StatusCode::OK,
                    "application/json; charset=UTF-8",
                    body.to_string(),
                ),
            )
        }
        [server, session, kind] if valid_id(server) && valid_id(session) => {
            let session = session.to_string();
            match *kind {
                "websocket" => http::from_warp(super::websocket::upgrade(
                    node,
                    req,
                    super::websocket::Mode::Sockjs,
                )),
                "xhr_send" => xhr_send(node, req, &session).await,
                "xhr_streaming" => receive(node, req, &session, Receiving::Streaming).await,
                "xhr" => receive(node, req, &session, Receiving::Polling).await,
                "eventsource" => receive(node, req, &session, Receiving::EventSource).await,
                _ => http::status(StatusCode::NOT_FOUND),
            }
        }
        _ => http::status(StatusCode::NOT_FOUND),
    }
}

/// Server and session ids: no dots, not empty (SockJS protocol).
fn valid_id(s: &str) -> bool {
    !s.is_empty() && !s.contains('.') && s.len() <= 64
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Receiving {
    Streaming,
    Polling,
    EventSource,
}

async fn xhr_send(node: Arc<Node>, req: Request<Incoming>, session: &str) -> Response<Body> {
    if req.method() != Method::POST {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let exists = lock().contains_key(&(node.id.clone(), session.to_string()));
    if !exists {
        return with_cors(&node, &req, http::status(StatusCode::NOT_FOUND));
    }
    let cors = http::cors_headers(&node, &req);
    let max = super::emulation::limit(node.config.sockjs.max_request_body_size);
    let body = match http::read_body(req.into_body(), max).await {
        Ok(b) => b,
        Err(code) => return http::status(code),
    };
    if body.is_empty() {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain; charset=UTF-8",
            "Payload expected.",
        );
    }
    let Some(messages) = client_messages(&body) else {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain; charset=UTF-8",
            "Broken JSON encoding.",
        );
    };
    for m in messages {
        node.deliver_emulated(&key(&node, session), m);
    }
    let mut r = text(StatusCode::NO_CONTENT, "text/plain; charset=UTF-8", "");
    for (k, v) in cors {
        r.headers_mut().insert(k, v);
    }
    r
}

/// A receiving request: opens the session on its first one, then streams (or polls) its frames.
async fn receive(
    node: Arc<Node>,
    req: Request<Incoming>,
    session: &str,
    kind: Receiving,
) -> Response<Body> {
    let get_ok = kind == Receiving::EventSource;
    if (get_ok && req.method() != Method::GET) || (!get_ok && req.method() != Method::POST) {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let id = (node.id.clone(), session.to_string());
    let existing = lock().get(&id).cloned();
    let (out, opened) = match existing {
        Some(o) => (o, false),
        None => {
            let admitted = match edge::admit(&node, req.headers()) {
                Ok(a) => a,
                Err(code) => return http::status(code),
            };
            (open(&node, &id, admitted), true)
        }
    };
    let rx = out.parked.lock().unwrap_or_else(|e| e.into_inner()).take();
    let (content_type, prelude): (&'static str, Bytes) = match kind {
        Receiving::Streaming => (
            "application/javascript; charset=UTF-8",
            Bytes::from([vec![b'h'; 2048], vec![b'\n']].concat()),
        ),
        Receiving::Polling => ("application/javascript; charset=UTF-8", Bytes::new()),
        Receiving::EventSource => (
            "text/event-stream; charset=UTF-8",
            Bytes::from_static(b"\r\n"),
        ),
    };
    let frame = move |f: &[u8]| -> Bytes {
        match kind {
            Receiving::EventSource => [b"data: ", f, b"\r\n\r\n"].concat().into(),
            _ => [f, b"\n"].concat().into(),
        }
    };
    let Some(rx) = rx else {
        let busy = frame(&close_frame(2010, "Another connection still open"));
        let r = text(StatusCode::OK, content_type, [prelude, busy].concat());
        return with_cors(&node, &req, r);
    };
    let mut first = prelude.to_vec();
    if opened {
        first.extend_from_slice(&frame(b"o"));
    }
    let lease = Lease { out, rx: Some(rx) };
    // Polling answers the open frame alone, or one batch of frames.
    let once = kind == Receiving::Polling;
    let done_after_first = once && opened;
    let state = (lease, 0usize, done_after_first);
    let rest = futures_util::stream::unfold(state, move |(mut lease, sent, done)| async move {
        if done || sent >= STREAM_LIMIT {
            return None;
        }
        let f = lease.rx.as_mut()?.recv().await;
        match f {
            Some(f) => {
                let is_close = f.starts_with(b"c[");
                let b = frame(&f);
                let n = sent + b.len();
                Some((b, (lease, n, once || is_close)))
            }
            None => None,
        }
    });
    let body = futures_util::StreamExt::map(
        futures_util::StreamExt::chain(
            futures_util::stream::iter((!first.is_empty()).then(|| Bytes::from(first))),
            rest,
        ),
        |b| Ok::<_, http::BoxError>(Frame::data(b)),
    );
    let mut r = Response::new(http_body_util::BodyExt::boxed_unsync(
        http_body_util::StreamBody::new(body),
    ));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    with_cors(&node, &req, r)
}

/// Starts a session served over HTTP and registers it.
fn open(node: &Arc<Node>, id: &(String, String), admitted: edge::Admitted) -> Arc<Outgoing> {
    let handle = edge::new_handle(node, Protocol::Json);
    let commands = node.start_emulated(&key(node, &id.1));
    let frames = futures_util::stream::unfold(commands, |mut rx| async move {
        rx.recv().await.map(|b| (b, rx))
    });
    let (tx, rx) = mpsc::channel(BACKLOG);
    let out = Arc::new(Outgoing {
        parked: Mutex::new(Some(rx)),
        handle: handle.clone(),
    });
    lock().insert(id.clone(), out.clone());
    let node2 = node.clone();
    let id2 = id.clone();
    let delay = node.config.sockjs.disconnect_delay;
    // A session nobody receives for `disconnect_delay` is closed (its client is gone).
    let watched = out.clone();
    tokio::spawn(async move {
        let mut idle = Duration::ZERO;
        let step = Duration::from_millis(250);
        loop {
            tokio::select! {
                _ = tokio::time::sleep(step) => {}
                _ = watched.handle.closed() => return,
            }
            let parked = watched
                .parked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .is_some();
            idle = if parked { idle + step } else { Duration::ZERO };
            if idle >= delay {
                watched
                    .handle
                    .close(crate::protocol::Disconnect::connection_closed());
                return;
            }
        }
    });
    tokio::spawn(async move {
        edge::serve(
            node2.clone(),
            "sockjs",
            handle,
            frames,
            HttpWriter { tx },
            delay.max(Duration::from_secs(1)),
            admitted,
        )
        .await;
        node2.end_emulated(&key(&node2, &id2.1));
        lock().remove(&id2);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_both_ways() {
        assert_eq!(
            message_frame(&[Bytes::from_static(b"{\"id\":1}"), Bytes::from_static(b"{}")]),
            Bytes::from_static(br#"a["{\"id\":1}","{}"]"#)
        );
        assert_eq!(
            close_frame(3000, "go \"away\""),
            Bytes::from_static(br#"c[3000,"go \"away\""]"#)
        );
        assert_eq!(
            client_messages(br#"["{\"id\":1}","x"]"#),
            Some(vec![
                Bytes::from_static(b"{\"id\":1}"),
                Bytes::from_static(b"x")
            ])
        );
        assert_eq!(
            client_messages(br#""one""#),
            Some(vec![Bytes::from_static(b"one")])
        );
        for bad in [&b"[1]"[..], b"{}", b"nope"] {
            assert_eq!(client_messages(bad), None);
        }
    }
}
