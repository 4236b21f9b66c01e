//! Rules shared by the config validators (`validate`, `validate_channel`): the error constructor,
//! enumerations of allowed values, and checks more than one section applies.

use std::time::Duration;

use regex::Regex;

use super::duration::format as fmt_dur;
use super::*;

pub(super) type Result = std::result::Result<(), ConfigError>;

pub(super) fn invalid(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        message: message.into(),
    }
}

pub(super) const DATA_FORMATS: &[&str] = &["", "json", "json_object", "binary"];
pub(super) const SUBSCRIPTION_TYPES: &[&str] = &[
    "",
    "stream",
    "map",
    "map_clients",
    "map_users",
    "shared_poll",
];
/// Close reasons ride in a WebSocket close frame, which allows 123 bytes of reason.
const MAX_REASON_LEN: usize = 123;

pub(super) fn matches(pattern: &str, s: &str) -> bool {
    Regex::new(pattern).is_ok_and(|re| re.is_match(s))
}

pub(super) fn one_of(key: &str, value: &str, allowed: &[&str]) -> Result {
    if allowed.contains(&value) {
        return Ok(());
    }
    let list: Vec<String> = allowed.iter().map(|a| format!("{a:?}")).collect();
    Err(invalid(
        key,
        format!(
            "unknown value {value:?}, expected one of {}",
            list.join(", ")
        ),
    ))
}

pub(super) fn second_precision(key: &str, d: Duration) -> Result {
    if d.subsec_nanos() != 0 {
        return Err(invalid(
            key,
            format!(
                "{} has sub-second precision, which this key does not support",
                fmt_dur(d)
            ),
        ));
    }
    Ok(())
}

pub(super) fn validate_proxy(key: &str, p: &Proxy) -> Result {
    if p.endpoint.is_empty() {
        return Err(invalid(format!("{key}.endpoint"), "endpoint not set"));
    }
    if p.timeout.is_zero() {
        return Err(invalid(format!("{key}.timeout"), "timeout not set"));
    }
    for (i, t) in p.http.status_to_code_transforms.iter().enumerate() {
        let tkey = format!("{key}.http.status_to_code_transforms[{i}]");
        let problem = if t.status_code == 0 {
            Some("status_code must be set")
        } else if t.to_error.code == 0 && t.to_disconnect.code == 0 {
            Some("one of to_error.code or to_disconnect.code must be set")
        } else if t.to_error.code > 0 && t.to_disconnect.code > 0 {
            Some("only one of to_error and to_disconnect can be set")
        } else if !t.to_error.message.is_ascii() || !t.to_disconnect.reason.is_ascii() {
            Some("error message and disconnect reason must be ASCII")
        } else if t.to_error.message.len() > MAX_REASON_LEN
            || t.to_disconnect.reason.len() > MAX_REASON_LEN
        {
            Some("error message and disconnect reason can be up to 123 characters long")
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(invalid(tkey, message));
        }
    }
    Ok(())
}
