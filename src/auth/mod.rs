//! Connection and subscription JWT verification and signing.
//!
//! Mirrors Centrifugo v6 `internal/jwtverify/token_verifier_jwt.go`: tokens are parsed the way
//! `cristalhq/jwt` and Go's `encoding/json` parse them (see [`gojson`]), checked in the same order
//! (regex audience/issuer, signature, exact audience/issuer, claims, expiry) and mapped to the same
//! two outcomes: [`TokenError::Expired`] (client error 109) or [`TokenError::Invalid`] (disconnect
//! 3500 / subscribe error 103). Channel-namespace checks stay with the caller.
//!
//! With `jwks_public_endpoint` the keys come from a JWKS endpoint ([`jwks`], `config::jwks_url`); the
//! async [`Verifier::connect`] / [`Verifier::subscribe`] fetch them, the sync methods use only
//! keys already cached.

mod claims;
mod gojson;
mod jwks;
mod jws;
mod keys;
mod sign;
mod verifier;

#[cfg(test)]
mod tests;

pub use claims::{ConnectClaims, SubscribeClaims, SubscribeOptions};
pub use sign::{connection_claims, sign, subscription_claims, SigningKey};
pub use verifier::Verifier;

/// Configuration or signing failure; `setting` names the `TokenConfig` key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// A setting holds a value that cannot be used.
    #[error("invalid {setting}: {reason}")]
    Setting {
        /// Field name inside `client.token` / `client.subscription_token`.
        setting: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A token could not be signed (bad private key, algorithm/key mismatch).
    #[error("error signing token: {0}")]
    Sign(String),
}

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// `exp` is not in the future or `nbf` is in the future (Centrifugo's "token expired").
    #[error("token expired")]
    Expired,
    /// Anything else; the reason is for logs and is never sent to clients.
    #[error("invalid token: {0}")]
    Invalid(String),
}

impl TokenError {
    pub(crate) fn invalid(reason: impl Into<String>) -> TokenError {
        TokenError::Invalid(reason.into())
    }
}
