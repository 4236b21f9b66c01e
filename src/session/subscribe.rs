//! Subscribe / unsubscribe, client-side and server-side, with stream positioning and recovery.

use super::connect::proxy_failure;
use super::{now_unix, ttl_secs, Failure, Session, Subscription};
use crate::auth::TokenError;
use crate::channel::history_enabled;
use crate::config::ChannelOptions;
use crate::node::{LocalSubscription, Node};
use crate::outbox::{Overrides, ServerSubscribe};
use crate::protocol::codes::UNSUBSCRIBE_SERVER;
use crate::protocol::{
    pb, ClientInfo, Disconnect, ErrorCode, Publication, StreamPosition, SubscribeRequest,
};
use crate::proxy::{self, ChannelEvent};
use bytes::Bytes;
use std::sync::Arc;

/// Subscribe `flag` bit: answer 112 instead of `recovered: false` (SDK `getState`).
const FLAG_REJECT_UNRECOVERED: i64 = 2;

/// Fields of a `SubscribeResult` (also used inside `ConnectResult.subs` and the subscribe push).
#[derive(Debug, Default)]
pub(crate) struct SubResult {
    pub expires: bool,
    pub ttl: u32,
    pub recoverable: bool,
    pub positioned: bool,
    pub epoch: String,
    pub offset: u64,
    pub publications: Vec<Publication>,
    pub recovered: bool,
    pub was_recovering: bool,
    pub data: Option<Bytes>,
    /// Fossil delta negotiated.
    pub delta: bool,
    /// Send the recovered publications as a delta chain in this format (first whole, then patches).
    pub delta_chain: Option<crate::protocol::Format>,
}

impl SubResult {
    /// The wire `SubscribeResult`.
    pub(crate) fn to_pb(&self) -> pb::SubscribeResult {
        pb::SubscribeResult {
            expires: self.expires,
            ttl: self.ttl,
            recoverable: self.recoverable,
            epoch: self.epoch.clone(),
            publications: self.wire_publications(),
            recovered: self.recovered,
            offset: self.offset,
            positioned: self.positioned,
            data: self.data.clone().unwrap_or_default(),
            was_recovering: self.was_recovering,
            delta: self.delta,
            ..Default::default()
        }
    }

    fn wire_publications(&self) -> Vec<pb::Publication> {
        let plain = self
            .publications
            .iter()
            .map(|p| p.to_pb_with_epoch(&self.epoch));
        let Some(format) = self.delta_chain else {
            return plain.collect();
        };
        let mut prev: Option<&Publication> = None;
        plain
            .zip(&self.publications)
            .map(|(wire, p)| {
                let patch = prev.map(|b| crate::protocol::fossil::encode(&b.data, &p.data));
                prev = Some(p);
                let patch = patch.filter(|d| d.len() < p.data.len());
                crate::node::delta_form(format, &wire, patch.as_deref())
            })
            .collect()
    }
}

/// The subscribe `type` must be the namespace's `subscription_type` (103 otherwise); `shared_poll`
/// outside a shared-poll namespace is 108. Only stream subscriptions are served here, so map and
/// shared-poll ones that match their namespace are 108 too. An unknown type is a bad request.
fn check_subscription_type(kind: i32, namespace_type: &str) -> Result<(), Failure> {
    let requested = match kind {
        0 => "stream",
        1 => "map",
        2 => "map_clients",
        3 => "map_users",
        4 => "shared_poll",
        _ => return Err(Disconnect::bad_request().into()),
    };
    let configured = if namespace_type.is_empty() {
        "stream"
    } else {
        namespace_type
    };
    if requested == "shared_poll" && configured != "shared_poll" {
        return Err(ErrorCode::NOT_AVAILABLE.into());
    }
    if requested != configured {
        return Err(ErrorCode::PERMISSION_DENIED.into());
    }
    if requested != "stream" {
        return Err(ErrorCode::NOT_AVAILABLE.into());
    }
    Ok(())
}

