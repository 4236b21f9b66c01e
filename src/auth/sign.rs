//! Token signing for the `gentoken` / `gensubtoken` commands and tests.

use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

use super::jws::encode_raw_url;
use super::keys::{hmac_tag, rsa_pkcs1, Alg};
use super::AuthError;

/// A private key to sign with; RSA and ECDSA keys are PEM (PKCS#8, PKCS#1 or SEC1).
#[derive(Clone, PartialEq, Eq)]
pub enum SigningKey {
    /// HMAC secret bytes (HS256/384/512).
    Hmac(Vec<u8>),
    /// RSA private key PEM (RS256/384/512).
    RsaPem(String),
    /// ECDSA private key PEM; the curve must match the algorithm (ES256/384/512).
    EcdsaPem(String),
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print secrets.
        let kind = match self {
            SigningKey::Hmac(_) => "Hmac",
            SigningKey::RsaPem(_) => "RsaPem",
            SigningKey::EcdsaPem(_) => "EcdsaPem",
        };
        write!(f, "SigningKey::{kind}(..)")
    }
}

/// Signs `claims` as a compact JWT with header `{"alg":alg,"typ":"JWT"}`.
pub fn sign(claims: &Value, alg: &str, key: &SigningKey) -> Result<String, AuthError> {
    sign_with_kid(claims, alg, None, key)
}

/// Like [`sign`], with a `kid` header naming the key (as a JWKS key set lists it).
pub(crate) fn sign_with_kid(
    claims: &Value,
    alg: &str,
    kid: Option<&str>,
    key: &SigningKey,
) -> Result<String, AuthError> {
    let err = |msg: &str| AuthError::Sign(msg.to_string());
    let algorithm = Alg::from_name(alg).ok_or_else(|| err("unsupported JWT algorithm"))?;
    let header = match kid {
        Some(kid) => json!({ "alg": alg, "typ": "JWT", "kid": kid }),
        None => json!({ "alg": alg, "typ": "JWT" }),
    };
    let payload = serde_json::to_vec(claims).map_err(|e| AuthError::Sign(e.to_string()))?;
    let mut token = encode_raw_url(header.to_string().as_bytes());
    token.push('.');
    token.push_str(&encode_raw_url(&payload));
    let input = token.as_bytes();

    let signature = match (algorithm, key) {
        (Alg::HS256 | Alg::HS384 | Alg::HS512, SigningKey::Hmac(secret)) => {
            if secret.is_empty() {
                return Err(err("HMAC secret key is empty"));
            }
            hmac_tag(algorithm, secret, input).map_err(AuthError::Sign)?
        }
        (Alg::RS256 | Alg::RS384 | Alg::RS512, SigningKey::RsaPem(pem)) => {
            let private = RsaPrivateKey::from_pkcs8_pem(pem)
                .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
                .map_err(|_| err("key is not a valid RSA private key PEM"))?;
            let (scheme, hashed) = rsa_pkcs1(algorithm, input);
            private
                .sign(scheme, &hashed)
                .map_err(|e| AuthError::Sign(e.to_string()))?
        }
        (Alg::ES256 | Alg::ES384 | Alg::ES512, SigningKey::EcdsaPem(pem)) => {
            sign_ecdsa(algorithm, pem, input)?
        }
        _ => return Err(err("key type does not match the algorithm")),
    };
    token.push('.');
    token.push_str(&encode_raw_url(&signature));
    Ok(token)
}

/// Fixed-size `r || s` ECDSA signature (RFC 7518 §3.4), deterministic per RFC 6979.
fn sign_ecdsa(alg: Alg, pem: &str, input: &[u8]) -> Result<Vec<u8>, AuthError> {
    use p256::ecdsa::signature::Signer;
    let mismatch =
        || AuthError::Sign("key is not a valid ECDSA private key for this algorithm".into());
    match alg {
        Alg::ES256 => {
            let secret = p256::SecretKey::from_pkcs8_pem(pem)
                .or_else(|_| p256::SecretKey::from_sec1_pem(pem))
                .map_err(|_| mismatch())?;
            let sig: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(secret).sign(input);
            Ok(sig.to_bytes().to_vec())
        }
        Alg::ES384 => {
            let secret = p384::SecretKey::from_pkcs8_pem(pem)
                .or_else(|_| p384::SecretKey::from_sec1_pem(pem))
                .map_err(|_| mismatch())?;
            let sig: p384::ecdsa::Signature = p384::ecdsa::SigningKey::from(secret).sign(input);
            Ok(sig.to_bytes().to_vec())
        }
        _ => {
            let secret = p521::SecretKey::from_pkcs8_pem(pem)
                .or_else(|_| p521::SecretKey::from_sec1_pem(pem))
                .map_err(|_| mismatch())?;
            let signing =
                p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes()).map_err(|_| mismatch())?;
            let sig: p521::ecdsa::Signature = signing.sign(input);
            Ok(sig.to_bytes().to_vec())
        }
    }
}

/// Connection claims as `centrifugo gentoken` builds them: `sub` (omitted when empty), `iat`,
/// `exp` when `ttl_seconds` is positive, and `user_id_claim` (if set) holding the user too.
pub fn connection_claims(
    user: &str,
    user_id_claim: &str,
    now: i64,
    ttl_seconds: Option<i64>,
) -> Value {
    let mut claims = base_claims(user, now, ttl_seconds);
    if !user_id_claim.is_empty() {
        claims.insert(user_id_claim.to_string(), Value::from(user));
    }
    Value::Object(claims)
}

/// Subscription claims as `centrifugo gensubtoken` builds them: `sub`, `channel`, `iat`, `exp`.
pub fn subscription_claims(user: &str, channel: &str, now: i64, ttl_seconds: Option<i64>) -> Value {
    let mut claims = base_claims(user, now, ttl_seconds);
    claims.insert("channel".into(), Value::from(channel));
    Value::Object(claims)
}

fn base_claims(user: &str, now: i64, ttl_seconds: Option<i64>) -> serde_json::Map<String, Value> {
    let mut claims = serde_json::Map::new();
    if !user.is_empty() {
        claims.insert("sub".into(), Value::from(user));
    }
    claims.insert("iat".into(), Value::from(now));
    if let Some(ttl) = ttl_seconds.filter(|ttl| *ttl > 0) {
        claims.insert("exp".into(), Value::from(now.saturating_add(ttl)));
    }
    claims
}
