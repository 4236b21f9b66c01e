//! Broker: PUB/SUB between nodes plus history streams; controller: control messages between nodes.
//! The node knows only these traits.

pub(crate) mod memory;
pub(crate) mod nats;
pub(crate) mod redis;
pub(crate) mod tarantool;
pub(crate) mod wire;

use crate::protocol::{ClientInfo, Publication, StreamPosition};
use async_trait::async_trait;
use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum BrokerError {
    #[error("unrecoverable position")]
    UnrecoverablePosition,
    #[error("not available")]
    NotAvailable,
    /// A query the broker refuses (reverse iteration from offset 0): error 107.
    #[error("bad request")]
    BadRequest,
    #[error("broker error: {0}")]
    Internal(String),
}

/// How a publication is kept in its channel's stream.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    pub history_size: usize,
    pub history_ttl: Duration,
    pub history_meta_ttl: Duration,
    /// Publications with the same key within the idempotency window are accepted once.
    pub idempotency_key: Option<String>,
    /// With history on, a publication whose version is not above the stream's last one (within the
    /// same `version_epoch`, or any when it is empty) is dropped as stale. 0 = unversioned.
    pub version: u64,
    pub version_epoch: String,
    /// Hand the channel's previous publication (from history) to `on_publication`, so delta
    /// subscribers can get a patch against it.
    pub use_delta: bool,
}

/// A history query: `limit` 0 = position only, negative = everything kept.
#[derive(Debug, Clone, Default)]
pub struct HistoryQuery {
    pub since: Option<StreamPosition>,
    pub limit: i32,
    pub reverse: bool,
    pub meta_ttl: Duration,
}

/// What the broker delivers back to the node for channels this node subscribed to.
pub trait EventHandler: Send + Sync {
    /// `prev`: the publication before this one in the channel's history, when the publish asked for
    /// delta delivery and history is on.
    fn on_publication(
        &self,
        channel: &str,
        publication: Publication,
        position: StreamPosition,
        prev: Option<Publication>,
    );
    fn on_join(&self, channel: &str, info: ClientInfo);
    fn on_leave(&self, channel: &str, info: ClientInfo);
    /// Publications into these channels may have been lost (the broker's subscriber connection
    /// was down): positioned subscribers should check their position against history.
    fn on_gap(&self, _channels: &[String]) {}
}

/// A new stream epoch: four random alphanumerics, as Centrifugo makes them.
pub(crate) fn new_epoch() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Whether a history read from `q.since` can recover: the epoch must be the stream's, and a
/// forward read must continue right after `since` (a gap means publications were dropped).
pub(crate) fn check_since(
    q: &HistoryQuery,
    top: &StreamPosition,
    pubs: &[Publication],
) -> Result<(), BrokerError> {
    let Some(since) = &q.since else {
        return Ok(());
    };
    if !since.epoch.is_empty() && since.epoch != top.epoch {
        return Err(BrokerError::UnrecoverablePosition);
    }
    let continuous =
        since.offset >= top.offset || pubs.first().is_some_and(|p| p.offset == since.offset + 1);
    if q.limit != 0 && !q.reverse && !continuous {
        return Err(BrokerError::UnrecoverablePosition);
    }
    Ok(())
}

#[async_trait]
pub trait Broker: Send + Sync {
    /// Wires delivery of events to the node; called once before any other method.
    fn run(&self, handler: Arc<dyn EventHandler>);
    async fn subscribe(&self, channel: &str) -> Result<(), BrokerError>;
    async fn unsubscribe(&self, channel: &str) -> Result<(), BrokerError>;
    /// Publishes into the channel; returns the stream position (zero when history is off).
    /// The returned bool is true when the publication was suppressed: an idempotent duplicate, or a
    /// stale version (then the position is the stream's current top).
    async fn publish(
        &self,
        channel: &str,
        publication: Publication,
        opts: &PublishOptions,
    ) -> Result<(StreamPosition, bool), BrokerError>;
    async fn publish_join(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError>;
    async fn publish_leave(&self, channel: &str, info: ClientInfo) -> Result<(), BrokerError>;
    async fn history(
        &self,
        channel: &str,
        query: &HistoryQuery,
    ) -> Result<(Vec<Publication>, StreamPosition), BrokerError>;
    async fn remove_history(&self, channel: &str) -> Result<(), BrokerError>;
    /// Why the broker cannot serve now (its server unreachable), for the readiness check.
    fn unavailable(&self) -> Option<String> {
        None
    }
}

/// What a controller delivers to the node: a control message some node (this one included) sent.
pub trait ControlHandler: Send + Sync {
    fn on_control(&self, data: Bytes);
}

/// Control messages between the nodes of a cluster (disconnects and other per-user actions, node
/// heartbeats, surveys). The messages are opaque bytes here: the node encodes and decodes them.
#[async_trait]
pub trait Controller: Send + Sync {
    /// Wires delivery of control messages to the node; called once before `publish_control`.
    fn run(&self, handler: Arc<dyn ControlHandler>);
    /// Sends `data` to every node, this one included, or to the node with id `to_node` only.
    async fn publish_control(&self, data: Bytes, to_node: Option<&str>) -> Result<(), BrokerError>;
}
