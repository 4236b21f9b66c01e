//! Between the GRPC messages (`api_pb`) and the executor's typed requests and replies: a GRPC
//! call becomes the same `Request` an HTTP call does, and its `Reply` is put into the method's
//! response message. No method logic lives here.

use super::api_pb as pb;
use super::methods;
use super::reply::{metric_items, PublishResult, Reply};
use super::request::{
    BatchCommand, BatchParams, BoolValue, ChannelsParams, DisconnectParams, HistoryParams,
    NoParams, PublishParams, Request, RpcParams, SubscribeParams, TargetParams,
};
use super::ApiError;
use crate::cluster::NodeInfo;
use crate::node::Node;
use crate::protocol::{ClientInfo, Publication, StreamPosition};
use bytes::Bytes;
use futures_util::future::BoxFuture;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Outcome = Result<Reply, ApiError>;

/// An empty `bytes` field is an absent payload, as in the reference server.
fn payload(b: Bytes) -> Option<Bytes> {
    (!b.is_empty()).then_some(b)
}

fn position(p: pb::StreamPosition) -> StreamPosition {
    StreamPosition {
        offset: p.offset,
        epoch: p.epoch,
    }
}

impl From<pb::PublishRequest> for PublishParams {
    fn from(r: pb::PublishRequest) -> Self {
        PublishParams {
            channel: r.channel,
            channels: Vec::new(),
            data: payload(r.data),
            b64data: r.b64data,
            skip_history: r.skip_history,
            tags: r.tags,
            idempotency_key: r.idempotency_key,
            delta: r.delta,
            version: r.version,
            version_epoch: r.version_epoch,
        }
    }
}

impl From<pb::BroadcastRequest> for PublishParams {
    fn from(r: pb::BroadcastRequest) -> Self {
        PublishParams {
            channel: String::new(),
            channels: r.channels,
            data: payload(r.data),
            b64data: r.b64data,
            skip_history: r.skip_history,
            tags: r.tags,
            idempotency_key: r.idempotency_key,
            delta: r.delta,
            version: r.version,
            version_epoch: r.version_epoch,
        }
    }
}

impl From<pb::SubscribeRequest> for SubscribeParams {
    fn from(r: pb::SubscribeRequest) -> Self {
        let mut overrides = HashMap::new();
        if let Some(o) = r.r#override {
            for (name, v) in [
                ("presence", o.presence),
                ("join_leave", o.join_leave),
                ("force_recovery", o.force_recovery),
                ("force_positioning", o.force_positioning),
                ("force_push_join_leave", o.force_push_join_leave),
            ] {
                if let Some(v) = v {
                    overrides.insert(name.to_string(), BoolValue { value: v.value });
                }
            }
        }
        SubscribeParams {
            user: r.user,
            channel: r.channel,
            info: payload(r.info),
            b64info: r.b64info,
            client: r.client,
            session: r.session,
            data: payload(r.data),
            b64data: r.b64data,
            recover_since: r.recover_since.map(position),
            expire_at: r.expire_at,
            overrides,
        }
    }
}

impl From<pb::UnsubscribeRequest> for TargetParams {
    fn from(r: pb::UnsubscribeRequest) -> Self {
        TargetParams {
            user: r.user,
            channel: r.channel,
            client: r.client,
            session: r.session,
            ..Default::default()
        }
    }
}

impl From<pb::DisconnectRequest> for TargetParams {
    fn from(r: pb::DisconnectRequest) -> Self {
        TargetParams {
            user: r.user,
            client: r.client,
            session: r.session,
            whitelist: r.whitelist,
            disconnect: r.disconnect.map(|d| DisconnectParams {
                code: d.code,
                reason: d.reason,
            }),
            ..Default::default()
        }
    }
}

impl From<pb::RefreshRequest> for TargetParams {
    fn from(r: pb::RefreshRequest) -> Self {
        TargetParams {
            user: r.user,
            client: r.client,
            session: r.session,
            expired: r.expired,
            expire_at: r.expire_at,
            info: payload(r.info),
            ..Default::default()
        }
    }
}

