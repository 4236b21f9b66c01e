//! Start-up validation: cross-key rules Centrifugo v6 enforces before serving (spec §6.2, §0).

use std::time::Duration;

use regex::Regex;

use super::duration::format as fmt_dur;
use super::*;

type Result = std::result::Result<(), ConfigError>;

fn invalid(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.into(),
        message: message.into(),
    }
}

/// Names of namespaces, RPC namespaces and proxies: at least two of `-a-zA-Z0-9_.`.
const NAME_PATTERN: &str = "^[-a-zA-Z0-9_.]{2,}$";
/// Consumer names are stricter (they become metric labels).
const CONSUMER_NAME_PATTERN: &str = "^[a-zA-Z0-9_]{2,}$";
/// Custom user ID claims are plain top-level claim names.
const CLAIM_PATTERN: &str = "^[a-zA-Z_]+$";
const LOG_LEVELS: &[&str] = &["none", "trace", "debug", "info", "warn", "error", "fatal"];
const BROKERS: &[&str] = &["memory", "nats", "redis", "redisnats", "postgres"];
const DATA_FORMATS: &[&str] = &["", "json", "json_object", "binary"];
const SUBSCRIPTION_TYPES: &[&str] = &[
    "",
    "stream",
    "map",
    "map_clients",
    "map_users",
    "shared_poll",
];
/// Close reasons ride in a WebSocket close frame, which allows 123 bytes of reason.
const MAX_REASON_LEN: usize = 123;

fn matches(pattern: &str, s: &str) -> bool {
    Regex::new(pattern).is_ok_and(|re| re.is_match(s))
}

