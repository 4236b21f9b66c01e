//! Admin session tokens and password checks: `<payload>.<signature>`, both base64url, the signature
//! an HMAC-SHA256 of the payload under `admin.secret`. Like Centrifugo's, a token has no expiry: it
//! stays valid until the secret changes. Every comparison runs in constant time.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// What a token asserts; the version prefix lets a later format be told apart.
const CLAIM: &str = "centrifugo-admin.v1.authorized";

/// Random bytes in each token, so two logins never hand out the same string.
const NONCE_LEN: usize = 16;

fn mac(secret: &str) -> Option<HmacSha256> {
    // HMAC takes keys of any length; an empty secret never signs or verifies anything.
    if secret.is_empty() {
        return None;
    }
    HmacSha256::new_from_slice(secret.as_bytes()).ok()
}

/// A new token signed with `secret`; None when the secret is empty.
pub(super) fn issue(secret: &str) -> Option<String> {
    let nonce: [u8; NONCE_LEN] = rand::random();
    let payload = format!("{CLAIM}.{}", URL_SAFE_NO_PAD.encode(nonce));
    let payload = URL_SAFE_NO_PAD.encode(payload.as_bytes());
    let mut m = mac(secret)?;
    m.update(payload.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    Some(format!("{payload}.{sig}"))
}

/// Whether `token` was issued with `secret` (signature checked in constant time, then the claim).
pub(super) fn verify(secret: &str, token: &str) -> bool {
    let Some((payload, sig)) = token.split_once('.') else {
        return false;
    };
    let Ok(sig) = URL_SAFE_NO_PAD.decode(sig) else {
        return false;
    };
    let Some(mut m) = mac(secret) else {
        return false;
    };
    m.update(payload.as_bytes());
    if m.verify_slice(&sig).is_err() {
        return false;
    }
    URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|p| String::from_utf8(p).ok())
        .is_some_and(|p| {
            p.strip_prefix(CLAIM)
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// Compares two secrets in time independent of where they differ and of their lengths (both are
/// hashed first, then every byte of the digests is looked at).
pub(super) fn same_secret(a: &str, b: &str) -> bool {
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}

/// The token of an `Authorization: token <t>` header value (scheme case-insensitive).
pub(super) fn from_header(value: &str) -> Option<&str> {
    let (scheme, t) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("token")
        .then_some(t.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_with_their_secret_only() {
        let t = issue("s3cret").expect("token");
        assert!(verify("s3cret", &t));
        assert!(!verify("other", &t));
        assert!(!verify("", &t));
        assert_ne!(t, issue("s3cret").expect("token"), "each token has a nonce");
        assert!(issue("").is_none());
    }

    #[test]
    fn tampered_or_malformed_tokens_are_refused() {
        let t = issue("k").expect("token");
        let (payload, sig) = t.split_once('.').expect("two parts");
        for bad in [
            "",
            ".",
            "nodot",
            &format!("{payload}."),
            &format!(".{sig}"),
            &format!("{payload}x.{sig}"),
            &format!("{payload}.{sig}x"),
            &format!("{payload}.!!!"),
            &format!("{t}.extra"),
        ] {
            assert!(!verify("k", bad), "{bad:?} accepted");
        }
        // A correctly signed payload that does not carry the claim is refused too.
        let other = URL_SAFE_NO_PAD.encode(b"something else");
        let mut m = mac("k").expect("mac");
        m.update(other.as_bytes());
        let forged = format!(
            "{other}.{}",
            URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
        );
        assert!(!verify("k", &forged));
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("pw", "pw"));
        assert!(!same_secret("pw", "pW"));
        assert!(!same_secret("pw", "pw "));
        assert!(!same_secret("pw", ""));
    }

    #[test]
    fn authorization_header_names_the_token_scheme() {
        assert_eq!(from_header("token abc"), Some("abc"));
        assert_eq!(from_header("Token  abc "), Some("abc"));
        assert_eq!(from_header("Bearer abc"), None);
        assert_eq!(from_header("token "), None);
        assert_eq!(from_header("token"), None);
    }
}
