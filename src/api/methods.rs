//! The server API methods (publish, broadcast, subscribe, ..., batch) over the node.

use super::{ApiError, CallError};
use crate::broker::BrokerError;
use crate::channel::{glob_match, history_enabled};
use crate::config::ChannelOptions;
use crate::node::{Node, PublishExtra};
use crate::protocol::json::{write_client_info, write_publications, Obj};
use crate::protocol::{raw_json, Disconnect, StreamPosition};
use crate::session::handle::{Control, ServerSubscribe};
use crate::session::publish::validate_data;
use base64::Engine;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;

type Outcome = Result<Vec<u8>, ApiError>;

fn parse<T: DeserializeOwned + Default>(params: &[u8]) -> Result<T, CallError> {
    if params.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(T::default());
    }
    serde_json::from_slice(params).map_err(|e| CallError::BadJson(e.to_string()))
}

fn broker_err(e: BrokerError) -> ApiError {
    match e {
        BrokerError::UnrecoverablePosition => ApiError::UNRECOVERABLE_POSITION,
        BrokerError::NotAvailable => ApiError::NOT_AVAILABLE,
        BrokerError::Internal(msg) => {
            tracing::error!(error = %msg, "broker error in server API");
            ApiError::INTERNAL
        }
    }
}

fn object(f: impl FnOnce(&mut Obj<'_>)) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut o = Obj::new(&mut buf);
    f(&mut o);
    o.end();
    buf
}

fn options<'a>(node: &'a Node, channel: &str) -> Result<&'a ChannelOptions, ApiError> {
    if channel.is_empty() {
        return Err(ApiError::BAD_REQUEST);
    }
    node.rules
        .options(channel)
        .map_err(|_| ApiError::UNKNOWN_CHANNEL)
}

fn b64(s: &str) -> Result<Bytes, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .map(Bytes::from)
        .map_err(|_| ApiError::BAD_REQUEST)
}

