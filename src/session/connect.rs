//! The connect command (token auth, server-side subscriptions) and client-side connection refresh.

use super::subscribe::{SubResult, Wants};
use super::{now_unix, ttl_secs, Failure, Session};
use crate::auth::{ConnectClaims, SubscribeOptions, TokenError};
use crate::cluster::UserTarget;
use crate::outbox::{Control, Overrides};
use crate::protocol::{pb, ConnectRequest, Disconnect, ErrorCode, StreamPosition};
use crate::proxy::{self, ProxyError};

/// A proxy that gave no result, as the client sees it: the backend's error or disconnect as it
/// sent them; a backend that is down, slow or answered garbage is an internal error (100,
/// temporary), and the reason is logged.
pub(crate) fn proxy_failure(e: ProxyError, event: &str, client: &str) -> Failure {
    match e {
        ProxyError::Error(e) => Failure::Reply(e),
        ProxyError::Disconnect(d) => Failure::Disconnect(d),
        ProxyError::Failed(why) => {
            tracing::error!(client, event, reason = %why, "proxy request failed");
            ErrorCode::INTERNAL.into()
        }
    }
}

/// Server-side channels a connection token asks for (`subs` wins over `channels`), sorted.
fn token_channel_list(c: &ConnectClaims) -> Vec<String> {
    let mut v: Vec<String> = if c.subs.is_empty() {
        c.channels.clone()
    } else {
        c.subs.iter().map(|(ch, _)| ch.clone()).collect()
    };
    v.sort();
    v.dedup();
    v
}

/// Expiry from the token: `expire_at` wins over `exp`; `expire_at: 0` means never.
fn expiry(c: &ConnectClaims) -> Option<i64> {
    Some(c.effective_expire_at()).filter(|at| *at > 0)
}

impl Session {
    /// Whether this connection could subscribe to `channel` client-side without a token: not
    /// private, no subscribe proxy, a valid name, and the namespace's permission (or insecure).
    /// An unknown namespace is a bad request (3501).
    fn client_may_subscribe(&self, channel: &str) -> Result<bool, Failure> {
        let rules = &self.node.rules;
        let Ok(o) = rules.options(channel) else {
            tracing::info!(client = %self.handle.id, channel, "subscribe unknown channel");
            return Err(Disconnect::bad_request().into());
        };
        if rules.is_private(channel)
            || o.subscribe_proxy_enabled
            || rules.client_options(channel).is_err()
        {
            return Ok(false);
        }
        Ok(self.subscribe_allowed(channel, o))
    }