/// Requests that name only a channel.
macro_rules! channel_only {
    ($($req:ident),*) => {$(
        impl From<pb::$req> for TargetParams {
            fn from(r: pb::$req) -> Self {
                TargetParams {
                    channel: r.channel,
                    ..Default::default()
                }
            }
        }
    )*};
}

channel_only!(PresenceRequest, PresenceStatsRequest, HistoryRemoveRequest);

impl From<pb::HistoryRequest> for HistoryParams {
    fn from(r: pb::HistoryRequest) -> Self {
        HistoryParams {
            channel: r.channel,
            limit: r.limit,
            since: r.since.map(position),
            reverse: r.reverse,
        }
    }
}

impl From<pb::ChannelsRequest> for ChannelsParams {
    fn from(r: pb::ChannelsRequest) -> Self {
        ChannelsParams { pattern: r.pattern }
    }
}

impl From<pb::RpcRequest> for RpcParams {
    fn from(r: pb::RpcRequest) -> Self {
        RpcParams {
            method: r.method,
            params: payload(r.params),
        }
    }
}

impl From<pb::InfoRequest> for NoParams {
    fn from(_: pb::InfoRequest) -> Self {
        NoParams {}
    }
}

/// A batch command: the methods this server runs; map and shared poll commands count as a
/// command without a known method (104), as on the HTTP API.
impl From<pb::Command> for BatchCommand {
    fn from(c: pb::Command) -> Self {
        BatchCommand {
            publish: c.publish.map(Into::into),
            broadcast: c.broadcast.map(Into::into),
            subscribe: c.subscribe.map(Into::into),
            unsubscribe: c.unsubscribe.map(Into::into),
            disconnect: c.disconnect.map(Into::into),
            history: c.history.map(Into::into),
            history_remove: c.history_remove.map(Into::into),
            presence: c.presence.map(Into::into),
            presence_stats: c.presence_stats.map(Into::into),
            info: c.info.map(Into::into),
            rpc: c.rpc.map(Into::into),
            refresh: c.refresh.map(Into::into),
            channels: c.channels.map(Into::into),
        }
    }
}

impl From<pb::BatchRequest> for BatchParams {
    fn from(r: pb::BatchRequest) -> Self {
        BatchParams {
            commands: r.commands.into_iter().map(|c| Some(c.into())).collect(),
            parallel: r.parallel,
        }
    }
}

pub(super) fn error(e: ApiError) -> pb::Error {
    pb::Error {
        code: e.code,
        message: e.message.to_string(),
    }
}

fn u32_sat(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn publish_result(p: PublishResult) -> pb::PublishResult {
    pb::PublishResult {
        offset: p.offset,
        epoch: p.epoch,
    }
}

fn client_info(c: ClientInfo) -> pb::ClientInfo {
    pb::ClientInfo {
        user: c.user,
        client: c.client,
        conn_info: c.conn_info.unwrap_or_default(),
        chan_info: c.chan_info.unwrap_or_default(),
    }
}

fn publication(p: Publication) -> pb::Publication {
    pb::Publication {
        data: p.data,
        info: p.info.map(client_info),
        offset: p.offset,
        tags: p.tags.into_iter().collect(),
    }
}

fn node_result(n: NodeInfo, interval: u64) -> pb::NodeResult {
    pb::NodeResult {
        metrics: Some(pb::Metrics {
            interval: interval as f64,
            items: metric_items(&n)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v as f64))
                .collect(),
        }),
        process: Some(pb::Process {
            cpu: 0.0,
            rss: i64::try_from(n.rss).unwrap_or(i64::MAX),
        }),
        num_clients: u32_sat(n.num_clients),
        num_users: u32_sat(n.num_users),
        num_channels: u32_sat(n.num_channels),
        uptime: u32_sat(n.uptime),
        num_subs: u32_sat(n.num_subs),
        uid: n.uid,
        name: n.name,
        version: n.version,
    }
}

// Each method's result message from the executor's reply (any other reply shape cannot come
// from that method and gives the empty result).