/// Payload from `data` (raw JSON) or `b64data` (base64, wins when set).
fn payload(data: &Option<Bytes>, b64data: &str) -> Result<Option<Bytes>, ApiError> {
    if !b64data.is_empty() {
        return b64(b64data).map(Some);
    }
    Ok(data.clone())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PublishParams {
    channel: String,
    channels: Vec<String>,
    #[serde(deserialize_with = "raw_json")]
    data: Option<Bytes>,
    b64data: String,
    skip_history: bool,
    tags: BTreeMap<String, String>,
    idempotency_key: String,
    delta: bool,
    version: u64,
    version_epoch: String,
}

async fn publish_one(node: &Node, channel: &str, p: &PublishParams) -> Outcome {
    let o = options(node, channel)?.clone();
    let data = payload(&p.data, &p.b64data)?.unwrap_or_default();
    let format = if o.publication_data_format.is_empty() {
        &node.config.channel.publication_data_format
    } else {
        &o.publication_data_format
    };
    validate_data(
        if p.b64data.is_empty() {
            format
        } else {
            "binary"
        },
        &data,
    )
    .map_err(|_| ApiError::BAD_REQUEST)?;
    let extra = PublishExtra {
        skip_history: p.skip_history,
        idempotency_key: (!p.idempotency_key.is_empty()).then(|| p.idempotency_key.clone()),
        tags: p.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    };
    let (sp, _) = node
        .publish(channel, &o, data, None, &extra)
        .await
        .map_err(broker_err)?;
    Ok(object(|r| {
        r.u64_nz("offset", sp.offset).str_nz("epoch", &sp.epoch);
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BoolValue {
    value: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SubscribeParams {
    user: String,
    channel: String,
    #[serde(deserialize_with = "raw_json")]
    info: Option<Bytes>,
    b64info: String,
    client: String,
    session: String,
    #[serde(deserialize_with = "raw_json")]
    data: Option<Bytes>,
    b64data: String,
    recover_since: Option<StreamPosition>,
    expire_at: i64,
    #[serde(rename = "override")]
    overrides: HashMap<String, BoolValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TargetParams {
    user: String,
    channel: String,
    client: String,
    session: String,
    whitelist: Vec<String>,
    disconnect: Option<DisconnectParams>,
    expired: bool,
    expire_at: i64,
    #[serde(deserialize_with = "raw_json")]
    info: Option<Bytes>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DisconnectParams {
    code: u32,
    reason: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct HistoryParams {
    channel: String,
    limit: i32,
    since: Option<StreamPosition>,
    reverse: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ChannelsParams {
    pattern: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BatchParams {
    commands: Vec<Option<serde_json::Map<String, serde_json::Value>>>,
    parallel: bool,
}

pub fn dispatch<'a>(
    node: &'a Node,
    method: &'a str,
    params: &'a [u8],
) -> Pin<Box<dyn Future<Output = Result<Outcome, CallError>> + Send + 'a>> {
    Box::pin(async move {
        Ok(match method {
            "publish" => {
                let p: PublishParams = parse(params)?;
                publish_one(node, &p.channel, &p).await
            }
            "broadcast" => {
                let p: PublishParams = parse(params)?;
                broadcast(node, &p).await
            }
            "subscribe" => subscribe(node, parse(params)?),
            "unsubscribe" => {
                let p: TargetParams = parse(params)?;
                options(node, &p.channel).map(|_| {
                    node.control_user(
                        &p.user,
                        &p.client,
                        &p.session,
                        &[],
                        Control::Unsubscribe {
                            channel: p.channel.clone(),
                        },
                    );
                    b"{}".to_vec()
                })
            }
            "disconnect" => {
                let p: TargetParams = parse(params)?;
                let d = match &p.disconnect {
                    Some(d) if d.code > 0 => Disconnect {
                        code: d.code,
                        reason: d.reason.clone(),
                    },
                    _ => Disconnect::force_no_reconnect(),
                };
                node.control_user(
                    &p.user,
                    &p.client,
                    &p.session,
                    &p.whitelist,
                    Control::Disconnect(d),
                );
                Ok(b"{}".to_vec())
            }
            "refresh" => {
                let p: TargetParams = parse(params)?;
                let c = Control::Refresh {
                    expire_at: p.expire_at,
                    expired: p.expired,
                    info: p.info.clone(),
                };
                node.control_user(&p.user, &p.client, &p.session, &[], c);
                Ok(b"{}".to_vec())
            }
            "presence" => {
                let p: TargetParams = parse(params)?;
                presence(node, &p.channel, false).await
            }
            "presence_stats" => {
                let p: TargetParams = parse(params)?;
                presence(node, &p.channel, true).await
            }
            "history" => history(node, parse(params)?).await,
            "history_remove" => {
                let p: TargetParams = parse(params)?;
                history_remove(node, &p.channel).await
            }
            "channels" => {
                let p: ChannelsParams = parse(params)?;
                Ok(channels(node, &p.pattern))
            }
            "info" => Ok(info(node)),
            "rpc" => Err(ApiError::NOT_FOUND),
            "batch" => batch(node, parse(params)?).await,
            _ => return Err(CallError::UnknownMethod),
        })
    })
}

async fn broadcast(node: &Node, p: &PublishParams) -> Outcome {
    if p.channels.is_empty() {
        return Err(ApiError::BAD_REQUEST);
    }
    let results =
        futures_util::future::join_all(p.channels.iter().map(|ch| publish_one(node, ch, p))).await;
    let mut buf = b"{\"responses\":[".to_vec();
    for (i, r) in results.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_outcome(&mut buf, "result", r);
    }
    buf.extend_from_slice(b"]}");
    Ok(buf)
}

/// `{"<field>":result}` or `{"error":{...}}`.
fn write_outcome(buf: &mut Vec<u8>, field: &str, r: &Outcome) {
    let mut o = Obj::new(buf);
    match r {
        Ok(body) => {
            o.raw(field, body);
        }
        Err(e) => {
            let mut v = Vec::new();
            e.write(&mut v);
            o.raw("error", &v);
        }
    }
    o.end();
}

fn subscribe(node: &Node, p: SubscribeParams) -> Outcome {
    options(node, &p.channel)?;
    let info = payload(&p.info, &p.b64info)?;
    let data = payload(&p.data, &p.b64data)?;
    let _ = (&p.overrides, p.expire_at);
    let s = ServerSubscribe {
        channel: p.channel.clone(),
        info,
        data,
        recover_since: p.recover_since.clone(),
    };
    node.control_user(
        &p.user,
        &p.client,
        &p.session,
        &[],
        Control::Subscribe(Box::new(s)),
    );
    Ok(b"{}".to_vec())
}

async fn presence(node: &Node, channel: &str, stats: bool) -> Outcome {
    if !options(node, channel)?.presence {
        return Err(ApiError::NOT_AVAILABLE);
    }
    if stats {
        let (c, u) = node.presence_stats(channel).await.map_err(broker_err)?;
        return Ok(object(|r| {
            r.u64("num_clients", u64::from(c))
                .u64("num_users", u64::from(u));
        }));
    }
    let p = node.presence(channel).await.map_err(broker_err)?;
    Ok(object(|r| {
        let mut m = r.obj("presence");
        for (client, info) in &p {
            let mut v = Vec::new();
            write_client_info(&mut v, info);
            m.raw(client, &v);
        }
        m.end();
    }))
}

async fn history(node: &Node, p: HistoryParams) -> Outcome {
    let o = options(node, &p.channel)?.clone();
    if !history_enabled(&o) {
        return Err(ApiError::NOT_AVAILABLE);
    }
    let (pubs, top) = node
        .history(&p.channel, &o, p.since, p.limit, p.reverse)
        .await
        .map_err(broker_err)?;
    Ok(object(|r| {
        write_publications(r.array_start("publications"), &pubs);
        r.str("epoch", &top.epoch).u64("offset", top.offset);
    }))
}

async fn history_remove(node: &Node, channel: &str) -> Outcome {
    if !history_enabled(options(node, channel)?) {
        return Err(ApiError::NOT_AVAILABLE);
    }
    node.remove_history(channel).await.map_err(broker_err)?;
    Ok(b"{}".to_vec())
}

fn channels(node: &Node, pattern: &str) -> Vec<u8> {
    let mut list = node.hub.channels();
    list.sort();
    object(|r| {
        let mut m = r.obj("channels");
        for (ch, n) in list
            .iter()
            .filter(|(ch, _)| pattern.is_empty() || glob_match(pattern, ch))
        {
            let mut c = m.obj(ch);
            c.u64("num_clients", *n as u64);
            c.end();
        }
        m.end();
    })
}

fn info(node: &Node) -> Vec<u8> {
    let (clients, users) = node.hub.counts();
    let (num_channels, subs) = node.hub.channel_counts();
    let mut buf = b"{\"nodes\":[".to_vec();
    let mut o = Obj::new(&mut buf);
    o.str("uid", &node.id)
        .str("name", &node.name)
        .str("version", &node.version);
    o.u64("num_clients", clients as u64)
        .u64("num_users", users as u64)
        .u64("num_channels", num_channels as u64);
    o.u64("uptime", node.uptime_seconds())
        .u64("num_subs", subs as u64);
    let interval = node
        .config
        .node
        .info_metrics_aggregate_interval
        .as_secs()
        .max(1);
    {
        let mut m = o.obj("metrics");
        m.u64("interval", interval);
        let mut items = m.obj("items");
        for (k, v) in [
            ("centrifugo.node.num_clients", clients),
            ("centrifugo.node.num_users", users),
            ("centrifugo.node.num_channels", num_channels),
            ("centrifugo.node.num_subscriptions", subs),
        ] {
            items.u64(k, v as u64);
        }
        items.end();
        m.end();
    }
    {
        let mut p = o.obj("process");
        p.u64("rss", rss_bytes());
        p.end();
    }
    o.end();
    buf.extend_from_slice(b"]}");
    buf
}

/// Resident set size of this process, from /proc (0 where unavailable).
fn rss_bytes() -> u64 {
    /// Page size on the Linux targets we run on.
    const PAGE: u64 = 4096;
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map(|pages| pages * PAGE)
        .unwrap_or(0)
}

async fn batch(node: &Node, p: BatchParams) -> Outcome {
    let mut calls = Vec::with_capacity(p.commands.len());
    for c in &p.commands {
        calls.push(match c.as_ref().and_then(|m| m.iter().next()) {
            None => Err(ApiError::BAD_REQUEST),
            Some((method, params)) => Ok((
                method.clone(),
                serde_json::to_vec(params).unwrap_or_default(),
            )),
        });
    }
    let run = |c: &Result<(String, Vec<u8>), ApiError>| {
        let c = c.clone();
        async move {
            match c {
                Err(e) => (String::new(), Err(e)),
                Ok((method, params)) => match dispatch(node, &method, &params).await {
                    Ok(r) => (method, r),
                    Err(CallError::UnknownMethod) => (method, Err(ApiError::NOT_FOUND)),
                    Err(CallError::BadJson(_)) => (method, Err(ApiError::BAD_REQUEST)),
                },
            }
        }
    };
    let results = if p.parallel {
        futures_util::future::join_all(calls.iter().map(run)).await
    } else {
        let mut out = Vec::with_capacity(calls.len());
        for c in &calls {
            out.push(run(c).await);
        }
        out
    };
    let mut buf = b"{\"replies\":[".to_vec();
    for (i, (method, r)) in results.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_outcome(&mut buf, method, r);
    }
    buf.extend_from_slice(b"]}");
    Ok(buf)
}