/// How a new subscription is delivered to.
struct Delivery {
    push_join_leave: bool,
    /// Hold publications until the subscribe reply is out (positioned subscriptions).
    held: bool,
    server_side: bool,
    tags_filter: Option<Arc<crate::protocol::filter::FilterNode>>,
    delta: Option<crate::hub::DeltaState>,
}

/// What a subscription asks for beyond plain delivery.
pub(crate) struct Wants {
    pub recoverable: bool,
    pub positioned: bool,
    pub recover_from: Option<StreamPosition>,
}

impl Session {
    /// A subscription token must name this channel, this user and (when set) this client: else 3500.
    pub(super) fn check_subscription_claims(
        &self,
        channel: &str,
        claims: &crate::auth::SubscribeClaims,
    ) -> Result<(), Failure> {
        if claims.channel != channel
            || claims.user != self.user
            || claims
                .client
                .as_deref()
                .is_some_and(|c| c != self.handle.id)
        {
            return Err(Disconnect::invalid_token().into());
        }
        Ok(())
    }

    fn anonymous_ok(&self, for_anonymous: bool) -> bool {
        !self.user.is_empty() || for_anonymous
    }

    /// Subscribe permission without a subscription token: a user-limited channel naming this
    /// user, else the namespace's `allow_subscribe_for_client` (anonymous rules apply), or insecure.
    pub(super) fn subscribe_allowed(&self, channel: &str, o: &ChannelOptions) -> bool {
        let rules = &self.node.rules;
        let limited = rules.is_user_limited(channel, o);
        (limited && rules.user_allowed(channel, &self.user))
            || (!limited
                && o.allow_subscribe_for_client
                && self.anonymous_ok(o.allow_subscribe_for_anonymous))
            || self.node.config.client.insecure
    }

    /// The rule shared by history, presence and publish: insecure mode, or the `*_for_client`
    /// option, or the `*_for_subscriber` option while subscribed (`as_subscriber`); either option
    /// needs a user unless `*_for_anonymous` is on.
    fn permitted(&self, for_client: bool, as_subscriber: bool, for_anonymous: bool) -> bool {
        self.node.config.client.insecure
            || ((for_client || as_subscriber) && self.anonymous_ok(for_anonymous))
    }

    /// History permission as used for history calls and for positioning/recovery requests.
    pub(super) fn history_allowed(
        &self,
        channel: &str,
        o: &ChannelOptions,
        subscribing: bool,
    ) -> bool {
        self.permitted(
            o.allow_history_for_client,
            o.allow_history_for_subscriber && (subscribing || self.subs.contains_key(channel)),
            o.allow_history_for_anonymous,
        )
    }

    pub(super) fn presence_allowed(
        &self,
        channel: &str,
        o: &ChannelOptions,
        subscribing: bool,
    ) -> bool {
        self.permitted(
            o.allow_presence_for_client,
            o.allow_presence_for_subscriber && (subscribing || self.subs.contains_key(channel)),
            o.allow_presence_for_anonymous,
        )
    }

    pub(super) fn publish_allowed(&self, channel: &str, o: &ChannelOptions) -> bool {
        self.permitted(
            o.allow_publish_for_client,
            o.allow_publish_for_subscriber && self.subs.contains_key(channel),
            o.allow_publish_for_anonymous,
        )
    }

