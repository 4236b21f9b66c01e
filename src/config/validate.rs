//! Start-up validation: cross-key rules Centrifugo v6 enforces before serving (spec §6.2, §0).

use super::checks::{
    invalid, matches, one_of, second_precision, validate_proxy, Result, DATA_FORMATS,
};
use super::duration::format as fmt_dur;
use super::validate_channel::{validate_options, validate_personal_channel};
use super::*;

/// Names of namespaces, RPC namespaces and proxies: at least two of `-a-zA-Z0-9_.`.
const NAME_PATTERN: &str = "^[-a-zA-Z0-9_.]{2,}$";
/// Consumer names are stricter (they become metric labels).
const CONSUMER_NAME_PATTERN: &str = "^[a-zA-Z0-9_]{2,}$";
/// Custom user ID claims are plain top-level claim names.
const CLAIM_PATTERN: &str = "^[a-zA-Z_]+$";
const LOG_LEVELS: &[&str] = &["none", "trace", "debug", "info", "warn", "error", "fatal"];
const BROKERS: &[&str] = &[
    "memory",
    "nats",
    "redis",
    "redisnats",
    "postgres",
    "tarantool",
];
/// Settings that work but not as intended: warnings, as Centrifugo logs them.
pub(crate) fn warnings(c: &Config) -> Vec<String> {
    let mut out = Vec::new();
    if !LOG_LEVELS.contains(&c.log.level.as_str()) {
        out.push(format!(
            "unknown log.level {:?} (one of {}), defaulting to info",
            c.log.level,
            LOG_LEVELS.join(", ")
        ));
    }
    let (ping, pong) = (c.client.ping_interval, c.client.pong_timeout);
    if !ping.is_zero() && !pong.is_zero() && pong >= ping {
        out.push(format!(
            "client.ping_interval ({}) should be greater than client.pong_timeout ({}) to work properly",
            fmt_dur(ping),
            fmt_dur(pong)
        ));
    }
    out
}

/// Validates the whole config; the first problem found is returned.
pub(crate) fn validate(c: &Config) -> Result {
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
    one_of(
        "engine.type",
        &c.engine.kind,
        &["memory", "redis", "tarantool"],
    )?;
    one_of("broker.type", &c.broker.kind, BROKERS)?;
    one_of(
        "presence_manager.type",
        &c.presence_manager.kind,
        &["memory", "redis", "tarantool"],
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
            &c.client.subscription_token.keys.user_id_claim,
        ),
    ] {
        if !claim.is_empty() && !matches(CLAIM_PATTERN, claim) {
            return Err(invalid(
                key,
                format!("{claim:?} must match {CLAIM_PATTERN}"),
            ));
        }
    }
    let st = &c.client.subscription_token;
    for (section, keys, used) in [
        ("client.token", &c.client.token, true),
        ("client.subscription_token", &st.keys, st.enabled),
    ] {
        if used {
            jwks_url::check(keys)
                .map_err(|e| invalid(format!("{section}.{}", e.setting), e.reason))?;
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
