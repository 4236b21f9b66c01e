//! `centrifugo checktoken` / `checksubtoken`: verify a JWT with the configured keys.

use crate::args::{CheckTokenArgs, Cli};
use crate::load::load_for_tool;
use crate::tokens::{settings_for, unix_now};
use anyhow::{anyhow, bail, Context};
use base64::Engine as _;
use centrifugo::tokens::Verifier;
use std::io::Read;

pub(crate) use crate::tokens::Kind;

/// Prints `valid token for user <u>` and `payload: <claims JSON>` (exit 0), or the reason the
/// token is refused (exit 1). The token comes from the argument or standard input.
pub(crate) fn run(cli: &Cli, args: &CheckTokenArgs, kind: Kind) -> anyhow::Result<()> {
    let token = match &args.token {
        Some(t) => t.trim().to_string(),
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the token from standard input")?;
            text.trim().to_string()
        }
    };
    if token.is_empty() {
        bail!("provide the token to check as an argument or on standard input");
    }
    let cfg = load_for_tool(cli)?;
    let (prefix, settings) = settings_for(kind, &cfg);
    if settings.hmac_secret_key.is_empty()
        && settings.rsa_public_key.is_empty()
        && settings.ecdsa_public_key.is_empty()
    {
        if settings.jwks_public_endpoint.is_empty() {
            bail!("no token key set: configure {prefix}.hmac_secret_key, {prefix}.rsa_public_key or {prefix}.ecdsa_public_key");
        }
        bail!("{prefix}.jwks_public_endpoint is set, but checking tokens against JWKS is not supported by this command");
    }
    let verifier = Verifier::new(&settings).map_err(|e| anyhow!("{prefix}: {e}"))?;
    let now = unix_now();
    let user = match kind {
        Kind::Connection => verifier.verify_connect(&token, now).map(|c| c.user),
        Kind::Subscription => verifier.verify_subscribe(&token, now).map(|c| c.user),
    }
    .map_err(|e| anyhow!("{e}"))?;
    if user.is_empty() {
        println!("valid token for anonymous user");
    } else {
        println!("valid token for user {user}");
    }
    println!("payload: {}", payload(&token)?);
    Ok(())
}

/// The claims part of a (verified) compact JWT as compact JSON.
fn payload(token: &str) -> anyhow::Result<String> {
    let part = token.split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .context("decoding the token payload")?;
    let claims: serde_json::Value =
        serde_json::from_slice(&bytes).context("parsing the token payload")?;
    Ok(claims.to_string())
}
