//! The token verifier: Centrifugo's `VerifyConnectToken` / `VerifySubscribeToken` check order,
//! with static keys or a JWKS endpoint.

use regex::Regex;

use super::claims::{ConnectClaims, ConnectExtra, Registered, SubscribeClaims, SubscribeExtra};
use super::gojson::{self, Object};
use super::jwks::Jwks;
use super::jws::Jws;
use super::keys::{self, KeySet};
use super::{AuthError, TokenError};
use crate::config::jwks_url::{self, Vars};
use crate::config::TokenConfig;

/// Verifies connection or subscription tokens against the keys and claim checks of one
/// `client.token` or `client.subscription_token` section.
#[derive(Debug, Clone)]
pub struct Verifier {
    keys: KeySet,
    previous_hmac: Option<KeySet>,
    previous_hmac_valid_until: i64,
    audience: String,
    audience_re: Option<Regex>,
    issuer: String,
    issuer_re: Option<Regex>,
    user_id_claim: String,
    skip_signature: bool,
    /// With `jwks_public_endpoint`: the key source, replacing the static keys entirely.
    jwks: Option<Jwks>,
}

impl Verifier {
    /// Builds a verifier; a bad key, regex or claim name is an error naming the setting.
    pub fn new(settings: &TokenConfig) -> Result<Verifier, AuthError> {
        let bad = |setting: &'static str, reason: String| AuthError::Setting { setting, reason };
        if !settings.audience.is_empty() && !settings.audience_regex.is_empty() {
            return Err(bad(
                "audience_regex",
                "can not use both audience and audience_regex, configure only one of them".into(),
            ));
        }
        if !settings.issuer.is_empty() && !settings.issuer_regex.is_empty() {
            return Err(bad(
                "issuer_regex",
                "can not use both issuer and issuer_regex, configure only one of them".into(),
            ));
        }
        let compile = |setting: &'static str, pattern: &str| {
            if pattern.is_empty() {
                return Ok(None);
            }
            Regex::new(pattern)
                .map(Some)
                .map_err(|e| bad(setting, e.to_string()))
        };
        let audience_re = compile("audience_regex", &settings.audience_regex)?;
        let issuer_re = compile("issuer_regex", &settings.issuer_regex)?;
        let claim = &settings.user_id_claim;
        if !claim.is_empty() && !claim.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
            return Err(bad("user_id_claim", "must match ^[a-zA-Z_]+$".into()));
        }

        let mut keys = KeySet::default();
        if !settings.hmac_secret_key.is_empty() {
            keys.hmac = Some(settings.hmac_secret_key.as_bytes().to_vec());
        }
        if !settings.rsa_public_key.is_empty() {
            let key = keys::rsa_public_key(&settings.rsa_public_key)
                .map_err(|e| bad("rsa_public_key", e))?;
            keys.rsa = Some(key);
        }
        if !settings.ecdsa_public_key.is_empty() {
            let key = keys::ecdsa_public_key(&settings.ecdsa_public_key)
                .map_err(|e| bad("ecdsa_public_key", e))?;
            keys.ecdsa = Some(key);
        }
        let jwks = match jwks_url::checked(settings).map_err(|e| bad(e.setting, e.reason))? {
            Some((template, skipped)) => {
                if let Some(problem) = skipped {
                    tracing::warn!(
                        setting = problem.setting,
                        reason = %problem.reason,
                        "JWKS endpoint template safety check skipped: this is INSECURE, \
                         use an explicit list of allowed values"
                    );
                }
                Some(Jwks::new(template).map_err(|e| bad("jwks_public_endpoint", e))?)
            }
            None => None,
        };
        let previous_hmac = (!settings.hmac_previous_secret_key.is_empty()).then(|| KeySet {
            hmac: Some(settings.hmac_previous_secret_key.as_bytes().to_vec()),
            ..KeySet::default()
        });

        Ok(Verifier {
            keys,
            previous_hmac,
            previous_hmac_valid_until: settings.hmac_previous_secret_key_valid_until,
            audience: settings.audience.clone(),
            audience_re,
            issuer: settings.issuer.clone(),
            issuer_re,
            user_id_claim: settings.user_id_claim.clone(),
            skip_signature: false,
            jwks,
        })
    }

    /// Parses claims without checking the signature (`client.insecure_skip_token_signature_verify`,
    /// development only) when `skip` is set.
    pub fn skipping_signature(mut self, skip: bool) -> Verifier {
        self.skip_signature = skip;
        self
    }

    /// Verifies a connection token at `now_unix` (seconds). With `jwks_public_endpoint` only
    /// keys already in the cache are used; [`Verifier::connect`] fetches them.
    pub fn verify_connect(&self, token: &str, now_unix: i64) -> Result<ConnectClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let (obj, reg, extra, vars) = self.decode_connect(&jws)?;
        self.signature_sync(&jws, &vars, now_unix)?;
        self.finish_connect(&obj, reg, extra, now_unix)
    }

    /// Verifies a connection token at `now_unix` (seconds), fetching JWKS keys when configured;
    /// otherwise the same as [`Verifier::verify_connect`].
    pub async fn connect(&self, token: &str, now_unix: i64) -> Result<ConnectClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let (obj, reg, extra, vars) = self.decode_connect(&jws)?;
        self.signature(&jws, &vars, now_unix).await?;
        self.finish_connect(&obj, reg, extra, now_unix)
    }

    /// Verifies a subscription token at `now_unix` (seconds). With `jwks_public_endpoint` only
    /// keys already in the cache are used; [`Verifier::subscribe`] fetches them.
    pub fn verify_subscribe(
        &self,
        token: &str,
        now_unix: i64,
    ) -> Result<SubscribeClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let (obj, reg, extra, vars) = self.decode_subscribe(&jws)?;
        self.signature_sync(&jws, &vars, now_unix)?;
        self.finish_subscribe(&obj, reg, extra, now_unix)
    }

    /// Verifies a subscription token at `now_unix` (seconds), fetching JWKS keys when
    /// configured; otherwise the same as [`Verifier::verify_subscribe`].
    pub async fn subscribe(
        &self,
        token: &str,
        now_unix: i64,
    ) -> Result<SubscribeClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let (obj, reg, extra, vars) = self.decode_subscribe(&jws)?;
        self.signature(&jws, &vars, now_unix).await?;
        self.finish_subscribe(&obj, reg, extra, now_unix)
    }

    /// Decodes the payload and matches the regex claims (before the signature, as Go does: the
    /// groups they capture may pick the JWKS URL).
    fn decode_connect<'j>(
        &self,
        jws: &'j Jws,
    ) -> Result<(Object<'j>, Registered, ConnectExtra<'j>, Vars), TokenError> {
        let obj = Object::parse(&jws.payload).map_err(TokenError::Invalid)?;
        let reg = Registered::decode(&obj).map_err(TokenError::Invalid)?;
        let extra = ConnectExtra::decode(&obj).map_err(TokenError::Invalid)?;
        let vars = self.match_claims(&reg)?;
        Ok((obj, reg, extra, vars))
    }

    fn decode_subscribe<'j>(
        &self,
        jws: &'j Jws,
    ) -> Result<(Object<'j>, Registered, SubscribeExtra<'j>, Vars), TokenError> {
        let obj = Object::parse(&jws.payload).map_err(TokenError::Invalid)?;
        let reg = Registered::decode(&obj).map_err(TokenError::Invalid)?;
        let extra = SubscribeExtra::decode(&obj).map_err(TokenError::Invalid)?;
        let vars = self.match_claims(&reg)?;
        Ok((obj, reg, extra, vars))
    }

    /// The checks after the signature, for a connection token.
    fn finish_connect(
        &self,
        obj: &Object,
        reg: Registered,
        extra: ConnectExtra,
        now_unix: i64,
    ) -> Result<ConnectClaims, TokenError> {
        self.check_exact(&reg)?;
        if !extra.channel.is_empty() {
            return Err(TokenError::invalid(
                "connection JWT can not contain channel claim, only subscription JWT can",
            ));
        }
        if reg.is_expired(now_unix) {
            return Err(TokenError::Expired);
        }
        let user = self.user_id(obj, &reg);
        extra.finish(reg, user).map_err(TokenError::Invalid)
    }

    /// The checks after the signature, for a subscription token.
    fn finish_subscribe(
        &self,
        obj: &Object,
        reg: Registered,
        extra: SubscribeExtra,
        now_unix: i64,
    ) -> Result<SubscribeClaims, TokenError> {
        self.check_exact(&reg)?;
        if reg.is_expired(now_unix) {
            return Err(TokenError::Expired);
        }
        if extra.channel.is_empty() {
            return Err(TokenError::invalid(
                "channel claim is required for subscription JWT",
            ));
        }
        let user = self.user_id(obj, &reg);
        extra.finish(reg, user).map_err(TokenError::Invalid)
    }

    /// `issuer_regex` / `audience_regex`; with a templated JWKS URL also the values of their
    /// named groups (the first matching audience's, which win over the issuer's).
    fn match_claims(&self, reg: &Registered) -> Result<Vars, TokenError> {
        let templated = self.jwks.as_ref().is_some_and(Jwks::templated);
        let mut vars = Vars::new();
        let mut collect = |re: &Regex, caps: regex::Captures| {
            for name in re.capture_names().flatten() {
                let value = caps.name(name).map_or("", |m| m.as_str());
                vars.insert(name.to_string(), value.to_string());
            }
        };
        if let Some(re) = &self.issuer_re {
            if !templated {
                if !re.is_match(&reg.iss) {
                    return Err(TokenError::invalid("issuer not matched"));
                }
            } else {
                let caps = re
                    .captures(&reg.iss)
                    .ok_or_else(|| TokenError::invalid("issuer not matched"))?;
                collect(re, caps);
            }
        }
        if let Some(re) = &self.audience_re {
            if !templated {
                if !reg.aud.iter().any(|aud| re.is_match(aud)) {
                    return Err(TokenError::invalid("audience not matched"));
                }
            } else {
                let caps = reg
                    .aud
                    .iter()
                    .find_map(|aud| re.captures(aud))
                    .ok_or_else(|| TokenError::invalid("audience not matched"))?;
                collect(re, caps);
            }
        }
        Ok(vars)
    }

    /// Exact `audience` and `issuer`, checked after the signature (Go's order).
    fn check_exact(&self, reg: &Registered) -> Result<(), TokenError> {
        if !self.audience.is_empty() && !reg.aud.contains(&self.audience) {
            return Err(TokenError::invalid("invalid audience"));
        }
        if !self.issuer.is_empty() && reg.iss != self.issuer {
            return Err(TokenError::invalid("invalid issuer"));
        }
        Ok(())
    }

    /// The signature with static keys, or with a JWKS key already in the cache.
    fn signature_sync(&self, jws: &Jws, vars: &Vars, now: i64) -> Result<(), TokenError> {
        if self.skip_signature {
            return Ok(());
        }
        let result = match &self.jwks {
            Some(jwks) => jwks.cached(vars, &jws.kid).and_then(|key| key.verify(jws)),
            None => self.verify_signature(jws, now),
        };
        result.map_err(TokenError::Invalid)
    }

    /// The signature with static keys, or with the JWKS key, fetched when needed.
    async fn signature(&self, jws: &Jws<'_>, vars: &Vars, now: i64) -> Result<(), TokenError> {
        match &self.jwks {
            Some(jwks) if !self.skip_signature => jwks
                .key(vars, &jws.kid)
                .await
                .and_then(|key| key.verify(jws))
                .map_err(TokenError::Invalid),
            _ => self.signature_sync(jws, vars, now),
        }
    }

    /// Current keys first; the previous HMAC secret only while it is still valid.
    fn verify_signature(&self, jws: &Jws, now: i64) -> Result<(), String> {
        let result = self
            .keys
            .verify(&jws.alg, jws.signing_input, &jws.signature);
        if result.is_err() {
            if let Some(previous) = &self.previous_hmac {
                let until = self.previous_hmac_valid_until;
                let still_valid = until <= 0 || now <= until;
                if still_valid
                    && previous
                        .verify(&jws.alg, jws.signing_input, &jws.signature)
                        .is_ok()
                {
                    return Ok(());
                }
            }
        }
        result
    }

    /// `sub`, or the configured claim read the way gjson stringifies it.
    fn user_id(&self, obj: &Object, reg: &Registered) -> String {
        if self.user_id_claim.is_empty() {
            return reg.sub.clone();
        }
        obj.first_exact(&self.user_id_claim)
            .map(gojson::gjson_string)
            .unwrap_or_default()
    }
}
