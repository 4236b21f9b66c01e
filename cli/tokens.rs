//! What the token commands share: which `client.*token` settings apply, clocks and durations.

use centrifugo::config::{Config, TokenConfig};

/// Connection token (`client.token`) or subscription token (`client.subscription_token`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Connection,
    Subscription,
}

/// The settings a token of `kind` is verified with and their dotted config prefix. Subscription
/// tokens use `client.subscription_token` only when it is enabled, else `client.token` (v6 rule).
pub(crate) fn settings_for(kind: Kind, cfg: &Config) -> (&'static str, TokenConfig) {
    match kind {
        Kind::Subscription if cfg.client.subscription_token.enabled => (
            "client.subscription_token",
            cfg.client.subscription_token.keys.clone(),
        ),
        _ => ("client.token", cfg.client.token.clone()),
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Whole seconds formatted like Go's `time.Duration.String()`: 604800 -> "168h0m0s", 90 -> "1m30s".
pub(crate) fn go_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{sign}{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{sign}{m}m{s}s")
    } else {
        format!("{sign}{s}s")
    }
}

/// "user \"42\"" or "anonymous user", as the v6 messages say it.
pub(crate) fn describe_user(user: &str) -> String {
    if user.is_empty() {
        "anonymous user".to_string()
    } else {
        format!("user \"{user}\"")
    }
}
