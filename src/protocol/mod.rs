//! Client protocol v2: commands a client sends, results and pushes the server sends, and their codecs.
//!
//! Request types are codec-neutral: payload fields (`data`, `info`) hold raw bytes, which the JSON codec
//! fills with the raw JSON text of the value and the Protobuf codec with the `bytes` field.

pub(crate) mod codes;
mod convert;
pub(crate) mod filter;
pub mod fossil;
pub(crate) mod json;
pub mod json_pb;
#[rustfmt::skip]
#[allow(clippy::all)]
pub mod pb;
#[cfg(test)]
pub(crate) mod pb_drift;
pub mod protobuf;
#[cfg(test)]
mod test_fixtures;

use bytes::Bytes;
use serde::Deserialize;
use std::collections::HashMap;

pub use codes::{Disconnect, ErrorCode};

/// Wire format of a connection (spec §1.2): JSON frames hold `\n`-separated objects, Protobuf frames hold
/// varint-length-delimited messages. Both encode the same generated model, `pb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Json,
    Protobuf,
}

/// A command frame that could not be decoded (the session disconnects with 3501 bad request).
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error(transparent)]
    Json(#[from] json::DecodeError),
    #[error(transparent)]
    Protobuf(#[from] protobuf::DecodeError),
}

impl Format {
    /// Every command of a client frame.
    pub fn decode_commands(self, frame: &[u8]) -> Result<Vec<pb::Command>, FrameError> {
        Ok(match self {
            Format::Json => json::decode_commands_pb(frame)?,
            Format::Protobuf => protobuf::decode_commands(frame)?,
        })
    }

    /// Appends one Reply to a frame being built (JSON: `\n` before every item but the first).
    pub fn append_reply(self, frame: &mut Vec<u8>, reply: &pb::Reply) {
        match self {
            Format::Json => {
                if !frame.is_empty() {
                    frame.push(b'\n');
                }
                json::encode_reply(reply, frame);
            }
            Format::Protobuf => protobuf::encode_reply(reply, frame),
        }
    }

    /// Appends an item already encoded for this format (as `encode_publication_push` returns) to a frame.
    pub fn append_encoded(self, frame: &mut Vec<u8>, item: &[u8]) {
        if self == Format::Json && !frame.is_empty() {
            frame.push(b'\n');
        }
        frame.extend_from_slice(item);
    }

    /// One Reply as a standalone item (queued per connection and later joined into frames).
    /// None when a JSON reply would carry a payload that is not valid JSON (the client gets 3506).
    pub fn encode(self, reply: &pb::Reply) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(64);
        match self {
            Format::Json => json_pb::encode_reply_checked(reply, &mut out).ok()?,
            Format::Protobuf => protobuf::encode_reply(reply, &mut out),
        }
        Some(out)
    }

    /// The publication push as a standalone item; None for JSON when the payload is binary.
    pub fn encode_publication(
        self,
        channel: &str,
        publication: &pb::Publication,
    ) -> Option<Vec<u8>> {
        if self == Format::Json && !json_pb::publication_is_json(publication) {
            return None;
        }
        Some(self.encode_publication_push(channel, publication))
    }

    /// The publication push in this format, encoded once and shared by all subscribers using it.
    pub fn encode_publication_push(self, channel: &str, publication: &pb::Publication) -> Vec<u8> {
        match self {
            Format::Json => json::encode_publication_push(channel, publication),
            Format::Protobuf => protobuf::encode_publication_push(channel, publication),
        }
    }
}

/// Raw payload bytes: JSON text on JSON connections, arbitrary bytes on Protobuf ones.
pub(crate) type Payload = Bytes;

/// Serde helper for the generated request types: a `bytes` field takes the raw JSON text of its value; `null`
/// counts as absent (empty), as in Centrifugo.
pub(crate) fn raw_bytes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
    let raw: Box<serde_json::value::RawValue> = Deserialize::deserialize(d)?;
    if raw.get() == "null" {
        return Ok(Bytes::new());
    }
    Ok(Bytes::from(String::from(Box::<str>::from(raw))))
}

pub(crate) fn raw_json<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Payload>, D::Error> {
    let raw: Box<serde_json::value::RawValue> = Deserialize::deserialize(d)?;
    Ok(Some(Bytes::copy_from_slice(raw.get().as_bytes())))
}

/// One client command: `id` plus the first non-empty request field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Command {
    pub id: u32,
    pub connect: Option<ConnectRequest>,
    pub subscribe: Option<SubscribeRequest>,
    pub unsubscribe: Option<ChannelRequest>,
    pub publish: Option<PublishRequest>,
    pub presence: Option<ChannelRequest>,
    pub presence_stats: Option<ChannelRequest>,
    pub history: Option<HistoryRequest>,
    pub ping: Option<serde::de::IgnoredAny>,
    pub send: Option<SendRequest>,
    pub rpc: Option<RpcRequest>,
    pub refresh: Option<RefreshRequest>,
    pub sub_refresh: Option<SubRefreshRequest>,
}

