//! The `--grpc` transport of the API commands: the same method and JSON params the HTTP API
//! takes, sent as the GRPC API's request message, and the response turned back into the JSON
//! result the HTTP API would have given, so one printer serves both transports.

use bytes::Bytes;
use centrifugo::server_api::{call, pb};
use prost::Message;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;
use tonic::Code;

/// Why a GRPC call failed: the server could not be reached, or it answered with an error.
pub(crate) enum Failure {
    Unreachable(String),
    Api(String),
}

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

/// Payload fields travel as raw JSON bytes, as over HTTP.
fn raw(v: &Value) -> Bytes {
    if v.is_null() {
        Bytes::new()
    } else {
        Bytes::from(v.to_string())
    }
}

fn tags(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// A payload back as JSON: parsed if it is JSON, a string otherwise, nothing if empty.
fn payload(b: &[u8]) -> Value {
    if b.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(b).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(b).into()))
}

fn client_info(c: &pb::ClientInfo) -> Value {
    let mut o = json!({"user": c.user, "client": c.client});
    for (k, b) in [("conn_info", &c.conn_info), ("chan_info", &c.chan_info)] {
        let v = payload(b);
        if !v.is_null() {
            o[k] = v;
        }
    }
    o
}

fn error_json(e: &pb::Error) -> Value {
    json!({"code": e.code, "message": e.message})
}

fn publish_result(r: &pb::PublishResult) -> Value {
    if r.offset == 0 && r.epoch.is_empty() {
        json!({})
    } else {
        json!({"offset": r.offset, "epoch": r.epoch})
    }
}

/// The response messages' shared shape: an error or a result.
trait Answer: Message + Default + Send + 'static {
    fn error(&self) -> Option<&pb::Error>;
    fn result_json(&self) -> Value;
}

macro_rules! answer {
    ($($resp:ident => |$r:ident| $body:expr;)*) => {$(
        impl Answer for pb::$resp {
            fn error(&self) -> Option<&pb::Error> {
                self.error.as_ref()
            }
            fn result_json(&self) -> Value {
                match &self.result {
                    Some($r) => $body,
                    None => json!({}),
                }
            }
        }
    )*};
}

answer! {
    PublishResponse => |r| publish_result(r);
    BroadcastResponse => |r| json!({"responses": r.responses.iter().map(|p| match (&p.error, &p.result) {
        (Some(e), _) => json!({"error": error_json(e)}),
        (None, Some(r)) => json!({"result": publish_result(r)}),
        (None, None) => json!({"result": {}}),
    }).collect::<Vec<_>>()});
    PresenceResponse => |r| json!({"presence": r.presence.iter()
        .map(|(k, c)| (k.clone(), client_info(c))).collect::<Map<_, _>>()});
    PresenceStatsResponse => |r| json!({"num_clients": r.num_clients, "num_users": r.num_users});
    HistoryResponse => |r| json!({
        "publications": r.publications.iter().map(|p| {
            let mut o = json!({"data": payload(&p.data), "offset": p.offset});
            if let Some(i) = &p.info {
                o["info"] = client_info(i);
            }
            if !p.tags.is_empty() {
                o["tags"] = json!(p.tags);
            }
            o
        }).collect::<Vec<_>>(),
        "epoch": r.epoch,
        "offset": r.offset,
    });
    ChannelsResponse => |r| json!({"channels": r.channels.iter()
        .map(|(k, c)| (k.clone(), json!({"num_clients": c.num_clients}))).collect::<Map<_, _>>()});
    InfoResponse => |r| json!({"nodes": r.nodes.iter().map(|n| json!({
        "uid": n.uid, "name": n.name, "version": n.version, "num_clients": n.num_clients,
        "num_users": n.num_users, "num_channels": n.num_channels, "uptime": n.uptime,
        "num_subs": n.num_subs,
    })).collect::<Vec<_>>()});
    DisconnectResponse => |_r| json!({});
    UnsubscribeResponse => |_r| json!({});
}