fn one_of(key: &str, value: &str, allowed: &[&str]) -> Result {
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

/// Validates the whole config; the first problem found is returned.
pub(crate) fn validate(c: &Config) -> Result {
    one_of("log.level", &c.log.level, LOG_LEVELS)?;
    if c.client.ping_interval <= c.client.pong_timeout {
        return Err(invalid(
            "client.ping_interval",
            format!(
                "must be greater than client.pong_timeout ({} <= {})",
                fmt_dur(c.client.ping_interval),
                fmt_dur(c.client.pong_timeout)
            ),
        ));
    }
    let h = &c.http_server;
    if h.h2c_external && (h.internal_port.is_empty() || h.internal_port == h.port.to_string()) {
        return Err(invalid(
            "http_server.h2c_external",
            "requires a separate http_server.internal_port",
        ));
    }
    if h.h2c_external && h.tls.enabled {
        return Err(invalid(
            "http_server.h2c_external",
            "cannot be used with http_server.tls enabled",
        ));
    }
    one_of("engine.type", &c.engine.kind, &["memory", "redis"])?;
    one_of("broker.type", &c.broker.kind, BROKERS)?;
    one_of(
        "presence_manager.type",
        &c.presence_manager.kind,
        &["memory", "redis"],
    )?;
    one_of(
        "map_broker.type",
        &c.map_broker.kind,
        &["memory", "redis", "postgres"],
    )?;
    one_of(
        "http_api.error_mode",
        &c.http_api.error_mode,
        &["", "transport"],
    )?;
    one_of(
        "grpc_api.error_mode",
        &c.grpc_api.error_mode,
        &["", "transport"],
    )?;
    for (key, claim) in [
        ("client.token.user_id_claim", &c.client.token.user_id_claim),
        (
            "client.subscription_token.user_id_claim",
            &c.client.subscription_token.user_id_claim,
        ),
    ] {
        if !claim.is_empty() && !matches(CLAIM_PATTERN, claim) {
            return Err(invalid(
                key,
                format!("{claim:?} must match {CLAIM_PATTERN}"),
            ));
        }
    }
    if c.client.proxy.connect.enabled {
        validate_proxy("client.proxy.connect", &c.client.proxy.connect.proxy)?;
    }
    if c.client.proxy.refresh.enabled {
        validate_proxy("client.proxy.refresh", &c.client.proxy.refresh.proxy)?;
    }
    second_precision("channel.history_meta_ttl", c.channel.history_meta_ttl)?;
    one_of(
        "channel.publication_data_format",
        &c.channel.publication_data_format,
        DATA_FORMATS,
    )?;
    validate_uni_transforms(c)?;

    let mut proxy_names: Vec<&str> = Vec::new();
    for (i, p) in c.proxies.iter().enumerate() {
        let key = format!("proxies[{i}]");
        if !matches(NAME_PATTERN, &p.name) {
            return Err(invalid(
                format!("{key}.name"),
                format!("{:?} must match {NAME_PATTERN}", p.name),
            ));
        }
        if p.name == DEFAULT_PROXY_NAME {
            return Err(invalid(
                format!("{key}.name"),
                "the name \"default\" is reserved",
            ));
        }
        if proxy_names.contains(&p.name.as_str()) {
            return Err(invalid(
                format!("{key}.name"),
                format!("duplicate proxy name {:?}", p.name),
            ));
        }
        validate_proxy(&key, &p.proxy)?;
        proxy_names.push(&p.name);
    }
    proxy_names.push(DEFAULT_PROXY_NAME);

    validate_options(
        "channel.without_namespace",
        &c.channel.without_namespace,
        &proxy_names,
        c,
    )?;
    validate_rpc_options(
        "rpc.without_namespace",
        &c.rpc.without_namespace,
        &proxy_names,
    )?;

    let mut ns_names: Vec<&str> = Vec::new();
    for (i, ns) in c.channel.namespaces.iter().enumerate() {
        let key = format!("channel.namespaces[{i}]");
        if !matches(NAME_PATTERN, &ns.name) {
            return Err(invalid(
                format!("{key}.name"),
                format!("{:?} must match {NAME_PATTERN}", ns.name),
            ));
        }
        if ns_names.contains(&ns.name.as_str()) {
            return Err(invalid(
                format!("{key}.name"),
                format!("duplicate namespace name {:?}", ns.name),
            ));
        }
        validate_options(&key, &ns.options, &proxy_names, c)
            .map_err(|e| with_namespace(e, &ns.name))?;
        ns_names.push(&ns.name);
    }
    validate_personal_channel(c)?;

    let mut rpc_names: Vec<&str> = Vec::new();
    for (i, ns) in c.rpc.namespaces.iter().enumerate() {
        let key = format!("rpc.namespaces[{i}]");
        if !matches(NAME_PATTERN, &ns.name) {
            return Err(invalid(
                format!("{key}.name"),
                format!("{:?} must match {NAME_PATTERN}", ns.name),
            ));
        }
        if rpc_names.contains(&ns.name.as_str()) {
            return Err(invalid(
                format!("{key}.name"),
                format!("duplicate rpc namespace name {:?}", ns.name),
            ));
        }
        validate_rpc_options(&key, &ns.options, &proxy_names)?;
        rpc_names.push(&ns.name);
    }

    let mut consumer_names: Vec<&str> = Vec::new();
    for (i, consumer) in c.consumers.iter().enumerate() {
        let key = format!("consumers[{i}]");
        if !matches(CONSUMER_NAME_PATTERN, &consumer.name) {
            return Err(invalid(
                format!("{key}.name"),
                format!("{:?} must match {CONSUMER_NAME_PATTERN}", consumer.name),
            ));
        }
        if consumer_names.contains(&consumer.name.as_str()) {
            return Err(invalid(
                format!("{key}.name"),
                format!("duplicate consumer name {:?}", consumer.name),
            ));
        }
        one_of(&format!("{key}.type"), &consumer.kind, CONSUMER_TYPES)?;
        consumer_names.push(&consumer.name);
    }

    for (key, transforms) in [
        (
            "uni_sse.connect_code_to_http_response.transforms",
            &c.uni_sse.connect_code_to_http_response.transforms,
        ),
        (
            "uni_http_stream.connect_code_to_http_response.transforms",
            &c.uni_http_stream.connect_code_to_http_response.transforms,
        ),
    ] {
        for (i, t) in transforms.iter().enumerate() {
            if t.code == 0 {
                return Err(invalid(format!("{key}[{i}].code"), "must be set"));
            }
            if t.to.status_code == 0 {
                return Err(invalid(format!("{key}[{i}].to.status_code"), "must be set"));
            }
        }
    }
    Ok(())
}

/// Adds the namespace name to a validation message, so `channel.namespaces[3]` is recognisable.
fn with_namespace(e: ConfigError, name: &str) -> ConfigError {
    match e {
        ConfigError::Invalid { key, message } => ConfigError::Invalid {
            key,
            message: format!("{message} (namespace {name:?})"),
        },
        other => other,
    }
}

fn second_precision(key: &str, d: Duration) -> Result {
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

fn validate_proxy(key: &str, p: &Proxy) -> Result {
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

fn validate_uni_transforms(c: &Config) -> Result {
    let key = "client.connect_code_to_unidirectional_disconnect.transforms";
    for (i, t) in c
        .client
        .connect_code_to_unidirectional_disconnect
        .transforms
        .iter()
        .enumerate()
    {
        if t.code == 0 {
            return Err(invalid(format!("{key}[{i}].code"), "must be set"));
        }
        if t.to.code == 0 {
            return Err(invalid(format!("{key}[{i}].to.code"), "must be set"));
        }
        if !t.to.reason.is_ascii() {
            return Err(invalid(format!("{key}[{i}].to.reason"), "must be ASCII"));
        }
    }
    Ok(())
}

fn validate_rpc_options(key: &str, o: &RpcOptions, proxy_names: &[&str]) -> Result {
    if !o.proxy_name.is_empty() && !proxy_names.contains(&o.proxy_name.as_str()) {
        return Err(invalid(
            format!("{key}.proxy_name"),
            format!("proxy {:?} not found in proxies", o.proxy_name),
        ));
    }
    Ok(())
}

fn validate_personal_channel(c: &Config) -> Result {
    let personal = &c.client.subscribe_to_user_personal_channel;
    if !personal.enabled {
        return Ok(());
    }
    let key = "client.subscribe_to_user_personal_channel";
    let Some(options) = c.namespace(&personal.personal_channel_namespace) else {
        return Err(invalid(
            format!("{key}.personal_channel_namespace"),
            format!(
                "namespace {:?} not found in channel.namespaces",
                personal.personal_channel_namespace
            ),
        ));
    };
    if personal.single_connection && !options.presence {
        return Err(invalid(
            format!("{key}.single_connection"),
            "needs presence enabled in the personal channel namespace",
        ));
    }
    Ok(())
}

fn validate_options(key: &str, o: &ChannelOptions, proxy_names: &[&str], c: &Config) -> Result {
    let k = |field: &str| format!("{key}.{field}");
    second_precision(&k("history_ttl"), o.history_ttl)?;
    second_precision(&k("history_meta_ttl"), o.history_meta_ttl)?;
    if (o.history_size == 0) != o.history_ttl.is_zero() {
        let field = if o.history_size == 0 {
            "history_size"
        } else {
            "history_ttl"
        };
        return Err(invalid(
            k(field),
            "history_size and history_ttl must be set together",
        ));
    }
    let meta_ttl = o.effective_history_meta_ttl(c.channel.history_meta_ttl);
    if o.history_ttl > meta_ttl {
        return Err(invalid(
            k("history_ttl"),
            format!(
                "{} can not be greater than history meta ttl ({})",
                fmt_dur(o.history_ttl),
                fmt_dur(meta_ttl)
            ),
        ));
    }
    // v6 checks only force_recovery; allow_recovery / force_positioning without history load fine
    // there, so rejecting them would break existing configs.
    if o.force_recovery && o.history_size == 0 {
        return Err(invalid(
            k("force_recovery"),
            "needs history (history_size and history_ttl)",
        ));
    }
    if o.auto_cache_recover && !(o.force_recovery && o.force_recovery_mode == "cache") {
        return Err(invalid(
            k("auto_cache_recover"),
            "needs force_recovery and force_recovery_mode \"cache\"",
        ));
    }
    if !o.channel_regex.is_empty() {
        if let Err(e) = Regex::new(&o.channel_regex) {
            return Err(invalid(
                k("channel_regex"),
                format!("invalid regular expression: {e}"),
            ));
        }
    }
    if o.subscribe_stream_proxy_enabled
        && (o.subscribe_proxy_enabled || o.publish_proxy_enabled || o.sub_refresh_proxy_enabled)
    {
        return Err(invalid(
            k("subscribe_stream_proxy_enabled"),
            "can't be used together with subscribe, publish or sub refresh proxies",
        ));
    }
    for (i, t) in o.allowed_delta_types.iter().enumerate() {
        one_of(&format!("{key}.allowed_delta_types[{i}]"), t, &["fossil"])?;
    }
    one_of(
        &k("force_recovery_mode"),
        &o.force_recovery_mode,
        &["", "stream", "cache"],
    )?;
    one_of(
        &k("publication_data_format"),
        &o.publication_data_format,
        DATA_FORMATS,
    )?;
    one_of(
        &k("subscription_type"),
        &o.subscription_type,
        SUBSCRIPTION_TYPES,
    )?;

    let p = &c.channel.proxy;
    for (field, name, enabled, default_proxy) in [
        (
            "subscribe_proxy_name",
            &o.subscribe_proxy_name,
            o.subscribe_proxy_enabled,
            ("channel.proxy.subscribe", &p.subscribe),
        ),
        (
            "publish_proxy_name",
            &o.publish_proxy_name,
            o.publish_proxy_enabled,
            ("channel.proxy.publish", &p.publish),
        ),
        (
            "sub_refresh_proxy_name",
            &o.sub_refresh_proxy_name,
            o.sub_refresh_proxy_enabled,
            ("channel.proxy.sub_refresh", &p.sub_refresh),
        ),
        (
            "subscribe_stream_proxy_name",
            &o.subscribe_stream_proxy_name,
            o.subscribe_stream_proxy_enabled,
            ("channel.proxy.subscribe_stream", &p.subscribe_stream),
        ),
        (
            "map.publish_proxy_name",
            &o.map.publish_proxy_name,
            o.map.publish_proxy_enabled,
            ("channel.proxy.map_publish", &p.map_publish),
        ),
        (
            "map.remove_proxy_name",
            &o.map.remove_proxy_name,
            o.map.remove_proxy_enabled,
            ("channel.proxy.map_remove", &p.map_remove),
        ),
    ] {
        if !name.is_empty() && !proxy_names.contains(&name.as_str()) {
            return Err(invalid(
                k(field),
                format!("proxy {name:?} not found in proxies"),
            ));
        }
        if enabled && name == DEFAULT_PROXY_NAME {
            validate_proxy(default_proxy.0, default_proxy.1)?;
        }
    }
    validate_map_and_poll(key, o, proxy_names, c)
}

fn validate_map_and_poll(
    key: &str,
    o: &ChannelOptions,
    proxy_names: &[&str],
    c: &Config,
) -> Result {
    let k = |field: &str| format!("{key}.{field}");
    let m = &o.map;
    one_of(
        &k("map.client_key"),
        &m.client_key,
        &["", "client_id", "user_id"],
    )?;
    if !m.client_key.is_empty() && (m.publish_proxy_enabled || m.remove_proxy_enabled) {
        return Err(invalid(
            k("map.client_key"),
            "is not compatible with map publish/remove proxies",
        ));
    }
    one_of(
        &k("map.mode"),
        &m.mode,
        &["", "ephemeral", "recoverable", "persistent"],
    )?;
    let map_type = matches!(
        o.subscription_type.as_str(),
        "map" | "map_clients" | "map_users"
    );
    if map_type && m.mode.is_empty() {
        return Err(invalid(
            k("map.mode"),
            "is required when subscription_type is a map type",
        ));
    }
    if matches!(m.mode.as_str(), "ephemeral" | "recoverable") && m.key_ttl.is_zero() {
        return Err(invalid(
            k("map.key_ttl"),
            format!("is required when map.mode is {:?}", m.mode),
        ));
    }
    if m.mode == "persistent" && !m.key_ttl.is_zero() {
        return Err(invalid(
            k("map.key_ttl"),
            "must not be set when map.mode is \"persistent\"",
        ));
    }
    if m.mode == "persistent" && matches!(o.subscription_type.as_str(), "map_clients" | "map_users")
    {
        return Err(invalid(
            k("map.mode"),
            "\"persistent\" is not allowed with map_clients / map_users",
        ));
    }
    if m.mode == "ephemeral"
        && (m.stream_size > 0 || !m.stream_ttl.is_zero() || !m.meta_ttl.is_zero())
    {
        return Err(invalid(
            k("map.mode"),
            "\"ephemeral\" needs stream_size, stream_ttl and meta_ttl unset",
        ));
    }
    if !m.meta_ttl.is_zero() && matches!(m.mode.as_str(), "recoverable" | "persistent") {
        // A zero stream TTL means one minute at runtime.
        let stream_ttl = if m.stream_ttl.is_zero() {
            Duration::from_secs(60)
        } else {
            m.stream_ttl
        };
        if m.meta_ttl < stream_ttl {
            return Err(invalid(k("map.meta_ttl"), "must be >= map.stream_ttl"));
        }
    }
    if m.remove_client_on_unsubscribe && !map_type {
        return Err(invalid(
            k("map.remove_client_on_unsubscribe"),
            "requires a map subscription_type",
        ));
    }
    if m.min_page_size > 0 && m.max_page_size > 0 && m.min_page_size > m.max_page_size {
        return Err(invalid(
            k("map.min_page_size"),
            "must not exceed map.max_page_size",
        ));
    }
    if m.default_page_size > 0 && m.max_page_size > 0 && m.default_page_size > m.max_page_size {
        return Err(invalid(
            k("map.default_page_size"),
            "must not exceed map.max_page_size",
        ));
    }
    if m.default_page_size > 0 && m.min_page_size > 0 && m.default_page_size < m.min_page_size {
        return Err(invalid(
            k("map.default_page_size"),
            "must not be below map.min_page_size",
        ));
    }
    for (field, prefix, wanted) in [
        (
            "map_clients_presence_channel_prefix",
            &o.map_clients_presence_channel_prefix,
            "map_clients",
        ),
        (
            "map_users_presence_channel_prefix",
            &o.map_users_presence_channel_prefix,
            "map_users",
        ),
    ] {
        if prefix.is_empty() {
            continue;
        }
        let boundary = &c.channel.namespace_boundary;
        let ns = match prefix.find(boundary.as_str()) {
            Some(idx) if !boundary.is_empty() => &prefix[..idx],
            _ => "",
        };
        match c.namespace(ns) {
            None => {
                return Err(invalid(
                    k(field),
                    format!("namespace {ns:?} does not exist"),
                ))
            }
            Some(target) if target.subscription_type != wanted => {
                return Err(invalid(
                    k(field),
                    format!("namespace {ns:?} must have subscription_type {wanted:?}"),
                ))
            }
            Some(_) => {}
        }
    }
    if o.subscription_type == "shared_poll" {
        if c.shared_poll.hmac_secret_key.is_empty() {
            return Err(invalid(
                "shared_poll.hmac_secret_key",
                "is required when a namespace uses subscription_type \"shared_poll\"",
            ));
        }
        let sp = &o.shared_poll;
        if !sp.proxy_name.is_empty() && !proxy_names.contains(&sp.proxy_name.as_str()) {
            return Err(invalid(
                k("shared_poll.proxy_name"),
                format!("proxy {:?} not found in proxies", sp.proxy_name),
            ));
        }
        if sp.proxy_name.is_empty() || sp.proxy_name == DEFAULT_PROXY_NAME {
            validate_proxy(
                "channel.proxy.shared_poll_refresh",
                &c.channel.proxy.shared_poll_refresh,
            )?;
        }
        one_of(
            &k("shared_poll.mode"),
            &sp.mode,
            &["", "versionless", "versioned"],
        )?;
        if sp.publish_enabled && sp.mode != "versioned" {
            return Err(invalid(
                k("shared_poll.publish_enabled"),
                "needs shared_poll.mode \"versioned\"",
            ));
        }
    }
    Ok(())
}
