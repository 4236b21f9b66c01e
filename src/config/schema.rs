//! The key schema (derived from `Config::default()`), the document check that reports unknown keys
//! with a "did you mean" hint, and `key_paths()` for tools like `defaultenv`.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::duration::{with_schema_marks, SCHEMA_MARKER};
use super::value::coerce;
pub(crate) use super::value::Node;
use super::{
    Config, ConfigError, ConnectCodeToHttpResponseTransform, Consumer, HttpStatusToCodeTransform,
    Namespace, ProxyConfig, RpcNamespace, UniConnectCodeToDisconnectTransform,
};

/// Schema of the whole config, built once.
pub(crate) fn root() -> &'static Node {
    static ROOT: OnceLock<Node> = OnceLock::new();
    ROOT.get_or_init(|| build(&marked(&Config::default()), ""))
}

/// Serializes a default value with duration leaves marked (see `duration::with_schema_marks`).
fn marked<T: Serialize>(value: &T) -> Value {
    with_schema_marks(|| serde_json::to_value(value).unwrap_or(Value::Null))
}

/// Default element of each list of objects, by its path with indexes written `[]`.
fn element_default(path: &str) -> Option<Value> {
    Some(match path {
        "channel.namespaces" => marked(&Namespace::default()),
        "rpc.namespaces" => marked(&RpcNamespace::default()),
        "proxies" => marked(&ProxyConfig::default()),
        "consumers" => marked(&Consumer::default()),
        "client.connect_code_to_unidirectional_disconnect.transforms" => {
            marked(&UniConnectCodeToDisconnectTransform::default())
        }
        p if p.ends_with(".status_to_code_transforms") => {
            marked(&HttpStatusToCodeTransform::default())
        }
        p if p.ends_with(".connect_code_to_http_response.transforms") => {
            marked(&ConnectCodeToHttpResponseTransform::default())
        }
        _ => return None,
    })
}

fn build(value: &Value, path: &str) -> Node {
    match value {
        Value::Bool(_) => Node::Bool,
        Value::Number(_) => Node::Int,
        Value::String(s) if s.starts_with(SCHEMA_MARKER) => Node::Duration,
        Value::String(_) | Value::Null => Node::Str,
        Value::Array(_) => match element_default(path) {
            Some(elem) => Node::ObjectArray(Box::new(build(&elem, &format!("{path}[]")))),
            None => Node::StrArray,
        },
        Value::Object(map) if map.is_empty() => Node::Map,
        Value::Object(map) => Node::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), build(v, &join(path, k))))
                .collect(),
        ),
    }
}

pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Looks up a dotted path ("client.token.hmac_secret_key") in the schema.
pub(crate) fn lookup(path: &str) -> Option<&'static Node> {
    path.split('.')
        .try_fold(root(), |node, key| node.child(key))
}

/// Every settable key as (dotted path, kind), kind one of bool|int|string|duration|array|object.
/// Lists of objects and free-form maps are single keys; their insides are not listed.
pub fn key_paths() -> Vec<(String, String)> {
    let mut out = Vec::new();
    leaves(root(), "", &mut |path, node| {
        out.push((path.to_string(), node.kind().to_string()))
    });
    out
}

/// Calls `f` for each leaf (every non-`Object` node) under `node`, depth first, in key order.
pub(crate) fn leaves<'a>(node: &'a Node, path: &str, f: &mut dyn FnMut(&str, &'a Node)) {
    match node {
        Node::Object(children) => {
            for (key, child) in children {
                leaves(child, &join(path, key), f);
            }
        }
        leaf => f(path, leaf),
    }
}

/// A key in the user's document that the schema does not know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnknownKey {
    pub path: String,
    pub suggestion: Option<String>,
}

impl UnknownKey {
    pub(crate) fn warning(&self) -> String {
        match &self.suggestion {
            Some(s) => format!(
                "unknown key \"{}\" \u{2014} did you mean \"{s}\"?",
                self.path
            ),
            None => format!("unknown key \"{}\"", self.path),
        }
    }
}

