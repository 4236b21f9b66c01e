//! Presence in Redis: per channel, a hash of client id -> ClientInfo (Protobuf) and a sorted set of
//! client ids by expiry, so entries of a node that died without cleaning up go away after
//! `presence_ttl`. With `presence_user_mapping`, per-user counts make `presence_stats` cheap.

use super::PresenceManager;
use crate::broker::redis::RedisShards;
use crate::broker::BrokerError;
use crate::protocol::{pb, ClientInfo};
use async_trait::async_trait;
use prost::Message;
use redis::Script;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

pub struct RedisPresence {
    shards: RedisShards,
    ttl: Duration,
    user_mapping: bool,
    add: Script,
    remove: Script,
    get: Script,
    stats: Script,
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl RedisPresence {
    pub fn new(shards: RedisShards, ttl: Duration, user_mapping: bool) -> RedisPresence {
        use crate::broker::redis::scripts;
        RedisPresence {
            shards,
            ttl: ttl.max(Duration::from_secs(1)),
            user_mapping,
            add: Script::new(scripts::PRESENCE_ADD),
            remove: Script::new(scripts::PRESENCE_REMOVE),
            get: Script::new(scripts::PRESENCE_GET),
            stats: Script::new(scripts::PRESENCE_STATS),
        }
    }

    fn keys4<'s>(&self, inv: &mut redis::ScriptInvocation<'s>, channel: &str) {
        let k = &self.shards.keys;
        inv.key(k.presence_data(channel))
            .key(k.presence_expire(channel))
            .key(k.presence_user_data(channel))
            .key(k.presence_user_expire(channel));
    }
}

#[async_trait]
impl PresenceManager for RedisPresence {
    async fn add(
        &self,
        channel: &str,
        client_id: &str,
        info: ClientInfo,
    ) -> Result<(), BrokerError> {
        let ttl = self.ttl.as_secs();
        let mut inv = self.add.prepare_invoke();
        self.keys4(&mut inv, channel);
        inv.arg(ttl)
            .arg(unix_now() + ttl)
            .arg(client_id)
            .arg(pb::ClientInfo::from(&info).encode_to_vec())
            .arg(&info.user)
            .arg(if self.user_mapping { "1" } else { "0" });
        self.shards.shard(channel).script::<()>(&inv).await
    }

    async fn remove(&self, channel: &str, client_id: &str, user: &str) -> Result<(), BrokerError> {
        let mut inv = self.remove.prepare_invoke();
        self.keys4(&mut inv, channel);
        inv.arg(client_id)
            .arg(user)
            .arg(if self.user_mapping { "1" } else { "0" });
        self.shards.shard(channel).script::<()>(&inv).await
    }

    async fn presence(&self, channel: &str) -> Result<HashMap<String, ClientInfo>, BrokerError> {
        let k = &self.shards.keys;
        let mut inv = self.get.prepare_invoke();
        inv.key(k.presence_data(channel))
            .key(k.presence_expire(channel))
            .arg(unix_now());
        let flat: Vec<Vec<u8>> = self.shards.shard(channel).script(&inv).await?;
        let mut out = HashMap::with_capacity(flat.len() / 2);
        for kv in flat.chunks(2) {
            let [id, info] = kv else { continue };
            super::add_entry(&mut out, "redis", channel, id, info);
        }
        Ok(out)
    }

    async fn stats(&self, channel: &str) -> Result<(u32, u32), BrokerError> {
        if self.user_mapping {
            let mut inv = self.stats.prepare_invoke();
            self.keys4(&mut inv, channel);
            inv.arg(unix_now());
            let (clients, users): (u32, u32) = self.shards.shard(channel).script(&inv).await?;
            return Ok((clients, users));
        }
        let all = self.presence(channel).await?;
        let users: HashSet<&str> = all.values().map(|i| i.user.as_str()).collect();
        Ok((all.len() as u32, users.len() as u32))
    }

    fn unavailable(&self) -> Option<String> {
        self.shards
            .shards
            .iter()
            .find(|s| !s.healthy())
            .map(|s| format!("redis {}: unreachable", s.label()))
    }
}
