//! The proxy messages of `proxy.proto`, for both wires: Protobuf (prost, GRPC backends) and JSON
//! (serde, HTTP backends). In JSON a `bytes` field carries raw JSON (a payload is embedded as
//! it is, not quoted); its base64 twin (`b64data`, `b64info`) carries binary payloads. Empty
//! fields are left out of requests, except `user`, which is always sent (as Centrifugo does).

use bytes::Bytes;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// A raw JSON field: the bytes as they are, which must be JSON (else the request fails).
fn raw<S: Serializer>(b: &Bytes, s: S) -> Result<S::Ok, S::Error> {
    let text = std::str::from_utf8(b).map_err(serde::ser::Error::custom)?;
    let v: &serde_json::value::RawValue = serde_json::from_str(text)
        .map_err(|e| serde::ser::Error::custom(format!("payload is not JSON: {e}")))?;
    v.serialize(s)
}

fn de_raw<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
    crate::protocol::raw_bytes(d)
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct Disconnect {
    #[prost(uint32, tag = "1")]
    pub code: u32,
    #[prost(string, tag = "2")]
    pub reason: String,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct Error {
    #[prost(uint32, tag = "1")]
    pub code: u32,
    #[prost(string, tag = "2")]
    pub message: String,
    #[prost(bool, tag = "3")]
    pub temporary: bool,
}

#[derive(Clone, Copy, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct BoolValue {
    #[prost(bool, tag = "1")]
    pub value: bool,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct SubscribeOptionOverride {
    #[prost(message, optional, tag = "1")]
    pub presence: Option<BoolValue>,
    #[prost(message, optional, tag = "2")]
    pub join_leave: Option<BoolValue>,
    #[prost(message, optional, tag = "3")]
    pub force_recovery: Option<BoolValue>,
    #[prost(message, optional, tag = "4")]
    pub force_positioning: Option<BoolValue>,
    #[prost(message, optional, tag = "5")]
    pub force_push_join_leave: Option<BoolValue>,
}

impl SubscribeOptionOverride {
    /// The five overrides (presence, join_leave, force_recovery, force_positioning,
    /// force_push_join_leave); `None` where the backend left the namespace's value.
    pub(crate) fn values(&self) -> [Option<bool>; 5] {
        let v = |b: &Option<BoolValue>| b.map(|b| b.value);
        [
            v(&self.presence),
            v(&self.join_leave),
            v(&self.force_recovery),
            v(&self.force_positioning),
            v(&self.force_push_join_leave),
        ]
    }
}

/// Generates a request message: the four common fields, then the event's own.
macro_rules! request {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, PartialEq, prost::Message, Serialize)]
        pub(crate) struct $name {
            #[prost(string, tag = "1")]
            #[serde(skip_serializing_if = "String::is_empty")]
            pub client: String,
            #[prost(string, tag = "2")]
            #[serde(skip_serializing_if = "String::is_empty")]
            pub transport: String,
            #[prost(string, tag = "3")]
            #[serde(skip_serializing_if = "String::is_empty")]
            pub protocol: String,
            #[prost(string, tag = "4")]
            #[serde(skip_serializing_if = "String::is_empty")]
            pub encoding: String,
            $($(#[$fm])* pub $field: $ty,)*
        }
    };
}

request!(ConnectRequest {
    #[prost(bytes = "bytes", tag = "10")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    data: Bytes,
    #[prost(string, tag = "11")]
    #[serde(skip_serializing_if = "String::is_empty")]
    b64data: String,
    #[prost(string, tag = "12")]
    #[serde(skip_serializing_if = "String::is_empty")]
    name: String,
    #[prost(string, tag = "13")]
    #[serde(skip_serializing_if = "String::is_empty")]
    version: String,
    #[prost(string, repeated, tag = "14")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    channels: Vec<String>,
});

request!(RefreshRequest {
    #[prost(string, tag = "10")]
    user: String,
    #[prost(bytes = "bytes", tag = "11")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    meta: Bytes,
});

request!(SubscribeRequest {
    #[prost(string, tag = "10")]
    user: String,
    #[prost(string, tag = "11")]
    #[serde(skip_serializing_if = "String::is_empty")]
    channel: String,
    #[prost(string, tag = "12")]
    #[serde(skip_serializing_if = "String::is_empty")]
    token: String,
    #[prost(bytes = "bytes", tag = "13")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    meta: Bytes,
    #[prost(bytes = "bytes", tag = "14")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    data: Bytes,
    #[prost(string, tag = "15")]
    #[serde(skip_serializing_if = "String::is_empty")]
    b64data: String,
});

