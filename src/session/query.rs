//! Read-only channel queries: presence, presence_stats and history.

use super::subscribe::internal;
use super::{Failure, Session};
use crate::channel::history_enabled;
use crate::protocol::{pb, Publication};
use crate::protocol::{ErrorCode, HistoryRequest};

impl Session {
    pub(super) async fn presence(&mut self, id: u32, channel: &str) -> Result<(), Failure> {
        let o = self.node.rules.client_options(channel)?.clone();
        if !o.presence {
            return Err(ErrorCode::NOT_AVAILABLE.into());
        }
        if !self.presence_allowed(channel, &o, false) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let p = self.node.presence(channel).await.map_err(internal)?;
        let presence = p
            .iter()
            .map(|(client, info)| (client.clone(), info.into()))
            .collect();
        self.reply(id, |r| r.presence = Some(pb::PresenceResult { presence }));
        Ok(())
    }

    pub(super) async fn presence_stats(&mut self, id: u32, channel: &str) -> Result<(), Failure> {
        let o = self.node.rules.client_options(channel)?.clone();
        if !o.presence {
            return Err(ErrorCode::NOT_AVAILABLE.into());
        }
        if !self.presence_allowed(channel, &o, false) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let (clients, users) = self.node.presence_stats(channel).await.map_err(internal)?;
        self.reply(id, |r| {
            r.presence_stats = Some(pb::PresenceStatsResult {
                num_clients: clients,
                num_users: users,
            })
        });
        Ok(())
    }

    pub(super) async fn history(&mut self, id: u32, req: &HistoryRequest) -> Result<(), Failure> {
        let channel = req.channel.as_str();
        let o = self.node.rules.client_options(channel)?.clone();
        if !history_enabled(&o) {
            return Err(ErrorCode::NOT_AVAILABLE.into());
        }
        if !self.history_allowed(channel, &o, false) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let max = self.node.config.client.history_max_publication_limit;
        let mut limit = req.limit;
        if max > 0 && (limit < 0 || limit as usize > max) {
            limit = max as i32;
        }
        let (pubs, top) = self
            .node
            .history(channel, &o, req.since.clone(), limit, req.reverse)
            .await
            .map_err(internal)?;
        let publications = pubs.iter().map(|p| with_epoch(p, &top.epoch)).collect();
        self.reply(id, |r| {
            r.history = Some(pb::HistoryResult {
                publications,
                epoch: top.epoch.clone(),
                offset: top.offset,
            })
        });
        Ok(())
    }
}

/// A stored publication on the wire, carrying its stream epoch as Centrifugo v6 sends it.
pub(super) fn with_epoch(p: &Publication, epoch: &str) -> pb::Publication {
    let mut out = pb::Publication::from(p);
    out.epoch = epoch.to_string();
    out
}
