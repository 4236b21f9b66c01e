//! checkconfig, genconfig, defaultconfig and defaultenv.

use super::*;

#[test]
fn checkconfig_valid_is_silent() {
    let dir = TempDir::new("checkok");
    let file = dir.write(
        "config.json",
        r#"{"client": {"token": {"hmac_secret_key": "s"}}, "http_server": {"port": 9000}}"#,
    );
    let o = run(&dir, &["checkconfig", "-c", &file.to_string_lossy()]);
    assert_ok(&o);
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
}

#[test]
fn checkconfig_invalid_value_names_the_key_path() {
    let dir = TempDir::new("checkbad");
    let file = dir.write(
        "config.json",
        r#"{"client": {"ping_interval": "not-a-duration"}}"#,
    );
    let o = run(&dir, &["checkconfig", "-c", &file.to_string_lossy()]);
    assert_exit_1(&o);
    let err = stderr(&o);
    assert!(err.contains("error validating config"), "{err}");
    assert!(err.contains("client.ping_interval"), "{err}");
}

#[test]
fn checkconfig_lists_every_problem_at_once() {
    let dir = TempDir::new("checkmany");
    let file = dir.write(
        "config.json",
        r#"{"client": {"tokn": {}, "ping_interval": "abc"}, "http_server": {"port": "nope"},
            "channel": {"namespaces": [{"name": "a", "history_size": "ten"}]}}"#,
    );
    let o = run(&dir, &["checkconfig", "-c", &file.to_string_lossy()]);
    assert_exit_1(&o);
    let err = stderr(&o);
    for key in [
        "\"client.ping_interval\"",
        "\"http_server.port\"",
        "\"channel.namespaces[0].history_size\"",
    ] {
        assert!(err.contains(key), "{key} not named:\n{err}");
    }
    assert!(err.contains("did you mean \"client.token\""), "{err}");
    assert!(err.contains("3 problems"), "{err}");
}

#[test]
fn checkconfig_unknown_key_warns_and_strict_fails() {
    let dir = TempDir::new("checkunknown");
    let file = dir.write("config.yaml", "client:\n  tokn:\n    hmac_secret_key: s\n");
    let path = file.to_string_lossy();
    let o = run(&dir, &["checkconfig", "-c", &path]);
    assert_ok(&o);
    let err = stderr(&o);
    assert!(err.contains("client.tokn"), "{err}");
    assert!(err.contains("did you mean \"client.token\""), "{err}");

    for strict in ["--strict", "-s"] {
        let o = run(&dir, &["checkconfig", "-c", &path, strict]);
        assert_exit_1(&o);
        assert!(
            stderr(&o).contains("unknown keys in config: client.tokn"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn checkconfig_missing_file_fails() {
    let dir = TempDir::new("checkmissing");
    let o = run(&dir, &["checkconfig", "-c", "nope.json"]);
    assert_exit_1(&o);
    assert!(
        stderr(&o).contains("config file not found"),
        "{}",
        stderr(&o)
    );
    // Without -c it checks ./config.json, which is missing too.
    assert_exit_1(&run(&dir, &["checkconfig"]));
}

#[test]
fn genconfig_each_format_passes_checkconfig() {
    let dir = TempDir::new("genconfig");
    for name in ["config.json", "config.yaml", "config.yml", "config.toml"] {
        let o = run(&dir, &["genconfig", "-c", name]);
        assert_ok(&o);
        let path = dir.path(name);
        let o = run(&dir, &["checkconfig", "--strict", "-c", name]);
        assert_ok(&o);

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{name}: mode {mode:o}");
        }

        // The secrets are there, fresh, base64url without padding, of the right sizes.
        let cfg = centrifugo::config::load(&centrifugo::config::Sources {
            file: Some(path.clone()),
            file_required: true,
            ..Default::default()
        })
        .expect("load generated config")
        .config;
        let b64 = |s: &str, bytes: usize| {
            assert_eq!(s.len(), (bytes * 4).div_ceil(3), "{name}: {s}");
            assert!(s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        };
        b64(&cfg.client.token.hmac_secret_key, 64);
        b64(&cfg.http_api.key, 64);
        b64(&cfg.admin.password, 16);
        b64(&cfg.admin.secret, 64);
        assert!(!cfg.admin.enabled);
        assert!(cfg.client.allowed_origins.is_empty());

        // Refuses to overwrite, and leaves the file alone.
        let before = std::fs::read(&path).expect("read");
        let o = run(&dir, &["genconfig", "-c", name]);
        assert_exit_1(&o);
        assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }
    let o = run(&dir, &["genconfig", "-c", "config.ini"]);
    assert_exit_1(&o);
    assert!(!dir.path("config.ini").exists());

    // Two runs never share secrets.
    let a = std::fs::read_to_string(dir.path("config.yaml")).expect("read");
    let b = std::fs::read_to_string(dir.path("config.yml")).expect("read");
    assert_ne!(a, b);
}

#[test]
fn defaultconfig_each_format_passes_checkconfig() {
    let dir = TempDir::new("defaultconfig");
    for name in ["d.json", "d.yaml", "d.toml"] {
        assert_ok(&run(&dir, &["defaultconfig", "-c", name]));
        assert_ok(&run(&dir, &["checkconfig", "--strict", "-c", name]));
        assert_exit_1(&run(&dir, &["defaultconfig", "-c", name]));
    }
    let o = run(&dir, &["defaultconfig", "-d"]);
    assert_ok(&o);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("dry run prints JSON");
    assert_eq!(doc["http_server"]["port"], json!(8000));
    assert_eq!(doc["client"]["ping_interval"], json!("25s"));
    assert!(!dir.path("config.json").exists(), "dry run wrote a file");
}

#[test]
fn defaultenv_lists_every_key_and_round_trips() {
    let dir = TempDir::new("defaultenv");
    let o = run(&dir, &["defaultenv"]);
    assert_ok(&o);
    let out = stdout(&o);
    let keys = centrifugo::config::key_paths();
    assert_eq!(out.lines().count(), keys.len());
    assert!(
        out.contains("CENTRIFUGO_HTTP_SERVER_PORT=\"8000\"\n"),
        "{out}"
    );
    assert!(out.contains("CENTRIFUGO_CLIENT_PING_INTERVAL=\"25s\"\n"));

    // Feeding every line back as the environment is a valid config with no unknown variables.
    let file = dir.write("config.json", "{}");
    let mut cmd = centrifugo(&dir);
    cmd.args(["checkconfig", "-c", &file.to_string_lossy()]);
    for line in out.lines() {
        let (name, quoted) = line.split_once('=').expect("NAME=\"value\"");
        let value = quoted
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .expect("quoted value")
            .replace("\\\"", "\"")
            .replace("\\$", "$")
            .replace("\\`", "`")
            .replace("\\\\", "\\");
        cmd.env(name, value);
    }
    let o = cmd.output().expect("run");
    assert_ok(&o);
    assert_eq!(stderr(&o), "");
}
