//! Read-only channel queries: presence, presence_stats and history (checks, then a `Job`).

use super::jobs::Job;
use super::{Failure, Session};
use crate::channel::history_enabled;
use crate::protocol::{ErrorCode, HistoryRequest};

impl Session {
    /// Presence and presence_stats share their checks: presence on (108), then permission (103).
    pub(super) fn prepare_presence(&self, channel: &str, stats: bool) -> Result<Job, Failure> {
        let o = self.node.rules.client_options(channel)?;
        if !o.presence {
            return Err(ErrorCode::NOT_AVAILABLE.into());
        }
        if !self.presence_allowed(channel, o, false) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let channel = channel.to_string();
        Ok(if stats {
            Job::PresenceStats { channel }
        } else {
            Job::Presence { channel }
        })
    }

    pub(super) fn prepare_history(&self, req: &HistoryRequest) -> Result<Job, Failure> {
        let channel = req.channel.as_str();
        let o = self.node.rules.client_options(channel)?;
        if !history_enabled(o) {
            return Err(ErrorCode::NOT_AVAILABLE.into());
        }
        if !self.history_allowed(channel, o, false) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let max = self.node.config.client.history_max_publication_limit;
        let mut limit = req.limit;
        if max > 0 && (limit < 0 || limit as usize > max) {
            limit = i32::try_from(max).unwrap_or(i32::MAX);
        }
        Ok(Job::History {
            channel: channel.to_string(),
            opts: Box::new(o.clone()),
            since: req.since.clone(),
            limit,
            reverse: req.reverse,
        })
    }
}
