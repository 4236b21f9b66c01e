//! The server API executor: a typed `Request` in, a typed `Reply` (or an API error) out, over the
//! node. Front-ends (HTTP JSON, the legacy endpoint, later gRPC) only decode and encode.

use super::reply::{PublishResult, Reply};
use super::request::{
    BatchCommand, BatchParams, HistoryParams, PublishParams, Request, SubscribeParams,
};
use super::ApiError;
use crate::broker::BrokerError;
use crate::channel::{history_enabled, Glob};
use crate::cluster::UserTarget;
use crate::config::ChannelOptions;
use crate::node::{Node, PublishExtra};
use crate::outbox::{Control, Overrides, ServerSubscribe};
use crate::protocol::Disconnect;
use crate::session::publish::validate_data;
use base64::Engine;
use bytes::Bytes;

type Outcome = Result<Reply, ApiError>;

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

async fn publish_one(
    node: &Node,
    channel: &str,
    p: &PublishParams,
) -> Result<PublishResult, ApiError> {
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
    Ok(PublishResult {
        offset: sp.offset,
        epoch: sp.epoch,
    })
}

/// Runs one method.
pub(super) async fn execute(node: &Node, req: Request) -> Outcome {
    match req {
        Request::Publish(p) => publish_one(node, &p.channel, &p).await.map(Reply::Publish),
        Request::Broadcast(p) => broadcast(node, &p).await,
        Request::Subscribe(p) => subscribe(node, p).await,
        Request::Unsubscribe(p) => {
            // An empty channel matches no subscription: nothing to do.
            if p.channel.is_empty() {
                return Ok(Reply::Empty);
            }
            options(node, &p.channel)?;
            let c = Control::Unsubscribe {
                channel: p.channel.clone(),
            };
            control(node, p.target(false), c).await
        }
        Request::Disconnect(p) => {
            let d = match &p.disconnect {
                Some(d) if d.code > 0 => Disconnect {
                    code: d.code,
                    reason: d.reason.clone(),
                },
                _ => Disconnect::force_no_reconnect(),
            };
            control(node, p.target(true), Control::Disconnect(d)).await
        }
        Request::Refresh(p) => {
            let c = Control::Refresh {
                expire_at: p.expire_at,
                expired: p.expired,
                info: p.info.clone(),
            };
            control(node, p.target(false), c).await
        }
        Request::Presence(p) => presence(node, &p.channel, false).await,
        Request::PresenceStats(p) => presence(node, &p.channel, true).await,
        Request::History(p) => history(node, p).await,
        Request::HistoryRemove(p) => history_remove(node, &p.channel).await,
        Request::Channels(p) => channels(node, &p.pattern).await,
        Request::Info(_) => Ok(Reply::Info {
            nodes: node.nodes(),
            metrics_interval: node
                .config
                .node
                .info_metrics_aggregate_interval
                .as_secs()
                .max(1),
        }),
        // OSS registers no server-side RPC methods.
        Request::Rpc(p) if p.method.is_empty() => Err(ApiError::BAD_REQUEST),
        Request::Rpc(_) => Err(ApiError::NOT_FOUND),
    }
}

/// A cluster-wide action for the connections `target` names.
async fn control(node: &Node, target: UserTarget, c: Control) -> Outcome {
    node.control_user(target, c).await.map_err(broker_err)?;
    Ok(Reply::Empty)
}

async fn broadcast(node: &Node, p: &PublishParams) -> Outcome {
    if p.channels.is_empty() {
        return Err(ApiError::BAD_REQUEST);
    }
    let results =
        futures_util::future::join_all(p.channels.iter().map(|ch| publish_one(node, ch, p))).await;
    Ok(Reply::Broadcast(results))
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
    control(node, target, Control::Subscribe(Box::new(s))).await
}

async fn presence(node: &Node, channel: &str, stats: bool) -> Outcome {
    if !options(node, channel)?.presence {
        return Err(ApiError::NOT_AVAILABLE);
    }
    if stats {
        let (num_clients, num_users) = node.presence_stats(channel).await.map_err(broker_err)?;
        return Ok(Reply::PresenceStats {
            num_clients,
            num_users,
        });
    }
    let p = node.presence(channel).await.map_err(broker_err)?;
    Ok(Reply::Presence(p))
}

async fn history(node: &Node, p: HistoryParams) -> Outcome {
    let o = options(node, &p.channel)?.clone();
    if !history_enabled(&o) {
        return Err(ApiError::NOT_AVAILABLE);
    }
    let (publications, top) = node
        .history(&p.channel, &o, p.since, p.limit, p.reverse)
        .await
        .map_err(broker_err)?;
    Ok(Reply::History {
        publications,
        epoch: top.epoch,
        offset: top.offset,
    })
}

async fn history_remove(node: &Node, channel: &str) -> Outcome {
    if !history_enabled(options(node, channel)?) {
        return Err(ApiError::NOT_AVAILABLE);
    }
    node.remove_history(channel).await.map_err(broker_err)?;
    Ok(Reply::Empty)
}

async fn channels(node: &Node, pattern: &str) -> Outcome {
    // An invalid pattern is an internal error in the reference (glob compile failure).
    let glob = if pattern.is_empty() {
        None
    } else {
        Some(Glob::new(pattern).map_err(|_| ApiError::INTERNAL)?)
    };
    let mut list = node.channels().await.map_err(broker_err)?;
    list.retain(|(ch, _)| glob.as_ref().is_none_or(|g| g.matches(ch)));
    Ok(Reply::Channels(list))
}

/// Runs the commands of a batch, in order or all at once (`parallel`).
pub(super) async fn batch(node: &Node, p: BatchParams) -> Reply {
    let run_one = |c: Option<BatchCommand>| async move {
        match c.map(BatchCommand::into_request) {
            // A null command.
            None => ("", Err(ApiError::BAD_REQUEST)),
            // A command without a known method.
            Some(None) => ("", Err(ApiError::NOT_FOUND)),
            Some(Some(req)) => (req.name(), execute(node, req).await),
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
    Reply::Batch(results)
}
