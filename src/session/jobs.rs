//! Commands whose remaining work needs no session state (publish, presence, history, rpc). They run
//! inline, or concurrently up to `client.concurrency` per connection, replying through the handle.

use super::connect::proxy_failure;
use super::Failure;
use crate::config::ChannelOptions;
use crate::node::{Node, PublishExtra};
use crate::outbox::ClientHandle;
use crate::protocol::{pb, ClientInfo, Disconnect, ErrorCode, StreamPosition};
use crate::proxy::{self, Caller, Endpoint, RpcCall, RpcError, RpcHandler};
use bytes::Bytes;
use std::sync::Arc;

pub(super) enum Job {
    Publish {
        channel: String,
        opts: Box<ChannelOptions>,
        data: Bytes,
        info: ClientInfo,
    },
    Presence {
        channel: String,
    },
    PresenceStats {
        channel: String,
    },
    History {
        channel: String,
        opts: Box<ChannelOptions>,
        since: Option<StreamPosition>,
        limit: i32,
        reverse: bool,
    },
    RpcPing,
    /// A publication already handed on (to a subscribe stream): only the reply is left.
    Published,
    Rpc {
        handler: Arc<dyn RpcHandler>,
        call: RpcCall,
    },
    ProxyPublish(Box<ProxyPublish>),
    ProxyRpc {
        ep: Arc<Endpoint>,
        caller: Caller,
        method: String,
        data: Bytes,
    },
}

/// A client publication the publish proxy decides on.
pub(super) struct ProxyPublish {
    pub ep: Arc<Endpoint>,
    pub caller: Caller,
    pub channel: String,
    pub opts: ChannelOptions,
    pub data: Bytes,
    pub info: ClientInfo,
}

impl Job {
    /// Does the work and fills the reply's result.
    pub(super) async fn run(self, node: &Node, reply: &mut pb::Reply) -> Result<(), Failure> {
        match self {
            Job::Publish {
                channel,
                opts,
                data,
                info,
            } => {
                node.publish(&channel, &opts, data, Some(info), &PublishExtra::default())
                    .await
                    .map_err(Failure::from)?;
                reply.publish = Some(Default::default());
            }
            Job::Presence { channel } => {
                let p = node.presence(&channel).await.map_err(Failure::from)?;
                let presence = p
                    .iter()
                    .map(|(client, info)| (client.clone(), info.into()))
                    .collect();
                reply.presence = Some(pb::PresenceResult { presence });
            }
            Job::PresenceStats { channel } => {
                let (num_clients, num_users) =
                    node.presence_stats(&channel).await.map_err(Failure::from)?;
                reply.presence_stats = Some(pb::PresenceStatsResult {
                    num_clients,
                    num_users,
                });
            }
            Job::History {
                channel,
                opts,
                since,
                limit,
                reverse,
            } => {
                let (pubs, top) = node
                    .history(&channel, &opts, since, limit, reverse)
                    .await
                    .map_err(Failure::from)?;
                let publications = pubs
                    .iter()
                    .map(|p| p.to_pb_with_epoch(&top.epoch))
                    .collect();
                reply.history = Some(pb::HistoryResult {
                    publications,
                    epoch: top.epoch,
                    offset: top.offset,
                });
            }
            Job::ProxyPublish(p) => {
                let client = p.caller.client.clone();
                let r = proxy::publish(&p.ep, &p.caller, &p.channel, &p.data)
                    .await
                    .map_err(|e| proxy_failure(e, "publish", &client))?;
                let mut data = p.data;
                let mut extra = PublishExtra::default();
                if let Some(r) = r {
                    let bad = |e| proxy_failure(e, "publish", &client);
                    if let Some(d) = proxy::result_payload(r.data, &r.b64data).map_err(bad)? {
                        data = d;
                    }
                    extra = PublishExtra {
                        skip_history: r.skip_history,
                        idempotency_key: Some(r.idempotency_key).filter(|k| !k.is_empty()),
                        tags: r.tags.into_iter().collect(),
                        version: r.version,
                        version_epoch: r.version_epoch,
                        delta: r.delta,
                    };
                }
                node.publish(&p.channel, &p.opts, data, Some(p.info), &extra)
                    .await
                    .map_err(Failure::from)?;
                reply.publish = Some(Default::default());
            }
            Job::ProxyRpc {
                ep,
                caller,
                method,
                data,
            } => {
                let r = proxy::rpc(&ep, &caller, &method, &data)
                    .await
                    .map_err(|e| proxy_failure(e, "rpc", &caller.client))?;
                let data = match r {
                    Some(r) => proxy::result_payload(r.data, &r.b64data)
                        .map_err(|e| proxy_failure(e, "rpc", &caller.client))?
                        .unwrap_or_default(),
                    None => Bytes::new(),
                };
                reply.rpc = Some(pb::RpcResult { data });
            }
            Job::RpcPing => reply.rpc = Some(Default::default()),
            Job::Published => reply.publish = Some(Default::default()),
            Job::Rpc { handler, call } => match handler.rpc(call).await {
                Ok(data) => reply.rpc = Some(pb::RpcResult { data }),
                Err(RpcError::NotFound) => return Err(ErrorCode::METHOD_NOT_FOUND.into()),
                Err(RpcError::Disconnect(d)) => return Err(d.into()),
                Err(RpcError::Error {
                    code,
                    message,
                    temporary,
                }) => {
                    return Err(Failure::Reply(pb::Error {
                        code,
                        message,
                        temporary,
                    }))
                }
            },
        }
        Ok(())
    }