fn to_publish(r: Reply) -> pb::PublishResult {
    match r {
        Reply::Publish(p) => publish_result(p),
        _ => Default::default(),
    }
}

fn to_broadcast(r: Reply) -> pb::BroadcastResult {
    let Reply::Broadcast(results) = r else {
        return Default::default();
    };
    let responses = results
        .into_iter()
        .map(|r| match r {
            Ok(p) => pb::PublishResponse {
                error: None,
                result: Some(publish_result(p)),
            },
            Err(e) => pb::PublishResponse {
                error: Some(error(e)),
                result: None,
            },
        })
        .collect();
    pb::BroadcastResult { responses }
}

fn to_presence(r: Reply) -> pb::PresenceResult {
    let Reply::Presence(p) = r else {
        return Default::default();
    };
    pb::PresenceResult {
        presence: p.into_iter().map(|(k, v)| (k, client_info(v))).collect(),
    }
}

fn to_presence_stats(r: Reply) -> pb::PresenceStatsResult {
    match r {
        Reply::PresenceStats {
            num_clients,
            num_users,
        } => pb::PresenceStatsResult {
            num_clients,
            num_users,
        },
        _ => Default::default(),
    }
}

fn to_history(r: Reply) -> pb::HistoryResult {
    match r {
        Reply::History {
            publications,
            epoch,
            offset,
        } => pb::HistoryResult {
            publications: publications.into_iter().map(publication).collect(),
            epoch,
            offset,
        },
        _ => Default::default(),
    }
}

fn to_info(r: Reply) -> pb::InfoResult {
    match r {
        Reply::Info {
            nodes,
            metrics_interval,
        } => pb::InfoResult {
            nodes: nodes
                .into_iter()
                .map(|n| node_result(n, metrics_interval))
                .collect(),
        },
        _ => Default::default(),
    }
}

fn to_channels(r: Reply) -> pb::ChannelsResult {
    let Reply::Channels(list) = r else {
        return Default::default();
    };
    let channels: BTreeMap<String, pb::ChannelInfo> = list
        .into_iter()
        .map(|(ch, n)| {
            (
                ch,
                pb::ChannelInfo {
                    num_clients: u32_sat(n),
                },
            )
        })
        .collect();
    pb::ChannelsResult { channels }
}

fn empty<T: Default>(_: Reply) -> T {
    T::default()
}

fn to_batch(r: Reply) -> pb::BatchResponse {
    let Reply::Batch(results) = r else {
        return Default::default();
    };
    pb::BatchResponse {
        replies: results
            .into_iter()
            .map(|(method, o)| batch_reply(method, o))
            .collect(),
    }
}

/// One batch reply: the error, or the result in the field of the command's method.
fn batch_reply(method: &str, o: Outcome) -> pb::Reply {
    let mut out = pb::Reply::default();
    let r = match o {
        Ok(r) => r,
        Err(e) => {
            out.error = Some(error(e));
            return out;
        }
    };
    match method {
        "publish" => out.publish = Some(to_publish(r)),
        "broadcast" => out.broadcast = Some(to_broadcast(r)),
        "subscribe" => out.subscribe = Some(empty(r)),
        "unsubscribe" => out.unsubscribe = Some(empty(r)),
        "disconnect" => out.disconnect = Some(empty(r)),
        "history" => out.history = Some(to_history(r)),
        "history_remove" => out.history_remove = Some(empty(r)),
        "presence" => out.presence = Some(to_presence(r)),
        "presence_stats" => out.presence_stats = Some(to_presence_stats(r)),
        "info" => out.info = Some(to_info(r)),
        "rpc" => out.rpc = Some(empty(r)),
        "refresh" => out.refresh = Some(empty(r)),
        "channels" => out.channels = Some(to_channels(r)),
        _ => {}
    }
    out
}

/// A GRPC method this server runs: its response message, the request it takes, how it runs.
pub(super) trait Method: prost::Message + Default + Sized + 'static {
    type Req: prost::Message + Default + Send + 'static;
    /// Runs the call on the executor and builds the response.
    fn run(node: Arc<Node>, req: Self::Req) -> BoxFuture<'static, Self>;
    /// The API error the response carries, for the transport error mode.
    fn error(&self) -> Option<&pb::Error>;
}

