//! WebSocket permessage-deflate (RFC 7692) for `websocket.compression`, in the form Centrifugo
//! negotiates: no context takeover either way, so every message is deflated on its own and no
//! compression state lives with an idle connection.
//!
//! Client frames with RSV1 set are inflated by the frame reader (`super::frames`) with [`inflate`];
//! outgoing frames are deflated by the WebSocket writer with [`deflate`].

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::Error as WsError;

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
}
