//! Start-up validation of channel options: history, recovery, proxies, map and shared poll rules.

use std::time::Duration;

use regex::Regex;

use super::checks::{
    invalid, one_of, second_precision, validate_proxy, Result, DATA_FORMATS, SUBSCRIPTION_TYPES,
};
use super::duration::format as fmt_dur;
use super::*;

pub(super) fn validate_personal_channel(c: &Config) -> Result {
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

pub(super) fn validate_options(
    key: &str,
    o: &ChannelOptions,
    proxy_names: &[&str],
    c: &Config,
) -> Result {
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
    if o.subscribe_stream_proxy_enabled {
        // Streams exist only over GRPC.
        let name = &o.subscribe_stream_proxy_name;
        let (proxy_key, endpoint) = if name == DEFAULT_PROXY_NAME {
            (
                "channel.proxy.subscribe_stream.endpoint".to_string(),
                p.subscribe_stream.endpoint.as_str(),
            )
        } else {
            let i = c.proxies.iter().position(|x| x.name == *name).unwrap_or(0);
            let endpoint = c
                .proxies
                .get(i)
                .map(|x| x.proxy.endpoint.as_str())
                .unwrap_or("");
            (format!("proxies[{i}].endpoint"), endpoint)
        };
        if !endpoint.starts_with("grpc://") {
            return Err(invalid(
                proxy_key,
                format!("{endpoint:?}: the subscribe stream proxy needs a grpc:// endpoint"),
            ));
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
