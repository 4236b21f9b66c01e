//! Connection and subscription JWT verification and signing. (Temporary stub; replaced by the full module.)

use bytes::Bytes;

#[derive(Debug, Clone, Default)]
pub struct TokenSettings {
    pub hmac_secret_key: String,
    pub hmac_previous_secret_key: String,
    pub hmac_previous_secret_key_valid_until: i64,
    pub rsa_public_key: String,
    pub ecdsa_public_key: String,
    pub audience: String,
    pub audience_regex: String,
    pub issuer: String,
    pub issuer_regex: String,
    pub user_id_claim: String,
    pub insecure_skip_signature_verify: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{0}")]
    Config(String),
}

#[derive(Debug)]
pub enum TokenError {
    Expired,
    Invalid(String),
}

#[derive(Debug, Clone, Default)]
pub struct SubscribeOptions {
    pub info: Option<Bytes>,
    pub data: Option<Bytes>,
    pub override_presence: Option<bool>,
    pub override_join_leave: Option<bool>,
    pub override_force_recovery: Option<bool>,
    pub override_force_positioning: Option<bool>,
    pub override_force_push_join_leave: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct ConnectClaims {
    pub user: String,
    pub exp: Option<i64>,
    pub expire_at: Option<i64>,
    pub iat: Option<i64>,
    pub jti: Option<String>,
    pub info: Option<Bytes>,
    pub channels: Vec<String>,
    pub subs: Vec<(String, SubscribeOptions)>,
    pub meta: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default)]
pub struct SubscribeClaims {
    pub user: String,
    pub channel: String,
    pub client: Option<String>,
    pub exp: Option<i64>,
    pub expire_at: Option<i64>,
    pub info: Option<Bytes>,
    pub data: Option<Bytes>,
    pub opts: SubscribeOptions,
}

pub struct Verifier;

impl Verifier {
    pub fn new(_s: &TokenSettings) -> Result<Verifier, AuthError> {
        Ok(Verifier)
    }
    pub fn verify_connect(&self, _t: &str, _now: i64) -> Result<ConnectClaims, TokenError> {
        Err(TokenError::Invalid("stub".into()))
    }
    pub fn verify_subscribe(&self, _t: &str, _now: i64) -> Result<SubscribeClaims, TokenError> {
        Err(TokenError::Invalid("stub".into()))
    }
}
