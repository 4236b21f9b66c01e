//! The one reader of WebSocket frames from clients: masked, possibly fragmented, possibly
//! compressed (permessage-deflate), checked against `websocket.message_size_limit` before their
//! payload is buffered. Every WebSocket connection reads through it.

use bytes::{Buf, Bytes, BytesMut};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::{Error as WsError, Message, Utf8Bytes};

/// The most the buffer grows by for a frame still arriving.
const READ_STEP: usize = 64 * 1024;
/// Read buffer per connection: commands are small, and idle connections' memory is mostly this
/// (tungstenite's default of 128 KiB would dominate it); it grows for large messages.
const INITIAL_BUFFER: usize = 1024;
/// A buffer that grew past this is replaced by a small one once empty.
const KEEP_BUFFER: usize = 16 * 1024;

/// Reads client frames (masked, possibly compressed) into messages, as tungstenite would.
pub(crate) struct FrameReader<R> {
    io: R,
    buf: BytesMut,
    /// `websocket.message_size_limit` (0 = none).
    max: usize,
    /// A fragmented message being collected: (opcode, compressed, payload).
    partial: Option<(u8, bool, Vec<u8>)>,
}

fn protocol(e: ProtocolError) -> WsError {
    WsError::Protocol(e)
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub(crate) fn new(io: R, max: usize) -> FrameReader<R> {
        FrameReader {
            io,
            buf: BytesMut::with_capacity(INITIAL_BUFFER),
            max,
            partial: None,
        }
    }

    /// The next message; None at the end of the stream.
    pub(crate) async fn next_message(&mut self) -> Option<Result<Message, WsError>> {
        loop {
            match self.parse() {
                Ok(Some(m)) => return Some(Ok(m)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
            if self.buf.is_empty() && self.buf.capacity() > KEEP_BUFFER {
                // After a large message: idle connections go back to a small buffer.
                self.buf = BytesMut::with_capacity(INITIAL_BUFFER);
            }
            if self.buf.capacity() - self.buf.len() < INITIAL_BUFFER / 4 {
                self.buf.reserve(INITIAL_BUFFER);
            }
            match self.io.read_buf(&mut self.buf).await {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(WsError::Io(e))),
            }
        }
    }

    /// One complete message from the buffer, if there is one.
    fn parse(&mut self) -> Result<Option<Message>, WsError> {
        loop {
            let b = &self.buf[..];
            if b.len() < 2 {
                return Ok(None);
            }
            let (fin, rsv1, opcode) = (b[0] & 0x80 != 0, b[0] & 0x40 != 0, b[0] & 0x0f);
            if b[0] & 0x30 != 0 {
                return Err(protocol(ProtocolError::NonZeroReservedBits));
            }
            if b[1] & 0x80 == 0 {
                return Err(protocol(ProtocolError::UnmaskedFrameFromClient));
            }
            let (len, head) = match b[1] & 0x7f {
                126 if b.len() >= 4 => (u64::from(u16::from_be_bytes([b[2], b[3]])), 4),
                127 if b.len() >= 10 => {
                    let mut n = [0u8; 8];
                    n.copy_from_slice(&b[2..10]);
                    (u64::from_be_bytes(n), 10)
                }
                126 | 127 => return Ok(None),
                n => (u64::from(n), 2),
            };
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            let collected = self.partial.as_ref().map_or(0, |p| p.2.len());
            if self.max > 0 && collected.saturating_add(len) > self.max {
                return Err(WsError::Capacity(CapacityError::MessageTooLong {
                    size: collected.saturating_add(len),
                    max_size: self.max,
                }));
            }
            let total = len.saturating_add(head + 4);
            if b.len() < total {
                // Room for what is missing, in steps: a length from the wire is never allocated
                // for before its bytes arrive (without a size limit it could be anything).
                self.buf.reserve((total - b.len()).min(READ_STEP));
                return Ok(None);
            }
            let mask = [b[head], b[head + 1], b[head + 2], b[head + 3]];
            self.buf.advance(head + 4);
            let mut payload = self.buf.split_to(len);
            for (i, byte) in payload.iter_mut().enumerate() {
                *byte ^= mask[i & 3];
            }
            if opcode >= 8 {
                if !fin || len > 125 || rsv1 {
                    return Err(protocol(ProtocolError::FragmentedControlFrame));
                }
                return Ok(Some(match opcode {
                    0x8 => Message::Close(None),
                    0x9 => Message::Ping(payload.freeze()),
                    0xA => Message::Pong(payload.freeze()),
                    op => return Err(protocol(ProtocolError::InvalidOpcode(op))),
                }));
            }
            let (op, compressed, mut data) = match (opcode, self.partial.take()) {
                (0x0, Some((op, c, mut acc))) if !rsv1 => {
                    acc.extend_from_slice(&payload);
                    (op, c, acc)
                }
                (0x1 | 0x2, None) => (opcode, rsv1, payload.to_vec()),
                (op, _) => return Err(protocol(ProtocolError::InvalidOpcode(op))),
            };
            if !fin {
                self.partial = Some((op, compressed, data));
                continue;
            }
            if compressed {
                data = super::deflate::inflate(&data, self.max)?;
            }
            return Ok(Some(match op {
                0x1 => Message::Text(
                    Utf8Bytes::try_from(Bytes::from(data))
                        .map_err(|e| WsError::Utf8(e.to_string()))?,
                ),
                _ => Message::Binary(Bytes::from(data)),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::deflate::deflate;

    fn frame(fin: bool, rsv1: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![(u8::from(fin) << 7) | (u8::from(rsv1) << 6) | opcode];
        match payload.len() {
            n if n < 126 => out.push(0x80 | n as u8),
            n => {
                out.push(0x80 | 126);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
        }
        let mask = [1u8, 2, 3, 4];
        out.extend_from_slice(&mask);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i & 3]));
        out
    }

    #[tokio::test]
    async fn reader_handles_compressed_fragmented_and_control_frames() {
        let cmd = br#"{"id":1,"connect":{"token":"abc"}}"#;
        let packed = deflate(cmd, 1);
        let mut wire = frame(true, true, 0x1, &packed);
        wire.extend(frame(false, false, 0x2, b"ab"));
        wire.extend(frame(true, false, 0x9, b"p"));
        wire.extend(frame(true, false, 0x0, b"cd"));
        wire.extend(frame(true, false, 0x8, &1000u16.to_be_bytes()));
        let mut r = FrameReader::new(&wire[..], 0);
        let mut got = Vec::new();
        while let Some(m) = r.next_message().await {
            got.push(m.expect("frame"));
        }
        assert_eq!(
            got,
            vec![
                Message::Text(Utf8Bytes::try_from(Bytes::from_static(cmd)).expect("utf8")),
                Message::Ping(Bytes::from_static(b"p")),
                Message::Binary(Bytes::from_static(b"abcd")),
                Message::Close(None),
            ]
        );
        // Too big, unmasked, reserved bits: errors.
        let big = frame(true, false, 0x2, &[0u8; 200]);
        let mut r = FrameReader::new(&big[..], 100);
        assert!(matches!(
            r.next_message().await,
            Some(Err(WsError::Capacity(_)))
        ));
        let mut unmasked = frame(true, false, 0x1, b"x");
        unmasked[1] &= 0x7f;
        let mut r = FrameReader::new(&unmasked[..], 0);
        assert!(matches!(r.next_message().await, Some(Err(_))));
        let mut rsv = frame(true, false, 0x1, b"x");
        rsv[0] |= 0x20;
        let mut r = FrameReader::new(&rsv[..], 0);
        assert!(matches!(r.next_message().await, Some(Err(_))));
    }

    #[tokio::test]
    async fn a_huge_length_without_a_limit_is_not_allocated_up_front() {
        // A frame header claiming 2^62 bytes, then the stream ends: no allocation of that size.
        let mut wire = vec![0x82, 0x80 | 127];
        wire.extend_from_slice(&(1u64 << 62).to_be_bytes());
        wire.extend_from_slice(&[1, 2, 3, 4]);
        let mut r = FrameReader::new(&wire[..], 0);
        assert!(r.next_message().await.is_none());
        assert!(r.buf.capacity() < 1 << 20, "{}", r.buf.capacity());
    }
}