impl Method for pb::BatchResponse {
    type Req = pb::BatchRequest;
    fn run(node: Arc<Node>, req: pb::BatchRequest) -> BoxFuture<'static, Self> {
        Box::pin(async move { to_batch(methods::batch(&node, req.into()).await) })
    }
    /// Errors stay in the replies, in either error mode.
    fn error(&self) -> Option<&pb::Error> {
        None
    }
}

/// `Response(Request) => Request::Variant, result`: the response with `error` (1) and
/// `result` (2), filled from the executor's outcome.
macro_rules! unary_methods {
    ($($resp:ident($req:ident) => $variant:ident, $result:expr;)*) => {$(
        impl Method for pb::$resp {
            type Req = pb::$req;
            fn run(node: Arc<Node>, req: pb::$req) -> BoxFuture<'static, Self> {
                Box::pin(async move {
                    match methods::execute(&node, Request::$variant(req.into())).await {
                        Ok(r) => pb::$resp {
                            error: None,
                            result: Some($result(r)),
                        },
                        Err(e) => pb::$resp {
                            error: Some(error(e)),
                            result: None,
                        },
                    }
                })
            }
            fn error(&self) -> Option<&pb::Error> {
                self.error.as_ref()
            }
        }
    )*};
}

unary_methods! {
    PublishResponse(PublishRequest) => Publish, to_publish;
    BroadcastResponse(BroadcastRequest) => Broadcast, to_broadcast;
    SubscribeResponse(SubscribeRequest) => Subscribe, empty;
    UnsubscribeResponse(UnsubscribeRequest) => Unsubscribe, empty;
    DisconnectResponse(DisconnectRequest) => Disconnect, empty;
    PresenceResponse(PresenceRequest) => Presence, to_presence;
    PresenceStatsResponse(PresenceStatsRequest) => PresenceStats, to_presence_stats;
    HistoryResponse(HistoryRequest) => History, to_history;
    HistoryRemoveResponse(HistoryRemoveRequest) => HistoryRemove, empty;
    InfoResponse(InfoRequest) => Info, to_info;
    RpcResponse(RpcRequest) => Rpc, empty;
    RefreshResponse(RefreshRequest) => Refresh, empty;
    ChannelsResponse(ChannelsRequest) => Channels, to_channels;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bytes_are_absent_payloads() {
        let p: PublishParams = pb::PublishRequest {
            channel: "c".into(),
            ..Default::default()
        }
        .into();
        assert!(p.data.is_none());
        let p: PublishParams = pb::PublishRequest {
            data: Bytes::from_static(b"{}"),
            ..Default::default()
        }
        .into();
        assert_eq!(p.data.as_deref(), Some(&b"{}"[..]));
    }

    #[test]
    fn overrides_set_only_what_is_given() {
        let s: SubscribeParams = pb::SubscribeRequest {
            r#override: Some(pb::SubscribeOptionOverride {
                presence: Some(pb::BoolValue { value: false }),
                force_recovery: Some(pb::BoolValue { value: true }),
                ..Default::default()
            }),
            ..Default::default()
        }
        .into();
        assert_eq!(s.overrides.len(), 2);
        assert!(!s.overrides["presence"].value);
        assert!(s.overrides["force_recovery"].value);
    }

    #[test]
    fn batch_replies_put_results_under_their_method() {
        let r = batch_reply("history_remove", Ok(Reply::Empty));
        assert!(r.history_remove.is_some() && r.error.is_none());
        let r = batch_reply("", Err(ApiError::NOT_FOUND));
        assert_eq!(r.error.map(|e| e.code), Some(104));
        let cmd: BatchCommand = pb::Command {
            map_clear: Some(pb::MapClearRequest::default()),
            ..Default::default()
        }
        .into();
        assert!(cmd.into_request().is_none(), "map commands are not run");
    }
}
