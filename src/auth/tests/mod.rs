//! Unit tests for token verification and signing: shared keys and helpers.
//! Keys in `../testdata/` were made with openssl for these tests only.
#![allow(clippy::unwrap_used)]

mod algorithms;
mod claims;
mod go_vectors;
mod jwks;

use base64::Engine;
use serde_json::Value;

use super::{sign, SigningKey, TokenError, Verifier};
use crate::config::TokenConfig;

pub(super) const NOW: i64 = 1_700_000_000;
pub(super) const SECRET: &str = "secret";

pub(super) const RSA_PRIVATE: &str = include_str!("../testdata/rsa_private.pem");
pub(super) const RSA_PRIVATE_PKCS1: &str = include_str!("../testdata/rsa_private_pkcs1.pem");
pub(super) const RSA_PUBLIC: &str = include_str!("../testdata/rsa_public.pem");
pub(super) const RSA_CERT: &str = include_str!("../testdata/rsa_cert.pem");
pub(super) const RSA2_PUBLIC: &str = include_str!("../testdata/rsa2_public.pem");
pub(super) const EC256_PRIVATE: &str = include_str!("../testdata/ec_p256_private.pem");
pub(super) const EC256_PRIVATE_SEC1: &str = include_str!("../testdata/ec_p256_private_sec1.pem");
pub(super) const EC256_PUBLIC: &str = include_str!("../testdata/ec_p256_public.pem");
pub(super) const EC2_256_PUBLIC: &str = include_str!("../testdata/ec2_p256_public.pem");
pub(super) const EC384_PRIVATE: &str = include_str!("../testdata/ec_p384_private.pem");
pub(super) const EC384_PUBLIC: &str = include_str!("../testdata/ec_p384_public.pem");
pub(super) const EC521_PRIVATE: &str = include_str!("../testdata/ec_p521_private.pem");
pub(super) const EC521_PUBLIC: &str = include_str!("../testdata/ec_p521_public.pem");

pub(super) fn hs() -> TokenConfig {
    TokenConfig {
        hmac_secret_key: SECRET.into(),
        ..TokenConfig::default()
    }
}

pub(super) fn verifier(settings: TokenConfig) -> Verifier {
    Verifier::new(&settings).unwrap()
}

pub(super) fn hs_token(claims: Value) -> String {
    sign(&claims, "HS256", &SigningKey::Hmac(SECRET.into())).unwrap()
}

pub(super) fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A token with arbitrary header and payload text and a junk signature.
pub(super) fn raw_token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes()),
        b64url(b"sig")
    )
}

pub(super) fn invalid<T: std::fmt::Debug>(result: Result<T, TokenError>) -> String {
    match result {
        Err(TokenError::Invalid(reason)) => reason,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

/// A correctly HS256-signed token over exact payload text.
pub(super) fn hs_token_text(payload: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url(br#"{"alg":"HS256"}"#),
        b64url(payload.as_bytes())
    );
    let tag = super::keys::hmac_tag(super::keys::Alg::HS256, SECRET.as_bytes(), input.as_bytes());
    format!("{input}.{}", b64url(&tag.unwrap()))
}
