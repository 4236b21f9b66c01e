//! Sessions of the emulated bidirectional transports (HTTP-streaming, SSE): their server-to-client
//! half is a streaming response on the node that holds the session; their client-to-server half
//! arrives as `/emulation` requests on any node, which hand the command bytes to the owning node
//! (through the controller when that is another node).

use super::Node;
use crate::cluster::Message;
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::mpsc;

/// Command frames waiting for a session, at most: a client that sends faster than its session
/// handles commands gets its requests dropped (the SDKs wait for replies, so they never do).
pub(crate) const SESSION_BACKLOG: usize = 64;

/// The emulated sessions living on this node: session id -> where its command frames go.
#[derive(Default)]
pub(crate) struct EmulatedSessions(Mutex<HashMap<String, mpsc::Sender<Bytes>>>);

impl EmulatedSessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, mpsc::Sender<Bytes>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Why an emulation request was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum EmulationError {
    /// The node named is not this one nor a live peer (HTTP 404).
    UnknownNode,
    /// The controller could not carry the request to its node (HTTP 500).
    Unreachable(String),
}

impl Node {
    /// Registers an emulated session; its command frames arrive on the returned receiver until
    /// `end_emulated` (or the node drops it).
    pub fn start_emulated(&self, session: &str) -> mpsc::Receiver<Bytes> {
        let (tx, rx) = mpsc::channel(SESSION_BACKLOG);
        self.emulated.lock().insert(session.to_string(), tx);
        rx
    }

    pub fn end_emulated(&self, session: &str) {
        self.emulated.lock().remove(session);
    }

    /// Hands command bytes to a session of this node; false when there is no such session (it
    /// ended) or its backlog is full.
    pub(crate) fn deliver_emulated(&self, session: &str, data: Bytes) -> bool {
        let tx = self.emulated.lock().get(session).cloned();
        tx.is_some_and(|tx| tx.try_send(data).is_ok())
    }

    /// Routes an emulation request to the node holding the session. A session that is gone is
    /// not an error (Centrifugo answers 204 too): its client is reconnecting anyway.
    pub async fn emulate(
        &self,
        node: &str,
        session: &str,
        data: Bytes,
    ) -> Result<(), EmulationError> {
        if node == self.id {
            self.deliver_emulated(session, data);
            return Ok(());
        }
        if !self.peers.live().iter().any(|p| p.uid == node) {
            return Err(EmulationError::UnknownNode);
        }
        let m = Message::Emulation {
            session: session.to_string(),
            data,
        };
        self.controller
            .publish_control(m.encode(), Some(node))
            .await
            .map_err(|e| EmulationError::Unreachable(e.to_string()))
    }
}
