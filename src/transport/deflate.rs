//! WebSocket permessage-deflate (RFC 7692) for `websocket.compression`, in the form Centrifugo
//! negotiates: no context takeover either way, so every message is deflated on its own and no
//! compression state lives with an idle connection.
//!
//! tungstenite refuses frames with RSV1 set, so compressed connections read frames with
//! [`FrameReader`] instead; outgoing frames are deflated by the raw writer with [`deflate`].

use bytes::{Buf, Bytes, BytesMut};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::{Error as WsError, Message, Utf8Bytes};

/// The extension as the server accepts it.
pub(crate) const RESPONSE: &str =
    "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

/// The four bytes a sync flush ends with, left off on the wire (RFC 7692 §7.2.1).
const TAIL: [u8; 4] = [0x00, 0x00, 0xff, 0xff];

/// Whether a `Sec-WebSocket-Extensions` value offers permessage-deflate.
pub(crate) fn offered(header_values: &[&str]) -> bool {
    header_values.iter().any(|v| {
        v.split(',')
            .any(|ext| ext.split(';').next().map(str::trim) == Some("permessage-deflate"))
    })
}

thread_local! {
    // Deflate state is large; one per thread is reused (reset per message) instead of one per call.
    static COMPRESS: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
    static DECOMPRESS: RefCell<Option<Decompress>> = const { RefCell::new(None) };
}

/// `websocket.compression_level` as a deflate level (-1 and out-of-range values: the default, 6).
fn level(configured: i32) -> u32 {
    u32::try_from(configured)
        .ok()
        .filter(|l| *l <= 9)
        .unwrap_or(6)
}

/// The payload of one compressed message (without the sync-flush tail).
pub fn deflate(payload: &[u8], configured_level: i32) -> Vec<u8> {
    let lvl = level(configured_level);
    COMPRESS.with(|cell| {
        let mut slot = cell.borrow_mut();
        let c = match slot.as_mut() {
            Some((l, c)) if *l == lvl => {
                c.reset();
                c
            }
            _ => {
                &mut slot
                    .insert((lvl, Compress::new(Compression::new(lvl), false)))
                    .1
            }
        };
        let mut out = Vec::with_capacity(payload.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(c.total_in()).unwrap_or(usize::MAX);
            let input = payload.get(consumed..).unwrap_or_default();
            if out.capacity() - out.len() < 64 {
                out.reserve(out.capacity().max(256));
            }
            if c.compress_vec(input, &mut out, FlushCompress::Sync)
                .is_err()
            {
                // Cannot happen with in-memory buffers; an empty deflate block keeps the frame valid.
                return vec![0x02, 0x00];
            }
            // Done once all input is in and the flush ended with room to spare (nothing pending).
            if c.total_in() as usize >= payload.len() && out.len() < out.capacity() {
                break;
            }
        }
        if out.ends_with(&TAIL) {
            out.truncate(out.len() - TAIL.len());
        }
        out
    })
}

/// Inflates one message; more than `max` bytes (0 = no limit) is a capacity error.
pub fn inflate(payload: &[u8], max: usize) -> Result<Vec<u8>, WsError> {
    let too_long = |size| {
        WsError::Capacity(CapacityError::MessageTooLong {
            size,
            max_size: max,
        })
    };
    let mut input = Vec::with_capacity(payload.len() + TAIL.len());
    input.extend_from_slice(payload);
    input.extend_from_slice(&TAIL);
    DECOMPRESS.with(|cell| {
        let mut slot = cell.borrow_mut();
        let d = slot.get_or_insert_with(|| Decompress::new(false));
        d.reset(false);
        let mut out: Vec<u8> = Vec::with_capacity((payload.len() * 3).clamp(64, 1 << 16));
        loop {
            let consumed = usize::try_from(d.total_in()).unwrap_or(usize::MAX);
            let rest = input.get(consumed..).unwrap_or_default();
            if out.len() == out.capacity() {
                if max > 0 && out.len() > max {
                    return Err(too_long(out.len()));
                }
                out.reserve(out.capacity().max(1024));
            }
            let before = (d.total_in(), out.len());
            let status = d
                .decompress_vec(rest, &mut out, FlushDecompress::Sync)
                .map_err(|_| WsError::Protocol(ProtocolError::InvalidOpcode(0)))?;
            if max > 0 && out.len() > max {
                return Err(too_long(out.len()));
            }
            let all_in = d.total_in() as usize >= input.len();
            if status == Status::StreamEnd || (all_in && out.len() < out.capacity()) {
                return Ok(out);
            }
            if (d.total_in(), out.len()) == before && out.len() < out.capacity() {
                // No progress with room to spare: the input is corrupt.
                return Err(WsError::Protocol(ProtocolError::InvalidOpcode(0)));
            }
        }
    })
}

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
            buf: BytesMut::with_capacity(1024),
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
            if self.buf.capacity() - self.buf.len() < 512 {
                self.buf.reserve(4096);
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
            let total = head + 4 + len;
            if b.len() < total {
                self.buf.reserve(total - b.len());
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
                data = inflate(&data, self.max)?;
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

    #[test]
    fn deflate_round_trips_and_shrinks_repetitive_data() {
        let text =
            br#"{"push":{"channel":"news","pub":{"data":{"text":"hello hello hello hello"}}}}"#;
        let big: Vec<u8> = text.iter().copied().cycle().take(20_000).collect();
        for (data, lvl) in [
            (&text[..], 1),
            (&big[..], 6),
            (&b""[..], -1),
            (&big[..], 42),
        ] {
            let packed = deflate(data, lvl);
            assert_eq!(inflate(&packed, 0).expect("inflate"), data);
        }
        assert!(deflate(&big, 1).len() < big.len() / 10);
        // The size limit applies to the inflated message.
        assert!(matches!(
            inflate(&deflate(&big, 1), 1000),
            Err(WsError::Capacity(_))
        ));
        assert!(inflate(b"\xff\xff\xff garbage", 0).is_err());
    }

    #[test]
    fn offers_are_recognised() {
        assert!(offered(&["permessage-deflate; client_max_window_bits"]));
        assert!(offered(&["x-webkit-deflate-frame, permessage-deflate"]));
        assert!(!offered(&["x-webkit-deflate-frame"]));
        assert!(!offered(&[]));
    }

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
}
