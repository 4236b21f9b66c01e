//! What the Redis engine keeps where: key and PUB/SUB channel names (every key of a channel carries
//! the channel as its `{hash tag}`, so a channel's keys share one Redis Cluster slot), and the Lua
//! scripts that make "append to history + publish" and presence updates atomic.

/// Key and channel names under one prefix.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    prefix: String,
}

impl Keys {
    pub(crate) fn new(prefix: &str) -> Keys {
        Keys {
            prefix: prefix.to_string(),
        }
    }

    /// The PUB/SUB channel carrying a channel's publications and join/leave events.
    pub(crate) fn pubsub(&self, channel: &str) -> String {
        format!("{}.client.{channel}", self.prefix)
    }

    /// The channel a PUB/SUB message arrived on, if it is a client channel.
    pub(crate) fn channel_of<'a>(&self, pubsub: &'a str) -> Option<&'a str> {
        pubsub
            .strip_prefix(self.prefix.as_str())?
            .strip_prefix(".client.")
    }

    /// Control messages for every node.
    pub(crate) fn control(&self) -> String {
        format!("{}.control", self.prefix)
    }

    /// Control messages for one node.
    pub(crate) fn node(&self, id: &str) -> String {
        format!("{}.node.{id}", self.prefix)
    }

    /// The channel a node publishes its PUB/SUB probes to (one per subscriber connection).
    pub(crate) fn probe(&self, id: &str, part: usize) -> String {
        format!("{}.node.{id}.probe.{part}", self.prefix)
    }

    pub(crate) fn stream(&self, channel: &str) -> String {
        format!("{}.stream.{{{channel}}}", self.prefix)
    }

    pub(crate) fn stream_meta(&self, channel: &str) -> String {
        format!("{}.stream.meta.{{{channel}}}", self.prefix)
    }

    pub(crate) fn list(&self, channel: &str) -> String {
        format!("{}.list.{{{channel}}}", self.prefix)
    }

    pub(crate) fn list_meta(&self, channel: &str) -> String {
        format!("{}.list.meta.{{{channel}}}", self.prefix)
    }

    pub(crate) fn result(&self, channel: &str, key: &str) -> String {
        format!("{}.result.{{{channel}}}.{key}", self.prefix)
    }

    /// Presence: client id -> encoded ClientInfo.
    pub(crate) fn presence_data(&self, channel: &str) -> String {
        format!("{}.presence.data.{{{channel}}}", self.prefix)
    }

    /// Presence: client id scored by when its entry expires.
    pub(crate) fn presence_expire(&self, channel: &str) -> String {
        format!("{}.presence.expire.{{{channel}}}", self.prefix)
    }

    /// Presence per user: user id -> number of its clients in the channel.
    pub(crate) fn presence_user_data(&self, channel: &str) -> String {
        format!("{}.presence.user.data.{{{channel}}}", self.prefix)
    }

    /// Presence per user: user id scored by when its entry expires.
    pub(crate) fn presence_user_expire(&self, channel: &str) -> String {
        format!("{}.presence.user.expire.{{{channel}}}", self.prefix)
    }
}

/// Appends a publication to a channel's history and publishes it, in one step: the shared head
/// (idempotency, epoch, version, the new offset), the store's own append (`STREAM_APPEND` or the
/// Lists one), the shared tail (the frame, PUBLISH, the idempotency result).
/// KEYS: history store, meta, idempotency result (may be unused).
/// ARGV: 1 publication bytes, 2 max length, 3 store ttl ms, 4 PUB/SUB channel, 5 meta ttl ms
/// (0 = none), 6 epoch for a new stream, 7 result ttl ms ("" = no idempotency key), 8 "1" to
/// publish a delta frame, 9 version (0 = none), 10 version epoch.
/// Returns {offset, epoch, suppressed ("1" for an idempotent repeat or a stale version)}.
pub(crate) fn publish_script(append: &str) -> String {
    format!("{PUBLISH_HEAD}{append}{PUBLISH_TAIL}")
}

