//! Loader tests about sources: file formats, env mapping, flags, precedence, missing / bad files.

use std::time::Duration;

use super::tests::{env, load_ok, temp_file};
use super::*;

const JSON: &str = r#"{
  "http_server": {"port": 9000, "internal_port": "9001"},
  "client": {"allowed_origins": ["http://localhost:3000"], "ping_interval": "1m30s",
             "token": {"hmac_secret_key": "secret"}},
  "channel": {"namespaces": [{"name": "chat", "presence": true, "history_size": 10, "history_ttl": "300s"}]},
  "proxies": [{"name": "backend", "endpoint": "http://localhost:3001", "timeout": "300ms",
               "http": {"static_headers": {"X-Api": "1"}}}]
}"#;

const YAML: &str = r#"
http_server:
  port: 9000
  internal_port: "9001"
client:
  allowed_origins: ["http://localhost:3000"]
  ping_interval: 1m30s
  token:
    hmac_secret_key: secret
channel:
  namespaces:
    - name: chat
      presence: true
      history_size: 10
      history_ttl: 300s
proxies:
  - name: backend
    endpoint: http://localhost:3001
    timeout: 300ms
    http:
      static_headers:
        X-Api: "1"
"#;

const TOML: &str = r#"
[http_server]
port = 9000
internal_port = "9001"

[client]
allowed_origins = ["http://localhost:3000"]
ping_interval = "1m30s"

[client.token]
hmac_secret_key = "secret"

[[channel.namespaces]]
name = "chat"
presence = true
history_size = 10
history_ttl = "300s"

[[proxies]]
name = "backend"
endpoint = "http://localhost:3001"
timeout = "300ms"

[proxies.http.static_headers]
X-Api = "1"
"#;

#[test]
fn json_yaml_toml_give_equal_config() {
    let mut configs = Vec::new();
    for (name, text) in [("c.json", JSON), ("c.yaml", YAML), ("c.toml", TOML)] {
        let file = temp_file("formats", name, text);
        let loaded = load_ok(&Sources {
            file: Some(file),
            file_required: true,
            ..Sources::default()
        });
        assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
        configs.push(loaded.config);
    }
    let c = &configs[0];
    assert_eq!(c.http_server.port, 9000);
    assert_eq!(c.client.ping_interval, Duration::from_secs(90));
    assert_eq!(c.client.token.hmac_secret_key, "secret");
    let chat = c.namespace("chat").cloned().unwrap_or_default();
    assert!(chat.presence);
    assert_eq!(chat.history_ttl, Duration::from_secs(300));
    assert_eq!(
        c.proxy("backend").map(|p| p.proxy.timeout),
        Some(Duration::from_millis(300))
    );
    assert_eq!(configs[0], configs[1]);
    assert_eq!(configs[0], configs[2]);
}

#[test]
fn env_overrides_file_and_flags_override_env() {
    let file = temp_file("precedence", "c.json", JSON);
    let mut sources = Sources {
        file: Some(file),
        env: env(&[
            ("CENTRIFUGO_HTTP_SERVER_PORT", "9100"),
            ("CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY", "from-env"),
            ("CENTRIFUGO_CLIENT_INSECURE", "1"),
            ("CENTRIFUGO_LOG_LEVEL", ""),
            ("HOME", "/root"),
        ]),
        ..Sources::default()
    };
    let c = load_ok(&sources).config;
    assert_eq!(c.http_server.port, 9100);
    assert_eq!(c.client.token.hmac_secret_key, "from-env");
    assert!(c.client.insecure);
    assert_eq!(c.log.level, "info", "empty env value means unset");

    sources.flags = vec![
        ("http_server.port".into(), "9200".into()),
        ("client.insecure".into(), "false".into()),
        ("log.level".into(), "debug".into()),
    ];
    let c = load_ok(&sources).config;
    assert_eq!(c.http_server.port, 9200);
    assert!(!c.client.insecure);
    assert_eq!(c.log.level, "debug");
}

