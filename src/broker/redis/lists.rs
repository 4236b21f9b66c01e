//! History in Redis Lists instead of Streams (`history_use_lists`), as Centrifugo offers for Redis
//! versions and compatible servers without Streams: newest first, trimmed to the history size, each
//! item `offset:publication`. There is no reverse paging; forward reads from a position filter by
//! offset here.

use super::scripts::Keys;
use crate::broker::wire;
use crate::broker::{BrokerError, HistoryQuery};
use crate::protocol::Publication;
use redis::Value;

/// Appends to a channel's list and publishes, in one step. KEYS: list, meta, idempotency result.
/// ARGV as for the stream script. Returns {offset, epoch, suppressed}.
pub(crate) const PUBLISH_WITH_LIST: &str = r#"
local list, meta, result = KEYS[1], KEYS[2], KEYS[3]
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
local prev = ""
if offset == 1 then
  redis.call("del", list)
elseif delta == "1" then
  local last = redis.call("lindex", list, 0)
  if last then
    prev = string.sub(last, string.find(last, ":", 1, true) + 1)
  end
end
redis.call("lpush", list, offset .. ":" .. data)
redis.call("ltrim", list, 0, tonumber(size) - 1)
redis.call("pexpire", list, ttl)
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

/// A list's position and (unless ARGV[1] is "0") all its items, newest first.
/// KEYS: list, meta. ARGV: 1 "1" to read items, 2 meta ttl ms (0 = keep), 3 epoch for a new list.
pub(crate) const HISTORY_LIST: &str = r#"
local list, meta = KEYS[1], KEYS[2]
local kept = redis.call("hmget", meta, "e", "s")
local epoch, offset = kept[1], kept[2] or "0"
if not epoch then
  epoch = ARGV[3]
  offset = "0"
  redis.call("hset", meta, "e", epoch)
end
if ARGV[2] ~= "0" then
  redis.call("pexpire", meta, ARGV[2])
end
local items = {}
if ARGV[1] == "1" then
  items = redis.call("lrange", list, 0, -1)
end
return {offset, epoch, items}
"#;

pub(crate) fn list_keys(keys: &Keys, channel: &str) -> (String, String) {
    (keys.list(channel), keys.list_meta(channel))
}

/// `offset:publication` items, newest first, as the query asks for them (oldest first).
pub(crate) fn select(items: &Value, q: &HistoryQuery) -> Result<Vec<Publication>, BrokerError> {
    if q.reverse {
        // Lists keep no ids to page back from (as in Centrifugo).
        return Err(BrokerError::BadRequest);
    }
    let Value::Array(items) = items else {
        return Ok(Vec::new());
    };
    let after = q.since.as_ref().map(|s| s.offset).unwrap_or(0);
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter().rev() {
        let Value::BulkString(b) = item else {
            return Err(BrokerError::Internal("bad list item".into()));
        };
        let colon = b
            .iter()
            .position(|&c| c == b':')
            .ok_or_else(|| BrokerError::Internal("bad list item".into()))?;
        let offset: u64 = std::str::from_utf8(&b[..colon])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| BrokerError::Internal("bad list item".into()))?;
        if offset <= after {
            continue;
        }
        let p = wire::decode_publication(&b[colon + 1..], offset)
            .ok_or_else(|| BrokerError::Internal("bad publication in list".into()))?;
        out.push(p);
    }
    if q.limit >= 0 {
        out.truncate(q.limit as usize);
    }
    Ok(out)
}
