//! Verification keys from settings and signature checks for HS*, RS*, ES* and, for JWKS keys,
//! EdDSA (RustCrypto).
//!
//! Public keys are read like Go's `jwtutils.Parse*PublicKeyFromPEM`: the first PEM block, whatever
//! its label, holding a SubjectPublicKeyInfo or else an X.509 certificate. An ECDSA key enables
//! only the ES algorithm of its own curve, as cristalhq/jwt's `NewVerifierES` does.

use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use hmac::{Hmac, Mac};
use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::{ObjectIdentifier, SubjectPublicKeyInfoRef};

/// Largest RSA modulus accepted, in bits: Go verifies any size, 16384 bounds the work per token.
const RSA_MAX_BITS: usize = 16384;

/// `rsaEncryption` (RFC 8017).
const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey` (RFC 5480).
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// Signature algorithms Centrifugo verifies with static keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    ES256,
    ES384,
    ES512,
}

impl Alg {
    /// The algorithm named by a JOSE `alg` header value (case-sensitive).
    pub(crate) fn from_name(name: &str) -> Option<Alg> {
        Some(match name {
            "HS256" => Alg::HS256,
            "HS384" => Alg::HS384,
            "HS512" => Alg::HS512,
            "RS256" => Alg::RS256,
            "RS384" => Alg::RS384,
            "RS512" => Alg::RS512,
            "ES256" => Alg::ES256,
            "ES384" => Alg::ES384,
            "ES512" => Alg::ES512,
            _ => return None,
        })
    }
}

/// An ECDSA public key on one of the curves JWT defines.
#[derive(Clone)]
pub(crate) enum EcdsaKey {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
}

impl std::fmt::Debug for EcdsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EcdsaKey::P256(_) => "EcdsaKey::P256",
            EcdsaKey::P384(_) => "EcdsaKey::P384",
            EcdsaKey::P521(_) => "EcdsaKey::P521",
        })
    }
}

/// The keys of one verifier; an algorithm whose key is missing is "disabled".
#[derive(Clone, Default)]
pub(crate) struct KeySet {
    pub hmac: Option<Vec<u8>>,
    pub rsa: Option<RsaPublicKey>,
    pub ecdsa: Option<EcdsaKey>,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The HMAC secret must never reach logs.
        f.debug_struct("KeySet")
            .field("hmac", &self.hmac.as_ref().map(|_| "<redacted>"))
            .field("rsa", &self.rsa.is_some())
            .field("ecdsa", &self.ecdsa)
            .finish()
    }
}

impl KeySet {
    /// Checks `signature` over `input` with the key for `alg`.
    pub(crate) fn verify(&self, alg: &str, input: &[u8], signature: &[u8]) -> Result<(), String> {
        let Some(alg) = Alg::from_name(alg) else {
            return Err("unsupported JWT algorithm".into());
        };
        let disabled = || "disabled JWT algorithm".to_string();
        let ok = match alg {
            Alg::HS256 | Alg::HS384 | Alg::HS512 => {
                let key = self.hmac.as_deref().ok_or_else(disabled)?;
                verify_hmac(alg, key, input, signature)
            }
            Alg::RS256 | Alg::RS384 | Alg::RS512 => {
                let key = self.rsa.as_ref().ok_or_else(disabled)?;
                verify_rsa(alg, key, input, signature)
            }
            Alg::ES256 | Alg::ES384 | Alg::ES512 => {
                let key = self.ecdsa.as_ref().ok_or_else(disabled)?;
                verify_ecdsa(alg, key, input, signature).ok_or_else(disabled)?
            }
        };
        if ok {
            Ok(())
        } else {
            Err("signature verification failed".into())
        }
    }
}

/// PKCS#1 v1.5 check of an `RS*` signature.
pub(crate) fn verify_rsa(alg: Alg, key: &RsaPublicKey, input: &[u8], signature: &[u8]) -> bool {
    let (scheme, hashed) = rsa_pkcs1(alg, input);
    key.verify(scheme, &hashed, signature).is_ok()
}

/// Fixed-size `r || s` check of an `ES*` signature; `None` when the key's curve is not the
/// algorithm's (an ECDSA key enables only the ES algorithm of its own curve).
pub(crate) fn verify_ecdsa(
    alg: Alg,
    key: &EcdsaKey,
    input: &[u8],
    signature: &[u8],
) -> Option<bool> {
    use p256::ecdsa::signature::Verifier as _;
    Some(match (alg, key) {
        (Alg::ES256, EcdsaKey::P256(key)) => p256::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify(input, &sig).is_ok()),
        (Alg::ES384, EcdsaKey::P384(key)) => p384::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify(input, &sig).is_ok()),
        (Alg::ES512, EcdsaKey::P521(key)) => p521::ecdsa::Signature::from_slice(signature)
            .is_ok_and(|sig| key.verify(input, &sig).is_ok()),
        _ => return None,
    })
}

/// Ed25519 (`EdDSA`) check; strict verification refuses non-canonical and small-order inputs.
pub(crate) fn verify_ed25519(
    key: &ed25519_dalek::VerifyingKey,
    input: &[u8],
    signature: &[u8],
) -> bool {
    ed25519_dalek::Signature::from_slice(signature)
        .is_ok_and(|sig| key.verify_strict(input, &sig).is_ok())
}

/// An RSA public key from the big-endian modulus and exponent of a JWK (`n`, `e`).
pub(crate) fn rsa_from_components(n: &[u8], e: &[u8]) -> Result<RsaPublicKey, String> {
    let e = BigUint::from_bytes_be(e);
    if e > BigUint::from(i32::MAX as u32) {
        return Err("exponent is too big".into());
    }
    RsaPublicKey::new_with_max_size(BigUint::from_bytes_be(n), e, RSA_MAX_BITS)
        .map_err(|e| format!("not a valid RSA public key: {e}"))
}

/// An ECDSA public key from a JWK's curve name and fixed-size affine coordinates (`x`, `y`).
pub(crate) fn ecdsa_from_coordinates(crv: &str, x: &[u8], y: &[u8]) -> Result<EcdsaKey, String> {
    let size = match crv {
        "P-256" => 32,
        "P-384" => 48,
        "P-521" => 66,
        _ => return Err(format!("unknown elliptic curve {crv:?}")),
    };
    if x.len() != size || y.len() != size {
        return Err(format!("x and y must be {size} bytes each for {crv}"));
    }
    let mut sec1 = Vec::with_capacity(1 + 2 * size);
    sec1.push(0x04);
    sec1.extend_from_slice(x);
    sec1.extend_from_slice(y);
    let off_curve = |_| format!("(x, y) is not a point on {crv}");
    Ok(match size {
        32 => EcdsaKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
        48 => EcdsaKey::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
        _ => EcdsaKey::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(&sec1).map_err(off_curve)?),
    })
}

/// Constant-time HMAC check; the tag must have the hash's full length.
fn verify_hmac(alg: Alg, key: &[u8], input: &[u8], tag: &[u8]) -> bool {
    fn check<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8], tag: &[u8]) -> bool {
        match <M as hmac::digest::KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(input);
                mac.verify_slice(tag).is_ok()
            }
            Err(_) => false,
        }
    }
    match alg {
        Alg::HS256 => check::<Hmac<Sha256>>(key, input, tag),
        Alg::HS384 => check::<Hmac<Sha384>>(key, input, tag),
        _ => check::<Hmac<Sha512>>(key, input, tag),
    }
}

/// HMAC tag over `input` (used for signing).
/// The PKCS#1 v1.5 scheme and message digest of an `RS*` algorithm (RS512 for any other).
pub(crate) fn rsa_pkcs1(alg: Alg, input: &[u8]) -> (Pkcs1v15Sign, Vec<u8>) {
    match alg {
        Alg::RS256 => (
            Pkcs1v15Sign::new::<Sha256>(),
            Sha256::digest(input).to_vec(),
        ),
        Alg::RS384 => (
            Pkcs1v15Sign::new::<Sha384>(),
            Sha384::digest(input).to_vec(),
        ),
        _ => (
            Pkcs1v15Sign::new::<Sha512>(),
            Sha512::digest(input).to_vec(),
        ),
    }
}

pub(crate) fn hmac_tag(alg: Alg, key: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
    fn tag<M: Mac + hmac::digest::KeyInit>(key: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
        let mut mac =
            <M as hmac::digest::KeyInit>::new_from_slice(key).map_err(|e| e.to_string())?;
        mac.update(input);
        Ok(mac.finalize().into_bytes().to_vec())
    }
    match alg {
        Alg::HS256 => tag::<Hmac<Sha256>>(key, input),
        Alg::HS384 => tag::<Hmac<Sha384>>(key, input),
        Alg::HS512 => tag::<Hmac<Sha512>>(key, input),
        _ => Err("not an HMAC algorithm".into()),
    }
}

/// Reads an RSA public key from PEM text.
pub(crate) fn rsa_public_key(pem_text: &str) -> Result<RsaPublicKey, String> {
    let spki_der = spki_der(pem_text)?;
    let info = SubjectPublicKeyInfoRef::from_der(&spki_der).map_err(|e| e.to_string())?;
    if info.algorithm.oid != OID_RSA {
        return Err("key is not a valid RSA public key".into());
    }
    let pkcs1 = rsa::pkcs1::RsaPublicKey::from_der(info.subject_public_key.raw_bytes())
        .map_err(|e| format!("key is not a valid RSA public key: {e}"))?;
    let n = BigUint::from_bytes_be(pkcs1.modulus.as_bytes());
    let e = BigUint::from_bytes_be(pkcs1.public_exponent.as_bytes());
    RsaPublicKey::new_with_max_size(n, e, RSA_MAX_BITS)
        .map_err(|e| format!("key is not a valid RSA public key: {e}"))
}

/// Reads an ECDSA public key (P-256, P-384 or P-521) from PEM text.
pub(crate) fn ecdsa_public_key(pem_text: &str) -> Result<EcdsaKey, String> {
    use p256::pkcs8::DecodePublicKey;
    let spki_der = spki_der(pem_text)?;
    let info = SubjectPublicKeyInfoRef::from_der(&spki_der).map_err(|e| e.to_string())?;
    if info.algorithm.oid != OID_EC {
        return Err("key is not a valid ECDSA public key".into());
    }
    if let Ok(key) = p256::PublicKey::from_public_key_der(&spki_der) {
        return Ok(EcdsaKey::P256(key.into()));
    }
    if let Ok(key) = p384::PublicKey::from_public_key_der(&spki_der) {
        return Ok(EcdsaKey::P384(key.into()));
    }
    if let Ok(key) = p521::PublicKey::from_public_key_der(&spki_der) {
        let verifying = p521::ecdsa::VerifyingKey::from_affine(*key.as_affine())
            .map_err(|e| format!("key is not a valid ECDSA public key: {e}"))?;
        return Ok(EcdsaKey::P521(verifying));
    }
    Err("key is not a valid ECDSA public key on P-256, P-384 or P-521".into())
}

/// DER SubjectPublicKeyInfo from the first PEM block: the block itself or a certificate's key.
fn spki_der(pem_text: &str) -> Result<Vec<u8>, String> {
    let block = pem::parse(pem_text.as_bytes()).map_err(|_| "key must be PEM encoded")?;
    let body = block.contents();
    if SubjectPublicKeyInfoRef::from_der(body).is_ok() {
        return Ok(body.to_vec());
    }
    certificate_spki(body).map_err(|e| format!("not a public key or certificate: {e}"))
}

/// The subjectPublicKeyInfo inside an X.509 certificate (RFC 5280 §4.1).
fn certificate_spki(cert: &[u8]) -> der::Result<Vec<u8>> {
    let outer = AnyRef::from_der(cert)?;
    outer.tag().assert_eq(Tag::Sequence)?;
    let mut cert_reader = SliceReader::new(outer.value())?;
    let tbs: AnyRef = cert_reader.decode()?;
    tbs.tag().assert_eq(Tag::Sequence)?;
    let mut reader = SliceReader::new(tbs.value())?;
    let first: AnyRef = reader.decode()?;
    // [0] version is optional; after it come serialNumber, signature, issuer, validity, subject.
    let skip = if first.tag().is_context_specific() {
        5
    } else {
        4
    };
    for _ in 0..skip {
        let _: AnyRef = reader.decode()?;
    }
    let spki: AnyRef = reader.decode()?;
    let spki_der = spki.to_der()?;
    SubjectPublicKeyInfoRef::from_der(&spki_der)?;
    Ok(spki_der)
}