request!(PublishRequest {
    #[prost(string, tag = "10")]
    user: String,
    #[prost(string, tag = "11")]
    #[serde(skip_serializing_if = "String::is_empty")]
    channel: String,
    #[prost(bytes = "bytes", tag = "12")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    data: Bytes,
    #[prost(string, tag = "13")]
    #[serde(skip_serializing_if = "String::is_empty")]
    b64data: String,
    #[prost(bytes = "bytes", tag = "14")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    meta: Bytes,
});

request!(RpcRequest {
    #[prost(string, tag = "10")]
    user: String,
    #[prost(string, tag = "11")]
    #[serde(skip_serializing_if = "String::is_empty")]
    method: String,
    #[prost(bytes = "bytes", tag = "12")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    data: Bytes,
    #[prost(string, tag = "13")]
    #[serde(skip_serializing_if = "String::is_empty")]
    b64data: String,
    #[prost(bytes = "bytes", tag = "14")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    meta: Bytes,
});

request!(SubRefreshRequest {
    #[prost(string, tag = "10")]
    user: String,
    #[prost(string, tag = "11")]
    #[serde(skip_serializing_if = "String::is_empty")]
    channel: String,
    #[prost(bytes = "bytes", tag = "12")]
    #[serde(skip_serializing_if = "Bytes::is_empty", serialize_with = "raw")]
    meta: Bytes,
});

/// Options of a subscription: a server-side one in a connect result, or the subscribe result.
#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct SubscribeOptions {
    #[prost(int64, tag = "1")]
    pub expire_at: i64,
    #[prost(bytes = "bytes", tag = "2")]
    #[serde(deserialize_with = "de_raw")]
    pub info: Bytes,
    #[prost(string, tag = "3")]
    pub b64info: String,
    #[prost(bytes = "bytes", tag = "4")]
    #[serde(deserialize_with = "de_raw")]
    pub data: Bytes,
    #[prost(string, tag = "5")]
    pub b64data: String,
    #[prost(message, optional, tag = "6")]
    pub r#override: Option<SubscribeOptionOverride>,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct ConnectResult {
    #[prost(string, tag = "1")]
    pub user: String,
    #[prost(int64, tag = "2")]
    pub expire_at: i64,
    #[prost(bytes = "bytes", tag = "3")]
    #[serde(deserialize_with = "de_raw")]
    pub info: Bytes,
    #[prost(string, tag = "4")]
    pub b64info: String,
    #[prost(bytes = "bytes", tag = "5")]
    #[serde(deserialize_with = "de_raw")]
    pub data: Bytes,
    #[prost(string, tag = "6")]
    pub b64data: String,
    #[prost(string, repeated, tag = "7")]
    pub channels: Vec<String>,
    #[prost(btree_map = "string, message", tag = "8")]
    pub subs: BTreeMap<String, SubscribeOptions>,
    #[prost(bytes = "bytes", tag = "9")]
    #[serde(deserialize_with = "de_raw")]
    pub meta: Bytes,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct RefreshResult {
    #[prost(bool, tag = "1")]
    pub expired: bool,
    #[prost(int64, tag = "2")]
    pub expire_at: i64,
    #[prost(bytes = "bytes", tag = "3")]
    #[serde(deserialize_with = "de_raw")]
    pub info: Bytes,
    #[prost(string, tag = "4")]
    pub b64info: String,
    #[prost(bytes = "bytes", tag = "5")]
    #[serde(deserialize_with = "de_raw")]
    pub meta: Bytes,
}

/// The subscribe result has the fields (and numbers) of a connect result's `SubscribeOptions`.
pub(crate) type SubscribeResult = SubscribeOptions;

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct PublishResult {
    #[prost(bytes = "bytes", tag = "1")]
    #[serde(deserialize_with = "de_raw")]
    pub data: Bytes,
    #[prost(string, tag = "2")]
    pub b64data: String,
    #[prost(bool, tag = "3")]
    pub skip_history: bool,
    #[prost(btree_map = "string, string", tag = "4")]
    pub tags: BTreeMap<String, String>,
    #[prost(string, tag = "5")]
    pub idempotency_key: String,
    #[prost(bool, tag = "6")]
    pub delta: bool,
    #[prost(uint64, tag = "7")]
    pub version: u64,
    #[prost(string, tag = "8")]
    pub version_epoch: String,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct RpcResult {
    #[prost(bytes = "bytes", tag = "1")]
    #[serde(deserialize_with = "de_raw")]
    pub data: Bytes,
    #[prost(string, tag = "2")]
    pub b64data: String,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
pub(crate) struct SubRefreshResult {
    #[prost(bool, tag = "1")]
    pub expired: bool,
    #[prost(int64, tag = "2")]
    pub expire_at: i64,
    #[prost(bytes = "bytes", tag = "3")]
    #[serde(deserialize_with = "de_raw")]
    pub info: Bytes,
    #[prost(string, tag = "4")]
    pub b64info: String,
}

/// A publication on a subscribe stream: data (and tags) for this one client.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct StreamPublication {
    #[prost(bytes = "bytes", tag = "4")]
    pub data: Bytes,
    #[prost(btree_map = "string, string", tag = "7")]
    pub tags: BTreeMap<String, String>,
}

/// What the server sends on a bidirectional subscribe stream: the subscribe request first, then
/// the client's publications into the channel.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct StreamSubscribeRequest {
    #[prost(message, optional, tag = "1")]
    pub subscribe_request: Option<SubscribeRequest>,
    #[prost(message, optional, tag = "2")]
    pub publication: Option<StreamPublication>,
}

