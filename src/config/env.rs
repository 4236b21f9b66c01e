//! `CENTRIFUGO_*` environment variables: names mapped through the key schema, values written into
//! the config document; per-item variables for named namespaces, proxies and consumers;
//! `${CENTRIFUGO_VAR_*}` expansion inside free-form maps.

use std::collections::{BTreeMap, HashMap};

use regex::Regex;
use serde_json::{Map, Value};

use super::schema::parse_text;
use super::schema::{join, leaves, lookup, root, Node, UnknownKey};
use super::ConfigError;

const PREFIX: &str = "CENTRIFUGO_";

/// Lists of named items that accept `CENTRIFUGO_<LIST>_<ITEM NAME>_<OPTION>` variables.
const NAMED_LISTS: &[(&str, &str)] = &[
    ("channel.namespaces", "CHANNEL_NAMESPACES_"),
    ("rpc.namespaces", "RPC_NAMESPACES_"),
    ("proxies", "PROXIES_"),
    ("consumers", "CONSUMERS_"),
];

/// The env var name of a dotted key path below `prefix`.
fn env_name(prefix: &str, path: &str) -> String {
    format!("{prefix}{}", path.replace('.', "_").to_uppercase())
}

/// How an item name is written inside a variable name: `.` and `-` become `_` (as v6).
fn name_for_env(name: &str) -> String {
    name.replace(['.', '-'], "_").to_uppercase()
}

/// Env var name -> (dotted path, node) for every leaf under `node`.
fn leaf_names<'a>(node: &'a Node, prefix: &str) -> HashMap<String, (String, &'a Node)> {
    let mut names = HashMap::new();
    leaves(node, "", &mut |path, leaf| {
        names.insert(env_name(prefix, path), (path.to_string(), leaf));
    });
    names
}

/// Variables Kubernetes injects for a service named like "centrifugo"; never warned about.
fn is_kubernetes_var(name: &str) -> bool {
    static K8S: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    K8S.get_or_init(|| Regex::new(r"^CENTRIFUGO(?:_[A-Z0-9_]+)?_(PORT|SERVICE_)").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(name))
}

/// Writes `value` at the dotted `path` inside `doc`, creating objects on the way.
pub(crate) fn set_path(doc: &mut Value, path: &str, value: Value) {
    let mut cur = doc;
    for key in path.split('.') {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let Value::Object(map) = cur else { return };
        cur = map.entry(key.to_string()).or_insert(Value::Null);
    }
    *cur = value;
}

fn convert(
    var: &str,
    raw: &str,
    path: &str,
    node: &Node,
    unknown: &mut Vec<UnknownKey>,
) -> Result<Value, ConfigError> {
    parse_text(node, raw, path, unknown).map_err(|message| ConfigError::InvalidEnv {
        var: var.to_string(),
        key: path.to_string(),
        message,
    })
}

/// Applies `CENTRIFUGO_*` variables from `env` to `doc`. Empty values count as unset. Returns
/// the names of variables that match no key (minus `CENTRIFUGO_VAR_*` and Kubernetes ones).
pub(crate) fn apply(
    doc: &mut Value,
    env: &[(String, String)],
    unknown: &mut Vec<UnknownKey>,
) -> Result<Vec<String>, ConfigError> {
    let top = leaf_names(root(), PREFIX);
    let mut rest: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, raw) in env {
        if !name.starts_with(PREFIX) {
            continue;
        }
        match top.get(name.as_str()) {
            Some((path, node)) => {
                if !raw.is_empty() {
                    let value = convert(name, raw, path, node, unknown)?;
                    set_path(doc, path, value);
                }
            }
            None => {
                rest.insert(name, raw);
            }
        }
    }
    for (list_path, list_prefix) in NAMED_LISTS {
        apply_named(doc, list_path, list_prefix, &mut rest, unknown)?;
    }
    Ok(rest
        .keys()
        .filter(|name| !name.starts_with("CENTRIFUGO_VAR_") && !is_kubernetes_var(name))
        .map(|name| name.to_string())
        .collect())
}