const PUBLISH_HEAD: &str = r#"
local store, meta, result = KEYS[1], KEYS[2], KEYS[3]
local data, size, ttl, pubsub, meta_ttl, fresh_epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local result_ttl, delta, version, version_epoch = ARGV[7], ARGV[8], ARGV[9], ARGV[10]

if result_ttl ~= "" then
  local seen = redis.call("hmget", result, "o", "e")
  if seen[2] then
    return {seen[1], seen[2], "1"}
  end
end

local epoch = redis.call("hget", meta, "e")
if not epoch then
  epoch = fresh_epoch
  redis.call("hset", meta, "e", epoch)
end

if version ~= "0" then
  local kept = redis.call("hmget", meta, "v", "ve", "s")
  if kept[1] and (version_epoch == "" or version_epoch == kept[2])
     and tonumber(kept[1]) >= tonumber(version) then
    return {kept[3] or "0", epoch, "1"}
  end
  redis.call("hset", meta, "v", version, "ve", version_epoch)
end

local offset = redis.call("hincrby", meta, "s", 1)
if meta_ttl ~= "0" then
  redis.call("pexpire", meta, meta_ttl)
end
-- The append sets `prev` (the previous publication, for delta frames) and stores `data`.
local prev = ""
if offset == 1 then
  -- A new stream (or its meta was evicted): whatever is left of an old one does not belong to it.
  redis.call("del", store)
end
"#;

const PUBLISH_TAIL: &str = r#"
local frame
if delta == "1" then
  frame = "__d1:" .. offset .. ":" .. epoch .. ":" .. #prev .. ":" .. prev .. ":" .. #data .. ":" .. data
else
  frame = "__p1:" .. offset .. ":" .. epoch .. "__" .. data
end
redis.call("publish", pubsub, frame)

if result_ttl ~= "" then
  redis.call("hset", result, "o", offset, "e", epoch)
  redis.call("pexpire", result, result_ttl)
end
return {tostring(offset), epoch, "0"}
"#;

/// The Streams append: entry id = offset, field `d` = the publication.
pub(crate) const STREAM_APPEND: &str = r#"
if offset > 1 and delta == "1" then
  local last = redis.call("xrevrange", store, "+", "-", "COUNT", 1)
  if last[1] then
    local fields = last[1][2]
    for i = 1, #fields, 2 do
      if fields[i] == "d" then prev = fields[i + 1] end
    end
  end
end
redis.call("xadd", store, "MAXLEN", size, offset, "d", data)
redis.call("pexpire", store, ttl)
"#;

/// Publishes without history, once per idempotency key.
/// KEYS: idempotency result. ARGV: 1 frame, 2 PUB/SUB channel, 3 result ttl ms.
/// Returns "1" when suppressed as a repeat.
pub(crate) const PUBLISH_IDEMPOTENT: &str = r#"
if redis.call("exists", KEYS[1]) == 1 then
  return "1"
end
redis.call("publish", ARGV[2], ARGV[1])
redis.call("set", KEYS[1], "1", "PX", ARGV[3])
return "0"
"#;

/// Reads a stream's position and, unless `limit` is "0", its publications.
/// KEYS: stream, meta. ARGV: 1 first id (exclusive forms like "(5" allowed), 2 last id, 3 count
/// ("-1" = all, "0" = position only), 4 "1" for reverse, 5 meta ttl ms (0 = keep), 6 epoch for a
/// new stream. Returns {offset, epoch, entries}.
pub(crate) const HISTORY: &str = r#"
local stream, meta = KEYS[1], KEYS[2]
local from, to, count, reverse, meta_ttl, fresh_epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local kept = redis.call("hmget", meta, "e", "s")
local epoch, offset = kept[1], kept[2] or "0"
if not epoch then
  epoch = fresh_epoch
  offset = "0"
  redis.call("hset", meta, "e", epoch)
end
if meta_ttl ~= "0" then
  redis.call("pexpire", meta, meta_ttl)
end
local entries = {}
if count ~= "0" then
  local cmd = reverse == "1" and "xrevrange" or "xrange"
  if count == "-1" then
    entries = redis.call(cmd, stream, from, to)
  else
    entries = redis.call(cmd, stream, from, to, "COUNT", count)
  end
