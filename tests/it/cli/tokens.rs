//! gentoken, gensubtoken, checktoken and checksubtoken with HMAC, RSA and ECDSA keys.

use super::*;

const SECRET: &str = "cli-test-secret";

fn hmac_config(dir: &TempDir) -> PathBuf {
    dir.write(
        "config.json",
        &json!({"client": {"token": {"hmac_secret_key": SECRET}}}).to_string(),
    )
}

fn hmac_verifier() -> Verifier {
    Verifier::new(&TokenConfig {
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
                TokenConfig {
                    rsa_public_key: public_pem.clone(),
                    ..Default::default()
                },
            )
        } else {
            (
                "ecdsa_public_key",
                TokenConfig {
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
    let settings = TokenConfig {
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
    let claims = Verifier::new(&TokenConfig {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gentoken_claims_flags_reach_a_live_server() {
    use crate::it::common::TestServer;
    let dir = TempDir::new("gentoken-claims");
    let cfg = dir.write(
        "config.json",
        &json!({"client": {"token": {"hmac_secret_key": SECRET, "audience": "app", "issuer": "me"},
                           "allowed_origins": ["*"]},
                "http_api": {"key": crate::it::common::API_KEY},
                "channel": {"namespaces": [{"name": "news", "presence": true}, {"name": "chat"}]}})
        .to_string(),
    );
    let cfg = cfg.to_string_lossy().into_owned();
    let expire_at = (now() + 600).to_string();
    let args = [
        "gentoken",
        "-c",
        &cfg,
        "-u",
        "ann",
        "-q",
        "--info",
        r#"{"name":"Ann"}"#,
        "--aud",
        "app",
        "--iss",
        "me",
        "--channels",
        "news:a",
        "--expire-at",
        &expire_at,
        "--meta",
        r#"{"tier":1}"#,
    ];
    let o = run(&dir, &args);
    assert_ok(&o);
    let token = stdout(&o);
    let (_, claims) = decode(&token);
    assert_eq!(claims["info"], json!({"name": "Ann"}), "{claims}");
    assert_eq!(claims["aud"], "app");
    assert_eq!(claims["iss"], "me");
    assert_eq!(claims["channels"], json!(["news:a"]));
    assert_eq!(claims["meta"], json!({"tier": 1}));
    assert_eq!(claims["expire_at"].as_i64(), expire_at.parse().ok());
    let bad = run(&dir, &["gentoken", "-c", &cfg, "--info", "{nope"]);
    assert_exit_1(&bad);
    assert!(
        stderr(&bad).contains("--info is not valid JSON"),
        "{}",
        stderr(&bad)
    );

    // The server accepts it: audience and issuer check out, the channels claim subscribes,
    // the info shows in presence; a subscription token made with gensubtoken subscribes.
    let text = std::fs::read_to_string(&cfg).expect("config");
    let s = TestServer::start(serde_json::from_str(&text).expect("json")).await;
    let mut c = Client::open(&s.ws_url()).await;
    let r = c.call(json!({"id": 1, "connect": {"token": token}})).await;
    assert!(r["connect"]["subs"].get("news:a").is_some(), "{r}");
    assert!(r["connect"]["expires"] == json!(true), "{r}");
    let sub = run(
        &dir,
        &[
            "gensubtoken",
            "-c",
            &cfg,
            "-u",
            "ann",
            "-s",
            "chat:x",
            "-q",
            "--data",
            r#"{"hi":1}"#,
            "--aud",
            "app",
            "--iss",
            "me",
        ],
    );
    assert_ok(&sub);
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:x", "token": stdout(&sub)}}))
        .await;
    assert_eq!(r["subscribe"]["data"], json!({"hi": 1}), "{r}");
    let p = crate::it::common::api(&s.api_url(), "presence", json!({"channel": "news:a"})).await;
    let infos: Vec<&Value> = p["result"]["presence"]
        .as_object()
        .map(|m| m.values().collect())
        .unwrap_or_default();
    assert_eq!(
        infos.first().map(|i| i["conn_info"].clone()),
        Some(json!({"name": "Ann"})),
        "{p}"
    );

    // centrifuge-js takes the same tokens (tests/sdk/js/tokens.mjs).
    let sdk = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk");
    let out = tokio::process::Command::new("node")
        .arg("js/tokens.mjs")
        .current_dir(&sdk)
        .env("CF_WS_URL", s.ws_url())
        .env("CF_API_URL", s.api_url())
        .env("CF_API_KEY", crate::it::common::API_KEY)
        .env("CF_HMAC_SECRET", SECRET)
        .env("CF_USER", "ann")
        .env("CF_CONN_TOKEN", token.trim())
        .env("CF_SUB_CHANNEL", "chat:x")
        .env("CF_SUB_TOKEN", stdout(&sub).trim())
        .stdin(Stdio::null())
        .output()
        .await
        .expect("run node (tests/sdk/setup.sh installs centrifuge-js)");
    crate::it::common::assert_script_passed("js/tokens.mjs", &out);
    s.stop().await;
}
