//! JSON codec: newline-delimited commands in, hand-written reply/push encoding out (raw JSON payloads).

use super::{ClientInfo, Publication};
use bytes::Bytes;

// The codec for the generated model (`super::pb`); see `super::json_pb` for the encoding rules.
pub(crate) use super::json_pb::{
    decode_commands_pb, encode_publication_push, encode_reply, DecodeError,
};

/// Splits a frame into commands (the serde model; the codec tests compare it with the generated
/// one). Any malformed line fails the whole frame (the client gets 3501).
#[cfg(test)]
pub(crate) fn decode_commands(frame: &[u8]) -> Result<Vec<super::Command>, serde_json::Error> {
    let mut out = Vec::new();
    for line in frame.split(|b| *b == b'\n') {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        out.push(serde_json::from_slice(line)?);
    }
    Ok(out)
}

/// A small JSON object writer: keys are written in call order, zero values are left out by the `_nz` forms.
pub(crate) struct Obj<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    pub(crate) fn new(buf: &'a mut Vec<u8>) -> Obj<'a> {
        buf.push(b'{');
        Obj { buf, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf.extend_from_slice(b"\":");
    }

    pub(crate) fn str(&mut self, k: &str, v: &str) -> &mut Self {
        self.key(k);
        write_str(self.buf, v);
        self
    }

    pub(crate) fn str_nz(&mut self, k: &str, v: &str) -> &mut Self {
        if !v.is_empty() {
            self.str(k, v);
        }
        self
    }

    pub(crate) fn u64(&mut self, k: &str, v: u64) -> &mut Self {
        self.key(k);
        self.buf.extend_from_slice(v.to_string().as_bytes());
        self
    }

    pub(crate) fn u64_nz(&mut self, k: &str, v: u64) -> &mut Self {
        if v != 0 {
            self.u64(k, v);
        }
        self
    }

    /// Embeds an already-encoded JSON value.
    pub(crate) fn raw(&mut self, k: &str, v: &[u8]) -> &mut Self {
        self.key(k);
        self.buf.extend_from_slice(v);
        self
    }

    pub(crate) fn raw_opt(&mut self, k: &str, v: Option<&Bytes>) -> &mut Self {
        if let Some(v) = v {
            if !v.is_empty() {
                self.raw(k, v);
            }
        }
        self
    }

    /// Starts a nested object under `k`; finish it with `end`.
    pub(crate) fn obj(&mut self, k: &str) -> Obj<'_> {
        self.key(k);
        Obj::new(self.buf)
    }

    /// Starts a nested array under `k`; items are written by the caller, comma-separated.
    pub(crate) fn array_start(&mut self, k: &str) -> &mut Vec<u8> {
        self.key(k);
        self.buf.push(b'[');
        self.buf
    }

    pub(crate) fn end(self) {
        self.buf.push(b'}');
    }
}

/// Writes a JSON string literal with escaping.
pub(crate) fn write_str(buf: &mut Vec<u8>, s: &str) {
    super::json_pb::write_go_str(buf, s);
}

pub(crate) fn write_client_info(buf: &mut Vec<u8>, info: &ClientInfo) {
    let mut o = Obj::new(buf);
    o.str("user", &info.user).str("client", &info.client);
    o.raw_opt("conn_info", info.conn_info.as_ref());
    o.raw_opt("chan_info", info.chan_info.as_ref());
    o.end();
}

pub(crate) fn write_publication(buf: &mut Vec<u8>, p: &Publication) {
    let mut o = Obj::new(buf);
    o.raw("data", &p.data);
    if let Some(info) = &p.info {
        let b = o.obj("info");
        b.end_with_info(info);
    }
    o.u64_nz("offset", p.offset);
    if !p.tags.is_empty() {
        let mut t = o.obj("tags");
        for (k, v) in &p.tags {
            t.str(k, v);
        }
        t.end();
    }
    o.end();
}

impl Obj<'_> {
    /// Replaces this freshly opened object with the ClientInfo body.
    fn end_with_info(self, info: &ClientInfo) {
        // `self` has only written '{'; write the fields directly.
        let mut o = self;
        o.str("user", &info.user).str("client", &info.client);
        o.raw_opt("conn_info", info.conn_info.as_ref());
        o.raw_opt("chan_info", info.chan_info.as_ref());
        o.end();
    }
}

pub(crate) fn write_publications(buf: &mut Vec<u8>, pubs: &[Publication]) {
    for (i, p) in pubs.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_publication(buf, p);
    }
    buf.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_batch_and_raw_data() {
        let cmds = decode_commands(
            b"{\"id\":1,\"publish\":{\"channel\":\"a\",\"data\":{\"x\": 1}}}\n{\"id\":2,\"subscribe\":{\"channel\":\"b\"}}\n",
        )
        .expect("valid");
        assert_eq!(cmds.len(), 2);
        let data = cmds[0]
            .publish
            .as_ref()
            .and_then(|p| p.data.clone())
            .expect("data");
        assert_eq!(&data[..], b"{\"x\": 1}");
        assert!(decode_commands(b"{bad").is_err());
    }
}