    /// Runs the job and queues its reply (or error) on the connection; a disconnect closes it.
    pub(super) async fn run_and_reply(self, node: &Node, handle: &ClientHandle, id: u32) {
        let mut reply = pb::Reply {
            id,
            ..Default::default()
        };
        match self.run(node, &mut reply).await {
            Ok(()) => {}
            Err(Failure::Error(e)) => {
                reply = pb::Reply {
                    id,
                    error: Some(e.into()),
                    ..Default::default()
                }
            }
            Err(Failure::Reply(e)) => {
                reply = pb::Reply {
                    id,
                    error: Some(e),
                    ..Default::default()
                }
            }
            Err(Failure::Disconnect(d)) => {
                handle.close(d);
                return;
            }
        }
        send(node, handle, &reply, "unknown");
    }
}

/// Encodes a reply or push in the connection's format and queues it (counted as a frame of its
/// kind, `method` for a reply carrying only an error). A JSON connection that would receive a
/// non-JSON payload is closed with 3506.
pub(super) fn send(node: &Node, handle: &ClientHandle, reply: &pb::Reply, method: &str) {
    match handle.protocol.encode(reply) {
        Some(bytes) => {
            let len = bytes.len() as u64;
            if handle.enqueue(Bytes::from(bytes)) && node.metrics.enabled() {
                let frame = crate::metrics::frame_slot(frame_of(reply, method));
                node.metrics
                    .transport_sent(handle.transport_slot(), frame, 1, len);
            }
        }
        None => handle.close(Disconnect::inappropriate_protocol()),
    }
}

/// A reply's frame type, as the transport metrics name it.
fn frame_of<'a>(r: &pb::Reply, method: &'a str) -> &'a str {
    if let Some(p) = &r.push {
        return if p.r#pub.is_some() {
            "push_publication"
        } else if p.join.is_some() {
            "push_join"
        } else if p.leave.is_some() {
            "push_leave"
        } else if p.unsubscribe.is_some() {
            "push_unsubscribe"
        } else if p.subscribe.is_some() {
            "push_subscribe"
        } else if p.message.is_some() {
            "push_message"
        } else if p.disconnect.is_some() {
            "push_disconnect"
        } else if p.connect.is_some() {
            "push_connect"
        } else if p.refresh.is_some() {
            "push_refresh"
        } else {
            "unknown"
        };
    }
    let kinds = [
        (r.connect.is_some(), "connect"),
        (r.subscribe.is_some(), "subscribe"),
        (r.unsubscribe.is_some(), "unsubscribe"),
        (r.publish.is_some(), "publish"),
        (r.presence.is_some(), "presence"),
        (r.presence_stats.is_some(), "presence_stats"),
        (r.history.is_some(), "history"),
        (r.ping.is_some(), "ping"),
        (r.rpc.is_some(), "rpc"),
        (r.refresh.is_some(), "refresh"),
        (r.sub_refresh.is_some(), "sub_refresh"),
    ];
    kinds
        .iter()
        .find(|(set, _)| *set)
        .map(|(_, k)| *k)
        .unwrap_or(method)
}
