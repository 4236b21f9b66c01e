//! History in Redis Lists instead of Streams (`history_use_lists`), as Centrifugo offers for Redis
//! versions and compatible servers without Streams: newest first, trimmed to the history size, each
//! item `offset:publication`. There is no reverse paging; forward reads from a position filter by
//! offset here.

use super::scripts::Keys;
use crate::broker::wire;
use crate::broker::{BrokerError, HistoryQuery};
use crate::protocol::Publication;
use redis::Value;

/// The Lists append for `scripts::publish_script`: newest first, `offset:publication` items,
/// trimmed to the history size.
pub(crate) const LIST_APPEND: &str = r#"
if offset > 1 and delta == "1" then
  local last = redis.call("lindex", store, 0)
  if last then
    prev = string.sub(last, string.find(last, ":", 1, true) + 1)
  end
end
redis.call("lpush", store, offset .. ":" .. data)
redis.call("ltrim", store, 0, tonumber(size) - 1)
redis.call("pexpire", store, ttl)
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
