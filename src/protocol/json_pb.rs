//! JSON codec for the generated model (`pb`), byte-compatible with what Centrifugo v6.9.1 sends.
//!
//! Encoding rules (from the Go protocol library's generated JSON code):
//! - keys are the proto field names, written in field-number order;
//! - zero values (0, false, "", empty bytes, empty list or map, absent message) are left out, except
//!   `ClientInfo.user/client`, `PresenceResult.presence`, `PresenceStatsResult.num_clients/num_users` and
//!   `HistoryResult.publications/epoch/offset`, which are always written;
//! - `bytes` fields are embedded as raw JSON with every `\n` byte removed (a frame is newline-delimited);
//! - strings are escaped like Go's encoder with HTML escaping: `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX`;
//! - 64-bit integers are plain JSON numbers; maps are objects (sorted by key here: the model uses `BTreeMap`).
//!
//! The writers append to a caller-owned buffer and allocate nothing of their own.

use super::pb;
use bytes::Bytes;
use std::collections::BTreeMap;

/// Appends `n` in decimal.
fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

fn push_i64(buf: &mut Vec<u8>, n: i64) {
    if n < 0 {
        buf.push(b'-');
    }
    push_u64(buf, n.unsigned_abs());
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` as a JSON string literal, escaped exactly as Centrifugo's JSON writer does.
pub fn write_go_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let esc: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0..=0x1f | b'<' | b'>' | b'&' => Some(b""),
            // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
            0xe2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)) =>
            {
                buf.extend_from_slice(&bytes[start..i]);
                buf.extend_from_slice(b"\\u202");
                buf.push(if bytes[i + 2] == 0xa8 { b'8' } else { b'9' });
                i += 3;
                start = i;
                continue;
            }
            _ => None,
        };
        if let Some(e) = esc {
            buf.extend_from_slice(&bytes[start..i]);
            if e.is_empty() {
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 0xf)]);
            } else {
                buf.extend_from_slice(e);
            }
            start = i + 1;
        }
        i += 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// Appends a raw JSON payload, dropping `\n` bytes as Centrifugo does.
fn push_raw(buf: &mut Vec<u8>, v: &[u8]) {
    let mut rest = v;
    while let Some(p) = rest.iter().position(|&b| b == b'\n') {
        buf.extend_from_slice(&rest[..p]);
        rest = &rest[p + 1..];
    }
    buf.extend_from_slice(rest);
}

/// Object writer over the caller's buffer.
struct W<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> W<'a> {
    fn open(buf: &'a mut Vec<u8>) -> W<'a> {
        buf.push(b'{');
        W { buf, first: true }
    }

    fn key(&mut self, k: &str) -> &mut Vec<u8> {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        self.buf.push(b'"');
        self.buf.extend_from_slice(k.as_bytes());
        self.buf.extend_from_slice(b"\":");
        self.buf
    }

    fn str(&mut self, k: &str, v: &str) {
        let b = self.key(k);
        write_go_str(b, v);
    }

    fn str_nz(&mut self, k: &str, v: &str) {
        if !v.is_empty() {
            self.str(k, v);
        }
    }

    fn u64(&mut self, k: &str, v: u64) {
        let b = self.key(k);
        push_u64(b, v);
    }

    fn u64_nz(&mut self, k: &str, v: u64) {
        if v != 0 {
            self.u64(k, v);
        }
    }

    fn i64_nz(&mut self, k: &str, v: i64) {
        if v != 0 {
            let b = self.key(k);
            push_i64(b, v);
        }
    }

    fn bool_nz(&mut self, k: &str, v: bool) {
        if v {
            self.key(k).extend_from_slice(b"true");
        }
    }

    fn raw_nz(&mut self, k: &str, v: &[u8]) {
        if !v.is_empty() {
            let b = self.key(k);
            push_raw(b, v);
        }
    }

    /// A nested message, when present.
    fn msg<T>(&mut self, k: &str, v: Option<&T>, f: fn(&mut Vec<u8>, &T)) {
        if let Some(v) = v {
            let b = self.key(k);
            f(b, v);
        }
    }

    /// A list of messages: left out when empty unless `always`.
    fn list<T>(&mut self, k: &str, v: &[T], always: bool, f: fn(&mut Vec<u8>, &T)) {
        if v.is_empty() && !always {
            return;
        }
        let b = self.key(k);
        b.push(b'[');
        for (i, item) in v.iter().enumerate() {
            if i > 0 {
                b.push(b',');
            }
            f(b, item);
        }
        b.push(b']');
    }

    /// A map of messages: left out when empty unless `always`.
    fn map<T>(&mut self, k: &str, v: &BTreeMap<String, T>, always: bool, f: fn(&mut Vec<u8>, &T)) {
        if v.is_empty() && !always {
            return;
        }
        let b = self.key(k);
        b.push(b'{');
        for (i, (mk, mv)) in v.iter().enumerate() {
            if i > 0 {
                b.push(b',');
            }
            write_go_str(b, mk);
            b.push(b':');
            f(b, mv);
        }
        b.push(b'}');
    }

    fn close(self) {
        self.buf.push(b'}');
    }
}

// `String` rather than `str`: it is passed as `fn(&mut Vec<u8>, &T)` for lists and maps of strings.
#[allow(clippy::ptr_arg)]
fn write_string(buf: &mut Vec<u8>, s: &String) {
    write_go_str(buf, s);
}

// ---- messages, fields in field-number order ----

pub fn write_error(buf: &mut Vec<u8>, m: &pb::Error) {
    let mut w = W::open(buf);
    w.u64_nz("code", u64::from(m.code));
    w.str_nz("message", &m.message);
    w.bool_nz("temporary", m.temporary);
    w.close();
}

pub fn write_client_info(buf: &mut Vec<u8>, m: &pb::ClientInfo) {
    let mut w = W::open(buf);
    w.str("user", &m.user);
    w.str("client", &m.client);
    w.raw_nz("conn_info", &m.conn_info);
    w.raw_nz("chan_info", &m.chan_info);
    w.close();
}

pub fn write_publication(buf: &mut Vec<u8>, m: &pb::Publication) {
    let mut w = W::open(buf);
    w.raw_nz("data", &m.data);
    w.msg("info", m.info.as_ref(), write_client_info);
    w.u64_nz("offset", m.offset);
    w.map("tags", &m.tags, false, write_string);
    w.bool_nz("delta", m.delta);
    w.i64_nz("time", m.time);
    w.str_nz("channel", &m.channel);
    w.str_nz("key", &m.key);
    w.bool_nz("removed", m.removed);
    w.i64_nz("score", m.score);
    w.str_nz("epoch", &m.epoch);
    w.raw_nz("prev_data", &m.prev_data);
    w.u64_nz("version", m.version);
    w.close();
}

fn write_join(buf: &mut Vec<u8>, m: &pb::Join) {
    let mut w = W::open(buf);
    w.msg("info", m.info.as_ref(), write_client_info);
    w.close();
}

fn write_leave(buf: &mut Vec<u8>, m: &pb::Leave) {
    let mut w = W::open(buf);
    w.msg("info", m.info.as_ref(), write_client_info);
    w.close();
}

fn write_unsubscribe(buf: &mut Vec<u8>, m: &pb::Unsubscribe) {
    let mut w = W::open(buf);
    w.u64_nz("code", u64::from(m.code));
    w.str_nz("reason", &m.reason);
    w.close();
}

fn write_message(buf: &mut Vec<u8>, m: &pb::Message) {
    let mut w = W::open(buf);
    w.raw_nz("data", &m.data);
    w.close();
}

fn write_subscribe(buf: &mut Vec<u8>, m: &pb::Subscribe) {
    let mut w = W::open(buf);
    w.bool_nz("recoverable", m.recoverable);
    w.str_nz("epoch", &m.epoch);
    w.u64_nz("offset", m.offset);
    w.bool_nz("positioned", m.positioned);
    w.raw_nz("data", &m.data);
    w.close();
}

fn write_connect(buf: &mut Vec<u8>, m: &pb::Connect) {
    let mut w = W::open(buf);
    w.str_nz("client", &m.client);
    w.str_nz("version", &m.version);
    w.raw_nz("data", &m.data);
    w.map("subs", &m.subs, false, write_subscribe_result);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.u64_nz("ping", u64::from(m.ping));
    w.bool_nz("pong", m.pong);
    w.str_nz("session", &m.session);
    w.str_nz("node", &m.node);
    w.i64_nz("time", m.time);
    w.close();
}

fn write_disconnect(buf: &mut Vec<u8>, m: &pb::Disconnect) {
    let mut w = W::open(buf);
    w.u64_nz("code", u64::from(m.code));
    w.str_nz("reason", &m.reason);
    w.bool_nz("reconnect", m.reconnect);
    w.close();
}

fn write_refresh(buf: &mut Vec<u8>, m: &pb::Refresh) {
    let mut w = W::open(buf);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.close();
}

/// A bare Push, as unidirectional transports send it.
pub fn write_push(buf: &mut Vec<u8>, m: &pb::Push) {
    let mut w = W::open(buf);
    w.i64_nz("id", m.id);
    w.str_nz("channel", &m.channel);
    w.msg("pub", m.r#pub.as_ref(), write_publication);
    w.msg("join", m.join.as_ref(), write_join);
    w.msg("leave", m.leave.as_ref(), write_leave);
    w.msg("unsubscribe", m.unsubscribe.as_ref(), write_unsubscribe);
    w.msg("message", m.message.as_ref(), write_message);
    w.msg("subscribe", m.subscribe.as_ref(), write_subscribe);
    w.msg("connect", m.connect.as_ref(), write_connect);
    w.msg("disconnect", m.disconnect.as_ref(), write_disconnect);
    w.msg("refresh", m.refresh.as_ref(), write_refresh);
    w.close();
}

fn write_connect_result(buf: &mut Vec<u8>, m: &pb::ConnectResult) {
    let mut w = W::open(buf);
    w.str_nz("client", &m.client);
    w.str_nz("version", &m.version);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.raw_nz("data", &m.data);
    w.map("subs", &m.subs, false, write_subscribe_result);
    w.u64_nz("ping", u64::from(m.ping));
    w.bool_nz("pong", m.pong);
    w.str_nz("session", &m.session);
    w.str_nz("node", &m.node);
    w.i64_nz("time", m.time);
    w.close();
}

pub fn write_subscribe_result(buf: &mut Vec<u8>, m: &pb::SubscribeResult) {
    let mut w = W::open(buf);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.bool_nz("recoverable", m.recoverable);
    w.str_nz("epoch", &m.epoch);
    w.list("publications", &m.publications, false, write_publication);
    w.bool_nz("recovered", m.recovered);
    w.u64_nz("offset", m.offset);
    w.bool_nz("positioned", m.positioned);
    w.raw_nz("data", &m.data);
    w.bool_nz("was_recovering", m.was_recovering);
    w.bool_nz("delta", m.delta);
    w.i64_nz("id", m.id);
    w.i64_nz("type", i64::from(m.r#type));
    w.i64_nz("phase", i64::from(m.phase));
    w.str_nz("cursor", &m.cursor);
    w.list("state", &m.state, false, write_publication);
    w.u64_nz("publish_debounce", u64::from(m.publish_debounce));
    w.close();
}

fn write_empty<T>(buf: &mut Vec<u8>, _: &T) {
    buf.extend_from_slice(b"{}");
}

fn write_presence_result(buf: &mut Vec<u8>, m: &pb::PresenceResult) {
    let mut w = W::open(buf);
    w.map("presence", &m.presence, true, write_client_info);
    w.close();
}

fn write_presence_stats_result(buf: &mut Vec<u8>, m: &pb::PresenceStatsResult) {
    let mut w = W::open(buf);
    w.u64("num_clients", u64::from(m.num_clients));
    w.u64("num_users", u64::from(m.num_users));
    w.close();
}

pub fn write_history_result(buf: &mut Vec<u8>, m: &pb::HistoryResult) {
    let mut w = W::open(buf);
    w.list("publications", &m.publications, true, write_publication);
    w.str("epoch", &m.epoch);
    w.u64("offset", m.offset);
    w.close();
}

fn write_rpc_result(buf: &mut Vec<u8>, m: &pb::RpcResult) {
    let mut w = W::open(buf);
    w.raw_nz("data", &m.data);
    w.close();
}

fn write_refresh_result(buf: &mut Vec<u8>, m: &pb::RefreshResult) {
    let mut w = W::open(buf);
    w.str_nz("client", &m.client);
    w.str_nz("version", &m.version);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.close();
}

fn write_sub_refresh_result(buf: &mut Vec<u8>, m: &pb::SubRefreshResult) {
    let mut w = W::open(buf);
    w.bool_nz("expires", m.expires);
    w.u64_nz("ttl", u64::from(m.ttl));
    w.list("items", &m.items, false, write_publication);
    w.close();
}

/// Appends one Reply as a JSON object. The caller separates replies of one frame with `\n`.
pub fn encode_reply(m: &pb::Reply, out: &mut Vec<u8>) {
    let mut w = W::open(out);
    w.u64_nz("id", u64::from(m.id));
    w.msg("error", m.error.as_ref(), write_error);
    w.msg("push", m.push.as_ref(), write_push);
    w.msg("connect", m.connect.as_ref(), write_connect_result);
    w.msg("subscribe", m.subscribe.as_ref(), write_subscribe_result);
    w.msg("unsubscribe", m.unsubscribe.as_ref(), write_empty);
    w.msg("publish", m.publish.as_ref(), write_empty);
    w.msg("presence", m.presence.as_ref(), write_presence_result);
    w.msg(
        "presence_stats",
        m.presence_stats.as_ref(),
        write_presence_stats_result,
    );
    w.msg("history", m.history.as_ref(), write_history_result);
    w.msg("ping", m.ping.as_ref(), write_empty);
    w.msg("rpc", m.rpc.as_ref(), write_rpc_result);
    w.msg("refresh", m.refresh.as_ref(), write_refresh_result);
    w.msg(
        "sub_refresh",
        m.sub_refresh.as_ref(),
        write_sub_refresh_result,
    );
    w.close();
}

/// A payload that is not valid JSON was about to be written to a JSON connection (the session closes such a
/// client with 3506 "inappropriate protocol").
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("reply carries a payload that is not valid JSON")]
pub struct NotJson;

/// True when `data` is one valid JSON value, so it can be embedded raw into a JSON frame.
pub fn is_json(data: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(data).is_ok()
}

/// `encode_reply`, then a validity check of what was written (as Centrifugo's JSON encoder does). On failure
/// `out` is left as it was.
pub fn encode_reply_checked(m: &pb::Reply, out: &mut Vec<u8>) -> Result<(), NotJson> {
    let start = out.len();
    encode_reply(m, out);
    if is_json(&out[start..]) {
        Ok(())
    } else {
        out.truncate(start);
        Err(NotJson)
    }
}

/// Appends one bare Push as a JSON object (unidirectional transports).
pub fn encode_push(m: &pb::Push, out: &mut Vec<u8>) {
    write_push(out, m);
}

/// `{"push":{"channel":..,"pub":{..}}}`, encoded once and shared by every JSON subscriber of the channel.
pub fn encode_publication_push(channel: &str, p: &pb::Publication) -> Vec<u8> {
    let mut buf = Vec::with_capacity(48 + channel.len() + p.data.len());
    buf.extend_from_slice(b"{\"push\":{");
    if !channel.is_empty() {
        buf.extend_from_slice(b"\"channel\":");
        write_go_str(&mut buf, channel);
        buf.push(b',');
    }
    buf.extend_from_slice(b"\"pub\":");
    write_publication(&mut buf, p);
    buf.extend_from_slice(b"}}");
    buf
}

/// True when every raw JSON payload of the publication (data, publisher info) is valid JSON, so it can go to
/// JSON subscribers.
pub fn publication_is_json(p: &pb::Publication) -> bool {
    let ok = |b: &Bytes| b.is_empty() || is_json(b);
    ok(&p.data)
        && p.info
            .as_ref()
            .is_none_or(|i| ok(&i.conn_info) && ok(&i.chan_info))
}

/// Why a JSON command frame was rejected (the session answers with disconnect 3501).
#[derive(Debug, thiserror::Error)]
#[error("command {index} of the frame is not valid: {source}")]
pub struct DecodeError {
    pub index: usize,
    #[source]
    pub source: serde_json::Error,
}

/// Decodes a frame of newline-delimited JSON commands into the generated model. `bytes` fields take the raw JSON
/// text of their value (`null` counts as absent). Blank lines are skipped; any malformed line fails the frame.
pub fn decode_commands_pb(frame: &[u8]) -> Result<Vec<pb::Command>, DecodeError> {
    let mut out = Vec::new();
    for (index, line) in frame.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let cmd = serde_json::from_slice(line).map_err(|source| DecodeError { index, source })?;
        out.push(cmd);
    }
    Ok(out)
}

// ---- commands (the client side: used by tests and tools) ----

fn write_connect_request(buf: &mut Vec<u8>, m: &pb::ConnectRequest) {
    let mut w = W::open(buf);
    w.str_nz("token", &m.token);
    w.raw_nz("data", &m.data);
    w.map("subs", &m.subs, false, write_subscribe_request);
    w.str_nz("name", &m.name);
    w.str_nz("version", &m.version);
    w.map("headers", &m.headers, false, write_string);
    w.i64_nz("flag", m.flag);
    w.close();
}

fn write_filter_node(buf: &mut Vec<u8>, m: &pb::FilterNode) {
    let mut w = W::open(buf);
    w.str_nz("op", &m.op);
    w.str_nz("key", &m.key);
    w.str_nz("cmp", &m.cmp);
    w.str_nz("val", &m.val);
    w.list("vals", &m.vals, false, write_string);
    w.list("nodes", &m.nodes, false, write_filter_node);
    w.close();
}

fn write_subscribe_request(buf: &mut Vec<u8>, m: &pb::SubscribeRequest) {
    let mut w = W::open(buf);
    w.str_nz("channel", &m.channel);
    w.str_nz("token", &m.token);
    w.bool_nz("recover", m.recover);
    w.str_nz("epoch", &m.epoch);
    w.u64_nz("offset", m.offset);
    w.raw_nz("data", &m.data);
    w.bool_nz("positioned", m.positioned);
    w.bool_nz("recoverable", m.recoverable);
    w.bool_nz("join_leave", m.join_leave);
    w.str_nz("delta", &m.delta);
    w.msg("tf", m.tf.as_ref(), write_filter_node);
    w.i64_nz("flag", m.flag);
    w.i64_nz("type", i64::from(m.r#type));
    w.i64_nz("phase", i64::from(m.phase));
    w.str_nz("cursor", &m.cursor);
    w.i64_nz("limit", i64::from(m.limit));
    w.bool_nz("asc", m.asc);
    w.close();
}

fn write_channel_only(buf: &mut Vec<u8>, channel: &str) {
    let mut w = W::open(buf);
    w.str_nz("channel", channel);
    w.close();
}

fn write_publish_request(buf: &mut Vec<u8>, m: &pb::PublishRequest) {
    let mut w = W::open(buf);
    w.str_nz("channel", &m.channel);
    w.raw_nz("data", &m.data);
    w.i64_nz("type", i64::from(m.r#type));
    w.str_nz("key", &m.key);
    w.bool_nz("removed", m.removed);
    w.close();
}

fn write_stream_position(buf: &mut Vec<u8>, m: &pb::StreamPosition) {
    let mut w = W::open(buf);
    w.u64_nz("offset", m.offset);
    w.str_nz("epoch", &m.epoch);
    w.close();
}

fn write_history_request(buf: &mut Vec<u8>, m: &pb::HistoryRequest) {
    let mut w = W::open(buf);
    w.str_nz("channel", &m.channel);
    w.i64_nz("limit", i64::from(m.limit));
    w.msg("since", m.since.as_ref(), write_stream_position);
    w.bool_nz("reverse", m.reverse);
    w.close();
}

fn write_keyed_item(buf: &mut Vec<u8>, m: &pb::KeyedItem) {
    let mut w = W::open(buf);
    w.str_nz("key", &m.key);
    w.u64_nz("version", m.version);
    w.close();
}

fn write_track_batch(buf: &mut Vec<u8>, m: &pb::TrackBatch) {
    let mut w = W::open(buf);
    w.str_nz("signature", &m.signature);
    w.list("items", &m.items, false, write_keyed_item);
    w.close();
}

fn write_sub_refresh_request(buf: &mut Vec<u8>, m: &pb::SubRefreshRequest) {
    let mut w = W::open(buf);
    w.str_nz("channel", &m.channel);
    w.str_nz("token", &m.token);
    w.i64_nz("type", i64::from(m.r#type));
    w.list("track", &m.track, false, write_track_batch);
    w.list("untrack", &m.untrack, false, write_string);
    w.close();
}

/// Appends one Command as a JSON object, with the same rules as replies (the client side of the codec).
pub fn encode_command(m: &pb::Command, out: &mut Vec<u8>) {
    let mut w = W::open(out);
    w.u64_nz("id", u64::from(m.id));
    w.msg("connect", m.connect.as_ref(), write_connect_request);
    w.msg("subscribe", m.subscribe.as_ref(), write_subscribe_request);
    w.msg("unsubscribe", m.unsubscribe.as_ref(), |b, r| {
        write_channel_only(b, &r.channel)
    });
    w.msg("publish", m.publish.as_ref(), write_publish_request);
    w.msg("presence", m.presence.as_ref(), |b, r| {
        write_channel_only(b, &r.channel)
    });
    w.msg("presence_stats", m.presence_stats.as_ref(), |b, r| {
        write_channel_only(b, &r.channel)
    });
    w.msg("history", m.history.as_ref(), write_history_request);
    w.msg("ping", m.ping.as_ref(), write_empty);
    w.msg("send", m.send.as_ref(), |b, r| {
        let mut w = W::open(b);
        w.raw_nz("data", &r.data);
        w.close();
    });
    w.msg("rpc", m.rpc.as_ref(), |b, r| {
        let mut w = W::open(b);
        w.raw_nz("data", &r.data);
        w.str_nz("method", &r.method);
        w.close();
    });
    w.msg("refresh", m.refresh.as_ref(), |b, r| {
        let mut w = W::open(b);
        w.str_nz("token", &r.token);
        w.close();
    });
    w.msg(
        "sub_refresh",
        m.sub_refresh.as_ref(),
        write_sub_refresh_request,
    );
    w.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_fixtures::every_command;

    fn reply_str(r: &pb::Reply) -> String {
        let mut out = Vec::new();
        encode_reply(r, &mut out);
        String::from_utf8(out).expect("utf8")
    }

    fn info(user: &str, client: &str, conn_info: &'static [u8]) -> pb::ClientInfo {
        pb::ClientInfo {
            user: user.into(),
            client: client.into(),
            conn_info: Bytes::from_static(conn_info),
            ..Default::default()
        }
    }

    fn push(channel: &str, p: pb::Push) -> pb::Reply {
        pb::Reply {
            push: Some(pb::Push {
                channel: channel.into(),
                ..p
            }),
            ..Default::default()
        }
    }

    const C1: &str = "8043cf97-454f-4b7a-94cd-e1437bf6f7de";
    const C2: &str = "92eeaf9e-ae71-4c67-a202-3dfa6bad5e3b";

    // Expected strings below were captured from Centrifugo v6.9.1 (tags sorted: Go writes map keys in random
    // order, this codec in key order).

    #[test]
    fn connect_result() {
        let r = pb::Reply {
            id: 1,
            connect: Some(pb::ConnectResult {
                client: "c096b8ea-1127-44ff-85c6-7304dcc10760".into(),
                version: "0.0.0 OSS".into(),
                expires: true,
                ttl: 3600,
                ping: 25,
                pong: true,
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":1,"connect":{"client":"c096b8ea-1127-44ff-85c6-7304dcc10760","version":"0.0.0 OSS","expires":true,"ttl":3600,"ping":25,"pong":true}}"#
        );
    }

    fn recovered() -> Vec<pb::Publication> {
        let mut tags = BTreeMap::new();
        tags.insert("b".to_string(), "2".to_string());
        tags.insert("a".to_string(), "<1>\n".to_string());
        vec![
            pb::Publication {
                data: Bytes::from("{\"t\":1,\"s\":\"x\u{2028}<\"}"),
                info: Some(info("43", C1, b"")),
                offset: 1,
                epoch: "EJVpUpmB".into(),
                ..Default::default()
            },
            pb::Publication {
                data: Bytes::from_static(b"{\"z\": [1, 2]}"),
                offset: 2,
                tags,
                ..Default::default()
            },
        ]
    }

    #[test]
    fn subscribe_result_with_recovered_publications() {
        let r = pb::Reply {
            id: 10,
            subscribe: Some(pb::SubscribeResult {
                recoverable: true,
                epoch: "EJVpUpmB".into(),
                publications: recovered(),
                recovered: true,
                positioned: true,
                was_recovering: true,
                ..Default::default()
            }),
            ..Default::default()
        };
        let want = format!(
            "{{\"id\":10,\"subscribe\":{{\"recoverable\":true,\"epoch\":\"EJVpUpmB\",\"publications\":[\
             {{\"data\":{{\"t\":1,\"s\":\"x\u{2028}<\"}},\"info\":{{\"user\":\"43\",\"client\":\"{C1}\"}},\"offset\":1,\"epoch\":\"EJVpUpmB\"}},\
             {{\"data\":{{\"z\": [1, 2]}},\"offset\":2,\"tags\":{{\"a\":\"\\u003c1\\u003e\\n\",\"b\":\"2\"}}}}],\
             \"recovered\":true,\"positioned\":true,\"was_recovering\":true}}}}"
        );
        assert_eq!(reply_str(&r), want);
        // A plain subscribe: offset 0 and no publications are left out.
        let r = pb::Reply {
            id: 2,
            subscribe: Some(pb::SubscribeResult {
                recoverable: true,
                epoch: "EJVpUpmB".into(),
                positioned: true,
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":2,"subscribe":{"recoverable":true,"epoch":"EJVpUpmB","positioned":true}}"#
        );
    }

    #[test]
    fn publication_push_with_info_and_tags() {
        let pubs = recovered();
        let want0 = format!(
            "{{\"push\":{{\"channel\":\"chat\",\"pub\":{{\"data\":{{\"t\":1,\"s\":\"x\u{2028}<\"}},\"info\":{{\"user\":\"43\",\"client\":\"{C1}\"}},\"offset\":1,\"epoch\":\"EJVpUpmB\"}}}}}}"
        );
        let want1 = r#"{"push":{"channel":"chat","pub":{"data":{"z": [1, 2]},"offset":2,"tags":{"a":"\u003c1\u003e\n","b":"2"}}}}"#;
        for (p, want) in pubs.iter().zip([want0.as_str(), want1]) {
            let shared = encode_publication_push("chat", p);
            assert_eq!(String::from_utf8(shared).expect("utf8"), want);
            let r = push(
                "chat",
                pb::Push {
                    r#pub: Some(p.clone()),
                    ..Default::default()
                },
            );
            assert_eq!(reply_str(&r), want);
        }
    }

    #[test]
    fn join_and_leave_pushes() {
        let i = info("42", C2, b"{\"name\": \"A<&>\"}");
        let join = push(
            "chat",
            pb::Push {
                join: Some(pb::Join {
                    info: Some(i.clone()),
                }),
                ..Default::default()
            },
        );
        assert_eq!(
            reply_str(&join),
            format!(
                "{{\"push\":{{\"channel\":\"chat\",\"join\":{{\"info\":{{\"user\":\"42\",\"client\":\"{C2}\",\"conn_info\":{{\"name\": \"A<&>\"}}}}}}}}}}"
            )
        );
        let leave = push(
            "chat",
            pb::Push {
                leave: Some(pb::Leave {
                    info: Some(info("43", C1, b"")),
                }),
                ..Default::default()
            },
        );
        assert_eq!(
            reply_str(&leave),
            format!("{{\"push\":{{\"channel\":\"chat\",\"leave\":{{\"info\":{{\"user\":\"43\",\"client\":\"{C1}\"}}}}}}}}")
        );
        // user and client are always written, even empty.
        let anon = push(
            "chat",
            pb::Push {
                join: Some(pb::Join {
                    info: Some(pb::ClientInfo::default()),
                }),
                ..Default::default()
            },
        );
        assert_eq!(
            reply_str(&anon),
            r#"{"push":{"channel":"chat","join":{"info":{"user":"","client":""}}}}"#
        );
    }

    #[test]
    fn unsubscribe_disconnect_and_other_pushes() {
        let r = push(
            "chat:index",
            pb::Push {
                unsubscribe: Some(pb::Unsubscribe {
                    code: 2000,
                    reason: "server unsubscribe".into(),
                }),
                ..Default::default()
            },
        );
        assert_eq!(
            reply_str(&r),
            r#"{"push":{"channel":"chat:index","unsubscribe":{"code":2000,"reason":"server unsubscribe"}}}"#
        );
        let d = pb::Push {
            disconnect: Some(pb::Disconnect::from(
                &crate::protocol::Disconnect::shutdown(),
            )),
            ..Default::default()
        };
        let mut out = Vec::new();
        encode_push(&d, &mut out);
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            r#"{"disconnect":{"code":3001,"reason":"shutdown","reconnect":true}}"#
        );
        let c = pb::Push {
            connect: Some(pb::Connect {
                client: "c".into(),
                version: "v".into(),
                data: Bytes::from_static(b"{\"x\":\n1}"),
                ping: 25,
                pong: true,
                session: "s".into(),
                node: "n".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let mut out = Vec::new();
        encode_push(&c, &mut out);
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            r#"{"connect":{"client":"c","version":"v","data":{"x":1},"ping":25,"pong":true,"session":"s","node":"n"}}"#
        );
        let s = push(
            "srv",
            pb::Push {
                id: -3,
                subscribe: Some(pb::Subscribe {
                    recoverable: true,
                    epoch: "e".into(),
                    offset: u64::MAX,
                    positioned: true,
                    data: Bytes::from_static(b"null"),
                }),
                ..Default::default()
            },
        );
        assert_eq!(
            reply_str(&s),
            r#"{"push":{"id":-3,"channel":"srv","subscribe":{"recoverable":true,"epoch":"e","offset":18446744073709551615,"positioned":true,"data":null}}}"#
        );
    }

    #[test]
    fn error_replies() {
        let r = pb::Reply {
            id: 11,
            error: Some(pb::Error::from(crate::protocol::ErrorCode::NOT_AVAILABLE)),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":11,"error":{"code":108,"message":"not available"}}"#
        );
        let r = pb::Reply {
            id: 1,
            error: Some(pb::Error::from(crate::protocol::ErrorCode::INTERNAL)),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":1,"error":{"code":100,"message":"internal server error","temporary":true}}"#
        );
    }

    #[test]
    fn history_presence_and_empty_results_keep_always_present_fields() {
        let r = pb::Reply {
            id: 2,
            history: Some(pb::HistoryResult {
                epoch: "HoqUhoJI".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":2,"history":{"publications":[],"epoch":"HoqUhoJI","offset":0}}"#
        );
        let r = pb::Reply {
            id: 3,
            presence: Some(pb::PresenceResult::default()),
            ..Default::default()
        };
        assert_eq!(reply_str(&r), r#"{"id":3,"presence":{"presence":{}}}"#);
        let r = pb::Reply {
            id: 4,
            presence_stats: Some(pb::PresenceStatsResult::default()),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            r#"{"id":4,"presence_stats":{"num_clients":0,"num_users":0}}"#
        );
        let mut presence = BTreeMap::new();
        presence.insert(C1.to_string(), info("43", C1, b""));
        presence.insert(C2.to_string(), info("42", C2, b"{\"name\": \"A<&>\"}"));
        let r = pb::Reply {
            id: 7,
            presence: Some(pb::PresenceResult { presence }),
            ..Default::default()
        };
        assert_eq!(
            reply_str(&r),
            format!(
                "{{\"id\":7,\"presence\":{{\"presence\":{{\"{C1}\":{{\"user\":\"43\",\"client\":\"{C1}\"}},\"{C2}\":{{\"user\":\"42\",\"client\":\"{C2}\",\"conn_info\":{{\"name\": \"A<&>\"}}}}}}}}}}"
            )
        );
        let r = pb::Reply {
            id: 6,
            history: Some(pb::HistoryResult {
                publications: recovered(),
                epoch: "EJVpUpmB".into(),
                offset: 2,
            }),
            ..Default::default()
        };
        let s = reply_str(&r);
        assert!(s.starts_with(r#"{"id":6,"history":{"publications":[{"data":"#));
        assert!(s.ends_with(r#"}}],"epoch":"EJVpUpmB","offset":2}}"#));
        for (r, want) in [
            (
                pb::Reply {
                    id: 3,
                    publish: Some(pb::PublishResult {}),
                    ..Default::default()
                },
                r#"{"id":3,"publish":{}}"#,
            ),
            (
                pb::Reply {
                    id: 9,
                    unsubscribe: Some(pb::UnsubscribeResult {}),
                    ..Default::default()
                },
                r#"{"id":9,"unsubscribe":{}}"#,
            ),
            (
                pb::Reply {
                    id: 5,
                    rpc: Some(pb::RpcResult::default()),
                    ..Default::default()
                },
                r#"{"id":5,"rpc":{}}"#,
            ),
            (pb::Reply::default(), "{}"),
        ] {
            assert_eq!(reply_str(&r), want);
        }
    }

    #[test]
    fn strings_are_escaped_like_go() {
        let mut out = Vec::new();
        write_go_str(
            &mut out,
            "a\"b\\c\n\r\t\u{1}\u{8}\u{c}<>&\u{2028}\u{2029}\u{e9}\u{7f}/",
        );
        // DEL, '/' and non-ASCII other than U+2028/U+2029 pass through unescaped.
        let want = r#""a\"b\\c\n\r\t\u0001\u0008\u000c\u003c\u003e\u0026\u2028\u2029"#.to_string()
            + "\u{e9}\u{7f}/\"";
        assert_eq!(String::from_utf8(out).expect("utf8"), want);
    }

    #[test]
    fn every_command_round_trips_through_json() {
        let cmds = every_command();
        let mut frame = Vec::new();
        for c in &cmds {
            if !frame.is_empty() {
                frame.push(b'\n');
            }
            encode_command(c, &mut frame);
        }
        frame.push(b'\n');
        let back = decode_commands_pb(&frame).expect("valid frame");
        assert_eq!(back, cmds);
    }

    #[test]
    fn decodes_raw_payloads_and_ignores_unknown_fields() {
        let frame =
            b"{\"id\":1,\"publish\":{\"channel\":\"a\",\"data\":{\"x\": [1, 2]},\"extra\":5}}\n\
                      {\"id\":2,\"rpc\":{\"method\":\"m\",\"data\":\"text\"}}\n\
                      {\"id\":3,\"publish\":{\"channel\":\"a\",\"data\":null}}\n\
                      {}";
        let cmds = decode_commands_pb(frame).expect("valid");
        assert_eq!(cmds.len(), 4);
        let data = |i: usize| -> &[u8] {
            cmds[i]
                .publish
                .as_ref()
                .map(|p| &p.data[..])
                .or_else(|| cmds[i].rpc.as_ref().map(|r| &r.data[..]))
                .expect("request")
        };
        assert_eq!(data(0), b"{\"x\": [1, 2]}");
        assert_eq!(data(1), b"\"text\"");
        assert_eq!(data(2), b"");
        assert_eq!(cmds[3], pb::Command::default());
        let err = decode_commands_pb(b"{\"id\":1}\n{bad").expect_err("bad line");
        assert_eq!(err.index, 1);
        assert!(decode_commands_pb(b"{\"id\":-1}").is_err());
        assert!(decode_commands_pb(b"{\"id\":1,\"publish\":{\"data\":}}").is_err());
    }

    #[test]
    fn binary_payloads_are_detectable() {
        let binary = pb::Publication {
            data: Bytes::from_static(&[0xff, 0x00, 0x01]),
            ..Default::default()
        };
        assert!(!publication_is_json(&binary));
        assert!(!is_json(&binary.data));
        let mut out = b"{}".to_vec();
        let r = push(
            "chat",
            pb::Push {
                r#pub: Some(binary),
                ..Default::default()
            },
        );
        assert_eq!(encode_reply_checked(&r, &mut out), Err(NotJson));
        assert_eq!(out, b"{}");
        let mut bad_info = recovered().remove(0);
        bad_info.info = Some(info("u", "c", b"not json"));
        assert!(!publication_is_json(&bad_info));
        let good = recovered().remove(1);
        assert!(publication_is_json(&good));
        let r = push(
            "chat",
            pb::Push {
                r#pub: Some(good),
                ..Default::default()
            },
        );
        assert_eq!(encode_reply_checked(&r, &mut out), Ok(()));
        assert!(out.starts_with(b"{}{\"push\":"));
    }
}
