//! Presence in Tarantool (templates/tarantool/centrifugo.lua): one tuple per (channel, client)
//! with its expiry, so entries of a node that died without cleaning up go away after
//! `presence_ttl`.

use super::PresenceManager;
use crate::broker::tarantool::{iproto, TarantoolShards};
use crate::broker::BrokerError;
use crate::protocol::{pb, ClientInfo};
use async_trait::async_trait;
use prost::Message;
use rmpv::Value;
use std::collections::HashMap;
use std::time::Duration;

pub(crate) struct TarantoolPresence {
    shards: TarantoolShards,
    ttl: Duration,
}

impl TarantoolPresence {
    pub(crate) fn new(shards: TarantoolShards, ttl: Duration) -> TarantoolPresence {
        TarantoolPresence {
            shards,
            ttl: ttl.max(Duration::from_secs(1)),
        }
    }
}

#[async_trait]
impl PresenceManager for TarantoolPresence {
    async fn add(
        &self,
        channel: &str,
        client_id: &str,
        info: ClientInfo,
    ) -> Result<(), BrokerError> {
        self.shards
            .call(
                channel,
                "centrifugo.presence_add",
                vec![
                    Value::from(channel),
                    Value::from(client_id),
                    Value::Binary(pb::ClientInfo::from(&info).encode_to_vec()),
                    Value::from(info.user.as_str()),
                    Value::from(self.ttl.as_secs_f64()),
                ],
            )
            .await
            .map(|_| ())
    }

    async fn remove(&self, channel: &str, client_id: &str, _user: &str) -> Result<(), BrokerError> {
        self.shards
            .call(
                channel,
                "centrifugo.presence_remove",
                vec![Value::from(channel), Value::from(client_id)],
            )
            .await
            .map(|_| ())
    }

    async fn presence(&self, channel: &str) -> Result<HashMap<String, ClientInfo>, BrokerError> {
        let reply = self
            .shards
            .call(channel, "centrifugo.presence", vec![Value::from(channel)])
            .await?;
        let mut out = HashMap::new();
        if let Some(Value::Array(flat)) = reply.first() {
            for kv in flat.chunks(2) {
                let (Some(id), Some(info)) = (
                    kv.first().and_then(iproto::bytes),
                    kv.get(1).and_then(iproto::bytes),
                ) else {
                    continue;
                };
                super::add_entry(&mut out, "tarantool", channel, id, info);
            }
        }
        Ok(out)
    }

    async fn stats(&self, channel: &str) -> Result<(u32, u32), BrokerError> {
        let reply = self
            .shards
            .call(
                channel,
                "centrifugo.presence_stats",
                vec![Value::from(channel)],
            )
            .await?;
        let n = |i: usize| {
            reply
                .get(i)
                .and_then(Value::as_u64)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0)
        };
        Ok((n(0), n(1)))
    }

    fn unavailable(&self) -> Option<String> {
        self.shards.unavailable()
    }
}
