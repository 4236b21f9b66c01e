//! Key shapes and scalar conversions: the weak typing of file values by the shape of their key, as
//! v6's decoder does (the schema of every key, and text from env / flags, build on this).

use serde_json::{Number, Value};

use super::duration;
use std::collections::BTreeMap;

/// The shape of one key.
#[derive(Debug)]
pub(crate) enum Node {
    Bool,
    Int,
    Str,
    Duration,
    /// A list of strings.
    StrArray,
    /// A list of objects shaped like the boxed node (namespaces, proxies, consumers, transforms).
    ObjectArray(Box<Node>),
    /// A free-form string map (headers, metadata, replacements): its keys are never reported.
    Map,
    Object(BTreeMap<String, Node>),
}

impl Node {
    /// The kind name used by `key_paths()`.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Bool => "bool",
            Node::Int => "int",
            Node::Str => "string",
            Node::Duration => "duration",
            Node::StrArray | Node::ObjectArray(_) => "array",
            Node::Map | Node::Object(_) => "object",
        }
    }

    pub(crate) fn child(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(children) => children.get(key),
            _ => None,
        }
    }
}

/// Go's `strconv.ParseBool`: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
        other => other.to_string(),
    }
}

/// Coerces a document value to the leaf kind `node`, accepting what v6 accepts: strings for
/// bools and numbers, numbers and bools for strings, a single string for a list of strings,
/// integer nanoseconds for durations. Duration strings are checked here and parsed by serde.
pub(crate) fn coerce(node: &Node, value: Value) -> Result<Value, String> {
    let wrong = |what: &str, v: &Value| format!("expected {what}, got {}", describe(v));
    match node {
        Node::Bool => match value {
            Value::Bool(_) => Ok(value),
            Value::String(ref s) if s.is_empty() => Ok(Value::Bool(false)),
            Value::String(ref s) => parse_bool(s)
                .map(Value::Bool)
                .ok_or_else(|| wrong("a boolean (true or false)", &value)),
            Value::Number(ref n) => Ok(Value::Bool(n.as_f64().is_some_and(|f| f != 0.0))),
            other => Err(wrong("a boolean (true or false)", &other)),
        },
        Node::Int => match value {
            Value::Number(ref n) if n.is_i64() || n.is_u64() => Ok(value),
            Value::Number(ref n) => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                    Ok(Value::Number(Number::from(f as i64)))
                }
                _ => Err(wrong("an integer", &value)),
            },
            Value::String(ref s) if s.trim().is_empty() => Ok(Value::Number(0.into())),
            Value::String(ref s) => s
                .trim()
                .parse::<i64>()
                .map(|n| Value::Number(n.into()))
                .map_err(|_| wrong("an integer", &value)),
            Value::Bool(b) => Ok(Value::Number(u8::from(b).into())),
            other => Err(wrong("an integer", &other)),
        },
        Node::Str => match value {
            Value::String(_) => Ok(value),
            Value::Number(n) => Ok(Value::String(n.to_string())),
            Value::Bool(b) => Ok(Value::String(b.to_string())),
            other => Err(wrong("a string", &other)),
        },
        Node::Duration => match value {
            Value::String(ref s) => duration::parse(s).map(|_| value.clone()),
            Value::Number(ref n) if n.is_u64() => Ok(value),
            Value::Number(ref n) if n.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0) => {
                Ok(value)
            }
            other => Err(wrong(
                duration::EXPECTED.trim_start_matches("expected "),
                &other,
            )),
        },
        Node::StrArray => match value {
            Value::Array(items) => items
                .into_iter()
                .map(|item| coerce(&Node::Str, item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                Ok(Value::Array(vec![coerce(&Node::Str, value)?]))
            }
            other => Err(wrong("a list of strings", &other)),
        },
        Node::ObjectArray(_) | Node::Map | Node::Object(_) => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn weak_typing_like_go() {
        assert_eq!(coerce(&Node::Bool, json!("true")), Ok(json!(true)));
        assert_eq!(coerce(&Node::Bool, json!("0")), Ok(json!(false)));
        assert!(coerce(&Node::Bool, json!("yes")).is_err());
        assert_eq!(coerce(&Node::Int, json!("8000")), Ok(json!(8000)));
        assert_eq!(coerce(&Node::Str, json!(9000)), Ok(json!("9000")));
        assert_eq!(coerce(&Node::StrArray, json!("a")), Ok(json!(["a"])));
        assert!(coerce(&Node::Duration, json!("25x")).is_err());
        assert_eq!(coerce(&Node::Duration, json!(5)), Ok(json!(5)));
    }
}