    pub(super) async fn subscribe(
        &mut self,
        id: u32,
        req: &SubscribeRequest,
    ) -> Result<(), Failure> {
        let channel = req.channel.as_str();
        if !req.delta.is_empty() && req.delta != "fossil" {
            tracing::info!(client = %self.handle.id, channel, delta = %req.delta, "unknown delta type");
            return Err(Disconnect::bad_request().into());
        }
        let mut o = self.node.rules.client_options(channel)?.clone();
        if self.subs.contains_key(channel) {
            return Err(ErrorCode::ALREADY_SUBSCRIBED.into());
        }
        let limit = self.node.config.client.channel_limit;
        if limit > 0 && self.subs.len() >= limit {
            return Err(ErrorCode::LIMIT_EXCEEDED.into());
        }
        check_subscription_type(req.kind, &o.subscription_type)?;
        let rules = &self.node.rules;
        let mut chan_info = None;
        let mut data = None;
        let mut expires_at = None;
        // Through the subscribe proxy, recovery, positioning and join/leave pushes are what the
        // namespace (with the backend's overrides) forces, as in Centrifugo.
        let mut via_proxy = false;
        // A subscribe stream opened by the stream proxy: its publications follow the reply.
        let mut opened: Option<proxy::SubscribeStream> = None;
        if !req.token.is_empty() {
            let claims = match self
                .node
                .subscription_verifier()
                .subscribe(&req.token, now_unix())
                .await
            {
                Ok(c) => c,
                Err(TokenError::Expired) => return Err(ErrorCode::TOKEN_EXPIRED.into()),
                Err(TokenError::Invalid(why)) => {
                    tracing::info!(client = %self.handle.id, channel, reason = %why, "invalid subscription token");
                    return Err(ErrorCode::PERMISSION_DENIED.into());
                }
            };
            self.check_subscription_claims(channel, &claims)?;
            expires_at = Some(claims.effective_expire_at()).filter(|at| *at > 0);
            if expires_at.is_some_and(|at| at <= now_unix()) {
                return Err(ErrorCode::EXPIRED.into());
            }
            chan_info = claims.info;
            data = claims.data;
        } else if rules.is_private(channel) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        } else if (o.subscribe_proxy_enabled || o.subscribe_stream_proxy_enabled)
            && !(rules.is_user_limited(channel, &o) && rules.user_allowed(channel, &self.user))
        {
            // The backend decides (a user-limited channel naming this user needs no asking).
            let req_data = req.data.clone().unwrap_or_default();
            let fail = |e| proxy_failure(e, "subscribe", &self.handle.id);
            let r = if o.subscribe_stream_proxy_enabled {
                let Some(ep) = self.node.proxies.channel(
                    ChannelEvent::SubscribeStream,
                    &o.subscribe_stream_proxy_name,
                ) else {
                    return Err(ErrorCode::NOT_AVAILABLE.into());
                };
                let bidi = o.subscribe_stream_proxy_bidirectional;
                let caller = self.caller();
                let (r, stream) =
                    proxy::subscribe_stream(&ep, &caller, channel, &req.token, &req_data, bidi)
                        .await
                        .map_err(fail)?;
                opened = Some(stream);
                r
            } else {
                let Some(ep) = self
                    .node
                    .proxies
                    .channel(ChannelEvent::Subscribe, &o.subscribe_proxy_name)
                else {
                    return Err(ErrorCode::NOT_AVAILABLE.into());
                };
                proxy::subscribe(&ep, &self.caller(), channel, &req.token, &req_data)
                    .await
                    .map_err(fail)?
            };
            via_proxy = true;
            if let Some(r) = r {
                let id = self.handle.id.clone();
                let bad = |e| proxy_failure(e, "subscribe", &id);
                chan_info = proxy::result_payload(r.info, &r.b64info).map_err(bad)?;
                data = proxy::result_payload(r.data, &r.b64data).map_err(bad)?;
                if let Some(ov) = &r.r#override {
                    let [presence, join_leave, force_recovery, force_positioning, force_push_join_leave] =
                        ov.values();
                    Overrides {
                        presence,
                        join_leave,
                        force_recovery,
                        force_positioning,
                        force_push_join_leave,
                    }
                    .apply(&mut o);
                }
                expires_at = Some(r.expire_at).filter(|at| *at > 0);
                if expires_at.is_some_and(|at| at <= now_unix()) {
                    return Err(ErrorCode::EXPIRED.into());
                }
            }
        } else if !self.subscribe_allowed(channel, &o) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        // A tags filter needs the namespace's consent and a well-formed tree: else 107.
        let tags_filter = match &req.tf {
            Some(tf) if o.allow_tags_filter => match crate::protocol::filter::validate(tf) {
                Ok(()) => Some(Arc::new(tf.clone())),
                Err(why) => {
                    tracing::info!(client = %self.handle.id, channel, reason = %why, "invalid tags filter");
                    return Err(ErrorCode::BAD_REQUEST.into());
                }
            },
            Some(_) => {
                tracing::info!(client = %self.handle.id, channel, "tags filter not allowed");
                return Err(ErrorCode::BAD_REQUEST.into());
            }
            None => None,
        };
        let history_ok = !via_proxy && self.history_allowed(channel, &o, true);
        let recoverable =
            o.force_recovery || (!via_proxy && req.recoverable && (o.allow_recovery || history_ok));
        let w = Wants {
            recoverable,
            positioned: o.force_positioning
                || (!via_proxy && req.positioned && (o.allow_positioning || history_ok)),
            recover_from: req.recover.then(|| StreamPosition {
                offset: req.offset,
                epoch: req.epoch.clone(),
            }),
        };
        let push_join_leave = o.join_leave
            && (o.force_push_join_leave
                || (!via_proxy && req.join_leave && self.presence_allowed(channel, &o, true)));
        let held = history_enabled(&o) && (w.recoverable || w.positioned);
        let delta = (req.delta == "fossil" && o.allowed_delta_types.iter().any(|t| t == "fossil"))
            .then_some(crate::hub::DeltaState {
                positioned: held,
                base_sent: false,
            });
        let info = self
            .register(
                channel,
                &o,
                chan_info,
                Delivery {
                    push_join_leave,
                    held,
                    server_side: false,
                    tags_filter: tags_filter.clone(),
                    delta,
                },
            )
            .await?;
        // With the namespace's sub_refresh proxy the server refreshes the subscription itself.
        let server_refresh = o.sub_refresh_proxy_enabled;
        if let Some(sub) = self.subs.get_mut(channel) {
            sub.expires_at = expires_at;
            sub.server_refresh = server_refresh;
        }
        let mut r = match self.position(channel, &o, &w).await {
            Ok(r) => r,
            Err(e) => {
                self.drop_subscription(channel).await;
                return Err(e);
            }
        };
        if let Some(tf) = &tags_filter {
            r.publications
                .retain(|p| crate::protocol::filter::matches(tf, &p.tags));
        }
        if req.flag & FLAG_REJECT_UNRECOVERED != 0 && r.was_recovering && !r.recovered {
            self.drop_subscription(channel).await;
            return Err(ErrorCode::UNRECOVERABLE_POSITION.into());
        }
        // Reported whenever the client asked to recover, even where recovery is off (as Go does).
        r.was_recovering |= req.recover;
        if r.was_recovering {
            self.node
                .metrics
                .recover(r.recovered, !r.publications.is_empty());
        }
        if let Some(sub) = self.subs.get_mut(channel) {
            sub.epoch = r.positioned.then(|| r.epoch.clone());
        }
        r.data = data;
        if let Some(at) = expires_at.filter(|_| !server_refresh) {
            r.expires = true;
            r.ttl = ttl_secs(at, now_unix());
        }
        // With delta, recovered publications go as a chain, and after a recovery the client holds
        // the base for live patches.
        let mut delta_base_sent = false;
        if delta.is_some() {
            r.delta = true;
            if r.recovered {
                r.delta_chain = Some(self.handle.protocol);
                delta_base_sent = true;
            }
        }
        self.reply(id, |reply| reply.subscribe = Some(r.to_pb()));
        if let Some(stream) = opened {
            self.streams.insert(
                channel.to_string(),
                ActiveStream::start(&self.node, &self.handle, channel, stream),
            );
        }
        if held {
            self.node
                .release_subscriber(channel, &self.handle.id, r.offset, delta_base_sent);
        }
        if o.join_leave {
            self.node.publish_join(channel, info).await;
        }
        Ok(())
    }

    /// Adds the subscription to the node and to this session; returns the subscriber's ClientInfo.
    async fn register(
        &mut self,
        channel: &str,
        o: &ChannelOptions,
        chan_info: Option<Bytes>,
        how: Delivery,
    ) -> Result<ClientInfo, Failure> {
        let Delivery {
            push_join_leave,
            held,
            server_side,
            tags_filter,
            delta,
        } = how;
        let info = self.client_info(chan_info.clone());
        self.node
            .add_subscription(LocalSubscription {
                channel,
                handle: self.handle.clone(),
                info: info.clone(),
                presence: o.presence,
                push_join_leave,
                held,
                tags_filter,
                delta,
            })
            .await
            .map_err(Failure::from)?;
        let sub = Subscription {
            server_side,
            presence: o.presence,
            join_leave: o.join_leave,
            chan_info,
            expires_at: None,
            server_refresh: false,
            epoch: None,
        };
        self.subs.insert(channel.to_string(), sub);
        Ok(info)
    }

    pub(super) async fn drop_subscription(&mut self, channel: &str) -> bool {
        self.streams.remove(channel);
        match self.subs.remove(channel) {
            Some(s) => {
                let info = self.client_info(s.chan_info.clone());
                self.node
                    .remove_subscription(channel, &self.handle.id, info, s.presence, s.join_leave)
                    .await;
                true
            }
            None => false,
        }
    }

    pub(super) async fn unsubscribe(&mut self, id: u32, channel: &str) -> Result<(), Failure> {
        if self.subs.get(channel).is_some_and(|s| !s.server_side) {
            self.drop_subscription(channel).await;
        }
        self.reply(id, |r| r.unsubscribe = Some(Default::default()));
        Ok(())
    }

    /// Server API `unsubscribe`: removes the subscription and tells the client (push code 2000).
    pub(super) async fn server_unsubscribe(&mut self, channel: &str) {
        if self.drop_subscription(channel).await {
            self.push(pb::Push {
                channel: channel.to_string(),
                unsubscribe: Some(pb::Unsubscribe {
                    code: UNSUBSCRIBE_SERVER.0,
                    reason: UNSUBSCRIBE_SERVER.1.to_string(),
                }),
                ..Default::default()
            });
        }
    }

    /// Adds a server-side subscription. Returns the result and, when the channel has join/leave,
    /// the join to publish; the caller sends the result (connect reply or subscribe push), then
    /// calls `Hub::release` for the channel and publishes the join.
    pub(super) async fn add_server_subscription(
        &mut self,
        channel: &str,
        chan_info: Option<Bytes>,
        data: Option<Bytes>,
        w: Wants,
        overrides: &Overrides,
    ) -> Result<(SubResult, Option<ClientInfo>), Failure> {
        let mut o = self.node.rules.options(channel)?.clone();
        overrides.apply(&mut o);
        let push_join_leave = o.join_leave && o.force_push_join_leave;
        let w = Wants {
            recoverable: w.recoverable || o.force_recovery,
            positioned: w.positioned || o.force_positioning,
            recover_from: w.recover_from,
        };
        // Held until the caller has sent the connect reply or subscribe push (see `Hub::release`).
        let held = history_enabled(&o) && (w.recoverable || w.positioned);
        let info = self
            .register(
                channel,
                &o,
                chan_info,
                Delivery {
                    push_join_leave,
                    held,
                    server_side: true,
                    tags_filter: None,
                    delta: None,
                },
            )
            .await?;
        let mut r = self.position(channel, &o, &w).await?;
        if let Some(sub) = self.subs.get_mut(channel) {
            sub.epoch = r.positioned.then(|| r.epoch.clone());
        }
        // Reported whenever the client asked to recover, even where recovery is off (as Go does).
        r.was_recovering |= w.recover_from.is_some();
        r.data = data;
        Ok((r, o.join_leave.then_some(info)))
    }

    /// Server API `subscribe` on a live connection.
    pub(super) async fn server_subscribe(&mut self, s: ServerSubscribe) -> Result<(), Disconnect> {
        if self.subs.contains_key(&s.channel) {
            return Ok(());
        }
        let limit = self.node.config.client.channel_limit;
        if limit > 0 && self.subs.len() >= limit {
            return Ok(());
        }
        let w = Wants {
            recoverable: s.recover_since.is_some(),
            positioned: false,
            recover_from: s.recover_since,
        };
        match self
            .add_server_subscription(&s.channel, s.info.clone(), s.data.clone(), w, &s.overrides)
            .await
        {
            Ok((r, join)) => {
                if let Some(sub) = self.subs.get_mut(&s.channel) {
                    sub.expires_at = s.expire_at;
                }
                self.push(pb::Push {
                    channel: s.channel.clone(),
                    subscribe: Some(pb::Subscribe {
                        recoverable: r.recoverable,
                        epoch: r.epoch.clone(),
                        offset: r.offset,
                        positioned: r.positioned,
                        data: r.data.clone().unwrap_or_default(),
                    }),
                    ..Default::default()
                });
                self.node
                    .release_subscriber(&s.channel, &self.handle.id, r.offset, false);
                if let Some(info) = join {
                    self.node.publish_join(&s.channel, info).await;
                }
                Ok(())
            }
            Err(Failure::Disconnect(d)) => Err(d),
            Err(
                Failure::Error(ErrorCode { code, .. }) | Failure::Reply(pb::Error { code, .. }),
            ) => {
                tracing::info!(client = %self.handle.id, channel = %s.channel, code, "server-side subscribe failed");
                Ok(())
            }
        }
    }
}

