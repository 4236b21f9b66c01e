//! Stream positioning and recovery on subscribe: `stream` mode replays what was missed, `cache` mode
//! delivers only the latest publication.

use super::subscribe::{SubResult, Wants};
use super::{Failure, Session};
use crate::broker::BrokerError;
use crate::channel::history_enabled;
use crate::config::ChannelOptions;
use crate::protocol::StreamPosition;

impl Session {
    /// Reads the stream position and, when asked, the publications missed since `recover_from`.
    pub(super) async fn position(
        &self,
        channel: &str,
        o: &ChannelOptions,
        w: &Wants,
    ) -> Result<SubResult, Failure> {
        let mut r = SubResult::default();
        if !history_enabled(o) || !(w.recoverable || w.positioned) {
            return Ok(r);
        }
        r.recoverable = w.recoverable;
        r.positioned = true;
        match (&w.recover_from, w.recoverable) {
            (Some(since), true) => {
                r.was_recovering = true;
                if o.force_recovery_mode == "cache" {
                    self.recover_cache(channel, o, since, &mut r).await?;
                } else {
                    self.recover_stream(channel, o, since, &mut r).await?;
                }
            }
            _ => self.read_top(channel, o, &mut r).await?,
        }
        Ok(r)
    }

    async fn read_top(
        &self,
        channel: &str,
        o: &ChannelOptions,
        r: &mut SubResult,
    ) -> Result<(), Failure> {
        let (_, top) = self
            .node
            .history(channel, o, None, 0, false)
            .await
            .map_err(Failure::from)?;
        r.epoch = top.epoch;
        r.offset = top.offset;
        Ok(())
    }

    /// Replays every publication after `since`, up to `client.recovery_max_publication_limit`.
    async fn recover_stream(
        &self,
        channel: &str,
        o: &ChannelOptions,
        since: &StreamPosition,
        r: &mut SubResult,
    ) -> Result<(), Failure> {
        let max = self.node.config.client.recovery_max_publication_limit;
        // One more than the limit tells "too many missed" apart from "exactly the limit".
        let limit = if max > 0 {
            i32::try_from(max + 1).unwrap_or(i32::MAX)
        } else {
            -1
        };
        match self
            .node
            .history(channel, o, Some(since.clone()), limit, false)
            .await
        {
            Ok((pubs, top)) => {
                r.epoch = top.epoch;
                r.offset = top.offset;
                if max == 0 || pubs.len() <= max {
                    r.recovered = true;
                    r.publications = pubs;
                }
                Ok(())
            }
            Err(BrokerError::UnrecoverablePosition) => self.read_top(channel, o, r).await,
            Err(e) => Err(Failure::from(e)),
        }
    }

    /// Cache mode: the latest publication, when it is newer than what the client has.
    async fn recover_cache(
        &self,
        channel: &str,
        o: &ChannelOptions,
        since: &StreamPosition,
        r: &mut SubResult,
    ) -> Result<(), Failure> {
        let (latest, top) = self
            .node
            .history(channel, o, None, 1, true)
            .await
            .map_err(Failure::from)?;
        r.recovered = true;
        if let Some(p) = latest.into_iter().next() {
            if top.epoch != since.epoch || p.offset > since.offset {
                r.publications = vec![p];
            }
        }
        r.epoch = top.epoch;
        r.offset = top.offset;
        Ok(())
    }
}

impl Session {
    /// Positioned subscriptions whose stream epoch changed lost publications: a client-side one gets
    /// unsubscribe 2500 (the SDK resubscribes and recovers), a server-side one disconnects with 3010.
    pub(super) async fn check_positions(&mut self) -> Result<(), crate::protocol::Disconnect> {
        let positioned: Vec<(String, String)> = self
            .subs
            .iter()
            .filter_map(|(ch, s)| s.epoch.clone().map(|e| (ch.clone(), e)))
            .collect();
        for (channel, epoch) in positioned {
            let Ok(o) = self.node.rules.options(&channel).cloned() else {
                continue;
            };
            let top = match self.node.history(&channel, &o, None, 0, false).await {
                Ok((_, top)) => top,
                Err(e) => {
                    tracing::warn!(channel = %channel, error = %e, "position check failed");
                    continue;
                }
            };
            let behind = self
                .node
                .subscriber_position(&channel, &self.handle.id)
                .is_some_and(|p| p < top.offset);
            if top.epoch == epoch && !behind {
                continue;
            }
            self.insufficient_state(channel).await?;
        }
        Ok(())
    }

    /// A positioned subscription lost publications: a client-side one gets unsubscribe 2500 (the
    /// SDK resubscribes and recovers from history), a server-side one disconnects with 3010.
    pub(super) async fn insufficient_state(
        &mut self,
        channel: String,
    ) -> Result<(), crate::protocol::Disconnect> {
        let Some(sub) = self.subs.get(&channel) else {
            return Ok(());
        };
        if sub.server_side {
            return Err(crate::protocol::Disconnect::insufficient_state());
        }
        self.drop_subscription(&channel).await;
        let (code, reason) = crate::protocol::codes::UNSUBSCRIBE_INSUFFICIENT;
        self.push(crate::protocol::pb::Push {
            channel,
            unsubscribe: Some(crate::protocol::pb::Unsubscribe {
                code,
                reason: reason.to_string(),
            }),
            ..Default::default()
        });
        Ok(())
    }
}