/// Checks `value` (at dotted `path`) against `node`: records unknown keys, drops `null` values so
/// defaults apply, renames keys that only differ in case (v6 keys are case-insensitive), and
/// coerces scalars the way v6's weakly typed decoder does. A value of the wrong shape is an error
/// (the first one; `check_all` collects every one).
pub(crate) fn check(
    node: &Node,
    value: &mut Value,
    path: &str,
    unknown: &mut Vec<UnknownKey>,
) -> Result<(), ConfigError> {
    let mut errors = Vec::new();
    check_all(node, value, path, unknown, &mut errors);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// As `check`, going on past values of the wrong shape: each is recorded in `errors` and
/// dropped from the document (so its default would apply).
pub(crate) fn check_all(
    node: &Node,
    value: &mut Value,
    path: &str,
    unknown: &mut Vec<UnknownKey>,
    errors: &mut Vec<ConfigError>,
) {
    let invalid = |message: &str| ConfigError::InvalidValue {
        key: if path.is_empty() {
            "(top level)".into()
        } else {
            path.to_string()
        },
        message: message.to_string(),
    };
    match node {
        Node::Object(children) => {
            let Value::Object(map) = value else {
                errors.push(invalid("expected an object"));
                return;
            };
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let child_path = join(path, &key);
                let Some((name, child)) = children
                    .get_key_value(key.as_str())
                    .or_else(|| children.get_key_value(key.to_lowercase().as_str()))
                else {
                    unknown.push(UnknownKey {
                        suggestion: closest(&key, children.keys()).map(|s| join(path, s)),
                        path: child_path,
                    });
                    continue;
                };
                let Some(mut item) = map.remove(&key) else {
                    continue;
                };
                if item.is_null() {
                    continue;
                }
                let before = errors.len();
                check_all(child, &mut item, &join(path, name), unknown, errors);
                if errors.len() == before {
                    map.insert(name.clone(), item);
                }
            }
        }
        Node::ObjectArray(elem) => match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    check_all(elem, item, &format!("{path}[{i}]"), unknown, errors);
                }
            }
            _ => errors.push(invalid("expected a list of objects")),
        },
        Node::Map => match value {
            Value::Array(items) => match key_value_list(items, path) {
                Ok(map) => *value = Value::Object(map),
                Err(e) => errors.push(e),
            },
            Value::Object(map) => {
                for (key, item) in map.iter_mut() {
                    let taken = std::mem::take(item);
                    match coerce(&Node::Str, taken) {
                        Ok(v) => *item = v,
                        Err(m) => errors.push(ConfigError::InvalidValue {
                            key: join(path, key),
                            message: m,
                        }),
                    }
                }
            }
            _ => errors.push(invalid("expected an object of string values")),
        },
        leaf => {
            let taken = std::mem::take(value);
            match coerce(leaf, taken) {
                Ok(v) => *value = v,
                Err(m) => errors.push(invalid(&m)),
            }
        }
    }
}

/// The list form of a map, `[{"key": "k", "value": "v"}, ...]`, as an object.
fn key_value_list(
    items: &[Value],
    path: &str,
) -> Result<serde_json::Map<String, Value>, ConfigError> {
    let mut map = serde_json::Map::new();
    for (i, item) in items.iter().enumerate() {
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        let (Some(key), Some(value)) = (field("key"), field("value")) else {
            return Err(ConfigError::InvalidValue {
                key: format!("{path}[{i}]"),
                message: "expected an object with string \"key\" and \"value\"".into(),
            });
        };
        if map
            .insert(key.to_string(), Value::String(value.to_string()))
            .is_some()
        {
            return Err(ConfigError::InvalidValue {
                key: format!("{path}[{i}]"),
                message: format!("duplicate key {key:?}"),
            });
        }
    }
    Ok(map)
}