/// A subscribe stream of one subscription: a task delivering the backend's publications to this
/// client only; the stream ending is an unsubscribe (2000 when the backend closed it, 2500 when
/// it broke). Dropped with the subscription, which ends the stream.
pub(crate) struct ActiveStream {
    task: tokio::task::JoinHandle<()>,
    /// Where the client's publications go (bidirectional streams).
    pub publisher: Option<tokio::sync::mpsc::Sender<Bytes>>,
}

impl ActiveStream {
    fn start(
        node: &Arc<Node>,
        handle: &Arc<crate::outbox::ClientHandle>,
        channel: &str,
        stream: proxy::SubscribeStream,
    ) -> ActiveStream {
        use prost::Message as _;
        let node = node.clone();
        let handle = handle.clone();
        let channel = channel.to_string();
        let mut incoming = stream.incoming;
        let task = tokio::spawn(async move {
            let clean = loop {
                let msg = match incoming.message().await {
                    Ok(Some(m)) => m,
                    Ok(None) => break true,
                    Err(_) => break false,
                };
                let Ok(m) = proxy::wire::StreamSubscribeResponse::decode(msg) else {
                    break false;
                };
                if let Some(p) = m.publication {
                    let push = pb::Push {
                        channel: channel.clone(),
                        r#pub: Some(pb::Publication {
                            data: p.data,
                            tags: p.tags,
                            ..Default::default()
                        }),
                        ..Default::default()
                    };
                    super::jobs::send(
                        &node,
                        &handle,
                        &pb::Reply {
                            push: Some(push),
                            ..Default::default()
                        },
                        "unknown",
                    );
                }
            };
            handle.control(if clean {
                crate::outbox::Control::Unsubscribe { channel }
            } else {
                crate::outbox::Control::InsufficientState { channel }
            });
        });
        ActiveStream {
            task,
            publisher: stream.publisher,
        }
    }
}

impl Drop for ActiveStream {
    fn drop(&mut self) {
        self.task.abort();
    }
}
