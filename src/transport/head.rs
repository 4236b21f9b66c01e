//! The first request head of an accepted connection, read before hyper sees the connection.
//!
//! hyper gives each connection an 8 KiB read buffer and an 8 KiB write buffer as soon as it is
//! served, so a socket that connects and then says nothing (or half a request line) would cost
//! more than a whole idle WebSocket client. Until the head is complete a connection is only its
//! socket, a timer and the bytes it has sent; then hyper parses those bytes again from the start
//! ([`Prefixed`] replays them) and everything after behaves as before.

use bytes::{Bytes, BytesMut};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Past this many bytes without a blank line the connection goes to hyper as it is (which answers
/// an oversized head with 431), so this reader never holds more than this per connection.
const MAX_HELD: usize = 16 * 1024;

/// Room made for each read (the buffer is only allocated once the peer has sent something).
const STEP: usize = 1024;

/// Waits for the end of the first request head (a blank line) and returns the connection with the
/// bytes read so far. `None` when the peer closed, failed or took longer than `timeout` (dropped
/// without an answer, as Go's server drops a connection past its ReadHeaderTimeout).
pub(crate) async fn first_head(stream: TcpStream, timeout: Duration) -> Option<Prefixed> {
    let mut held = BytesMut::new();
    let read = async {
        loop {
            stream.readable().await.ok()?;
            let from = held.len().saturating_sub(3);
            held.reserve(STEP);
            match stream.try_read_buf(&mut held) {
                Ok(0) => return None,
                Ok(_) => {
                    if ends_head(&held[from..]) || held.len() >= MAX_HELD {
                        return Some(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(_) => return None,
            }
        }
    };
    tokio::time::timeout(timeout, read).await.ok()??;
    Some(Prefixed {
        prefix: held.freeze(),
        inner: stream,
    })
}

/// Whether these bytes contain a blank line: `\n\n` or `\n\r\n` (HTTP/1 heads end with one; so
/// does the HTTP/2 preface's first line). Finding one early only hands over sooner: hyper reads
/// the rest from the socket itself.
fn ends_head(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| w == b"\n\n" || (w[0] == b'\n' && w[1] == b'\r'))
}

/// A TCP connection whose first bytes were already read: reads replay them, then go to the socket.
pub(crate) struct Prefixed {
    prefix: Bytes,
    inner: TcpStream,
}

impl Prefixed {
    /// The socket and whatever of the replayed bytes hyper has not read.
    pub(crate) fn into_parts(self) -> (Bytes, TcpStream) {
        (self.prefix, self.inner)
    }
}

impl AsyncRead for Prefixed {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if !self.prefix.is_empty() {
            let n = self.prefix.len().min(buf.remaining());
            let chunk = self.prefix.split_to(n);
            buf.put_slice(&chunk);
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Prefixed {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::ends_head;

    #[test]
    fn a_blank_line_ends_the_head() {
        assert!(ends_head(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(ends_head(b"GET / HTTP/1.1\nHost: x\n\n"));
        assert!(ends_head(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        assert!(!ends_head(b"GET / HTTP/1.1\r\nHost: x\r\n"));
        assert!(!ends_head(b"GET / HTTP/1.1\r"));
    }
}