/// Calls `method` (an HTTP API method name) at `addr` with the API's JSON `params`.
pub(crate) async fn run(
    addr: &str,
    key: &str,
    timeout: Duration,
    method: &str,
    p: &Value,
) -> Result<Value, Failure> {
    let url = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    let unreachable =
        |why: String| Failure::Unreachable(format!("cannot reach the GRPC API at {addr}: {why}"));
    let mut endpoint = tonic::transport::Endpoint::from_shared(url.clone())
        .map_err(|e| unreachable(format!("bad address ({e})")))?
        .timeout(timeout)
        .connect_timeout(timeout);
    if url.starts_with("https://") {
        endpoint = endpoint
            .tls_config(tonic::transport::ClientTlsConfig::new().with_webpki_roots())
            .map_err(|e| unreachable(format!("TLS setup: {e}")))?;
    }
    let channel = endpoint
        .connect()
        .await
        .map_err(|e| unreachable(format!("connection refused or host unreachable ({e})")))?;
    let metadata = if key.is_empty() {
        Vec::new()
    } else {
        vec![("authorization".to_string(), format!("apikey {key}"))]
    };
    let go = Call {
        channel,
        metadata,
        method,
        addr,
    };
    match method {
        "publish" => {
            go.send::<_, pb::PublishResponse>(
                "Publish",
                pb::PublishRequest {
                    channel: s(p, "channel"),
                    data: raw(&p["data"]),
                    skip_history: p["skip_history"].as_bool().unwrap_or(false),
                    tags: tags(&p["tags"]),
                    idempotency_key: s(p, "idempotency_key"),
                    delta: p["delta"].as_bool().unwrap_or(false),
                    ..Default::default()
                },
            )
            .await
        }
        "broadcast" => {
            let channels = p["channels"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            go.send::<_, pb::BroadcastResponse>(
                "Broadcast",
                pb::BroadcastRequest {
                    channels,
                    data: raw(&p["data"]),
                    skip_history: p["skip_history"].as_bool().unwrap_or(false),
                    ..Default::default()
                },
            )
            .await
        }
        "presence" => {
            go.send::<_, pb::PresenceResponse>(
                "Presence",
                pb::PresenceRequest {
                    channel: s(p, "channel"),
                },
            )
            .await
        }
        "presence_stats" => {
            go.send::<_, pb::PresenceStatsResponse>(
                "PresenceStats",
                pb::PresenceStatsRequest {
                    channel: s(p, "channel"),
                },
            )
            .await
        }
        "history" => {
            let since = p.get("since").map(|v| pb::StreamPosition {
                offset: v["offset"].as_u64().unwrap_or(0),
                epoch: s(v, "epoch"),
            });
            go.send::<_, pb::HistoryResponse>(
                "History",
                pb::HistoryRequest {
                    channel: s(p, "channel"),
                    limit: p["limit"]
                        .as_i64()
                        .map(|l| l.clamp(i32::MIN.into(), i32::MAX.into()) as i32)
                        .unwrap_or(0),
                    since,
                    reverse: p["reverse"].as_bool().unwrap_or(false),
                },
            )
            .await
        }
        "channels" => {
            go.send::<_, pb::ChannelsResponse>(
                "Channels",
                pb::ChannelsRequest {
                    pattern: s(p, "pattern"),
                },
            )
            .await
        }
        "info" => {
            go.send::<_, pb::InfoResponse>("Info", pb::InfoRequest {})
                .await
        }
        "disconnect" => {
            let disconnect = p.get("disconnect").map(|d| pb::Disconnect {
                code: d["code"]
                    .as_u64()
                    .and_then(|c| u32::try_from(c).ok())
                    .unwrap_or(0),
                reason: s(d, "reason"),
            });
            go.send::<_, pb::DisconnectResponse>(
                "Disconnect",
                pb::DisconnectRequest {
                    user: s(p, "user"),
                    client: s(p, "client"),
                    disconnect,
                    ..Default::default()
                },
            )
            .await
        }
        "unsubscribe" => {
            go.send::<_, pb::UnsubscribeResponse>(
                "Unsubscribe",
                pb::UnsubscribeRequest {
                    channel: s(p, "channel"),
                    user: s(p, "user"),
                    client: s(p, "client"),
                    ..Default::default()
                },
            )
            .await
        }
        other => Err(Failure::Api(format!("{other}: not available over GRPC"))),
    }
}

struct Call<'a> {
    channel: tonic::transport::Channel,
    metadata: Vec<(String, String)>,
    method: &'a str,
    addr: &'a str,
}

impl Call<'_> {
    async fn send<Req, Resp>(self, name: &str, req: Req) -> Result<Value, Failure>
    where
        Req: Message + Send + 'static,
        Resp: Answer,
    {
        let (method, addr) = (self.method, self.addr);
        let resp: Resp = call(self.channel, &self.metadata, name, req)
            .await
            .map_err(|st| match st.code() {
                Code::Unavailable | Code::DeadlineExceeded | Code::Cancelled => Failure::Unreachable(
                    format!("cannot reach the GRPC API at {addr}: {}", st.message()),
                ),
                Code::Unauthenticated => Failure::Api(format!(
                    "{method}: unauthenticated at {addr} (wrong or missing API key: --api-key or grpc_api.key)"
                )),
                c => Failure::Api(format!("{method}: GRPC status {c:?}: {}", st.message())),
            })?;
        if let Some(e) = resp.error() {
            return Err(Failure::Api(format!(
                "{method}: API error {}: {}",
                e.code, e.message
            )));
        }
        Ok(resp.result_json())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_read_like_the_http_api() {
        let r = pb::HistoryResponse {
            error: None,
            result: Some(pb::HistoryResult {
                publications: vec![pb::Publication {
                    data: Bytes::from_static(br#"{"a":1}"#),
                    offset: 3,
                    info: Some(pb::ClientInfo {
                        user: "u".into(),
                        client: "c".into(),
                        conn_info: Bytes::from_static(b"not json"),
                        ..Default::default()
                    }),
                    ..Default::default()
                }],
                epoch: "e".into(),
                offset: 3,
            }),
        };
        assert_eq!(
            r.result_json(),
            json!({"publications": [{"data": {"a": 1}, "offset": 3,
                "info": {"user": "u", "client": "c", "conn_info": "not json"}}],
                "epoch": "e", "offset": 3})
        );
        let e = pb::PublishResponse {
            error: Some(pb::Error {
                code: 102,
                message: "unknown channel".into(),
            }),
            result: None,
        };
        assert_eq!(e.error().map(|e| e.code), Some(102));
        assert_eq!(
            pb::PublishResponse::default().result_json(),
            json!({}),
            "no history: no offset"
        );
        assert_eq!(raw(&json!({"x": [1]})), Bytes::from_static(br#"{"x":[1]}"#));
    }
}
