//! The server API methods (publish, broadcast, subscribe, ..., batch) over the node.

use super::{ApiError, CallError};
use crate::broker::BrokerError;
use crate::channel::{history_enabled, Glob};
use crate::cluster::UserTarget;
use crate::config::ChannelOptions;
use crate::node::{Node, PublishExtra};
use crate::outbox::{Control, Overrides, ServerSubscribe};
use crate::protocol::json::{write_client_info, write_publications, Obj};
use crate::protocol::{raw_json, Disconnect, StreamPosition};
use crate::session::publish::validate_data;
use base64::Engine;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

type Outcome = Result<Vec<u8>, ApiError>;

/// Params of a top-level call: a JSON object, or `null` for all defaults; anything else
/// (including an empty body) is a 400, as with the reference server's JSON decoding.
fn parse<T: DeserializeOwned + Default>(params: &[u8]) -> Result<T, CallError> {
    let trimmed = params.trim_ascii();
    if trimmed == b"null" {
        return Ok(T::default());
    }
    if trimmed.first() != Some(&b'{') {
        return Err(CallError::BadJson("params must be a JSON object".into()));
    }
    serde_json::from_slice(params).map_err(|e| CallError::BadJson(e.to_string()))
}

fn broker_err(e: BrokerError) -> ApiError {
    match e {
        BrokerError::UnrecoverablePosition => ApiError::UNRECOVERABLE_POSITION,
        BrokerError::NotAvailable => ApiError::NOT_AVAILABLE,
        BrokerError::BadRequest => ApiError::BAD_REQUEST,
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
        version: p.version,
        version_epoch: p.version_epoch.clone(),
        delta: p.delta,
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

impl TargetParams {
    /// The connections addressed; the whitelist applies to `disconnect` only.
    fn target(&self, with_whitelist: bool) -> UserTarget {
        UserTarget {
            user: self.user.clone(),
            client: self.client.clone(),
            session: self.session.clone(),
            whitelist: if with_whitelist {
                self.whitelist.clone()
            } else {
                Vec::new()
            },
        }
    }
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
struct RpcParams {
    method: String,
    #[serde(deserialize_with = "raw_json")]
    params: Option<Bytes>,
}

/// Params of methods that take none; any JSON object is accepted.
#[derive(Debug, Default, Deserialize)]
struct NoParams {}

/// One batch command. All params are decoded before anything runs (a type error fails the
/// whole batch with 400); a `null` or unknown field counts as absent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BatchCommand {
    publish: Option<PublishParams>,
    broadcast: Option<PublishParams>,
    subscribe: Option<SubscribeParams>,
    unsubscribe: Option<TargetParams>,
    disconnect: Option<TargetParams>,
    history: Option<HistoryParams>,
    history_remove: Option<TargetParams>,
    presence: Option<TargetParams>,
    presence_stats: Option<TargetParams>,
    info: Option<NoParams>,
    rpc: Option<RpcParams>,
    refresh: Option<TargetParams>,
    channels: Option<ChannelsParams>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BatchParams {
    #[serde(deserialize_with = "null_as_default")]
    commands: Vec<Option<BatchCommand>>,
    parallel: bool,
}

/// `null` decodes to the default value (as a nil slice in Go).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A decoded call of one method.
enum Request {
    Publish(PublishParams),
    Broadcast(PublishParams),
    Subscribe(SubscribeParams),
    Unsubscribe(TargetParams),
    Disconnect(TargetParams),
    History(HistoryParams),
    HistoryRemove(TargetParams),
    Presence(TargetParams),
    PresenceStats(TargetParams),
    Info,
    Rpc(RpcParams),
    Refresh(TargetParams),
    Channels(ChannelsParams),
}

impl BatchCommand {
    /// The method to run and its name; fields are tried in the reference server's order.
    fn into_request(self) -> Option<(&'static str, Request)> {
        use Request as R;
        let c = self;
        Some(if let Some(p) = c.publish {
            ("publish", R::Publish(p))
        } else if let Some(p) = c.broadcast {
            ("broadcast", R::Broadcast(p))
        } else if let Some(p) = c.subscribe {
            ("subscribe", R::Subscribe(p))
        } else if let Some(p) = c.unsubscribe {
            ("unsubscribe", R::Unsubscribe(p))
        } else if let Some(p) = c.disconnect {
            ("disconnect", R::Disconnect(p))
        } else if let Some(p) = c.history {
            ("history", R::History(p))
        } else if let Some(p) = c.history_remove {
            ("history_remove", R::HistoryRemove(p))
        } else if let Some(p) = c.presence {
            ("presence", R::Presence(p))
        } else if let Some(p) = c.presence_stats {
            ("presence_stats", R::PresenceStats(p))
        } else if c.info.is_some() {
            ("info", R::Info)
        } else if let Some(p) = c.rpc {
            ("rpc", R::Rpc(p))
        } else if let Some(p) = c.refresh {
            ("refresh", R::Refresh(p))
        } else if let Some(p) = c.channels {
            ("channels", R::Channels(p))
        } else {
            return None;
        })
    }
}

pub(super) async fn dispatch(
    node: &Node,
    method: &str,
    params: &[u8],
) -> Result<Outcome, CallError> {
    use Request as R;
    let req = match method {
        "publish" => R::Publish(parse(params)?),
        "broadcast" => R::Broadcast(parse(params)?),
        "subscribe" => R::Subscribe(parse(params)?),
        "unsubscribe" => R::Unsubscribe(parse(params)?),
        "disconnect" => R::Disconnect(parse(params)?),
        "refresh" => R::Refresh(parse(params)?),
        "presence" => R::Presence(parse(params)?),
        "presence_stats" => R::PresenceStats(parse(params)?),
        "history" => R::History(parse(params)?),
        "history_remove" => R::HistoryRemove(parse(params)?),
        "channels" => R::Channels(parse(params)?),
        "info" => {
            parse::<NoParams>(params)?;
            R::Info
        }
        "rpc" => R::Rpc(parse(params)?),
        "batch" => return Ok(batch(node, parse(params)?).await),
        _ => return Err(CallError::UnknownMethod),
    };
    Ok(run(node, req).await)
}

async fn run(node: &Node, req: Request) -> Outcome {
    use Request as R;
    match req {
        R::Publish(p) => publish_one(node, &p.channel, &p).await,
        R::Broadcast(p) => broadcast(node, &p).await,
        R::Subscribe(p) => subscribe(node, p).await,
        R::Unsubscribe(p) => {
            // An empty channel matches no subscription: nothing to do.
            if p.channel.is_empty() {
                return Ok(b"{}".to_vec());
            }
            options(node, &p.channel)?;
            let c = Control::Unsubscribe {
                channel: p.channel.clone(),
            };
            node.control_user(p.target(false), c)
                .await
                .map_err(broker_err)?;
            Ok(b"{}".to_vec())
        }
        R::Disconnect(p) => {
            let d = match &p.disconnect {
                Some(d) if d.code > 0 => Disconnect {
                    code: d.code,
                    reason: d.reason.clone(),
                },
                _ => Disconnect::force_no_reconnect(),
            };
            node.control_user(p.target(true), Control::Disconnect(d))
                .await
                .map_err(broker_err)?;
            Ok(b"{}".to_vec())
        }
        R::Refresh(p) => {
            let c = Control::Refresh {
                expire_at: p.expire_at,
                expired: p.expired,
                info: p.info.clone(),
            };
            node.control_user(p.target(false), c)
                .await
                .map_err(broker_err)?;
            Ok(b"{}".to_vec())
        }
        R::Presence(p) => presence(node, &p.channel, false).await,
        R::PresenceStats(p) => presence(node, &p.channel, true).await,
        R::History(p) => history(node, p).await,
        R::HistoryRemove(p) => history_remove(node, &p.channel).await,
        R::Channels(p) => channels(node, &p.pattern).await,
        R::Info => Ok(info(node)),
        // OSS registers no server-side RPC methods.
        R::Rpc(p) if p.method.is_empty() => Err(ApiError::BAD_REQUEST),
        R::Rpc(_) => Err(ApiError::NOT_FOUND),
    }
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

async fn subscribe(node: &Node, p: SubscribeParams) -> Outcome {
    options(node, &p.channel)?;
    let info = payload(&p.info, &p.b64info)?;
    let data = payload(&p.data, &p.b64data)?;
    let flag = |k: &str| p.overrides.get(k).map(|b| b.value);
    let overrides = Overrides {
        presence: flag("presence"),
        join_leave: flag("join_leave"),
        force_recovery: flag("force_recovery"),
        force_positioning: flag("force_positioning"),
        force_push_join_leave: flag("force_push_join_leave"),
    };
    let s = ServerSubscribe {
        channel: p.channel.clone(),
        info,
        data,
        recover_since: p.recover_since.clone(),
        overrides,
        expire_at: (p.expire_at > 0).then_some(p.expire_at),
    };
    let target = UserTarget {
        user: p.user.clone(),
        client: p.client.clone(),
        session: p.session.clone(),
        whitelist: Vec::new(),
    };
    node.control_user(target, Control::Subscribe(Box::new(s)))
        .await
        .map_err(broker_err)?;
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

async fn channels(node: &Node, pattern: &str) -> Outcome {
    // An invalid pattern is an internal error in the reference (glob compile failure).
    let glob = if pattern.is_empty() {
        None
    } else {
        Some(Glob::new(pattern).map_err(|_| ApiError::INTERNAL)?)
    };
    let list = node.channels().await.map_err(broker_err)?;
    Ok(object(|r| {
        let mut m = r.obj("channels");
        for (ch, n) in list
            .iter()
            .filter(|(ch, _)| glob.as_ref().is_none_or(|g| g.matches(ch)))
        {
            let mut c = m.obj(ch);
            c.u64("num_clients", *n);
            c.end();
        }
        m.end();
    }))
}

fn info(node: &Node) -> Vec<u8> {
    let interval = node
        .config
        .node
        .info_metrics_aggregate_interval
        .as_secs()
        .max(1);
    let mut buf = b"{\"nodes\":[".to_vec();
    for (i, n) in node.nodes().iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let mut o = Obj::new(&mut buf);
        o.str("uid", &n.uid)
            .str("name", &n.name)
            .str("version", &n.version);
        o.u64("num_clients", n.num_clients)
            .u64("num_users", n.num_users)
            .u64("num_channels", n.num_channels);
        o.u64("uptime", n.uptime).u64("num_subs", n.num_subs);
        {
            let mut m = o.obj("metrics");
            m.u64("interval", interval);
            let mut items = m.obj("items");
            for (k, v) in [
                ("centrifugo.node.num_clients", n.num_clients),
                ("centrifugo.node.num_users", n.num_users),
                ("centrifugo.node.num_channels", n.num_channels),
                ("centrifugo.node.num_subscriptions", n.num_subs),
            ] {
                items.u64(k, v);
            }
            items.end();
            m.end();
        }
        {
            let mut p = o.obj("process");
            p.u64("rss", n.rss);
            p.end();
        }
        o.end();
    }
    buf.extend_from_slice(b"]}");
    buf
}

async fn batch(node: &Node, p: BatchParams) -> Outcome {
    let run_one = |c: Option<BatchCommand>| async move {
        match c.map(BatchCommand::into_request) {
            // A null command.
            None => ("", Err(ApiError::BAD_REQUEST)),
            // A command without a known method.
            Some(None) => ("", Err(ApiError::NOT_FOUND)),
            Some(Some((method, req))) => (method, run(node, req).await),
        }
    };
    let results = if p.parallel {
        futures_util::future::join_all(p.commands.into_iter().map(run_one)).await
    } else {
        let mut out = Vec::with_capacity(p.commands.len());
        for c in p.commands {
            out.push(run_one(c).await);
        }
        out
    };
    // No replies: `replies` is omitted, as protobuf JSON omits empty repeated fields.
    if results.is_empty() {
        return Ok(b"{}".to_vec());
    }
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
