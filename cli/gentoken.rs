//! `centrifugo gentoken` / `gensubtoken`: sign a connection or subscription JWT for testing.

use crate::args::{Cli, GensubtokenArgs, GentokenArgs, TokenArgs};
use crate::load::load_for_tool;
use crate::tokens::{describe_user, go_duration, settings_for, unix_now, Kind};
use anyhow::{anyhow, bail, Context};
use centrifugo::config::TokenConfig;
use centrifugo::tokens::{self as auth, SigningKey, Verifier};
use serde_json::Value;

/// Algorithms tried, in order, when `--private-key` is given without `--alg`.
const INFERRED_ALGS: &[&str] = &["RS256", "ES256", "ES384", "ES512"];

pub(crate) fn run_connection(cli: &Cli, args: &GentokenArgs) -> anyhow::Result<()> {
    let cfg = load_for_tool(cli)?;
    let (prefix, settings) = settings_for(Kind::Connection, &cfg);
    let a = &args.token;
    let mut claims = auth::connection_claims(&a.user, &settings.user_id_claim, unix_now(), ttl(a));
    add_claims(&mut claims, &args.claims)?;
    if !args.channels.is_empty() {
        set(&mut claims, "channels", Value::from(args.channels.clone()));
    }
    if let Some(subs) = &args.subs {
        set(&mut claims, "subs", json_object("--subs", subs)?);
    }
    if let Some(meta) = &args.meta {
        set(&mut claims, "meta", json_object("--meta", meta)?);
    }
    let (token, alg) = sign(&claims, a, prefix, &settings, Kind::Connection)?;
    let heading = format!(
        "{} JWT for {} {}",
        describe_alg(alg),
        describe_user(&a.user),
        describe_ttl(a.ttl)
    );
    print_token(a.quiet, &heading, &token);
    Ok(())
}

pub(crate) fn run_subscription(cli: &Cli, args: &GensubtokenArgs) -> anyhow::Result<()> {
    let cfg = load_for_tool(cli)?;
    let (prefix, settings) = settings_for(Kind::Subscription, &cfg);
    let a = &args.token;
    let mut claims = auth::subscription_claims(&a.user, &args.channel, unix_now(), ttl(a));
    add_claims(&mut claims, &args.claims)?;
    if let Some(data) = &args.data {
        set(&mut claims, "data", json_value("--data", data)?);
    }
    if let Some(client) = &args.client {
        set(&mut claims, "client", Value::from(client.as_str()));
    }
    if !settings.user_id_claim.is_empty() {
        if let Value::Object(map) = &mut claims {
            map.insert(settings.user_id_claim.clone(), Value::from(a.user.as_str()));
        }
    }
    let (token, alg) = sign(&claims, a, prefix, &settings, Kind::Subscription)?;
    let heading = format!(
        "{} JWT for {} and channel \"{}\" {}",
        describe_alg(alg),
        describe_user(&a.user),
        args.channel,
        describe_ttl(a.ttl)
    );
    print_token(a.quiet, &heading, &token);
    Ok(())
}

fn set(claims: &mut Value, name: &str, v: Value) {
    if let Value::Object(map) = claims {
        map.insert(name.to_string(), v);
    }
}

fn json_value(flag: &str, text: &str) -> anyhow::Result<Value> {
    serde_json::from_str(text).map_err(|e| anyhow!("{flag} is not valid JSON ({e}): {text:?}"))
}

fn json_object(flag: &str, text: &str) -> anyhow::Result<Value> {
    let v = json_value(flag, text)?;
    if !v.is_object() {
        bail!("{flag} must be a JSON object, got {text:?}");
    }
    Ok(v)
}

/// The claims both token kinds share: info, aud (a string, or a list when repeated), iss,
/// expire_at.
fn add_claims(claims: &mut Value, c: &crate::args::ClaimArgs) -> anyhow::Result<()> {
    if let Some(info) = &c.info {
        set(claims, "info", json_value("--info", info)?);
    }
    match c.aud.as_slice() {
        [] => {}
        [one] => set(claims, "aud", Value::from(one.as_str())),
        many => set(claims, "aud", Value::from(many.to_vec())),
    }
    if let Some(iss) = &c.iss {
        set(claims, "iss", Value::from(iss.as_str()));
    }
    if let Some(at) = c.expire_at {
        set(claims, "expire_at", Value::from(at));
    }
    Ok(())
}

/// `exp` is set only for a positive TTL (v6: 0 and -1 give a token without `exp`).
fn ttl(a: &TokenArgs) -> Option<i64> {
    (a.ttl > 0).then_some(a.ttl)
}

fn describe_ttl(ttl: i64) -> String {
    if ttl >= 0 {
        format!("with expiration TTL {}", go_duration(ttl))
    } else {
        "without expiration".to_string()
    }
}

