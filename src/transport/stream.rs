//! A session whose server-to-client half is a streaming HTTP response: HTTP-streaming and SSE,
//! bidirectional (emulation) or unidirectional. The session runs on the shared edge; this module
//! frames what it writes into the response body and starts it.

use super::edge::{self, FrameWriter};
use super::http::{self, Body};
use super::uni;
use crate::node::Node;
use crate::outbox::Protocol;
use crate::protocol::pb;
use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use warp::http::{header, HeaderName, HeaderValue, Response};

/// Each write to a streaming response must finish within this (as Centrifugo's 1 s deadline).
const STREAM_WRITE_TIMEOUT: Duration = Duration::from_secs(1);
/// Frames between the session's writer and the response body.
const BODY_BACKLOG: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// Bidirectional: JSON replies each followed by `\n`; Protobuf replies varint-delimited.
    HttpStream,
    /// Bidirectional: each JSON reply as one `data: ...` event.
    Sse,
    /// Unidirectional: bare JSON pushes, each followed by `\n`.
    UniHttpStream,
    /// Unidirectional: each bare JSON push as one `data: ...` event.
    UniSse,
}

impl Framing {
    fn sse(self) -> bool {
        matches!(self, Framing::Sse | Framing::UniSse)
    }

    fn uni(self) -> bool {
        matches!(self, Framing::UniHttpStream | Framing::UniSse)
    }
}

/// What the writer hands to the response: bytes, or the last bytes with the disconnect they
/// carry (a unidirectional transport may answer a failed connect with an HTTP status instead).
pub(crate) enum Out {
    Data(Bytes),
    Closed {
        code: u16,
        reason: String,
        data: Bytes,
    },
}

impl From<Out> for Bytes {
    fn from(o: Out) -> Bytes {
        match o {
            Out::Data(b) | Out::Closed { data: b, .. } => b,
        }
    }
}

/// Frames what the session writes into the streaming response.
struct StreamWriter {
    tx: mpsc::Sender<Out>,
    framing: Framing,
    format: Protocol,
}

fn frame(framing: Framing, format: Protocol, items: &[Bytes]) -> Bytes {
    let extra = if framing.sse() { 8 } else { 1 };
    let mut out = Vec::with_capacity(items.iter().map(|b| b.len() + extra).sum());
    for item in items {
        let item = if framing.uni() {
            uni::bare_push_json(item)
        } else {
            item.clone()
        };
        if framing.sse() {
            out.extend_from_slice(b"data: ");
            out.extend_from_slice(&item);
            out.extend_from_slice(b"\n\n");
        } else if format == Protocol::Protobuf {
            // Protobuf items are already length-delimited.
            out.extend_from_slice(&item);
        } else {
            out.extend_from_slice(&item);
            out.push(b'\n');
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
        self.tx.send(Out::Data(f)).await.map_err(|_| gone())
    }

    async fn pong(&mut self, _payload: Bytes) -> std::io::Result<()> {
        Ok(())
    }

    /// A `disconnect` push (in a Reply on bidirectional transports), then the end of the stream.
    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        let item = if self.framing.uni() {
            uni::disconnect_push(code, &reason)
        } else {
            let reply = pb::Reply {
                push: Some(edge::disconnect_push(code, reason.clone())),
                ..Default::default()
            };
            match self.format.encode(&reply) {
                Some(b) => Bytes::from(b),
                None => return Ok(()),
            }
        };
        // Framed as a data item (the uni framing leaves a bare push as it is).
        let data = frame(self.framing, self.format, &[item]);
        self.tx
            .send(Out::Closed { code, reason, data })
            .await
            .map_err(|_| gone())
    }
}

/// A session being started on a streaming response.
pub(crate) struct Start {
    pub node: Arc<Node>,
    pub transport: &'static str,
    pub framing: Framing,
    pub format: Protocol,
    pub admitted: edge::Admitted,
}

/// Starts the session on `frames` (the request's frame first); returns its handle and what its
/// writer produces, for the response body.
pub(crate) fn start<S>(
    s: Start,
    handle: Arc<crate::outbox::ClientHandle>,
    frames: S,
) -> mpsc::Receiver<Out>
where
    S: futures_util::Stream<Item = Bytes> + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Out>(BODY_BACKLOG);
    // A client that goes away while nothing is being written: the response body is dropped.
    edge::close_when_gone(&tx, &handle);
    let writer = StreamWriter {
        tx,
        framing: s.framing,
        format: s.format,
    };
    let node = s.node;
    let session = handle.session.clone();
    let transport = s.transport;
    tokio::spawn(async move {
        edge::serve(
            node.clone(),
            transport,
            handle,
            frames,
            writer,
            STREAM_WRITE_TIMEOUT,
            s.admitted,
        )
        .await;
        node.end_emulated(&session);
    });
    rx
}

/// The streaming response: headers as Centrifugo sends them, `first` (if any) before what the
/// session writes.
pub(crate) fn response(
    framing: Framing,
    first: Option<Bytes>,
    rx: mpsc::Receiver<Out>,
    cors: Vec<(HeaderName, HeaderValue)>,
) -> Response<Body> {
    let mut resp = Response::new(http::streaming_body(first, rx));
    let h = resp.headers_mut();
    if framing.sse() {
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
        let push = [Bytes::from_static(br#"{"push":{"channel":"c"}}"#)];
        assert_eq!(
            frame(Framing::UniSse, Protocol::Json, &push),
            Bytes::from_static(b"data: {\"channel\":\"c\"}\n\n")
        );
        assert_eq!(
            frame(Framing::UniHttpStream, Protocol::Json, &push),
            Bytes::from_static(b"{\"channel\":\"c\"}\n")
        );
    }
}
