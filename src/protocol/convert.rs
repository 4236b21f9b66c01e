//! Conversions between the hand-written protocol types of `protocol` (used by the session, node and broker today)
//! and the generated model `pb`, so code can move to `pb` one call site at a time.
//!
//! Optional payloads: `None` on the hand-written side is an empty `Bytes` in `pb`, and an empty `Bytes` comes
//! back as `None`.

use super::{
    pb, ChannelRequest, ClientInfo, Command, ConnectRequest, Disconnect, ErrorCode, HistoryRequest,
    Payload, Publication, PublishRequest, RefreshRequest, RpcRequest, SendRequest, StreamPosition,
    SubRefreshRequest, SubscribeHint, SubscribeRequest,
};
use bytes::Bytes;

fn opt(b: Bytes) -> Option<Payload> {
    if b.is_empty() {
        None
    } else {
        Some(b)
    }
}

fn unopt(b: Option<&Payload>) -> Bytes {
    b.cloned().unwrap_or_default()
}

// ---- values shared by node, broker and session ----

impl From<&ClientInfo> for pb::ClientInfo {
    fn from(c: &ClientInfo) -> Self {
        pb::ClientInfo {
            user: c.user.clone(),
            client: c.client.clone(),
            conn_info: unopt(c.conn_info.as_ref()),
            chan_info: unopt(c.chan_info.as_ref()),
        }
    }
}

impl From<pb::ClientInfo> for ClientInfo {
    fn from(c: pb::ClientInfo) -> Self {
        ClientInfo {
            user: c.user,
            client: c.client,
            conn_info: opt(c.conn_info),
            chan_info: opt(c.chan_info),
        }
    }
}

impl From<&Publication> for pb::Publication {
    fn from(p: &Publication) -> Self {
        pb::Publication {
            data: p.data.clone(),
            info: p.info.as_ref().map(pb::ClientInfo::from),
            offset: p.offset,
            tags: p.tags.iter().cloned().collect(),
            time: p.time,
            ..Default::default()
        }
    }
}

impl Publication {
    /// A stored publication on the wire, carrying its stream epoch as Centrifugo v6 sends it.
    pub fn to_pb_with_epoch(&self, epoch: &str) -> pb::Publication {
        let mut out = pb::Publication::from(self);
        out.epoch = epoch.to_string();
        out
    }
}

/// Keeps the fields the hand-written type has (data, info, offset, tags, time); tags come back sorted by key.
impl From<pb::Publication> for Publication {
    fn from(p: pb::Publication) -> Self {
        Publication {
            offset: p.offset,
            data: p.data,
            info: p.info.map(ClientInfo::from),
            tags: p.tags.into_iter().collect(),
            time: p.time,
        }
    }
}

impl From<&StreamPosition> for pb::StreamPosition {
    fn from(s: &StreamPosition) -> Self {
        pb::StreamPosition {
            offset: s.offset,
            epoch: s.epoch.clone(),
        }
    }
}

impl From<pb::StreamPosition> for StreamPosition {
    fn from(s: pb::StreamPosition) -> Self {
        StreamPosition {
            offset: s.offset,
            epoch: s.epoch,
        }
    }
}

impl From<ErrorCode> for pb::Error {
    fn from(e: ErrorCode) -> Self {
        pb::Error {
            code: e.code,
            message: e.message.to_string(),
            temporary: e.temporary,
        }
    }
}

/// The `disconnect` push body, with the reconnect flag derived from the code.
impl From<&Disconnect> for pb::Disconnect {
    fn from(d: &Disconnect) -> Self {
        pb::Disconnect {
            code: d.code,
            reason: d.reason.clone(),
            reconnect: d.reconnect(),
        }
    }
}

// ---- commands: generated model into the session's request types ----

impl From<pb::ConnectRequest> for ConnectRequest {
    fn from(r: pb::ConnectRequest) -> Self {
        ConnectRequest {
            token: r.token,
            data: opt(r.data),
            subs: r
                .subs
                .into_iter()
                .map(|(ch, s)| {
                    (
                        ch,
                        SubscribeHint {
                            recover: s.recover,
                            epoch: s.epoch,
                            offset: s.offset,
                        },
                    )
                })
                .collect(),
            name: r.name,
            version: r.version,
            headers: r.headers.into_iter().collect(),
            flag: r.flag,
        }
    }
}

impl From<pb::FilterNode> for super::filter::FilterNode {
    fn from(f: pb::FilterNode) -> Self {
        super::filter::FilterNode {
            op: f.op,
            key: f.key,
            cmp: f.cmp,
            val: f.val,
            vals: f.vals,
            nodes: f.nodes.into_iter().map(Into::into).collect(),
        }
    }
}