/// What the backend sends on a subscribe stream: the subscribe response first, then publications.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct StreamSubscribeResponse {
    #[prost(message, optional, tag = "1")]
    pub subscribe_response: Option<SubscribeResponse>,
    #[prost(message, optional, tag = "2")]
    pub publication: Option<StreamPublication>,
}

/// A response: `result`, or an `error` for the client, or a `disconnect` of the client.
pub(crate) trait Response: prost::Message + Default + serde::de::DeserializeOwned {
    type Result;
    fn into_parts(self) -> (Option<Self::Result>, Option<Error>, Option<Disconnect>);
}

macro_rules! response {
    ($name:ident, $result:ident) => {
        #[derive(Clone, PartialEq, prost::Message, Deserialize)]
        #[serde(default)]
        pub(crate) struct $name {
            #[prost(message, optional, tag = "1")]
            pub result: Option<$result>,
            #[prost(message, optional, tag = "2")]
            pub error: Option<Error>,
            #[prost(message, optional, tag = "3")]
            pub disconnect: Option<Disconnect>,
        }

        impl Response for $name {
            type Result = $result;
            fn into_parts(self) -> (Option<$result>, Option<Error>, Option<Disconnect>) {
                (self.result, self.error, self.disconnect)
            }
        }
    };
}

response!(ConnectResponse, ConnectResult);
response!(RefreshResponse, RefreshResult);
response!(SubscribeResponse, SubscribeResult);
response!(PublishResponse, PublishResult);
response!(RpcResponse, RpcResult);
response!(SubRefreshResponse, SubRefreshResult);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn json_requests_embed_raw_payloads_and_omit_empty_fields() {
        let r = RpcRequest {
            client: "c1".into(),
            transport: "websocket".into(),
            protocol: "json".into(),
            encoding: "json".into(),
            user: String::new(),
            method: "m".into(),
            data: Bytes::from_static(br#"{"a": 1}"#),
            ..Default::default()
        };
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(
            text,
            r#"{"client":"c1","transport":"websocket","protocol":"json","encoding":"json","user":"","method":"m","data":{"a": 1}}"#
        );
        let bad = RpcRequest {
            data: Bytes::from_static(b"\x00not json"),
            ..Default::default()
        };
        assert!(serde_json::to_string(&bad).is_err());
    }

    #[test]
    fn json_responses_keep_raw_values() {
        let r: ConnectResponse = serde_json::from_str(
            r#"{"result":{"user":"56","expire_at":1700000000,"info":{"name":"Alex"},"data":[1,2],
                "subs":{"news":{"override":{"presence":{"value":true}}}},"meta":null,"caps":[{"allow":["sub"]}]}}"#,
        )
        .unwrap();
        let c = r.result.unwrap();
        assert_eq!(c.user, "56");
        assert_eq!(&c.info[..], br#"{"name":"Alex"}"#);
        assert_eq!(&c.data[..], b"[1,2]");
        assert!(c.meta.is_empty());
        let o = c.subs["news"].r#override.as_ref().unwrap().values();
        assert_eq!(o, [Some(true), None, None, None, None]);
        let e: RpcResponse =
            serde_json::from_str(r#"{"error":{"code":1000,"message":"custom"}}"#).unwrap();
        assert_eq!(e.error.unwrap().code, 1000);
    }

    #[test]
    fn protobuf_field_numbers() {
        // Field 10 (data) of ConnectRequest is bytes: tag (10 << 3 | 2) = 0x52.
        let r = ConnectRequest {
            data: Bytes::from_static(b"x"),
            ..Default::default()
        };
        assert_eq!(r.encode_to_vec(), vec![0x52, 1, b'x']);
        let resp = RpcResponse {
            result: Some(RpcResult {
                data: Bytes::from_static(b"ok"),
                ..Default::default()
            }),
            ..Default::default()
        };
        let back = RpcResponse::decode(&resp.encode_to_vec()[..]).unwrap();
        assert_eq!(back, resp);
    }
}