/// "HS256" -> "HMAC SHA-256", "RS384" -> "RSA SHA-384", "ES512" -> "ECDSA SHA-512".
fn describe_alg(alg: &str) -> String {
    let family = match alg.get(..2) {
        Some("RS") => "RSA",
        Some("ES") => "ECDSA",
        _ => "HMAC",
    };
    format!("{family} SHA-{}", alg.get(2..).unwrap_or_default())
}

/// Quiet mode prints only the token, without a newline, like v6.
fn print_token(quiet: bool, heading: &str, token: &str) {
    if quiet {
        print!("{token}");
    } else {
        println!("{heading}:\n{token}");
    }
}

/// Signs with the HMAC secret from the config, or with `--private-key`; returns the token and
/// the algorithm used. An RSA/ECDSA token is checked against the configured public key.
fn sign(
    claims: &Value,
    a: &TokenArgs,
    prefix: &str,
    settings: &TokenConfig,
    kind: Kind,
) -> anyhow::Result<(String, &'static str)> {
    let Some(key_path) = &a.private_key else {
        let alg = static_alg(a.alg.as_deref().unwrap_or("HS256"));
        if !alg.starts_with("HS") {
            bail!("--alg {alg} signs with a private key: pass it with --private-key PEM_FILE");
        }
        if settings.hmac_secret_key.is_empty() {
            bail!(
                "no HMAC secret key set: set {prefix}.hmac_secret_key (run `centrifugo genconfig` \
                 to create a config with one), or sign with --private-key PEM_FILE --alg RS256|ES256"
            );
        }
        let key = SigningKey::Hmac(settings.hmac_secret_key.as_bytes().to_vec());
        return Ok((auth::sign(claims, alg, &key)?, alg));
    };
    let pem = std::fs::read_to_string(key_path)
        .with_context(|| format!("reading private key {}", key_path.display()))?;
    let (token, alg) = match a.alg.as_deref() {
        Some(alg) => {
            let alg = static_alg(alg);
            let key = signing_key(alg, &pem)?;
            let token = auth::sign(claims, alg, &key)
                .with_context(|| format!("signing with {} as {alg}", key_path.display()))?;
            (token, alg)
        }
        None => INFERRED_ALGS
            .iter()
            .find_map(|alg| {
                let key = signing_key(alg, &pem).ok()?;
                Some((auth::sign(claims, alg, &key).ok()?, *alg))
            })
            .ok_or_else(|| {
                anyhow!(
                    "{} is not an RSA or ECDSA (P-256, P-384, P-521) private key PEM",
                    key_path.display()
                )
            })?,
    };
    check_public_key(&token, alg, prefix, settings, kind)?;
    Ok((token, alg))
}

/// `--alg` values come from a fixed list; this maps them to `'static` names.
fn static_alg(alg: &str) -> &'static str {
    const ALL: &[&str] = &[
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
    ];
    ALL.iter().copied().find(|a| *a == alg).unwrap_or("HS256")
}

fn signing_key(alg: &str, pem: &str) -> anyhow::Result<SigningKey> {
    match alg.get(..2) {
        Some("RS") => Ok(SigningKey::RsaPem(pem.to_string())),
        Some("ES") => Ok(SigningKey::EcdsaPem(pem.to_string())),
        _ => bail!(
            "--alg {alg} is an HMAC algorithm: it uses the configured secret, not --private-key"
        ),
    }
}

/// Verifies a freshly signed RSA/ECDSA token with the configured public key (key checks only:
/// no audience/issuer), so a private key that does not match the server's is caught here.
fn check_public_key(
    token: &str,
    alg: &str,
    prefix: &str,
    settings: &TokenConfig,
    kind: Kind,
) -> anyhow::Result<()> {
    let (setting, public) = if alg.starts_with("RS") {
        ("rsa_public_key", &settings.rsa_public_key)
    } else {
        ("ecdsa_public_key", &settings.ecdsa_public_key)
    };
    if public.is_empty() {
        eprintln!(
            "warning: {prefix}.{setting} is not set: the server will not accept this token \
             until it holds the matching public key"
        );
        return Ok(());
    }
    let mut only_key = TokenConfig {
        user_id_claim: settings.user_id_claim.clone(),
        ..TokenConfig::default()
    };
    if alg.starts_with("RS") {
        only_key.rsa_public_key = public.clone();
    } else {
        only_key.ecdsa_public_key = public.clone();
    }
    let verifier = Verifier::new(&only_key).map_err(|e| anyhow!("{prefix}: {e}"))?;
    let now = unix_now();
    let verified = match kind {
        Kind::Connection => verifier.verify_connect(token, now).map(|_| ()),
        Kind::Subscription => verifier.verify_subscribe(token, now).map(|_| ()),
    };
    verified.map_err(|e| {
        anyhow!(
            "the private key does not match {prefix}.{setting}: the new {alg} token does not \
             verify with it ({e})"
        )
    })
}
