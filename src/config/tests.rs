//! Loader tests: defaults, the three file formats, precedence, env mapping, warnings and errors.

use std::path::PathBuf;
use std::time::Duration;

use super::*;

/// Writes `text` to a fresh file named `name` in a per-test temp directory.
pub(super) fn temp_file(test: &str, name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("centrifugo-config-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_default();
    path
}

pub(super) fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub(super) fn load_ok(sources: &Sources) -> Loaded {
    match load(sources) {
        Ok(loaded) => loaded,
        Err(e) => panic!("load failed: {e}"),
    }
}

fn json_ok(s: &str) -> Loaded {
    match from_json_str(s) {
        Ok(loaded) => loaded,
        Err(e) => panic!("load failed: {e}"),
    }
}

fn json_err(s: &str) -> String {
    match from_json_str(s) {
        Ok(_) => panic!("expected an error for {s}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn defaults_match_v6() {
    let c = Config::default();
    assert_eq!(c.http_server.port, 8000);
    assert_eq!(c.http_server.internal_port, "");
    assert_eq!(c.log.level, "info");
    assert_eq!(c.engine.kind, "memory");
    assert_eq!(c.engine.redis.redis.address, vec!["redis://127.0.0.1:6379"]);
    assert_eq!(c.engine.redis.prefix, "centrifugo");
    assert_eq!(c.client.ping_interval, Duration::from_secs(25));
    assert_eq!(c.client.pong_timeout, Duration::from_secs(8));
    assert_eq!(c.client.expired_close_delay, Duration::from_secs(25));
    assert_eq!(c.client.stale_close_delay, Duration::from_secs(10));
    assert_eq!(c.client.channel_limit, 128);
    assert_eq!(c.client.queue_max_size, 1_048_576);
    assert_eq!(c.client.presence_update_interval, Duration::from_secs(27));
    assert_eq!(
        c.client.channel_position_check_delay,
        Duration::from_secs(40)
    );
    assert_eq!(c.client.history_max_publication_limit, 300);
    assert_eq!(c.client.recovery_max_publication_limit, 300);
    assert_eq!(c.channel.history_meta_ttl, Duration::from_secs(720 * 3600));
    assert_eq!(c.channel.max_length, 255);
    assert_eq!(
        (
            c.channel.private_prefix.as_str(),
            c.channel.namespace_boundary.as_str()
        ),
        ("$", ":")
    );
    assert_eq!(
        (
            c.channel.user_boundary.as_str(),
            c.channel.user_separator.as_str()
        ),
        ("#", ",")
    );
    assert_eq!(c.channel.without_namespace.subscribe_proxy_name, "default");
    assert_eq!(c.rpc.ping.method, "ping");
    assert_eq!(c.rpc.namespace_boundary, ":");
    assert_eq!(c.http_api.handler_prefix, "/api");
    assert_eq!(c.grpc_api.port, 10000);
    assert_eq!(c.uni_grpc.port, 11000);
    assert_eq!(c.websocket.handler_prefix, "/connection/websocket");
    assert_eq!(c.websocket.write_timeout, Duration::from_millis(1000));
    assert_eq!(c.websocket.message_size_limit, 65536);
    assert_eq!(c.websocket.compression_level, 1);
    assert_eq!(c.sse.max_request_body_size, 65536);
    assert_eq!(c.emulation.handler_prefix, "/emulation");
    assert_eq!(c.health.handler_prefix, "/health");
    assert_eq!(c.prometheus.handler_prefix, "/metrics");
    assert_eq!(
        c.node.info_metrics_aggregate_interval,
        Duration::from_secs(60)
    );
    assert_eq!(c.shutdown.timeout, Duration::from_secs(30));
    assert_eq!(c.graphite.port, 2003);
    // An empty document gives the defaults and validates.
    assert_eq!(json_ok("{}").config, c);
}

#[test]
fn durations_serialize_as_go_strings() {
    let v = serde_json::to_value(Config::default()).unwrap_or_default();
    assert_eq!(v["client"]["ping_interval"], "25s");
    assert_eq!(v["websocket"]["write_timeout"], "1s");
    assert_eq!(v["channel"]["history_meta_ttl"], "720h0m0s");
}

#[test]
fn unknown_keys_warn_with_suggestions() {
    let loaded = json_ok(
        r#"{"client": {"ping_intervall": "20s"},
            "channel": {"namespaces": [{"name": "chat", "presense": true}]},
            "totally_unknown": 1,
            "proxies": [{"name": "p1", "endpoint": "http://x", "http": {"static_headers": {"Any-Header": "v"}}}]}"#,
    );
    assert_eq!(
        loaded.unknown_keys,
        vec![
            "channel.namespaces[0].presense",
            "client.ping_intervall",
            "totally_unknown"
        ]
    );
    assert!(loaded.warnings.contains(
        &"unknown key \"client.ping_intervall\" \u{2014} did you mean \"client.ping_interval\"?"
            .to_string()
    ));
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.contains("did you mean \"channel.namespaces[0].presence\"")));
    assert!(loaded
        .warnings
        .contains(&"unknown key \"totally_unknown\"".to_string()));
}

