//! `centrifugo defaultenv`: every config key as a `CENTRIFUGO_...="default"` line.

use centrifugo::config::{key_paths, Config};
use serde_json::Value;

/// The environment variable name of a dotted key: `client.token.hmac_secret_key` ->
/// `CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY`.
pub(crate) fn env_name(path: &str) -> String {
    format!("CENTRIFUGO_{}", path.replace('.', "_").to_ascii_uppercase())
}

/// A default value as the environment spells it: scalars as text, string lists space-separated,
/// lists of objects and maps as JSON; empty lists and maps as "" (an empty variable means unset).
fn env_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(_) | Value::Number(_) => v.to_string(),
        Value::Array(items) if items.is_empty() => String::new(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        Value::Object(map) if map.is_empty() => String::new(),
        other => other.to_string(),
    }
}

/// Double-quoted for a POSIX shell: `\`, `"`, `$` and backquote are escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The `defaultenv` lines, one per key of `config::key_paths()`.
pub(crate) fn lines() -> anyhow::Result<Vec<String>> {
    let defaults = serde_json::to_value(Config::default())?;
    Ok(key_paths()
        .into_iter()
        .map(|(path, _kind)| {
            let value = path
                .split('.')
                .try_fold(&defaults, |v, key| v.get(key))
                .map(env_value)
                .unwrap_or_default();
            format!("{}={}", env_name(&path), quote(&value))
        })
        .collect())
}

pub(crate) fn run() -> anyhow::Result<()> {
    let mut text = lines()?.join("\n");
    text.push('\n');
    crate::output::print_stdout(&text)
}