#[test]
fn env_arrays_json_and_space_separated() {
    let load_env = |pairs: &[(&str, &str)]| {
        load_ok(&Sources {
            env: env(pairs),
            ..Sources::default()
        })
        .config
    };
    let c = load_env(&[(
        "CENTRIFUGO_CLIENT_ALLOWED_ORIGINS",
        "http://a.com http://b.com",
    )]);
    assert_eq!(
        c.client.allowed_origins,
        vec!["http://a.com", "http://b.com"]
    );
    let c = load_env(&[("CENTRIFUGO_CLIENT_ALLOWED_ORIGINS", r#"["http://a.com"]"#)]);
    assert_eq!(c.client.allowed_origins, vec!["http://a.com"]);
    let c = load_env(&[(
        "CENTRIFUGO_CHANNEL_NAMESPACES",
        r#"[{"name":"ns1","presence":true},{"name":"ns2"}]"#,
    )]);
    assert_eq!(c.channel.namespaces.len(), 2);
    assert!(c.namespace("ns1").is_some_and(|o| o.presence));
    let c = load_env(&[("CENTRIFUGO_RPC_NAMESPACES", "one two")]);
    assert_eq!(c.rpc.namespaces.len(), 2);
    assert_eq!(c.rpc.namespaces[1].name, "two");
}

#[test]
fn env_named_namespace_options() {
    let file = temp_file(
        "named",
        "c.json",
        r#"{"channel": {"namespaces": [{"name": "my-chat.v1"}]},
            "proxies": [{"name": "backend", "endpoint": "http://x", "timeout": "1s"}]}"#,
    );
    let loaded = load_ok(&Sources {
        file: Some(file),
        env: env(&[
            ("CENTRIFUGO_CHANNEL_NAMESPACES_MY_CHAT_V1_PRESENCE", "true"),
            ("CENTRIFUGO_CHANNEL_NAMESPACES_MY_CHAT_V1_HISTORY_SIZE", "5"),
            (
                "CENTRIFUGO_CHANNEL_NAMESPACES_MY_CHAT_V1_HISTORY_TTL",
                "60s",
            ),
            (
                "CENTRIFUGO_CHANNEL_NAMESPACES_MY_CHAT_V1_MAP_MODE",
                "ephemeral",
            ),
            (
                "CENTRIFUGO_CHANNEL_NAMESPACES_MY_CHAT_V1_MAP_KEY_TTL",
                "30s",
            ),
            ("CENTRIFUGO_PROXIES_BACKEND_TIMEOUT", "5s"),
            (
                "CENTRIFUGO_PROXIES_BACKEND_HTTP_STATIC_HEADERS",
                r#"{"A":"${CENTRIFUGO_VAR_A}"}"#,
            ),
            ("CENTRIFUGO_VAR_A", "b"),
            ("CENTRIFUGO_NOT_A_KEY", "x"),
            ("CENTRIFUGO_SERVICE_PORT", "8000"),
        ]),
        ..Sources::default()
    });
    let ns = loaded
        .config
        .namespace("my-chat.v1")
        .cloned()
        .unwrap_or_default();
    assert!(ns.presence);
    assert_eq!(ns.history_size, 5);
    assert_eq!(ns.history_ttl, Duration::from_secs(60));
    assert_eq!(ns.map.mode, "ephemeral");
    let proxy = loaded.config.proxy("backend").cloned().unwrap_or_default();
    assert_eq!(proxy.proxy.timeout, Duration::from_secs(5));
    assert_eq!(
        proxy.proxy.http.static_headers.get("A").map(String::as_str),
        Some("b")
    );
    assert_eq!(loaded.unknown_env, vec!["CENTRIFUGO_NOT_A_KEY"]);
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.contains("CENTRIFUGO_NOT_A_KEY")));
}

#[test]
fn env_bad_value_names_var_and_key() {
    let err = load(&Sources {
        env: env(&[("CENTRIFUGO_CLIENT_INSECURE", "yes")]),
        ..Sources::default()
    })
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains("CENTRIFUGO_CLIENT_INSECURE") && err.contains("\"client.insecure\""),
        "{err}"
    );
}

#[test]
fn missing_file_warns_or_fails() {
    let path = std::env::temp_dir().join("centrifugo-config-definitely-missing.json");
    let loaded = load_ok(&Sources {
        file: Some(path.clone()),
        ..Sources::default()
    });
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.contains("config file not found")));
    let err = load(&Sources {
        file: Some(path.clone()),
        file_required: true,
        ..Sources::default()
    })
    .err()
    .map(|e| e.to_string());
    assert_eq!(
        err,
        Some(format!("config file not found: {}", path.display()))
    );
}

#[test]
fn parse_error_names_file_and_line() {
    let file = temp_file(
        "parse",
        "bad.json",
        "{\n  \"client\": {\n    \"insecure\": true,\n  }\n}",
    );
    let err = load(&Sources {
        file: Some(file.clone()),
        ..Sources::default()
    })
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        err.contains(&file.display().to_string()) && err.contains("line 4"),
        "{err}"
    );
}

#[test]
fn flags_unknown_key_is_an_error() {
    let err = load(&Sources {
        flags: vec![("http_server.prot".into(), "9000".into())],
        ..Sources::default()
    })
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert_eq!(
        err,
        "unknown flag \"http_server.prot\" (did you mean \"http_server.port\"?)"
    );
}