#[test]
fn weak_typing_and_case_like_v6() {
    let c = json_ok(
        r#"{"http_server": {"port": "9000", "internal_port": 9001},
            "client": {"insecure": "true", "allowed_origins": "*"},
            "LOG": {"Level": "debug"}, "pid_file": null}"#,
    )
    .config;
    assert_eq!(c.http_server.port, 9000);
    assert_eq!(c.http_server.internal_port, "9001");
    assert!(c.client.insecure);
    assert_eq!(c.client.allowed_origins, vec!["*"]);
    assert_eq!(c.log.level, "debug");
}

#[test]
fn invalid_values_name_the_path() {
    let err = json_err(r#"{"client": {"ping_interval": "25x"}}"#);
    assert!(
        err.starts_with(
            "invalid value for \"client.ping_interval\": expected a duration like \"25s\""
        ),
        "{err}"
    );
    let err = json_err(r#"{"channel": {"namespaces": [{"name": "a1", "history_ttl": "1y"}]}}"#);
    assert!(
        err.contains("\"channel.namespaces[0].history_ttl\""),
        "{err}"
    );
    let err = json_err(r#"{"http_server": {"port": 70000}}"#);
    assert!(err.contains("\"http_server.port\""), "{err}");
    let err = json_err(r#"{"client": {"insecure": [1]}}"#);
    assert!(err.contains("\"client.insecure\""), "{err}");
}

#[test]
fn integer_durations_are_nanoseconds() {
    let c = json_ok(r#"{"client": {"pong_timeout": 5000000000}}"#).config;
    assert_eq!(c.client.pong_timeout, Duration::from_secs(5));
}

#[test]
fn negative_counts_read_as_zero_with_a_warning() {
    // Go's ints are signed and its checks are `> 0`: -1 means off / no limit there.
    let loaded = json_ok(
        r#"{"client": {"channel_limit": -1},
            "channel": {"namespaces": [{"name": "ab", "presence": true, "history_size": -5}]}}"#,
    );
    assert_eq!(loaded.config.client.channel_limit, 0);
    assert_eq!(loaded.config.channel.namespaces[0].options.history_size, 0);
    for key in ["client.channel_limit", "channel.namespaces[0].history_size"] {
        assert!(
            loaded.warnings.iter().any(|w| w.contains(key)),
            "{key}: {:?}",
            loaded.warnings
        );
    }
    // Out of range the other way is still an error naming the key.
    assert!(json_err(r#"{"http_server": {"port": 70000}}"#).contains("http_server.port"));
}

#[test]
fn ping_interval_not_above_pong_timeout_is_a_warning() {
    // Centrifugo starts with it and logs a warning; so do we.
    let loaded = json_ok(r#"{"client": {"ping_interval": "5s", "pong_timeout": "8s"}}"#);
    assert_eq!(loaded.config.client.ping_interval, Duration::from_secs(5));
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("client.ping_interval")),
        "{:?}",
        loaded.warnings
    );
    assert!(json_ok("{}").warnings.is_empty());
    // An unknown log level is a warning too (Centrifugo defaults to info).
    let loaded = json_ok(r#"{"log": {"level": "verbose"}}"#);
    assert!(
        loaded.warnings.iter().any(|w| w.contains("log.level")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn validation_errors_name_the_path() {
    let cases = [
        (
            r#"{"channel": {"namespaces": [{"name": "chat", "history_size": 10}]}}"#,
            "\"channel.namespaces[0].history_ttl\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "c", "presence": true}]}}"#,
            "\"channel.namespaces[0].name\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch"}, {"name": "ch"}]}}"#,
            "\"channel.namespaces[1].name\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "history_size": 1, "history_ttl": "800h"}]}}"#,
            "\"channel.namespaces[0].history_ttl\"",
        ),
        (
            r#"{"channel": {"without_namespace": {"force_recovery": true}}}"#,
            "\"channel.without_namespace.force_recovery\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "channel_regex": "("}]}}"#,
            "\"channel.namespaces[0].channel_regex\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "force_recovery_mode": "x"}]}}"#,
            "\"channel.namespaces[0].force_recovery_mode\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "allowed_delta_types": ["xdelta"]}]}}"#,
            "\"channel.namespaces[0].allowed_delta_types[0]\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "subscription_type": "x"}]}}"#,
            "\"channel.namespaces[0].subscription_type\"",
        ),
        (
            r#"{"channel": {"namespaces": [{"name": "ch", "subscribe_proxy_name": "nope"}]}}"#,
            "\"channel.namespaces[0].subscribe_proxy_name\"",
        ),
        (
            r#"{"channel": {"without_namespace": {"subscribe_proxy_enabled": true}}}"#,
            "\"channel.proxy.subscribe.endpoint\"",
        ),
        (
            r#"{"channel": {"proxy": {"subscribe_stream": {"endpoint": "http://backend/stream"}},
                "without_namespace": {"subscribe_stream_proxy_enabled": true}}}"#,
            "\"channel.proxy.subscribe_stream.endpoint\"",
        ),
        (
            r#"{"client": {"subscribe_to_user_personal_channel": {"enabled": true, "personal_channel_namespace": "user"}}}"#,
            "\"client.subscribe_to_user_personal_channel.personal_channel_namespace\"",
        ),
        (
            r#"{"client": {"subscribe_to_user_personal_channel": {"enabled": true, "personal_channel_namespace": "user", "single_connection": true}}, "channel": {"namespaces": [{"name": "user"}]}}"#,
            "\"client.subscribe_to_user_personal_channel.single_connection\"",
        ),
        (
            r#"{"http_api": {"error_mode": "x"}}"#,
            "\"http_api.error_mode\"",
        ),
        (
            r#"{"channel": {"publication_data_format": "xml"}}"#,
            "\"channel.publication_data_format\"",
        ),
        (
            r#"{"rpc": {"namespaces": [{"name": "r1", "proxy_name": "nope"}]}}"#,
            "\"rpc.namespaces[0].proxy_name\"",
        ),
    ];
    for (doc, key) in cases {
        let err = json_err(doc);
        assert!(err.contains(key), "{doc}\n  -> {err}\n  expected key {key}");
    }
    // The namespace name is mentioned too.
    assert!(json_err(cases[0].0).contains("namespace \"chat\""));
}

#[test]
fn valid_rich_config_loads() {
    let loaded = json_ok(
        r#"{"client": {"subscribe_to_user_personal_channel": {"enabled": true, "personal_channel_namespace": "user", "single_connection": true}},
            "channel": {"namespaces": [
               {"name": "user", "presence": true},
               {"name": "chat", "history_size": 100, "history_ttl": "300s", "force_recovery": true,
                "allowed_delta_types": ["fossil"], "subscribe_proxy_enabled": true, "subscribe_proxy_name": "backend"}]},
            "rpc": {"namespaces": [{"name": "rpc1", "proxy_enabled": true, "proxy_name": "backend"}]},
            "proxies": [{"name": "backend", "endpoint": "http://localhost:3000", "timeout": "1s"}],
            "consumers": [{"name": "kafka1", "type": "kafka", "kafka": {"brokers": ["localhost:9092"]}}]}"#,
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = loaded.config;
    assert_eq!(
        c.channel_options("chat:room").map(|o| o.history_size),
        Some(100)
    );
    assert!(c.channel_options("plain").is_some());
    assert!(c.channel_options("nope:x").is_none());
    assert_eq!(c.consumers[0].kafka.brokers, vec!["localhost:9092"]);
}

#[test]
fn real_v6_style_config_has_no_unknown_keys() {
    let loaded = json_ok(
        r#"{
  "client": {"token": {"hmac_secret_key": "k", "jwks_public_endpoint": ""}, "allowed_origins": ["*"],
             "proxy": {"connect": {"enabled": false, "endpoint": "", "timeout": "1s", "http_headers": ["Cookie"]}},
             "connect_code_to_unidirectional_disconnect": {"enabled": true, "transforms": [{"code": 4000, "to": {"code": 4500, "reason": "x"}}]}},
  "http_api": {"key": "api"}, "admin": {"enabled": true, "password": "p", "secret": "s"},
  "engine": {"type": "redis", "redis": {"address": ["redis://localhost:6379"], "presence_ttl": "60s", "history_use_lists": true}},
  "broker": {"nats": {"url": "nats://localhost:4222", "raw_mode": {"channel_replacements": {"a": "b"}}}},
  "uni_sse": {"connect_code_to_http_response": {"enabled": true, "transforms": [{"code": 4001, "to": {"status_code": 401, "body": "x"}}]}},
  "proxies": [{"name": "p1", "endpoint": "grpc://localhost:1", "http": {"status_to_code_transforms": [{"status_code": 404, "to_error": {"code": 404, "message": "nf"}}]},
              "grpc": {"static_metadata": [{"key": "a", "value": "b"}]}}],
  "consumers": [{"name": "c1", "type": "redis_stream", "redis_stream": {"address": ["redis://x"], "streams": ["s"], "publication_data_mode": {"enabled": true}}}],
  "map_broker": {"postgres": {"outbox": {"poll_interval": "100ms"}}},
  "websocket": {"compression": true}, "usage_stats": {"disabled": true}
}"#,
    );
    assert!(loaded.unknown_keys.is_empty(), "{:?}", loaded.unknown_keys);
    let static_metadata = &loaded.config.proxies[0].proxy.grpc.static_metadata;
    assert_eq!(static_metadata.get("a").map(String::as_str), Some("b"));
}

#[test]
fn subscription_token_keys_sit_flat_beside_enabled() {
    let c = crate::config::from_json_str(
        r#"{"client": {"subscription_token": {"enabled": true, "hmac_secret_key": "s", "user_id_claim": "uid"}}}"#,
    )
    .expect("valid")
    .config;
    let st = &c.client.subscription_token;
    assert!(st.enabled);
    assert_eq!(st.keys.hmac_secret_key, "s");
    assert_eq!(st.keys.user_id_claim, "uid");
    let paths: Vec<String> = crate::config::key_paths()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for k in [
        "client.subscription_token.enabled",
        "client.subscription_token.hmac_secret_key",
    ] {
        assert!(paths.iter().any(|p| p == k), "{k}");
    }
    assert!(
        !paths.iter().any(|p| p.contains(".keys")),
        "no nested keys section"
    );
    let err = crate::config::from_json_str(
        r#"{"client": {"subscription_token": {"hmac_secret_kay": "s"}}}"#,
    )
    .map(|l| l.warnings)
    .expect("unknown keys are warnings");
    assert!(err.iter().any(|w| w.contains("hmac_secret_kay")), "{err:?}");
}