/// Recovery hints for a server-side subscription, sent inside `connect.subs`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SubscribeHint {
    pub recover: bool,
    pub epoch: String,
    pub offset: u64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ConnectRequest {
    pub token: String,
    #[serde(deserialize_with = "raw_json")]
    pub data: Option<Payload>,
    pub subs: HashMap<String, SubscribeHint>,
    pub name: String,
    pub version: String,
    pub headers: HashMap<String, String>,
    pub flag: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SubscribeRequest {
    pub channel: String,
    pub token: String,
    pub recover: bool,
    pub epoch: String,
    pub offset: u64,
    #[serde(deserialize_with = "raw_json")]
    pub data: Option<Payload>,
    pub positioned: bool,
    pub recoverable: bool,
    pub join_leave: bool,
    pub delta: String,
    /// Tags filter: only matching publications are delivered.
    pub tf: Option<filter::FilterNode>,
    pub flag: i64,
    #[serde(rename = "type")]
    pub kind: i32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ChannelRequest {
    pub channel: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PublishRequest {
    pub channel: String,
    #[serde(deserialize_with = "raw_json")]
    pub data: Option<Payload>,
}

/// A position in a channel's history stream.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct StreamPosition {
    pub offset: u64,
    pub epoch: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct HistoryRequest {
    pub channel: String,
    pub limit: i32,
    pub since: Option<StreamPosition>,
    pub reverse: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SendRequest {
    #[serde(deserialize_with = "raw_json")]
    pub data: Option<Payload>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RpcRequest {
    #[serde(deserialize_with = "raw_json")]
    pub data: Option<Payload>,
    pub method: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RefreshRequest {
    pub token: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SubRefreshRequest {
    pub channel: String,
    pub token: String,
}

/// Who published or joined: `ClientInfo` on the wire.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientInfo {
    pub user: String,
    pub client: String,
    pub conn_info: Option<Payload>,
    pub chan_info: Option<Payload>,
}

/// A message in a channel, as stored in history and delivered to subscribers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publication {
    pub offset: u64,
    pub data: Payload,
    pub info: Option<ClientInfo>,
    pub tags: Vec<(String, String)>,
    /// Unix milliseconds when the publication was accepted.
    pub time: i64,
}

/// The request a command carries, picked in protocol field order.
pub(crate) enum Request<'a> {
    Connect(&'a ConnectRequest),
    Subscribe(&'a SubscribeRequest),
    Unsubscribe(&'a ChannelRequest),
    Publish(&'a PublishRequest),
    Presence(&'a ChannelRequest),
    PresenceStats(&'a ChannelRequest),
    History(&'a HistoryRequest),
    /// An async message to the server: refused (Centrifugo needs a proxy for it).
    Send,
    Rpc(&'a RpcRequest),
    Refresh(&'a RefreshRequest),
    SubRefresh(&'a SubRefreshRequest),
    /// Only the `ping` field, which the server rejects.
    Ping,
    /// No request field: an empty command is a pong.
    Empty,
}

impl Request<'_> {
    /// The channel the command is about, if it names one.
    pub(crate) fn channel(&self) -> Option<&str> {
        let c: Option<&str> = match self {
            Request::Subscribe(r) => Some(r.channel.as_str()),
            Request::Unsubscribe(r) | Request::Presence(r) | Request::PresenceStats(r) => {
                Some(r.channel.as_str())
            }
            Request::Publish(r) => Some(r.channel.as_str()),
            Request::History(r) => Some(r.channel.as_str()),
            Request::SubRefresh(r) => Some(r.channel.as_str()),
            _ => None,
        };
        c.filter(|c| !c.is_empty())
    }
}

impl Command {
    /// The first non-empty request field of the command.
    pub(crate) fn request(&self) -> Request<'_> {
        if let Some(r) = &self.connect {
            Request::Connect(r)
        } else if let Some(r) = &self.subscribe {
            Request::Subscribe(r)
        } else if let Some(r) = &self.unsubscribe {
            Request::Unsubscribe(r)
        } else if let Some(r) = &self.publish {
            Request::Publish(r)
        } else if let Some(r) = &self.presence {
            Request::Presence(r)
        } else if let Some(r) = &self.presence_stats {
            Request::PresenceStats(r)
        } else if let Some(r) = &self.history {
            Request::History(r)
        } else if self.send.is_some() {
            Request::Send
        } else if let Some(r) = &self.rpc {
            Request::Rpc(r)
        } else if let Some(r) = &self.refresh {
            Request::Refresh(r)
        } else if let Some(r) = &self.sub_refresh {
            Request::SubRefresh(r)
        } else if self.ping.is_some() {
            Request::Ping
        } else {
            Request::Empty
        }
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn frames_in_both_formats() {
        let replies = [
            pb::Reply {
                id: 1,
                publish: Some(pb::PublishResult {}),
                ..Default::default()
            },
            pb::Reply::default(),
        ];
        let p = pb::Publication {
            data: Bytes::from_static(b"{}"),
            offset: 1,
            ..Default::default()
        };
        for format in [Format::Json, Format::Protobuf] {
            let mut frame = Vec::new();
            for r in &replies {
                format.append_reply(&mut frame, r);
            }
            format.append_encoded(&mut frame, &format.encode_publication_push("ch", &p));
            if format == Format::Json {
                assert_eq!(
                    frame,
                    b"{\"id\":1,\"publish\":{}}\n{}\n{\"push\":{\"channel\":\"ch\",\"pub\":{\"data\":{},\"offset\":1}}}"
                );
            } else {
                let back = protobuf::decode_replies(&frame).expect("valid");
                assert_eq!(back.len(), 3);
                assert_eq!(back[..2], replies);
                let push = back[2].push.as_ref().expect("push");
                assert_eq!(push.r#pub.as_ref(), Some(&p));
            }
        }
        let cmds = test_fixtures::every_command();
        let mut pbf = Vec::new();
        let mut js = Vec::new();
        for c in &cmds {
            protobuf::encode_command(c, &mut pbf);
            if !js.is_empty() {
                js.push(b'\n');
            }
            json_pb::encode_command(c, &mut js);
        }
        assert_eq!(Format::Protobuf.decode_commands(&pbf).expect("pb"), cmds);
        assert_eq!(Format::Json.decode_commands(&js).expect("json"), cmds);
        assert!(Format::Json.decode_commands(&pbf).is_err());
        assert!(Format::Protobuf.decode_commands(b"{bad json").is_err());
    }
}
