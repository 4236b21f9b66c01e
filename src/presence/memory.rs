//! In-process presence: a map of channel -> client id -> ClientInfo.

use super::PresenceManager;
use crate::broker::BrokerError;
use crate::protocol::ClientInfo;
use async_trait::async_trait;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

#[derive(Default)]
pub struct MemoryPresence {
    channels: Mutex<HashMap<String, HashMap<String, ClientInfo>>>,
}

impl MemoryPresence {
    pub fn new() -> MemoryPresence {
        MemoryPresence::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, HashMap<String, ClientInfo>>> {
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait]
impl PresenceManager for MemoryPresence {
    async fn add(
        &self,
        channel: &str,
        client_id: &str,
        info: ClientInfo,
    ) -> Result<(), BrokerError> {
        self.lock()
            .entry(channel.to_string())
            .or_default()
            .insert(client_id.to_string(), info);
        Ok(())
    }

    async fn remove(&self, channel: &str, client_id: &str, _user: &str) -> Result<(), BrokerError> {
        let mut map = self.lock();
        if let Some(m) = map.get_mut(channel) {
            m.remove(client_id);
            if m.is_empty() {
                map.remove(channel);
            }
        }
        Ok(())
    }

    async fn presence(&self, channel: &str) -> Result<HashMap<String, ClientInfo>, BrokerError> {
        Ok(self.lock().get(channel).cloned().unwrap_or_default())
    }

    async fn stats(&self, channel: &str) -> Result<(u32, u32), BrokerError> {
        let map = self.lock();
        Ok(match map.get(channel) {
            Some(m) => {
                let users: HashSet<&str> = m.values().map(|i| i.user.as_str()).collect();
                (m.len() as u32, users.len() as u32)
            }
            None => (0, 0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_clients_and_users() {
        let p = MemoryPresence::new();
        for (c, u) in [("a", "1"), ("b", "1"), ("c", "2")] {
            p.add(
                "ch",
                c,
                ClientInfo {
                    user: u.into(),
                    client: c.into(),
                    ..Default::default()
                },
            )
            .await
            .expect("add");
        }
        assert_eq!(p.stats("ch").await.expect("stats"), (3, 2));
        p.remove("ch", "a", "1").await.expect("remove");
        assert_eq!(p.presence("ch").await.expect("p").len(), 2);
    }
}