/// Levenshtein edit distance, counted in chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `key` when it is close enough to be a likely typo: at most 2 edits,
/// or up to a third of the key's length for long keys.
pub(crate) fn closest<'a>(
    key: &str,
    candidates: impl Iterator<Item = &'a String>,
) -> Option<&'a String> {
    let limit = (key.chars().count() / 3).max(2);
    candidates
        .map(|c| (edit_distance(key, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Converts text from an env var or flag into a document value for the key at `path`.
/// Lists of strings: a JSON array or space-separated words. Lists of objects: a JSON array, or
/// space-separated names (each becomes `{"name": ...}`, as v6 does). Maps: a JSON object.
/// JSON given for lists of objects is checked like file content (unknown keys are recorded).
pub(crate) fn parse_text(
    node: &Node,
    text: &str,
    path: &str,
    unknown: &mut Vec<UnknownKey>,
) -> Result<Value, String> {
    let trimmed = text.trim();
    let json = |what: &str| -> Result<Value, String> {
        serde_json::from_str(trimmed).map_err(|e| format!("expected {what} as JSON: {e}"))
    };
    let mut value = match node {
        Node::StrArray if trimmed.starts_with('[') => json("a list of strings")?,
        Node::StrArray => Value::Array(
            trimmed
                .split_whitespace()
                .map(|w| Value::String(w.to_string()))
                .collect(),
        ),
        Node::ObjectArray(_) if trimmed.starts_with('[') => json("a list of objects")?,
        Node::ObjectArray(_) => Value::Array(
            trimmed
                .split_whitespace()
                .map(|name| serde_json::json!({ "name": name }))
                .collect(),
        ),
        Node::Map | Node::Object(_) => json("an object")?,
        Node::Str => return Ok(Value::String(text.to_string())),
        leaf => return coerce(leaf, Value::String(trimmed.to_string())),
    };
    check(node, &mut value, path, unknown).map_err(|e| match e {
        ConfigError::InvalidValue { key, message } if key != path => format!("{key}: {message}"),
        ConfigError::InvalidValue { message, .. } => message,
        other => other.to_string(),
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn schema_kinds() {
        let kind = |p: &str| lookup(p).map(Node::kind);
        assert_eq!(kind("client.ping_interval"), Some("duration"));
        assert_eq!(kind("client.insecure"), Some("bool"));
        assert_eq!(kind("http_server.port"), Some("int"));
        assert_eq!(kind("http_server.internal_port"), Some("string"));
        assert_eq!(kind("client.allowed_origins"), Some("array"));
        assert_eq!(kind("channel.namespaces"), Some("array"));
        assert_eq!(kind("engine.type"), Some("string"));
        assert_eq!(kind("engine.redis.address"), Some("array"));
        assert_eq!(kind("proxies"), Some("array"));
        assert_eq!(
            kind("channel.proxy.subscribe.http.static_headers"),
            Some("object")
        );
        assert!(lookup("client.nope").is_none());
    }

    #[test]
    fn key_paths_lists_leaves() {
        let paths = key_paths();
        let has = |p: &str, k: &str| paths.iter().any(|(a, b)| a == p && b == k);
        assert!(has("client.token.hmac_secret_key", "string"));
        assert!(has("channel.history_meta_ttl", "duration"));
        assert!(has("consumers", "array"));
        assert!(has("pid_file", "string"));
        assert!(!paths.iter().any(|(p, _)| p == "channel"));
    }

    #[test]
    fn suggestions() {
        let keys: Vec<String> = ["ping_interval", "pong_timeout", "insecure"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            closest("ping_intervall", keys.iter()).map(String::as_str),
            Some("ping_interval")
        );
        assert_eq!(closest("completely_else", keys.iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn text_lists() {
        let mut unknown = Vec::new();
        assert_eq!(
            parse_text(&Node::StrArray, "a b  c", "x", &mut unknown),
            Ok(json!(["a", "b", "c"]))
        );
        assert_eq!(
            parse_text(&Node::StrArray, r#"["a b","c"]"#, "x", &mut unknown),
            Ok(json!(["a b", "c"]))
        );
        assert!(parse_text(&Node::Map, "{bad", "x", &mut unknown).is_err());
    }
}
