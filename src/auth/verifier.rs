//! The token verifier: Centrifugo's `VerifyConnectToken` / `VerifySubscribeToken` check order.

use regex::Regex;

use super::claims::{ConnectClaims, ConnectExtra, Registered, SubscribeClaims, SubscribeExtra};
use super::gojson::{self, Object};
use super::jws::Jws;
use super::keys::{self, KeySet};
use super::{AuthError, TokenError};
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
        })
    }

    /// Parses claims without checking the signature (`client.insecure_skip_token_signature_verify`,
    /// development only) when `skip` is set.
    pub fn skipping_signature(mut self, skip: bool) -> Verifier {
        self.skip_signature = skip;
        self
    }

    /// Verifies a connection token at `now_unix` (seconds).
    pub fn verify_connect(&self, token: &str, now_unix: i64) -> Result<ConnectClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let obj = Object::parse(&jws.payload).map_err(TokenError::Invalid)?;
        let reg = Registered::decode(&obj).map_err(TokenError::Invalid)?;
        let extra = ConnectExtra::decode(&obj).map_err(TokenError::Invalid)?;

        self.check(&jws, &reg, now_unix)?;
        if !extra.channel.is_empty() {
            return Err(TokenError::invalid(
                "connection JWT can not contain channel claim, only subscription JWT can",
            ));
        }
        if reg.is_expired(now_unix) {
            return Err(TokenError::Expired);
        }
        let user = self.user_id(&obj, &reg);
        extra.finish(reg, user).map_err(TokenError::Invalid)
    }

    /// Verifies a subscription token at `now_unix` (seconds).
    pub fn verify_subscribe(
        &self,
        token: &str,
        now_unix: i64,
    ) -> Result<SubscribeClaims, TokenError> {
        let jws = Jws::parse(token).map_err(TokenError::Invalid)?;
        let obj = Object::parse(&jws.payload).map_err(TokenError::Invalid)?;
        let reg = Registered::decode(&obj).map_err(TokenError::Invalid)?;
        let extra = SubscribeExtra::decode(&obj).map_err(TokenError::Invalid)?;

        self.check(&jws, &reg, now_unix)?;
        if reg.is_expired(now_unix) {
            return Err(TokenError::Expired);
        }
        if extra.channel.is_empty() {
            return Err(TokenError::invalid(
                "channel claim is required for subscription JWT",
            ));
        }
        let user = self.user_id(&obj, &reg);
        extra.finish(reg, user).map_err(TokenError::Invalid)
    }

    /// Regex claims, then the signature, then exact audience and issuer (Go's order).
    fn check(&self, jws: &Jws, reg: &Registered, now: i64) -> Result<(), TokenError> {
        if let Some(re) = &self.issuer_re {
            if !re.is_match(&reg.iss) {
                return Err(TokenError::invalid("issuer not matched"));
            }
        }
        if let Some(re) = &self.audience_re {
            if !reg.aud.iter().any(|aud| re.is_match(aud)) {
                return Err(TokenError::invalid("audience not matched"));
            }
        }
        if !self.skip_signature {
            self.verify_signature(jws, now)
                .map_err(TokenError::Invalid)?;
        }
        if !self.audience.is_empty() && !reg.aud.contains(&self.audience) {
            return Err(TokenError::invalid("invalid audience"));
        }
        if !self.issuer.is_empty() && reg.iss != self.issuer {
            return Err(TokenError::invalid("invalid issuer"));
        }
        Ok(())
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
