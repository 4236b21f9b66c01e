//! Presence manager: who is subscribed to a channel. The node knows only this trait.

pub(crate) mod memory;
pub(crate) mod redis;
pub(crate) mod tarantool;

use crate::broker::BrokerError;
use crate::protocol::ClientInfo;
use async_trait::async_trait;
use std::collections::HashMap;

#[async_trait]
pub trait PresenceManager: Send + Sync {
    async fn add(
        &self,
        channel: &str,
        client_id: &str,
        info: ClientInfo,
    ) -> Result<(), BrokerError>;
    /// `user`: the client's user id (kept per user by Redis' `presence_user_mapping`).
    async fn remove(&self, channel: &str, client_id: &str, user: &str) -> Result<(), BrokerError>;
    async fn presence(&self, channel: &str) -> Result<HashMap<String, ClientInfo>, BrokerError>;
    /// (num_clients, num_users)
    async fn stats(&self, channel: &str) -> Result<(u32, u32), BrokerError>;
    /// Why presence cannot be served now, for the readiness check.
    fn unavailable(&self) -> Option<String> {
        None
    }
}

/// Adds one stored presence entry (client id, Protobuf ClientInfo) to `out`; a malformed one is
/// skipped with a warning naming the store.
pub(crate) fn add_entry(
    out: &mut HashMap<String, ClientInfo>,
    store: &str,
    channel: &str,
    id: &[u8],
    info: &[u8],
) {
    use prost::Message;
    match crate::protocol::pb::ClientInfo::decode(info) {
        Ok(info) => {
            out.insert(
                String::from_utf8_lossy(id).into_owned(),
                ClientInfo::from(info),
            );
        }
        Err(_) => tracing::warn!(channel, store, "malformed presence entry skipped"),
    }
}