/// Drops the fields the hand-written type lacks (`phase`, `cursor`, `limit`, `asc`).
impl From<pb::SubscribeRequest> for SubscribeRequest {
    fn from(r: pb::SubscribeRequest) -> Self {
        SubscribeRequest {
            channel: r.channel,
            token: r.token,
            recover: r.recover,
            epoch: r.epoch,
            offset: r.offset,
            data: opt(r.data),
            positioned: r.positioned,
            recoverable: r.recoverable,
            join_leave: r.join_leave,
            delta: r.delta,
            tf: r.tf.map(Into::into),
            flag: r.flag,
            kind: r.r#type,
        }
    }
}

/// Drops the map-publish fields (`type`, `key`, `removed`).
impl From<pb::PublishRequest> for PublishRequest {
    fn from(r: pb::PublishRequest) -> Self {
        PublishRequest {
            channel: r.channel,
            data: opt(r.data),
        }
    }
}

impl From<pb::HistoryRequest> for HistoryRequest {
    fn from(r: pb::HistoryRequest) -> Self {
        HistoryRequest {
            channel: r.channel,
            limit: r.limit,
            since: r.since.map(StreamPosition::from),
            reverse: r.reverse,
        }
    }
}

/// Drops the shared-poll fields (`type`, `track`, `untrack`).
impl From<pb::SubRefreshRequest> for SubRefreshRequest {
    fn from(r: pb::SubRefreshRequest) -> Self {
        SubRefreshRequest {
            channel: r.channel,
            token: r.token,
        }
    }
}

/// Lets the session decode with either codec (`json::decode_commands_pb`, `protobuf::decode_commands`) and keep
/// its handlers as they are.
impl From<pb::Command> for Command {
    fn from(c: pb::Command) -> Self {
        let chan = |channel: String| ChannelRequest { channel };
        Command {
            id: c.id,
            connect: c.connect.map(ConnectRequest::from),
            subscribe: c.subscribe.map(SubscribeRequest::from),
            unsubscribe: c.unsubscribe.map(|r| chan(r.channel)),
            publish: c.publish.map(PublishRequest::from),
            presence: c.presence.map(|r| chan(r.channel)),
            presence_stats: c.presence_stats.map(|r| chan(r.channel)),
            history: c.history.map(HistoryRequest::from),
            ping: c.ping.map(|_| serde::de::IgnoredAny),
            send: c.send.map(|r| SendRequest { data: opt(r.data) }),
            rpc: c.rpc.map(|r| RpcRequest {
                data: opt(r.data),
                method: r.method,
            }),
            refresh: c.refresh.map(|r| RefreshRequest { token: r.token }),
            sub_refresh: c.sub_refresh.map(SubRefreshRequest::from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_fixtures::every_command;

    #[test]
    fn values_round_trip() {
        let p = Publication {
            offset: 4,
            data: Bytes::from_static(b"{}"),
            info: Some(ClientInfo {
                user: "u".into(),
                client: "c".into(),
                conn_info: Some(Bytes::from_static(b"1")),
                chan_info: None,
            }),
            tags: vec![("a".into(), "1".into()), ("b".into(), "2".into())],
            time: 17,
        };
        let back = Publication::from(pb::Publication::from(&p));
        assert_eq!(back, p);
        let sp = StreamPosition {
            offset: 3,
            epoch: "e".into(),
        };
        assert_eq!(StreamPosition::from(pb::StreamPosition::from(&sp)), sp);
        let e = pb::Error::from(ErrorCode::INTERNAL);
        assert_eq!((e.code, e.temporary), (100, true));
        let d = pb::Disconnect::from(&Disconnect::shutdown());
        assert_eq!((d.code, d.reconnect), (3001, true));
    }

    /// Decoding with the generated model and converting gives what the hand-written serde decoder gives.
    #[test]
    fn converted_commands_match_the_legacy_json_decoder() {
        let mut frame = Vec::new();
        for c in every_command() {
            if !frame.is_empty() {
                frame.push(b'\n');
            }
            crate::protocol::json_pb::encode_command(&c, &mut frame);
        }
        let legacy = crate::protocol::json::decode_commands(&frame).expect("legacy decode");
        let new = crate::protocol::json::decode_commands_pb(&frame).expect("pb decode");
        assert_eq!(legacy.len(), new.len());
        for (l, n) in legacy.iter().zip(new) {
            assert_eq!(format!("{l:?}"), format!("{:?}", Command::from(n)));
        }
    }
}
