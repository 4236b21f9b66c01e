//! Cluster control: the messages nodes exchange through the controller, and what the node keeps of
//! them (peers known from heartbeats, surveys waiting for their replies).

use crate::outbox::Control;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::time::Instant;

/// How often a node announces itself and its counts (Centrifugo sends node info every few seconds).
pub(crate) const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(3);
/// A peer not heard from for this long is dropped from `info` and from surveys: three missed beats.
pub(crate) const PEER_TTL: Duration = Duration::from_secs(9);
/// How long a survey waits for every node to answer before it fails.
pub(crate) const SURVEY_TIMEOUT: Duration = Duration::from_secs(10);

/// One control message, sent to every node (this one included).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Message {
    /// An action for the connections of a user, applied on every node that has some.
    User(UserControl),
    /// A node's heartbeat with its current counts.
    Node(NodeInfo),
    /// A question every node answers with a `SurveyReply` to the node that asked.
    Survey { id: u64, from: String, op: SurveyOp },
    SurveyReply {
        id: u64,
        to: String,
        reply: SurveyReply,
    },
    /// Command bytes from an `/emulation` request for a session on the receiving node.
    Emulation { session: String, data: Bytes },
}

/// Which connections of a user an action is for: all of them, one client or one session, minus
/// the client ids of `whitelist`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserTarget {
    pub user: String,
    pub client: String,
    pub session: String,
    pub whitelist: Vec<String>,
}

impl UserTarget {
    /// Every connection of `user`.
    pub fn user(user: &str) -> UserTarget {
        UserTarget {
            user: user.to_string(),
            ..Default::default()
        }
    }

    /// Whether the connection (`client` id, `session` id) is one the action is for.
    pub fn selects(&self, client: &str, session: &str) -> bool {
        (self.client.is_empty() || self.client == client)
            && (self.session.is_empty() || self.session == session)
            && !self.whitelist.iter().any(|w| w == client)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct UserControl {
    pub target: UserTarget,
    pub control: Control,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) enum SurveyOp {
    /// The channels with subscribers on the node, with how many.
    Channels,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum SurveyReply {
    Channels(Vec<(String, u64)>),
}

/// What a node says of itself in its heartbeat (and in the `info` API method).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeInfo {
    pub uid: String,
    pub name: String,
    pub version: String,
    pub num_clients: u64,
    pub num_users: u64,
    pub num_channels: u64,
    pub num_subs: u64,
    pub uptime: u64,
    /// Resident set size of the node's process, in bytes.
    pub rss: u64,
}

impl Message {
    pub(crate) fn encode(&self) -> Bytes {
        // Serializing these plain data types to a Vec cannot fail.
        Bytes::from(serde_json::to_vec(self).unwrap_or_default())
    }

    pub(crate) fn decode(data: &[u8]) -> Result<Message, serde_json::Error> {
        serde_json::from_slice(data)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The other nodes, as their heartbeats describe them.
#[derive(Default)]
pub(crate) struct Peers {
    seen: Mutex<HashMap<String, (NodeInfo, Instant)>>,
}

impl Peers {
    /// Records a heartbeat; true when the peer was not known (or had been forgotten).
    pub(crate) fn seen(&self, info: NodeInfo) -> bool {
        let now = Instant::now();
        let mut m = lock(&self.seen);
        let known = m
            .get(&info.uid)
            .is_some_and(|(_, at)| now.duration_since(*at) < PEER_TTL);
        m.insert(info.uid.clone(), (info, now));
        !known
    }

    /// The peers heard from within `PEER_TTL`, by name; older ones are forgotten.
    pub(crate) fn live(&self) -> Vec<NodeInfo> {
        let now = Instant::now();
        let mut m = lock(&self.seen);
        m.retain(|_, (_, at)| now.duration_since(*at) < PEER_TTL);
        let mut out: Vec<NodeInfo> = m.values().map(|(i, _)| i.clone()).collect();
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.uid.cmp(&b.uid)));
        out
    }
}

struct Waiting {
    expect: usize,
    replies: Vec<SurveyReply>,
    done: Option<oneshot::Sender<Vec<SurveyReply>>>,
}

/// Surveys this node started and is collecting replies for.
#[derive(Default)]
pub(crate) struct Surveys {
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, Waiting>>,
}

impl Surveys {
    /// Registers a survey that completes once `expect` replies arrived.
    pub(crate) fn start(&self, expect: usize) -> (u64, oneshot::Receiver<Vec<SurveyReply>>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, rx) = oneshot::channel();
        lock(&self.waiting).insert(
            id,
            Waiting {
                expect,
                replies: Vec::with_capacity(expect),
                done: Some(tx),
            },
        );
        (id, rx)
    }

    /// Adds a reply; the survey completes with its last expected one. Unknown ids (a survey
    /// that already timed out) are ignored.
    pub(crate) fn reply(&self, id: u64, reply: SurveyReply) {
        let mut m = lock(&self.waiting);
        let Some(w) = m.get_mut(&id) else {
            return;
        };
        w.replies.push(reply);
        if w.replies.len() >= w.expect {
            if let Some(w) = m.remove(&id) {
                if let Some(tx) = w.done {
                    let _ = tx.send(w.replies);
                }
            }
        }
    }

    /// Forgets a survey (timed out, or its request could not be sent).
    pub(crate) fn cancel(&self, id: u64) {
        lock(&self.waiting).remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Disconnect;

    #[test]
    fn messages_round_trip() {
        let m = Message::User(UserControl {
            target: UserTarget {
                user: "42".into(),
                whitelist: vec!["c1".into()],
                ..Default::default()
            },
            control: Control::Disconnect(Disconnect::force_no_reconnect()),
        });
        let back = Message::decode(&m.encode()).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{m:?}"));
    }

    #[test]
    fn targets_select_by_client_session_and_whitelist() {
        let mut t = UserTarget::user("u");
        assert!(t.selects("a", "s1"));
        t.whitelist = vec!["a".into()];
        assert!(!t.selects("a", "s1") && t.selects("b", "s1"));
        t.session = "s2".into();
        assert!(!t.selects("b", "s1") && t.selects("b", "s2"));
        t.client = "c".into();
        assert!(!t.selects("b", "s2") && t.selects("c", "s2"));
    }

    #[tokio::test]
    async fn a_survey_completes_with_its_last_expected_reply() {
        let s = Surveys::default();
        let (id, mut rx) = s.start(2);
        s.reply(id, SurveyReply::Channels(vec![("a".into(), 1)]));
        assert!(rx.try_recv().is_err(), "one of two replies");
        s.reply(id + 100, SurveyReply::Channels(vec![]));
        s.reply(id, SurveyReply::Channels(vec![("b".into(), 2)]));
        assert_eq!(rx.await.map(|r| r.len()).ok(), Some(2));
    }

    #[tokio::test(start_paused = true)]
    async fn peers_are_forgotten_after_missed_heartbeats() {
        let p = Peers::default();
        let n2 = NodeInfo {
            uid: "n2".into(),
            ..Default::default()
        };
        assert!(p.seen(n2.clone()), "a new peer");
        assert!(!p.seen(n2), "known");
        assert_eq!(p.live().len(), 1);
        tokio::time::advance(PEER_TTL).await;
        assert!(p.live().is_empty());
    }
}
