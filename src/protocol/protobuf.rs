//! Protobuf codec: a frame is a sequence of messages, each prefixed with its length as a varint.
//!
//! Commands come in, Replies go out. Frame size limits belong to the transport; this module only checks that the
//! frame is well formed.

use super::pb;
use prost::Message;

/// Why a Protobuf command frame was rejected (the session answers with disconnect 3501).
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("length prefix at byte {at} is cut off")]
    TruncatedVarint { at: usize },
    #[error("length prefix at byte {at} is longer than 64 bits")]
    VarintOverflow { at: usize },
    #[error("message at byte {at} claims {len} bytes but only {left} remain")]
    LengthPastEnd { at: usize, len: u64, left: usize },
    #[error("message at byte {at} is not a valid Command: {source}")]
    Message {
        at: usize,
        #[source]
        source: prost::DecodeError,
    },
}

/// Reads the varint at the start of `buf`: its value and how many bytes it took.
fn read_varint(buf: &[u8], at: usize) -> Result<(u64, usize), DecodeError> {
    let mut value: u64 = 0;
    for (i, &b) in buf.iter().enumerate().take(10) {
        if i == 9 && b > 1 {
            return Err(DecodeError::VarintOverflow { at });
        }
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Ok((value, i + 1));
        }
    }
    if buf.len() >= 10 {
        Err(DecodeError::VarintOverflow { at })
    } else {
        Err(DecodeError::TruncatedVarint { at })
    }
}

/// Splits a frame into its length-delimited messages: (offset of the prefix, message range).
/// A length is checked against what the frame holds before anything is taken for it.
pub(crate) fn split(
    frame: &[u8],
) -> impl Iterator<Item = Result<(usize, std::ops::Range<usize>), DecodeError>> + '_ {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        if pos >= frame.len() {
            return None;
        }
        let at = pos;
        let item = read_varint(&frame[pos..], at).and_then(|(len, n)| {
            let left = frame.len() - at - n;
            if len > left as u64 {
                return Err(DecodeError::LengthPastEnd { at, len, left });
            }
            let start = at + n;
            // `len <= left`, so it fits in usize.
            let end = start + len as usize;
            Ok((start, end))
        });
        match item {
            Ok((start, end)) => {
                pos = end;
                Some(Ok((at, start..end)))
            }
            Err(e) => {
                pos = frame.len();
                Some(Err(e))
            }
        }
    })
}

/// Decodes every Command of a frame. An empty frame has none; a zero-length message is an empty Command (a pong).
/// Any malformed message fails the whole frame.
pub fn decode_commands(frame: &[u8]) -> Result<Vec<pb::Command>, DecodeError> {
    let mut out = Vec::new();
    for item in split(frame) {
        let (at, range) = item?;
        out.push(
            pb::Command::decode(&frame[range])
                .map_err(|source| DecodeError::Message { at, source })?,
        );
    }
    Ok(out)
}

/// `decode_commands` for a frame the transport already holds as `Bytes`: payload fields (`data`) then share the
/// frame's memory instead of being copied.
pub fn decode_commands_shared(frame: &bytes::Bytes) -> Result<Vec<pb::Command>, DecodeError> {
    let mut out = Vec::new();
    for item in split(frame) {
        let (at, range) = item?;
        out.push(
            pb::Command::decode(frame.slice(range))
                .map_err(|source| DecodeError::Message { at, source })?,
        );
    }
    Ok(out)
}

/// Decodes every Reply of a frame (the client side of the codec; used by tests and tools).
pub fn decode_replies(frame: &[u8]) -> Result<Vec<pb::Reply>, DecodeError> {
    let mut out = Vec::new();
    for item in split(frame) {
        let (at, range) = item?;
        out.push(
            pb::Reply::decode(&frame[range])
                .map_err(|source| DecodeError::Message { at, source })?,
        );
    }
    Ok(out)
}