end
return {offset, epoch, entries}
"#;

/// Adds or refreshes a client's presence.
/// KEYS: data, expire, user data, user expire. ARGV: 1 ttl seconds, 2 expire-at (unix seconds),
/// 3 client id, 4 encoded info, 5 user id, 6 "1" to keep the per-user mapping.
pub(crate) const PRESENCE_ADD: &str = r#"
local is_new = redis.call("hexists", KEYS[1], ARGV[3]) == 0
redis.call("hset", KEYS[1], ARGV[3], ARGV[4])
redis.call("expire", KEYS[1], ARGV[1])
redis.call("zadd", KEYS[2], ARGV[2], ARGV[3])
redis.call("expire", KEYS[2], ARGV[1])
if ARGV[6] == "1" then
  if is_new then
    redis.call("hincrby", KEYS[3], ARGV[5], 1)
  end
  redis.call("expire", KEYS[3], ARGV[1])
  redis.call("zadd", KEYS[4], ARGV[2], ARGV[5])
  redis.call("expire", KEYS[4], ARGV[1])
end
"#;

/// Removes a client's presence.
/// KEYS: data, expire, user data, user expire. ARGV: 1 client id, 2 user id, 3 "1" for user mapping.
pub(crate) const PRESENCE_REMOVE: &str = r#"
local existed = redis.call("hdel", KEYS[1], ARGV[1]) == 1
redis.call("zrem", KEYS[2], ARGV[1])
if ARGV[3] == "1" and existed then
  if redis.call("hincrby", KEYS[3], ARGV[2], -1) <= 0 then
    redis.call("hdel", KEYS[3], ARGV[2])
    redis.call("zrem", KEYS[4], ARGV[2])
  end
end
"#;

/// Drops expired presence entries and returns what is left (a flat client id, info list).
/// KEYS: data, expire. ARGV: 1 now (unix seconds).
pub(crate) const PRESENCE_GET: &str = r#"
local gone = redis.call("zrangebyscore", KEYS[2], "0", ARGV[1])
for i = 1, #gone do
  redis.call("hdel", KEYS[1], gone[i])
end
if #gone > 0 then
  redis.call("zremrangebyscore", KEYS[2], "0", ARGV[1])
end
return redis.call("hgetall", KEYS[1])
"#;

/// Presence counts from the per-user mapping: {clients, users}, after dropping expired users.
/// KEYS: data, expire, user data, user expire. ARGV: 1 now (unix seconds).
pub(crate) const PRESENCE_STATS: &str = r#"
local gone = redis.call("zrangebyscore", KEYS[2], "0", ARGV[1])
for i = 1, #gone do
  redis.call("hdel", KEYS[1], gone[i])
end
if #gone > 0 then
  redis.call("zremrangebyscore", KEYS[2], "0", ARGV[1])
end
local gone_users = redis.call("zrangebyscore", KEYS[4], "0", ARGV[1])
for i = 1, #gone_users do
  redis.call("hdel", KEYS[3], gone_users[i])
end
if #gone_users > 0 then
  redis.call("zremrangebyscore", KEYS[4], "0", ARGV[1])
end
return {redis.call("hlen", KEYS[1]), redis.call("hlen", KEYS[3])}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_a_channel_shares_its_hash_tag() {
        let k = Keys::new("centrifugo");
        for key in [
            k.stream("chat:1"),
            k.stream_meta("chat:1"),
            k.list("chat:1"),
            k.list_meta("chat:1"),
            k.result("chat:1", "idem"),
            k.presence_data("chat:1"),
            k.presence_expire("chat:1"),
            k.presence_user_data("chat:1"),
            k.presence_user_expire("chat:1"),
        ] {
            assert!(key.contains("{chat:1}"), "{key}");
        }
        assert_eq!(k.channel_of(&k.pubsub("a.b")), Some("a.b"));
        assert_eq!(k.channel_of(&k.control()), None);
    }
}
