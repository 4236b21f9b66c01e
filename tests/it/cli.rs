//! The `centrifugo` binary's subcommands, run as a real process.

use super::common::{Client, Event};
use centrifugo::auth::{TokenSettings, Verifier};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Longest wait for a started server to log a line or to exit.
const WAIT: Duration = Duration::from_secs(15);

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "centrifugo-cli-{tag}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary, run in `dir` with no inherited `CENTRIFUGO_*` variables.
fn centrifugo(dir: &TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_centrifugo"));
    cmd.current_dir(&dir.0);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("CENTRIFUGO_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

fn run(dir: &TempDir, args: &[&str]) -> Output {
    centrifugo(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run centrifugo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "expected exit 0, got {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

#[track_caller]
fn assert_exit_1(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1\nstdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/auth/testdata")
        .join(name)
}

fn read_testdata(name: &str) -> String {
    std::fs::read_to_string(testdata(name)).expect("read testdata")
}

/// The JSON claims of a compact JWT, and its header's `alg`.
fn decode(token: &str) -> (String, Value) {
    use base64::Engine as _;
    let part = |i: usize| -> Value {
        let seg = token.split('.').nth(i).expect("JWT has three parts");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(seg)
            .expect("base64url");
        serde_json::from_slice(&bytes).expect("JSON")
    };
    let alg = part(0)["alg"].as_str().unwrap_or_default().to_string();
    (alg, part(1))
}

/// A port nobody listens on right now (bound on 127.0.0.1:0, then released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

// ---------- version, help ----------

#[test]
fn version_is_one_line() {
    let dir = TempDir::new("version");
    let o = run(&dir, &["version"]);
    assert_ok(&o);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(&format!("Centrifugo v{} (Rust", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
}

#[test]
fn help_lists_every_root_flag_and_subcommand() {
    let dir = TempDir::new("help");
    let o = run(&dir, &["--help"]);
    assert_ok(&o);
    let help = stdout(&o);
    for flag in [
        "-a, --http_server.address",
        "-p, --http_server.port",
        "--http_server.internal_address",
        "--http_server.internal_port",
        "--engine.type",
        "--broker.enabled",
        "--broker.type",
        "--presence_manager.enabled",
        "--presence_manager.type",
        "--map_broker.type",
        "--log.level",
        "--log.file",
        "--debug.enabled",
        "--admin.enabled",
        "--admin.external",
        "--admin.insecure",
        "--prometheus.enabled",
        "--swagger.enabled",
        "--health.enabled",
        "--init.enabled",
        "--uni_websocket.enabled",
        "--uni_sse.enabled",
        "--uni_http_stream.enabled",
        "--sse.enabled",
        "--http_stream.enabled",
        "--client.insecure",
        "--http_api.insecure",
        "--http_api.external",
        "--grpc_api.enabled",
        "--grpc_api.port",
        "--uni_grpc.enabled",
        "--uni_grpc.port",
        "--pid_file",
        "-c, --config",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
    for sub in [
        "serve",
        "version",
        "checkconfig",
        "genconfig",
        "gentoken",
        "gensubtoken",
        "checktoken",
        "checksubtoken",
        "defaultenv",
        "defaultconfig",
    ] {
        assert!(help.contains(&format!("  {sub} ")), "--help lacks {sub}");
    }
    assert!(!help.contains("generate-assets"), "hidden command shown");
}

#[test]
fn every_root_flag_reaches_the_config_loader() {
    let dir = TempDir::new("flags");
    let file = dir.write("config.json", "{}");
    let file = file.to_string_lossy();
    let o = run(
        &dir,
        &[
            "checkconfig",
            "-c",
            &file,
            "--pid_file",
            "x.pid",
            "-a",
            "127.0.0.1",
            "-p",
            "9000",
            "--http_server.internal_address=127.0.0.1",
            "--http_server.internal_port",
            "9001",
            "--engine.type",
            "memory",
            "--broker.enabled=false",
            "--broker.type",
            "memory",
            "--presence_manager.enabled=false",
            "--presence_manager.type",
            "memory",
            "--map_broker.type",
            "memory",
            "--log.level",
            "debug",
            "--log.file",
            "log.txt",
            "--debug.enabled",
            "--admin.enabled=0",
            "--admin.external",
            "--admin.insecure",
            "--prometheus.enabled",
            "--swagger.enabled",
            "--health.enabled",
            "--init.enabled",
            "--uni_websocket.enabled",
            "--uni_sse.enabled",
            "--uni_http_stream.enabled",
            "--sse.enabled",
            "--http_stream.enabled",
            "--client.insecure",
            "--http_api.insecure",
            "--http_api.external=true",
            "--grpc_api.enabled=false",
            "--grpc_api.port",
            "10001",
            "--uni_grpc.enabled=false",
            "--uni_grpc.port",
            "11001",
        ],
    );
    assert_ok(&o);
    // A bad flag value fails naming the key.
    let o = run(
        &dir,
        &["checkconfig", "-c", &file, "--client.insecure=maybe"],
    );
    assert_exit_1(&o);
    assert!(stderr(&o).contains("client.insecure"), "{}", stderr(&o));
}

// ---------- checkconfig ----------

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

// ---------- genconfig, defaultconfig, defaultenv ----------

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

// ---------- gentoken, gensubtoken, checktoken ----------

const SECRET: &str = "cli-test-secret";

fn hmac_config(dir: &TempDir) -> PathBuf {
    dir.write(
        "config.json",
        &json!({"client": {"token": {"hmac_secret_key": SECRET}}}).to_string(),
    )
}

fn hmac_verifier() -> Verifier {
    Verifier::new(&TokenSettings {
        hmac_secret_key: SECRET.into(),
        ..Default::default()
    })
    .expect("verifier")
}

#[test]
fn gentoken_hmac_verifies_with_the_configured_secret() {
    let dir = TempDir::new("gentoken");
    let cfg = hmac_config(&dir);
    let cfg = cfg.to_string_lossy();
    let before = now();
    let o = run(&dir, &["gentoken", "-c", &cfg, "-u", "42"]);
    assert_ok(&o);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("HMAC SHA-256 JWT for user \"42\" with expiration TTL 168h0m0s:")
    );
    let token = lines.next().expect("token line");
    let claims = hmac_verifier()
        .verify_connect(token, now())
        .expect("token verifies");
    assert_eq!(claims.user, "42");
    let exp = claims.exp.expect("exp");
    assert!(exp >= before + 604_800 && exp <= now() + 604_800, "{exp}");
    let (alg, payload) = decode(token);
    assert_eq!(alg, "HS256");
    assert_eq!(payload["sub"], json!("42"));

    // -t and -q: only the token; -1 means no exp.
    let o = run(
        &dir,
        &["gentoken", "-c", &cfg, "-u", "7", "-t", "3600", "-q"],
    );
    assert_ok(&o);
    let token = stdout(&o);
    assert!(!token.contains(char::is_whitespace), "{token:?}");
    let (_, payload) = decode(&token);
    assert_eq!(
        payload["exp"].as_i64().expect("exp") - payload["iat"].as_i64().expect("iat"),
        3600
    );
    let o = run(&dir, &["gentoken", "-c", &cfg, "-u", "7", "-t", "-1"]);
    assert_ok(&o);
    assert!(stdout(&o).contains("user \"7\" without expiration:"));
    let (_, payload) = decode(stdout(&o).lines().nth(1).expect("token"));
    assert!(payload.get("exp").is_none(), "{payload}");

    // Anonymous, and the secret from the environment with no file at all.
    let o = centrifugo(&dir)
        .args(["gentoken", "-t", "60"])
        .env("CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY", SECRET)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run");
    assert_ok(&o);
    assert!(stdout(&o).starts_with("HMAC SHA-256 JWT for anonymous user with expiration TTL 1m0s:"));
    let token = stdout(&o).lines().nth(1).expect("token").to_string();
    assert_eq!(
        hmac_verifier()
            .verify_connect(&token, now())
            .expect("ok")
            .user,
        ""
    );
}

#[test]
fn gentoken_uses_user_id_claim() {
    let dir = TempDir::new("userclaim");
    let cfg = dir.write(
        "config.json",
        &json!({"client": {"token": {"hmac_secret_key": SECRET, "user_id_claim": "uid"}}})
            .to_string(),
    );
    let o = run(
        &dir,
        &["gentoken", "-c", &cfg.to_string_lossy(), "-u", "9", "-q"],
    );
    assert_ok(&o);
    let (_, payload) = decode(&stdout(&o));
    assert_eq!(payload["uid"], json!("9"));
}

#[test]
fn gentoken_without_key_fails() {
    let dir = TempDir::new("nokey");
    let cfg = dir.write("config.json", "{}");
    let o = run(&dir, &["gentoken", "-c", &cfg.to_string_lossy(), "-u", "1"]);
    assert_exit_1(&o);
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("client.token.hmac_secret_key"),
        "{}",
        stderr(&o)
    );
    // An explicit -c that does not exist is an error too.
    let o = run(&dir, &["gentoken", "-c", "missing.json"]);
    assert_exit_1(&o);
    assert!(stderr(&o).contains("config file not found"));
}

#[test]
fn gentoken_rsa_and_ecdsa_round_trip() {
    let dir = TempDir::new("asym");
    let cases = [
        ("rsa_private.pem", "rsa_public.pem", Some("RS256"), "RS256"),
        (
            "rsa_private_pkcs1.pem",
            "rsa_public.pem",
            Some("RS512"),
            "RS512",
        ),
        (
            "ec_p256_private.pem",
            "ec_p256_public.pem",
            Some("ES256"),
            "ES256",
        ),
        (
            "ec_p256_private_sec1.pem",
            "ec_p256_public.pem",
            None,
            "ES256",
        ),
        ("ec_p384_private.pem", "ec_p384_public.pem", None, "ES384"),
        (
            "ec_p521_private.pem",
            "ec_p521_public.pem",
            Some("ES512"),
            "ES512",
        ),
    ];
    for (private, public, alg, expect_alg) in cases {
        let public_pem = read_testdata(public);
        let (field, settings) = if expect_alg.starts_with("RS") {
            (
                "rsa_public_key",
                TokenSettings {
                    rsa_public_key: public_pem.clone(),
                    ..Default::default()
                },
            )
        } else {
            (
                "ecdsa_public_key",
                TokenSettings {
                    ecdsa_public_key: public_pem.clone(),
                    ..Default::default()
                },
            )
        };
        let cfg = dir.write(
            &format!("{private}.json"),
            &json!({"client": {"token": {field: public_pem}}}).to_string(),
        );
        let key = testdata(private);
        let mut args = vec![
            "gentoken".to_string(),
            "-c".into(),
            cfg.to_string_lossy().into_owned(),
            "-u".into(),
            "alice".into(),
            "--private-key".into(),
            key.to_string_lossy().into_owned(),
        ];
        if let Some(alg) = alg {
            args.extend(["--alg".to_string(), alg.to_string()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&dir, &refs);
        assert_ok(&o);
        let out = stdout(&o);
        let family = if expect_alg.starts_with("RS") {
            "RSA"
        } else {
            "ECDSA"
        };
        assert!(
            out.starts_with(&format!(
                "{family} SHA-{} JWT for user \"alice\"",
                &expect_alg[2..]
            )),
            "{out}"
        );
        let token = out.lines().nth(1).expect("token");
        assert_eq!(decode(token).0, expect_alg, "{private}");
        let claims = Verifier::new(&settings)
            .expect("verifier")
            .verify_connect(token, now())
            .expect("verifies with the public key");
        assert_eq!(claims.user, "alice");
    }

    // A private key that does not match the configured public key is refused.
    let cfg = dir.write(
        "mismatch.json",
        &json!({"client": {"token": {"rsa_public_key": read_testdata("rsa2_public.pem")}}})
            .to_string(),
    );
    let key = testdata("rsa_private.pem");
    let o = run(
        &dir,
        &[
            "gentoken",
            "-c",
            &cfg.to_string_lossy(),
            "--private-key",
            &key.to_string_lossy(),
            "--alg",
            "RS256",
        ],
    );
    assert_exit_1(&o);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("does not match"), "{}", stderr(&o));

    // The wrong key type for the algorithm is a clear error.
    let o = run(
        &dir,
        &[
            "gentoken",
            "-c",
            &cfg.to_string_lossy(),
            "--private-key",
            &key.to_string_lossy(),
            "--alg",
            "ES256",
        ],
    );
    assert_exit_1(&o);
}

#[test]
fn gentoken_rsa_key_made_by_openssl() {
    let dir = TempDir::new("openssl");
    let key = dir.path("key.pem");
    let pubkey = dir.path("pub.pem");
    let gen = Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
        ])
        .arg(&key)
        .output();
    let Ok(gen) = gen else {
        eprintln!("openssl not available; skipping");
        return;
    };
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    let out = Command::new("openssl")
        .args(["pkey", "-pubout", "-in"])
        .arg(&key)
        .arg("-out")
        .arg(&pubkey)
        .output()
        .expect("openssl pkey");
    assert!(out.status.success());
    let public_pem = std::fs::read_to_string(&pubkey).expect("read pub");
    let cfg = dir.write(
        "config.json",
        &json!({"client": {"token": {"ecdsa_public_key": public_pem}}}).to_string(),
    );
    let o = run(
        &dir,
        &[
            "gentoken",
            "-c",
            &cfg.to_string_lossy(),
            "-u",
            "bob",
            "-q",
            "--private-key",
            &key.to_string_lossy(),
        ],
    );
    assert_ok(&o);
    let token = stdout(&o);
    let settings = TokenSettings {
        ecdsa_public_key: public_pem,
        ..Default::default()
    };
    let claims = Verifier::new(&settings)
        .expect("verifier")
        .verify_connect(&token, now())
        .expect("verifies");
    assert_eq!(claims.user, "bob");
}

#[test]
fn checktoken_accepts_good_and_rejects_bad_tokens() {
    let dir = TempDir::new("checktoken");
    let cfg = hmac_config(&dir);
    let cfg = cfg.to_string_lossy();
    let o = run(&dir, &["gentoken", "-c", &cfg, "-u", "42", "-q"]);
    assert_ok(&o);
    let token = stdout(&o);

    let o = run(&dir, &["checktoken", "-c", &cfg, &token]);
    assert_ok(&o);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("valid token for user 42"));
    let payload = lines
        .next()
        .and_then(|l| l.strip_prefix("payload: "))
        .expect("payload line");
    let payload: Value = serde_json::from_str(payload).expect("payload JSON");
    assert_eq!(payload["sub"], json!("42"));

    // From standard input.
    let mut child = centrifugo(&dir)
        .args(["checktoken", "-c", &cfg])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(token.as_bytes()).expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert_ok(&o);

    // Tampered signature, other secret, garbage: exit 1.
    let tampered = format!("{}x", token);
    let o = run(&dir, &["checktoken", "-c", &cfg, &tampered]);
    assert_exit_1(&o);
    assert!(stderr(&o).contains("invalid token"), "{}", stderr(&o));
    let other = dir.write(
        "other.json",
        &json!({"client": {"token": {"hmac_secret_key": "other"}}}).to_string(),
    );
    assert_exit_1(&run(
        &dir,
        &["checktoken", "-c", &other.to_string_lossy(), &token],
    ));
    assert_exit_1(&run(&dir, &["checktoken", "-c", &cfg, "not-a-jwt"]));

    // A subscription token is not a connection token and vice versa.
    let o = run(
        &dir,
        &["gensubtoken", "-c", &cfg, "-u", "42", "-s", "news", "-q"],
    );
    assert_ok(&o);
    let sub = stdout(&o);
    assert_exit_1(&run(&dir, &["checktoken", "-c", &cfg, &sub]));
    assert_exit_1(&run(&dir, &["checksubtoken", "-c", &cfg, &token]));
}

#[test]
fn gensubtoken_uses_subscription_token_key_when_enabled() {
    let dir = TempDir::new("gensubtoken");
    let cfg = dir.write(
        "config.json",
        &json!({"client": {
            "token": {"hmac_secret_key": SECRET},
            "subscription_token": {"enabled": true, "hmac_secret_key": "sub-secret"}
        }})
        .to_string(),
    );
    let cfg = cfg.to_string_lossy();
    let o = run(
        &dir,
        &[
            "gensubtoken",
            "-c",
            &cfg,
            "-u",
            "42",
            "-s",
            "news",
            "-t",
            "120",
        ],
    );
    assert_ok(&o);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "HMAC SHA-256 JWT for user \"42\" and channel \"news\" with expiration TTL 2m0s:"
        ),
        "{out}"
    );
    let token = out.lines().nth(1).expect("token");
    let claims = Verifier::new(&TokenSettings {
        hmac_secret_key: "sub-secret".into(),
        ..Default::default()
    })
    .expect("verifier")
    .verify_subscribe(token, now())
    .expect("verifies with the subscription secret");
    assert_eq!(
        (claims.user.as_str(), claims.channel.as_str()),
        ("42", "news")
    );

    let o = run(&dir, &["checksubtoken", "-c", &cfg, token]);
    assert_ok(&o);
    assert!(stdout(&o).starts_with("valid token for user 42\npayload: "));

    // -s is required.
    assert!(!run(&dir, &["gensubtoken", "-c", &cfg, "-u", "1"])
        .status
        .success());
}

// ---------- serve ----------

/// A running `centrifugo` process whose stdout lines arrive on a channel; killed on drop.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Server {
    fn start(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn centrifugo");
        let (tx, lines) = mpsc::channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Server {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a log line containing `needle`; returns it parsed when it is JSON.
    fn wait_for(&mut self, needle: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return serde_json::from_str(&line).unwrap_or(Value::String(line));
                    }
                }
                Err(_) => panic!(
                    "no log line with {needle:?} within {WAIT:?}; got:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// The address the server logged for its WebSocket endpoint.
    fn websocket_address(&mut self) -> String {
        let line = self.wait_for("serving websocket");
        line["address"]
            .as_str()
            .unwrap_or_else(|| panic!("no address in {line}"))
            .to_string()
    }

    /// Waits (bounded) for the process to exit and returns its exit code.
    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_without_config_file_runs_on_defaults() {
    let dir = TempDir::new("servedefaults");
    let mut cmd = centrifugo(&dir);
    cmd.args(["serve", "-a", "127.0.0.1", "-p", "0"]);
    let mut server = Server::start(cmd);
    server.wait_for("config file not found");
    server.wait_for("no connection token key set");
    server.wait_for("http_api.key is empty");
    let addr = server.websocket_address();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert_ne!(addr, "127.0.0.1:0");
    std::net::TcpStream::connect(&addr).expect("server accepts connections");

    // Bare `centrifugo` serves too.
    let mut cmd = centrifugo(&dir);
    cmd.args(["-a", "127.0.0.1", "-p", "0"]);
    let mut bare = Server::start(cmd);
    let addr = bare.websocket_address();
    std::net::TcpStream::connect(&addr).expect("bare centrifugo serves");
}

#[test]
fn env_beats_file_and_flags_beat_env() {
    let dir = TempDir::new("priority");
    let (file_port, env_port, flag_port) = (free_port(), free_port(), free_port());
    let cfg = dir.write(
        "config.json",
        &json!({"http_server": {"address": "127.0.0.1", "port": file_port}}).to_string(),
    );
    let cfg = cfg.to_string_lossy().into_owned();

    let mut cmd = centrifugo(&dir);
    cmd.args(["-c", &cfg]);
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{file_port}"));
    drop(s);

    let mut cmd = centrifugo(&dir);
    cmd.args(["-c", &cfg])
        .env("CENTRIFUGO_HTTP_SERVER_PORT", env_port.to_string());
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{env_port}"));
    drop(s);

    let mut cmd = centrifugo(&dir);
    cmd.args([
        "serve",
        "-c",
        &cfg,
        "--http_server.port",
        &flag_port.to_string(),
    ])
    .env("CENTRIFUGO_HTTP_SERVER_PORT", env_port.to_string());
    let mut s = Server::start(cmd);
    assert_eq!(s.websocket_address(), format!("127.0.0.1:{flag_port}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_closes_clients_with_3001_and_exits_0() {
    let dir = TempDir::new("sigterm");
    let mut cmd = centrifugo(&dir);
    cmd.args(["serve", "-a", "127.0.0.1", "-p", "0", "--client.insecure"]);
    let mut server = Server::start(cmd);
    let addr = server.websocket_address();

    let mut client = Client::open(&format!("ws://{addr}/connection/websocket")).await;
    let reply = client.call(json!({"id": 1, "connect": {}})).await;
    assert!(reply.get("connect").is_some(), "connect failed: {reply}");

    let pid = server.child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success());

    let code = loop {
        match client.next().await {
            Event::Close(code, _) => break code,
            Event::Msg(_) => continue,
        }
    };
    assert_eq!(code, 3001, "close code");
    let exit = tokio::task::spawn_blocking(move || {
        let code = server.wait_exit();
        (code, server)
    })
    .await
    .expect("join");
    assert_eq!(exit.0, Some(0), "exit code");
}

// ---------- generated files ----------

#[test]
fn completions_and_man_pages_are_fresh() {
    let dir = TempDir::new("assets");
    let o = run(&dir, &["generate-assets", &dir.0.to_string_lossy()]);
    assert_ok(&o);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hint = "generated files are stale; run: cargo run -- generate-assets .";
    let mut generated = Vec::new();
    for sub in ["completions", "man"] {
        for entry in std::fs::read_dir(dir.path(sub)).expect("read generated dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(&dir.0).expect("relative").to_path_buf();
            let fresh = std::fs::read(&path).expect("read generated");
            let committed = std::fs::read(root.join(&rel)).unwrap_or_default();
            assert!(
                fresh == committed,
                "{} differs from the CLI definition: {hint}",
                rel.display()
            );
            generated.push(rel);
        }
        for entry in std::fs::read_dir(root.join(sub)).expect("read committed dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("relative").to_path_buf();
            assert!(
                generated.contains(&rel),
                "{} is no longer generated: delete it, then {hint}",
                rel.display()
            );
        }
    }
}