/// Appends one length-delimited message to `out`.
pub fn encode_delimited(msg: &impl Message, out: &mut Vec<u8>) {
    let len = msg.encoded_len();
    out.reserve(len + 10);
    prost::encoding::encode_varint(len as u64, out);
    msg.encode_raw(out);
}

/// Appends one length-delimited Reply to `out` (a frame may hold several).
pub fn encode_reply(reply: &pb::Reply, out: &mut Vec<u8>) {
    match &reply.connect {
        Some(c) if !c.subs.is_empty() => encode_connect_reply(reply, c, out),
        _ => encode_delimited(reply, out),
    }
}

/// prost leaves a map value out of its entry when it equals the default, so a server-side subscription
/// with an empty `SubscribeResult` would reach clients as a null value (protobufjs, Go decode it so). Go
/// always writes the value; so do we: the `subs` map entries are written by hand.
fn encode_connect_reply(reply: &pb::Reply, connect: &pb::ConnectResult, out: &mut Vec<u8>) {
    use prost::encoding::{encode_key, encode_varint, message, string, WireType};
    /// Field numbers of `Reply.connect` and `ConnectResult.subs` in client.proto.
    const REPLY_CONNECT: u32 = 5;
    const CONNECT_SUBS: u32 = 6;
    let mut rest = reply.clone();
    rest.connect = None;
    let mut head = connect.clone();
    head.subs.clear();
    let mut body = Vec::with_capacity(head.encoded_len() + 64);
    head.encode_raw(&mut body);
    for (channel, result) in &connect.subs {
        let mut entry = Vec::with_capacity(channel.len() + result.encoded_len() + 8);
        string::encode(1, channel, &mut entry);
        message::encode(2, result, &mut entry);
        encode_key(CONNECT_SUBS, WireType::LengthDelimited, &mut body);
        encode_varint(entry.len() as u64, &mut body);
        body.extend_from_slice(&entry);
    }
    let mut msg = Vec::with_capacity(rest.encoded_len() + body.len() + 16);
    rest.encode_raw(&mut msg);
    encode_key(REPLY_CONNECT, WireType::LengthDelimited, &mut msg);
    encode_varint(body.len() as u64, &mut msg);
    msg.extend_from_slice(&body);
    encode_varint(msg.len() as u64, out);
    out.extend_from_slice(&msg);
}

/// Appends one length-delimited Command to `out` (the client side of the codec; used by tests and tools).
pub fn encode_command(cmd: &pb::Command, out: &mut Vec<u8>) {
    encode_delimited(cmd, out);
}

