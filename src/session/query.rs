//! Read-only channel queries: presence, presence_stats and history.

use super::subscribe::internal;
use super::{Failure, Session};
use crate::channel::history_enabled;
use crate::protocol::json::{write_client_info, write_publications};
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
        self.reply(id, "presence", |b| {
            let mut m = b.obj("presence");
            for (client, info) in &p {
                m.raw(client, &{
                    let mut v = Vec::new();
                    write_client_info(&mut v, info);
                    v
                });
            }
            m.end();
        });
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
        self.reply(id, "presence_stats", |b| {
            b.u64("num_clients", u64::from(clients))
                .u64("num_users", u64::from(users));
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
        self.reply(id, "history", |b| {
            write_publications(b.array_start("publications"), &pubs);
            b.str("epoch", &top.epoch).u64("offset", top.offset);
        });
        Ok(())
    }
}