/// Applies `CENTRIFUGO_<LIST>_<NAME>_<OPTION>` variables to items of the list at `list_path`,
/// removing the ones used from `rest`.
fn apply_named(
    doc: &mut Value,
    list_path: &str,
    list_prefix: &str,
    rest: &mut BTreeMap<&str, &str>,
    unknown: &mut Vec<UnknownKey>,
) -> Result<(), ConfigError> {
    let Some(Node::ObjectArray(elem)) = lookup(list_path) else {
        return Ok(());
    };
    let Some(Value::Array(items)) = list_path
        .split('.')
        .try_fold(&mut *doc, |v, key| v.get_mut(key))
    else {
        return Ok(());
    };
    for (i, item) in items.iter_mut().enumerate() {
        let Some(name) = item.get("name").and_then(Value::as_str) else {
            continue;
        };
        let prefix = format!("{PREFIX}{list_prefix}{}_", name_for_env(name));
        for (var, (path, node)) in leaf_names(elem, &prefix) {
            if path == "name" {
                continue;
            }
            let Some(raw) = rest.remove(var.as_str()) else {
                continue;
            };
            if raw.is_empty() {
                continue;
            }
            let full = format!("{list_path}[{i}].{path}");
            let value = convert(&var, raw, &full, node, unknown)?;
            set_path(item, &path, value);
        }
    }
    Ok(())
}

/// Replaces `${CENTRIFUGO_VAR_*}` placeholders in free-form map values with values from `env`;
/// a placeholder naming a variable that is not set is an error, as in v6.
pub(crate) fn expand_vars(
    node: &Node,
    value: &mut Value,
    path: &str,
    env: &[(String, String)],
) -> Result<(), ConfigError> {
    match (node, value) {
        (Node::Object(children), Value::Object(map)) => {
            for (key, item) in map.iter_mut() {
                if let Some(child) = children.get(key) {
                    expand_vars(child, item, &join(path, key), env)?;
                }
            }
        }
        (Node::ObjectArray(elem), Value::Array(items)) => {
            for (i, item) in items.iter_mut().enumerate() {
                expand_vars(elem, item, &format!("{path}[{i}]"), env)?;
            }
        }
        (Node::Map, Value::Object(map)) => {
            for (key, item) in map.iter_mut() {
                if let Value::String(s) = item {
                    *s = expand_one(s, env).map_err(|message| ConfigError::InvalidValue {
                        key: join(path, key),
                        message,
                    })?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn expand_one(s: &str, env: &[(String, String)]) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${CENTRIFUGO_VAR_") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let var = &rest[start + 2..start + len];
        let found = env.iter().find(|(k, _)| k == var).map(|(_, v)| v);
        let Some(val) = found else {
            return Err(format!("environment variable {var:?} not found"));
        };
        out.push_str(&rest[..start]);
        out.push_str(val);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            env_name(PREFIX, "http_server.port"),
            "CENTRIFUGO_HTTP_SERVER_PORT"
        );
        assert_eq!(name_for_env("my-ns.v1"), "MY_NS_V1");
        assert!(is_kubernetes_var("CENTRIFUGO_PORT_8000_TCP"));
        assert!(is_kubernetes_var("CENTRIFUGO_SERVICE_HOST"));
        assert!(!is_kubernetes_var("CENTRIFUGO_HTTP_SERVER_ADDRESS"));
    }

    #[test]
    fn env_names_are_unambiguous() {
        let mut count = 0;
        leaves(root(), "", &mut |_, _| count += 1);
        assert_eq!(leaf_names(root(), PREFIX).len(), count);
        assert_eq!(
            leaf_names(root(), PREFIX)
                .get("CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY")
                .map(|(p, _)| p.as_str()),
            Some("client.token.hmac_secret_key")
        );
    }

    #[test]
    fn expands_vars() {
        let env = vec![("CENTRIFUGO_VAR_TOKEN".to_string(), "abc".to_string())];
        assert_eq!(
            expand_one("Bearer ${CENTRIFUGO_VAR_TOKEN}!", &env),
            Ok("Bearer abc!".to_string())
        );
        assert!(expand_one("${CENTRIFUGO_VAR_MISSING}", &env).is_err());
    }
}