/// The publication push as one length-delimited Reply, encoded once and appended as-is to every Protobuf
/// subscriber's frame.
pub fn encode_publication_push(channel: &str, publication: &pb::Publication) -> Vec<u8> {
    let reply = pb::Reply {
        push: Some(pb::Push {
            channel: channel.to_string(),
            r#pub: Some(publication.clone()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(reply.encoded_len() + 10);
    encode_reply(&reply, &mut out);
    out
}

#[cfg(test)]
mod connect_subs_tests {
    use super::*;

    #[test]
    fn empty_subscribe_results_keep_their_value_field() {
        let mut connect = pb::ConnectResult {
            client: "c".into(),
            ..Default::default()
        };
        connect
            .subs
            .insert("news".into(), pb::SubscribeResult::default());
        connect.subs.insert(
            "chat".into(),
            pb::SubscribeResult {
                offset: 3,
                ..Default::default()
            },
        );
        let reply = pb::Reply {
            id: 1,
            connect: Some(connect.clone()),
            ..Default::default()
        };
        let mut out = Vec::new();
        encode_reply(&reply, &mut out);
        let decoded = decode_replies(&out).expect("decodes");
        assert_eq!(decoded, vec![reply]);
        // The entry for "news" carries an explicit, empty value: key 0x12, length 0.
        let entry: Vec<u8> = [&[0x0a, 4][..], b"news", &[0x12, 0]].concat();
        assert!(out.windows(entry.len()).any(|w| w == entry.as_slice()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_fixtures::every_command;
    use bytes::Bytes;

    fn frame(cmds: &[pb::Command]) -> Vec<u8> {
        let mut out = Vec::new();
        for c in cmds {
            encode_command(c, &mut out);
        }
        out
    }

    #[test]
    fn batch_of_every_command_round_trips() {
        let cmds = every_command();
        let f = frame(&cmds);
        let back = decode_commands(&f).expect("valid frame");
        assert_eq!(back, cmds);
        let shared = Bytes::from(f);
        assert_eq!(decode_commands_shared(&shared).expect("valid frame"), cmds);
        assert!(decode_commands_shared(&shared.slice(..shared.len() - 2)).is_err());
    }

    #[test]
    fn empty_frame_has_no_commands_and_zero_length_is_a_pong() {
        assert!(decode_commands(b"").expect("empty").is_empty());
        let cmds = decode_commands(&[0, 0]).expect("two pongs");
        assert_eq!(cmds, vec![pb::Command::default(), pb::Command::default()]);
    }

    #[test]
    fn malformed_frames_are_errors() {
        // A varint whose continuation bit promises more bytes than there are.
        assert!(matches!(
            decode_commands(&[0x80]),
            Err(DecodeError::TruncatedVarint { at: 0 })
        ));
        // A good command followed by a cut-off prefix.
        let mut f = frame(&every_command()[..1]);
        let good = f.len();
        f.extend_from_slice(&[0xff, 0xff]);
        assert!(matches!(
            decode_commands(&f),
            Err(DecodeError::TruncatedVarint { at }) if at == good
        ));
        // A length running past the end of the frame.
        assert!(matches!(
            decode_commands(&[5, 0x08, 0x01]),
            Err(DecodeError::LengthPastEnd {
                at: 0,
                len: 5,
                left: 2
            })
        ));
        // A huge length must not overflow anything.
        let mut huge = vec![0xff; 9];
        huge.push(0x01);
        assert!(matches!(
            decode_commands(&huge),
            Err(DecodeError::LengthPastEnd { .. })
        ));
        // More than 64 bits of length.
        assert!(matches!(
            decode_commands(&[0xff; 11]),
            Err(DecodeError::VarintOverflow { at: 0 })
        ));
        // Garbage inside a well-delimited message: field 0, then a wire type 7.
        assert!(matches!(
            decode_commands(&[2, 0x00, 0x01]),
            Err(DecodeError::Message { at: 0, .. })
        ));
        assert!(decode_commands(&[3, 0x0f, 0xff, 0xff]).is_err());
        // A command whose `connect` sub-message length runs past its own end.
        assert!(decode_commands(&[3, 0x22, 0x09, 0x0a]).is_err());
        // Arbitrary bytes never panic.
        let mut seed: u32 = 7;
        for n in 0..2000usize {
            let len = n % 40;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) as u8
                })
                .collect();
            let _ = decode_commands(&bytes);
        }
    }

    #[test]
    fn reply_is_length_delimited_and_round_trips() {
        let reply = pb::Reply {
            id: 3,
            error: Some(pb::Error {
                code: 103,
                message: "permission denied".into(),
                temporary: false,
            }),
            ..Default::default()
        };
        let mut out = Vec::new();
        encode_reply(&reply, &mut out);
        encode_reply(&pb::Reply::default(), &mut out);
        assert_eq!(out[0] as usize, out.len() - 2);
        assert_eq!(*out.last().expect("ping"), 0);
        let back = decode_replies(&out).expect("valid");
        assert_eq!(back, vec![reply, pb::Reply::default()]);
    }

    #[test]
    fn publication_push_is_one_delimited_reply() {
        let p = pb::Publication {
            data: Bytes::from_static(&[0, 1, 2, 255]),
            offset: 8,
            ..Default::default()
        };
        let bytes = encode_publication_push("chat", &p);
        let back = decode_replies(&bytes).expect("valid");
        assert_eq!(back.len(), 1);
        let push = back[0].push.as_ref().expect("push");
        assert_eq!(push.channel, "chat");
        assert_eq!(push.r#pub.as_ref(), Some(&p));
    }
}
