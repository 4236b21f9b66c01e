//! The node's cluster-wide actions and questions. Each goes through the controller to every node,
//! this one included (on a single node the loopback brings it straight back), and each node acts
//! on its own connections: the same code path runs on one node and on many.

use super::Node;
use crate::broker::BrokerError;
use crate::cluster::{
    Message, NodeInfo, SurveyOp, SurveyReply, UserControl, UserTarget, HEARTBEAT_INTERVAL,
    SURVEY_TIMEOUT,
};
use crate::outbox::Control;
use std::collections::HashMap;
use std::sync::Arc;

impl Node {
    async fn send_control(&self, m: &Message, to_node: Option<&str>) -> Result<(), BrokerError> {
        self.metrics
            .message_sent(crate::metrics::MessageType::Control);
        self.controller.publish_control(m.encode(), to_node).await
    }

    /// Sends a control request to the connections of a user on every node.
    pub async fn control_user(
        &self,
        target: UserTarget,
        control: Control,
    ) -> Result<(), BrokerError> {
        self.send_control(&Message::User(UserControl { target, control }), None)
            .await
    }

    /// Handles a control message from any node (this one included).
    pub(super) fn handle_control(self: Arc<Self>, m: Message) {
        match m {
            Message::User(u) => {
                for h in self.hub.user_connections(&u.target.user) {
                    if u.target.selects(&h.id, &h.session) {
                        h.control(u.control.clone());
                    }
                }
            }
            Message::Node(info) => {
                // A node not known yet hears from this one at once, so a node that joins knows
                // its peers within one round trip instead of one heartbeat interval.
                if info.uid != self.id && self.peers.seen(info) {
                    tokio::spawn(async move { self.announce().await });
                }
            }
            Message::Survey { id, from, op } => {
                let reply = self.answer(op);
                // Sending is async and this handler is not: the reply goes from a task.
                tokio::spawn(async move {
                    let m = Message::SurveyReply {
                        id,
                        to: from.clone(),
                        reply,
                    };
                    if let Err(e) = self.send_control(&m, Some(&from)).await {
                        tracing::warn!(error = %e, "could not answer a survey");
                    }
                });
            }
            Message::SurveyReply { id, to, reply } => {
                if to == self.id {
                    self.surveys.reply(id, reply);
                }
            }
            Message::Emulation { session, data } => {
                self.deliver_emulated(&session, data);
            }
        }
    }

    /// This node's answer to a survey.
    fn answer(&self, op: SurveyOp) -> SurveyReply {
        match op {
            SurveyOp::Channels => SurveyReply::Channels(
                self.hub
                    .channels()
                    .into_iter()
                    .map(|(ch, n)| (ch, n as u64))
                    .collect(),
            ),
        }
    }

    /// Asks every live node (this one and the peers heard from) and collects their answers.
    async fn survey(&self, op: SurveyOp) -> Result<Vec<SurveyReply>, BrokerError> {
        self.metrics.action(crate::metrics::Action::Survey);
        let started = std::time::Instant::now();
        let out = self.survey_nodes(op).await;
        let name = match op {
            SurveyOp::Channels => "channels",
        };
        self.metrics.survey(name, started.elapsed());
        out
    }

    async fn survey_nodes(&self, op: SurveyOp) -> Result<Vec<SurveyReply>, BrokerError> {
        let expect = 1 + self.peers.live().len();
        let (id, rx) = self.surveys.start(expect);
        let ask = Message::Survey {
            id,
            from: self.id.clone(),
            op,
        };
        if let Err(e) = self.send_control(&ask, None).await {
            self.surveys.cancel(id);
            return Err(e);
        }
        match tokio::time::timeout(SURVEY_TIMEOUT, rx).await {
            Ok(Ok(replies)) => Ok(replies),
            _ => {
                self.surveys.cancel(id);
                Err(BrokerError::Internal(format!(
                    "survey {op:?}: not every node answered within {SURVEY_TIMEOUT:?}"
                )))
            }
        }
    }

    /// Channels with subscribers on any node, with their subscriber counts summed over the nodes,
    /// sorted by name.
    pub async fn channels(&self) -> Result<Vec<(String, u64)>, BrokerError> {
        let mut sum: HashMap<String, u64> = HashMap::new();
        for reply in self.survey(SurveyOp::Channels).await? {
            let SurveyReply::Channels(list) = reply;
            for (ch, n) in list {
                *sum.entry(ch).or_default() += n;
            }
        }
        let mut out: Vec<(String, u64)> = sum.into_iter().collect();
        out.sort();
        Ok(out)
    }

    /// This node's counts now.
    pub fn local_info(&self) -> NodeInfo {
        let (clients, users) = self.hub.counts();
        let (channels, subs) = self.hub.channel_counts();
        NodeInfo {
            uid: self.id.clone(),
            name: self.name.clone(),
            version: self.version.clone(),
            num_clients: clients as u64,
            num_users: users as u64,
            num_channels: channels as u64,
            num_subs: subs as u64,
            uptime: self.uptime_seconds(),
            rss: rss_bytes(),
        }
    }

    /// Every live node: this one, counted now, then the peers as their last heartbeat had them.
    pub fn nodes(&self) -> Vec<NodeInfo> {
        let mut out = vec![self.local_info()];
        out.extend(self.peers.live());
        out
    }

    /// Announces this node to the others every `HEARTBEAT_INTERVAL`; runs until dropped.
    pub async fn heartbeat(self: Arc<Self>) {
        let mut tick = tokio::time::interval(HEARTBEAT_INTERVAL);
        loop {
            tick.tick().await;
            self.announce().await;
        }
    }

    async fn announce(&self) {
        if let Err(e) = self
            .send_control(&Message::Node(self.local_info()), None)
            .await
        {
            tracing::warn!(error = %e, "could not send the node heartbeat");
        }
    }
}

/// CPU seconds this process used (user + system), from /proc/self/stat.
pub(super) fn cpu_seconds() -> f64 {
    /// Clock ticks per second on the Linux targets we run on.
    const TICKS: f64 = 100.0;
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses and may hold spaces).
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            let utime = f.get(11)?.parse::<f64>().ok()?;
            let stime = f.get(12)?.parse::<f64>().ok()?;
            Some((utime + stime) / TICKS)
        })
        .unwrap_or(0.0)
}

/// Open file descriptors of this process.
pub(super) fn open_fds() -> u64 {
    std::fs::read_dir("/proc/self/fd")
        .map(|d| d.count() as u64)
        .unwrap_or(0)
}

/// Resident set size of this process, from /proc (0 where unavailable).
pub(super) fn rss_bytes() -> u64 {
    /// Page size on the Linux targets we run on.
    const PAGE: u64 = 4096;
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map(|pages| pages * PAGE)
        .unwrap_or(0)
}
