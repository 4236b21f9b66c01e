//! The frames nodes exchange through a broker's PUB/SUB (Redis, NATS): a publication with its
//! stream position (`__p1:offset:epoch__` + Protobuf), a publication with the one before it for
//! delta delivery (`__d1:offset:epoch:len:prev:len:pub`), a join (`__j__`) or a leave (`__l__`)
//! + Protobuf ClientInfo. The publication is encoded once by the publishing node.

use crate::protocol::{pb, ClientInfo, Publication, StreamPosition};
use prost::Message;

/// What a frame says. (Decoded once per message and consumed at once, so the size difference
/// between the variants costs nothing worth a box.)
#[derive(Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub(crate) enum Event {
    Publication {
        publication: Publication,
        position: StreamPosition,
        prev: Option<Publication>,
    },
    Join(ClientInfo),
    Leave(ClientInfo),
}

/// A publication as stored in history and carried in frames (offset and epoch travel beside it).
pub(crate) fn encode_publication(p: &Publication) -> Vec<u8> {
    let mut q = pb::Publication::from(p);
    q.offset = 0;
    q.encode_to_vec()
}

pub(crate) fn decode_publication(data: &[u8], offset: u64) -> Option<Publication> {
    let mut p = Publication::from(pb::Publication::decode(data).ok()?);
    p.offset = offset;
    Some(p)
}

/// A publication frame outside any stream (history off).
pub(crate) fn publication_frame(p: &Publication) -> Vec<u8> {
    let body = encode_publication(p);
    let mut out = Vec::with_capacity(body.len() + 8);
    out.extend_from_slice(b"__p1:0:__");
    out.extend_from_slice(&body);
    out
}

pub(crate) fn join_frame(info: &ClientInfo) -> Vec<u8> {
    info_frame(b"__j__", info)
}

pub(crate) fn leave_frame(info: &ClientInfo) -> Vec<u8> {
    info_frame(b"__l__", info)
}

fn info_frame(tag: &[u8], info: &ClientInfo) -> Vec<u8> {
    let body = pb::ClientInfo::from(info).encode_to_vec();
    let mut out = Vec::with_capacity(tag.len() + body.len());
    out.extend_from_slice(tag);
    out.extend_from_slice(&body);
    out
}

/// Splits `n:rest` into the number and what follows the colon.
fn number(s: &[u8]) -> Option<(u64, &[u8])> {
    let i = s.iter().position(|&b| b == b':')?;
    let n = std::str::from_utf8(&s[..i]).ok()?.parse().ok()?;
    Some((n, &s[i + 1..]))
}

/// Takes `len:bytes:` off the front.
fn sized(s: &[u8]) -> Option<(&[u8], &[u8])> {
    let (len, rest) = number(s)?;
    let len = usize::try_from(len).ok()?;
    if rest.len() < len {
        return None;
    }
    let (v, rest) = rest.split_at(len);
    Some((v, rest.strip_prefix(b":").unwrap_or(rest)))
}

/// Reads a frame; None for anything malformed (logged by the caller, never a panic).
pub(crate) fn decode(frame: &[u8]) -> Option<Event> {
    if let Some(rest) = frame.strip_prefix(b"__p1:") {
        let (offset, rest) = number(rest)?;
        let end = rest.windows(2).position(|w| w == b"__")?;
        let epoch = std::str::from_utf8(&rest[..end]).ok()?.to_string();
        let publication = decode_publication(&rest[end + 2..], offset)?;
        return Some(Event::Publication {
            publication,
            position: StreamPosition { offset, epoch },
            prev: None,
        });
    }
    if let Some(rest) = frame.strip_prefix(b"__d1:") {
        let (offset, rest) = number(rest)?;
        let end = rest.iter().position(|&b| b == b':')?;
        let epoch = std::str::from_utf8(&rest[..end]).ok()?.to_string();
        let (prev, rest) = sized(&rest[end + 1..])?;
        let (cur, _) = sized(rest)?;
        let publication = decode_publication(cur, offset)?;
        let prev = if prev.is_empty() {
            None
        } else {
            decode_publication(prev, offset.saturating_sub(1))
        };
        return Some(Event::Publication {
            publication,
            position: StreamPosition { offset, epoch },
            prev,
        });
    }
    let info = |b: &[u8]| pb::ClientInfo::decode(b).ok().map(ClientInfo::from);
    if let Some(rest) = frame.strip_prefix(b"__j__") {
        return info(rest).map(Event::Join);
    }
    if let Some(rest) = frame.strip_prefix(b"__l__") {
        return info(rest).map(Event::Leave);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn publication(data: &str) -> Publication {
        Publication {
            data: Bytes::from(data.to_string()),
            info: Some(ClientInfo {
                user: "u".into(),
                client: "c".into(),
                ..Default::default()
            }),
            tags: vec![("k".into(), "v".into())],
            ..Default::default()
        }
    }

    #[test]
    fn frames_round_trip() {
        let p = publication(r#"{"a":1}"#);
        let Some(Event::Publication {
            publication,
            position,
            prev,
        }) = decode(&publication_frame(&p))
        else {
            panic!("publication frame");
        };
        assert_eq!(
            (publication, position, prev),
            (p.clone(), StreamPosition::default(), None)
        );
        let info = p.info.clone().unwrap_or_default();
        assert_eq!(decode(&join_frame(&info)), Some(Event::Join(info.clone())));
        assert_eq!(decode(&leave_frame(&info)), Some(Event::Leave(info)));
    }

    #[test]
    fn stream_frames_as_the_lua_script_writes_them() {
        let cur = encode_publication(&publication("two"));
        let prev = encode_publication(&publication("one"));
        let mut frame = b"__p1:7:AbC9__".to_vec();
        frame.extend_from_slice(&cur);
        let Some(Event::Publication {
            publication,
            position,
            ..
        }) = decode(&frame)
        else {
            panic!("p1");
        };
        assert_eq!((publication.offset, position.epoch.as_str()), (7, "AbC9"));
        let mut frame = format!("__d1:8:AbC9:{}:", prev.len()).into_bytes();
        frame.extend_from_slice(&prev);
        frame.extend_from_slice(format!(":{}:", cur.len()).as_bytes());
        frame.extend_from_slice(&cur);
        let Some(Event::Publication {
            publication, prev, ..
        }) = decode(&frame)
        else {
            panic!("d1");
        };
        assert_eq!(publication.data, Bytes::from("two"));
        assert_eq!(prev.map(|p| p.data), Some(Bytes::from("one")));
    }

    #[test]
    fn malformed_frames_are_refused() {
        for bad in [
            &b""[..],
            b"__p1:x:e__",
            b"__d1:1:e:99:short",
            b"hello",
            b"__p1:1:nosep",
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