    pub(super) async fn connect(&mut self, id: u32, req: &ConnectRequest) -> Result<(), Failure> {
        let cfg = self.node.config.clone();
        let now = now_unix();
        let mut subs: Vec<(String, SubscribeOptions)> = Vec::new();
        let mut header_only = false;
        let mut reply_data = None;
        if !req.headers.is_empty() {
            // The SDK's emulated headers, for proxies that forward them.
            let mut h = (*self.headers).clone();
            h.emulated = req
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            self.headers = std::sync::Arc::new(h);
        }
        if !req.token.is_empty() {
            let claims = match self.node.verifier.connect(&req.token, now).await {
                Ok(c) => c,
                Err(TokenError::Expired) => return Err(ErrorCode::TOKEN_EXPIRED.into()),
                Err(TokenError::Invalid(why)) => {
                    tracing::info!(client = %self.handle.id, reason = %why, "invalid connection token");
                    return Err(Disconnect::invalid_token().into());
                }
            };
            if claims.user.is_empty() && cfg.client.disallow_anonymous_connection_tokens {
                return Err(Disconnect::permission_denied().into());
            }
            self.expires_at = if cfg.client.insecure {
                None
            } else {
                expiry(&claims)
            };
            self.user = claims.user.clone();
            self.token_channels = token_channel_list(&claims);
            self.conn_info = claims.info.clone();
            if let Some(meta) = &claims.meta {
                self.meta = bytes::Bytes::from(meta.to_string());
            }
            subs = if claims.subs.is_empty() {
                claims
                    .channels
                    .iter()
                    .map(|c| (c.clone(), SubscribeOptions::default()))
                    .collect()
            } else {
                claims.subs.clone()
            };
        } else if let Some(ep) = self.node.proxies.connect.clone() {
            // No token: the backend says who this is. Channels the client asked for are not
            // subscribed on its word (the proxy result lists the server-side ones).
            header_only = true;
            let channels = req.subs.keys().cloned().collect();
            let data = req.data.clone().unwrap_or_default();
            let r = proxy::connect(
                &ep,
                &self.caller(),
                &data,
                &req.name,
                &req.version,
                channels,
            )
            .await
            .map_err(|e| proxy_failure(e, "connect", &self.handle.id))?;
            match r {
                Some(r) => {
                    subs = self.apply_connect_result(r, &mut reply_data)?;
                }
                None if cfg.client.insecure || cfg.client.allow_anonymous_connect_without_token => {
                }
                None => {
                    tracing::info!(client = %self.handle.id, "connect proxy gave no result");
                    return Err(Disconnect::bad_request().into());
                }
            }
        } else if cfg.client.insecure || cfg.client.allow_anonymous_connect_without_token {
            // Anonymous: user "".
        } else if let Some(user) = self.header_user.clone() {
            // Trusted header (`client.user_id_http_header`): the user, no expiry, no info; the
            // channels in `subs` are not requested for it (as in Centrifugo).
            self.user = user;
            header_only = true;
        } else {
            tracing::info!(client = %self.handle.id, "connect without credentials");
            return Err(Disconnect::bad_request().into());
        }
        if self.expires_at.is_some_and(|at| at <= now) {
            return Err(ErrorCode::EXPIRED.into());
        }
        let personal = &cfg.client.subscribe_to_user_personal_channel;
        if personal.enabled && !self.user.is_empty() {
            let ch = self
                .node
                .rules
                .personal_channel(&personal.personal_channel_namespace, &self.user);
            if !subs.iter().any(|(c, _)| *c == ch) {
                subs.push((ch, SubscribeOptions::default()));
            }
        }
        // Channels the client asks for in `subs` become server-side subscriptions too, when it could
        // subscribe to them itself (Centrifugo does this for uni transports and bidirectional SDKs).
        let mut requested: Vec<&String> = if header_only {
            Vec::new()
        } else {
            req.subs.keys().collect()
        };
        requested.sort();
        for ch in requested {
            if subs.iter().any(|(c, _)| c == ch) {
                continue;
            }
            if self.client_may_subscribe(ch)? {
                subs.push((ch.clone(), SubscribeOptions::default()));
            } else {
                tracing::debug!(client = %self.handle.id, channel = %ch, "ignoring subscription to a channel");
            }
        }
        for (ch, _) in &subs {
            self.node.rules.options(ch)?;
        }
        let limit = cfg.client.channel_limit;
        if limit > 0 && subs.len() > limit {
            return Err(Disconnect::channel_limit().into());
        }
        let user_limit = cfg.client.user_connection_limit;
        if user_limit > 0
            && !self.user.is_empty()
            && self.node.local_user_connection_count(&self.user) >= user_limit
        {
            return Err(Disconnect::connection_limit().into());
        }
        if personal.enabled && personal.single_connection && !self.user.is_empty() {
            // The user's other connections, on every node.
            let target = UserTarget {
                whitelist: vec![self.handle.id.clone()],
                ..UserTarget::user(&self.user)
            };
            let close = Control::Disconnect(Disconnect::connection_limit());
            if let Err(e) = self.node.control_user(target, close).await {
                tracing::warn!(user = %self.user, error = %e, "could not disconnect the user's other connections");
            }
        }
        self.handle.set_user(&self.user);
        self.node.add_connection(self.handle.clone());
        let mut results: Vec<(String, SubResult)> = Vec::new();
        let mut joins = Vec::new();
        for (ch, so) in subs {
            let hint = req.subs.get(&ch);
            // The client's hint gives the position to recover from; whether a server-side
            // subscription recovers is the namespace's choice (force_recovery), as in Centrifugo.
            let w = Wants {
                recoverable: false,
                positioned: false,
                recover_from: hint.filter(|h| h.recover).map(|h| StreamPosition {
                    offset: h.offset,
                    epoch: h.epoch.clone(),
                }),
            };
            let overrides = Overrides::from(&so);
            match self
                .add_server_subscription(&ch, so.info, so.data, w, &overrides)
                .await
            {
                Ok((r, join)) => {
                    if let Some(info) = join {
                        joins.push((ch.clone(), info));
                    }
                    results.push((ch, r));
                }
                Err(e) => {
                    self.node.remove_connection(&self.handle);
                    return Err(e);
                }
            }
        }
        // Announced in whole seconds; a sub-second interval (tests, debugging) still announces pings.
        let ping = if cfg.client.ping_interval.is_zero() {
            0
        } else {
            cfg.client.ping_interval.as_secs().max(1)
        };
        let result = pb::ConnectResult {
            client: self.handle.id.clone(),
            version: self.node.version.clone(),
            // With the refresh proxy the server refreshes: the client is not told to.
            expires: self.expires_at.is_some() && !self.server_refresh,
            ttl: self
                .expires_at
                .filter(|_| !self.server_refresh)
                .map(|at| ttl_secs(at, now))
                .unwrap_or(0),
            data: reply_data.unwrap_or_default(),
            subs: results
                .iter()
                .map(|(ch, r)| (ch.clone(), r.to_pb()))
                .collect(),
            ping: u32::try_from(ping).unwrap_or(u32::MAX),
            // Unidirectional clients do not answer pings.
            pong: ping > 0 && !self.unidirectional(),
            // Emulated transports send later commands to /emulation, addressed by these.
            session: if self.emulated() || self.unidirectional() {
                self.handle.session.clone()
            } else {
                String::new()
            },
            node: if self.emulated() {
                self.node.id.clone()
            } else {
                String::new()
            },
            time: if cfg.client.connect_include_server_time {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis() as i64)
                    .unwrap_or(0)
            } else {
                0
            },
        };
        if self.unidirectional() {
            // The first thing a unidirectional client gets: the connect push.
            self.push(pb::Push {
                connect: Some(pb::Connect {
                    client: result.client,
                    version: result.version,
                    data: result.data,
                    subs: result.subs,
                    expires: result.expires,
                    ttl: result.ttl,
                    ping: result.ping,
                    pong: result.pong,
                    session: result.session,
                    node: result.node,
                    time: result.time,
                }),
                ..Default::default()
            });
        } else {
            self.reply(id, |r| r.connect = Some(result));
        }
        for (ch, r) in &results {
            self.node
                .release_subscriber(ch, &self.handle.id, r.offset, false);
        }
        for (ch, info) in joins {
            self.node.publish_join(&ch, info).await;
        }
        Ok(())
    }

    /// Takes the connect proxy's result: user, expiry, info, reply data, meta and the
    /// server-side subscriptions (`channels`, then `subs` with their options).
    fn apply_connect_result(
        &mut self,
        r: proxy::wire::ConnectResult,
        reply_data: &mut Option<bytes::Bytes>,
    ) -> Result<Vec<(String, SubscribeOptions)>, Failure> {
        let id = self.handle.id.clone();
        let bad = |e| proxy_failure(e, "connect", &id);
        self.user = r.user;
        self.expires_at = Some(r.expire_at).filter(|at| *at > 0);
        self.conn_info = proxy::result_payload(r.info, &r.b64info).map_err(bad)?;
        *reply_data = proxy::result_payload(r.data, &r.b64data).map_err(bad)?;
        if !r.meta.is_empty() {
            self.meta = r.meta;
        }
        let mut subs: std::collections::BTreeMap<String, SubscribeOptions> = r
            .channels
            .into_iter()
            .map(|ch| (ch, SubscribeOptions::default()))
            .collect();
        for (ch, o) in r.subs {
            let [presence, join_leave, recovery, positioning, push_join_leave] = o
                .r#override
                .as_ref()
                .map(|o| o.values())
                .unwrap_or_default();
            let so = SubscribeOptions {
                info: proxy::result_payload(o.info, &o.b64info).map_err(bad)?,
                data: proxy::result_payload(o.data, &o.b64data).map_err(bad)?,
                override_presence: presence,
                override_join_leave: join_leave,
                override_force_recovery: recovery,
                override_force_positioning: positioning,
                override_force_push_join_leave: push_join_leave,
            };
            subs.insert(ch, so);
        }
        Ok(subs.into_iter().collect())
    }

    /// The refresh proxy, when this connection's time is up: a new expiry (and info, meta), or
    /// the end (3005). A backend that cannot answer gets another chance a minute later.
    pub(super) async fn refresh_via_proxy(&mut self) -> Result<(), Disconnect> {
        let Some(ep) = self.node.proxies.refresh.clone() else {
            return Err(Disconnect::expired());
        };
        let now = now_unix();
        let r = match proxy::refresh(&ep, &self.caller()).await {
            Err(ProxyError::Failed(why)) => {
                tracing::error!(client = %self.handle.id, reason = %why, "refresh proxy request failed, retrying later");
                self.expires_at = Some(now + proxy::REFRESH_RETRY.as_secs() as i64);
                return Ok(());
            }
            Err(_) | Ok(None) => return Err(Disconnect::expired()),
            Ok(Some(r)) => r,
        };
        if r.expired || r.expire_at <= now {
            return Err(Disconnect::expired());
        }
        self.expires_at = Some(r.expire_at);
        match proxy::result_payload(r.info, &r.b64info) {
            Ok(Some(info)) => self.conn_info = Some(info),
            Ok(None) => {}
            Err(_) => return Err(Disconnect::server_error()),
        }
        if !r.meta.is_empty() {
            self.meta = r.meta;
        }
        Ok(())
    }

    /// The sub_refresh proxy, when a subscription's time is up: whether it lives on (a new
    /// expiry, maybe new channel info; a backend that cannot answer gets a minute more).
    pub(super) async fn sub_refresh_via_proxy(&mut self, channel: &str) -> bool {
        let Ok(o) = self.node.rules.options(channel) else {
            return false;
        };
        let Some(ep) = self
            .node
            .proxies
            .channel(proxy::ChannelEvent::SubRefresh, &o.sub_refresh_proxy_name)
        else {
            return false;
        };
        let now = now_unix();
        let (at, info) = match proxy::sub_refresh(&ep, &self.caller(), channel).await {
            Err(ProxyError::Failed(why)) => {
                tracing::error!(client = %self.handle.id, channel, reason = %why, "sub_refresh proxy request failed, retrying later");
                (now + proxy::REFRESH_RETRY.as_secs() as i64, None)
            }
            Err(_) | Ok(None) => return false,
            Ok(Some(r)) if r.expired || r.expire_at <= now => return false,
            Ok(Some(r)) => match proxy::result_payload(r.info, &r.b64info) {
                Ok(info) => (r.expire_at, info),
                Err(_) => return false,
            },
        };
        let Some(sub) = self.subs.get_mut(channel) else {
            return false;
        };
        sub.expires_at = Some(at);
        if info.is_some() {
            sub.chan_info = info;
        }
        true
    }

    /// Client-side `refresh` with a new connection token.
    pub(super) async fn refresh(&mut self, id: u32, token: &str) -> Result<(), Failure> {
        if token.is_empty() {
            return Err(ErrorCode::BAD_REQUEST.into());
        }
        let now = now_unix();
        let claims = match self.node.verifier.connect(token, now).await {
            Ok(c) => c,
            Err(TokenError::Expired) => return Err(Disconnect::expired().into()),
            Err(TokenError::Invalid(_)) => return Err(Disconnect::invalid_token().into()),
        };
        if claims.user != self.user {
            return Err(Disconnect::invalid_token().into());
        }
        if token_channel_list(&claims) != self.token_channels {
            // The set of token-granted server-side subscriptions changed: the client must reconnect.
            return Err(Disconnect::insufficient_state().into());
        }
        let exp = expiry(&claims);
        if exp.is_some_and(|at| at <= now) {
            return Err(Disconnect::expired().into());
        }
        self.expires_at = exp;
        if claims.info.is_some() {
            self.conn_info = claims.info;
        }
        // Centrifugo answers a client-side refresh with the expiry only (no client id or version).
        let result = pb::RefreshResult {
            expires: exp.is_some(),
            ttl: exp.map(|at| ttl_secs(at, now)).unwrap_or(0),
            ..Default::default()
        };
        self.reply(id, |r| r.refresh = Some(result));
        Ok(())
    }

    /// Client-side `sub_refresh` with a new subscription token.
    pub(super) async fn sub_refresh(
        &mut self,
        id: u32,
        channel: &str,
        token: &str,
    ) -> Result<(), Failure> {
        if !self.subs.contains_key(channel) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        if token.is_empty() {
            return Err(ErrorCode::BAD_REQUEST.into());
        }
        let now = now_unix();
        let claims = match self
            .node
            .subscription_verifier()
            .subscribe(token, now)
            .await
        {
            Ok(c) => c,
            Err(TokenError::Expired) => return Err(Disconnect::expired().into()),
            Err(TokenError::Invalid(_)) => return Err(Disconnect::invalid_token().into()),
        };
        self.check_subscription_claims(channel, &claims)?;
        let exp = Some(claims.effective_expire_at()).filter(|at| *at > 0);
        if exp.is_some_and(|at| at <= now) {
            return Err(ErrorCode::EXPIRED.into());
        }
        if let Some(sub) = self.subs.get_mut(channel) {
            sub.expires_at = exp;
        }
        let result = pb::SubRefreshResult {
            expires: exp.is_some(),
            ttl: exp.map(|at| ttl_secs(at, now)).unwrap_or(0),
            ..Default::default()
        };
        self.reply(id, |r| r.sub_refresh = Some(result));
        Ok(())
    }
}
