//! JWKS keys: JWK parsing (RSA, EC, OKP), signature checks with them, and the key cache.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::Signer as _;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};

use super::*;
use crate::auth::jwks::{parse_set, Jwk, KeyCache, Lookup, KEY_TTL, REFETCH_INTERVAL, STALE_GRACE};
use crate::auth::jws::Jws;
use crate::auth::sign::sign_with_kid;
use crate::auth::AuthError;

fn rsa_jwk(pem: &str, kid: &str, alg: Option<&str>) -> Value {
    let key = rsa::RsaPublicKey::from_public_key_pem(pem).unwrap();
    let mut jwk = json!({
        "kty": "RSA", "use": "sig", "kid": kid,
        "n": b64url(&key.n().to_bytes_be()), "e": b64url(&key.e().to_bytes_be()),
    });
    if let Some(alg) = alg {
        jwk["alg"] = json!(alg);
    }
    jwk
}

fn ec_jwk(pem: &str, kid: &str) -> Value {
    let (crv, point) = if let Ok(k) = p256::PublicKey::from_public_key_pem(pem) {
        ("P-256", k.to_encoded_point(false).as_bytes().to_vec())
    } else if let Ok(k) = p384::PublicKey::from_public_key_pem(pem) {
        ("P-384", k.to_encoded_point(false).as_bytes().to_vec())
    } else {
        let k = p521::PublicKey::from_public_key_pem(pem).unwrap();
        ("P-521", k.to_encoded_point(false).as_bytes().to_vec())
    };
    let size = (point.len() - 1) / 2;
    json!({
        "kty": "EC", "use": "sig", "kid": kid, "crv": crv,
        "x": b64url(&point[1..1 + size]), "y": b64url(&point[1 + size..]),
    })
}

fn ed_key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[7u8; 32])
}

fn ed_jwk(kid: &str) -> Value {
    json!({
        "kty": "OKP", "use": "sig", "kid": kid, "crv": "Ed25519",
        "x": b64url(ed_key().verifying_key().as_bytes()),
    })
}

fn parse(v: &Value) -> Jwk {
    Jwk::parse(v).unwrap().unwrap().1
}

fn claims() -> Value {
    json!({"sub": "42", "exp": NOW + 3600})
}

fn token(alg: &str, kid: &str, key: SigningKey) -> String {
    sign_with_kid(&claims(), alg, Some(kid), &key).unwrap()
}

fn ed_token(kid: &str, alg: &str) -> String {
    let header = json!({"alg": alg, "kid": kid}).to_string();
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims().to_string().as_bytes())
    );
    let sig = ed_key().sign(input.as_bytes());
    format!("{input}.{}", b64url(&sig.to_bytes()))
}

fn verify(jwk: &Jwk, token: &str) -> Result<(), String> {
    jwk.verify(&Jws::parse(token).unwrap())
}

#[test]
fn kid_is_read_from_the_header() {
    let t = token("HS256", "k1", SigningKey::Hmac(SECRET.into()));
    assert_eq!(Jws::parse(&t).unwrap().kid, "k1");
    assert_eq!(Jws::parse(&hs_token(claims())).unwrap().kid, "");
    assert!(Jws::parse(&raw_token(r#"{"alg":"HS256","kid":1}"#, "{}")).is_err());
}

#[test]
fn rsa_jwk_verifies_rs_tokens() {
    let rs = |alg| token(alg, "r", SigningKey::RsaPem(RSA_PRIVATE.into()));
    // Without `alg` the key takes the token's, within the RSA family.
    let any = parse(&rsa_jwk(RSA_PUBLIC, "r", None));
    for alg in ["RS256", "RS384", "RS512"] {
        verify(&any, &rs(alg)).unwrap();
    }
    let hs = token("HS256", "r", SigningKey::Hmac(SECRET.into()));
    assert!(verify(&any, &hs).unwrap_err().contains("unsupported"));
    // With `alg` the token must use exactly that one.
    let rs256 = parse(&rsa_jwk(RSA_PUBLIC, "r", Some("RS256")));
    verify(&rs256, &rs("RS256")).unwrap();
    assert_eq!(
        verify(&rs256, &rs("RS512")).unwrap_err(),
        "algorithm mismatch"
    );
    let ps = parse(&rsa_jwk(RSA_PUBLIC, "r", Some("PS256")));
    assert!(verify(&ps, &rs("RS256"))
        .unwrap_err()
        .contains("unsupported"));
    // Another RSA key does not verify it.
    let other = parse(&rsa_jwk(RSA2_PUBLIC, "r", None));
    assert_eq!(
        verify(&other, &rs("RS256")).unwrap_err(),
        "signature verification failed"
    );
}

#[test]
fn rsa_jwk_fields() {
    let good = rsa_jwk(RSA_PUBLIC, "r", None);
    for (field, value) in [
        ("n", json!(null)),
        ("e", json!(null)),
        ("n", json!("not base64!")),
        ("e", json!("AAAA")),
        ("e", json!(b64url(&[1, 0, 0, 0, 0]))),
        ("n", json!(1)),
    ] {
        let mut jwk = good.clone();
        jwk[field] = value.clone();
        if value.is_null() {
            jwk.as_object_mut().unwrap().remove(field);
        }
        assert!(Jwk::parse(&jwk).is_err(), "{field}: {value}");
    }
}

#[test]
fn ec_jwk_verifies_es_tokens_of_its_curve() {
    let cases = [
        (EC256_PUBLIC, EC256_PRIVATE, "ES256"),
        (EC384_PUBLIC, EC384_PRIVATE, "ES384"),
        (EC521_PUBLIC, EC521_PRIVATE, "ES512"),
    ];
    for (public, private, alg) in cases {
        let jwk = parse(&ec_jwk(public, "e"));
        let t = token(alg, "e", SigningKey::EcdsaPem(private.into()));
        verify(&jwk, &t).unwrap();
        for (_, other_private, other_alg) in cases.iter().filter(|c| c.2 != alg) {
            let t = token(
                other_alg,
                "e",
                SigningKey::EcdsaPem((*other_private).into()),
            );
            assert!(verify(&jwk, &t).is_err(), "{alg} key, {other_alg} token");
        }
    }
    let other = parse(&ec_jwk(EC2_256_PUBLIC, "e"));
    let t = token("ES256", "e", SigningKey::EcdsaPem(EC256_PRIVATE.into()));
    assert_eq!(
        verify(&other, &t).unwrap_err(),
        "signature verification failed"
    );
    let rs = token("RS256", "e", SigningKey::RsaPem(RSA_PRIVATE.into()));
    assert!(verify(&other, &rs).is_err());
}

#[test]
fn ec_jwk_fields() {
    let good = ec_jwk(EC256_PUBLIC, "e");
    let x = good["x"].as_str().unwrap().to_string();
    let mut off_curve = crate::auth::jws::decode_raw_url(&x).unwrap();
    off_curve[31] ^= 1;
    for (field, value) in [
        ("crv", json!("P-192")),
        ("crv", json!("P-384")),
        ("crv", json!(null)),
        ("x", json!(null)),
        ("y", json!(null)),
        ("x", json!(b64url(&[1u8; 31]))),
        ("x", json!(b64url(&[1u8; 33]))),
        ("x", json!(b64url(&off_curve))),
    ] {
        let mut jwk = good.clone();
        if value.is_null() {
            jwk.as_object_mut().unwrap().remove(field);
        } else {
            jwk[field] = value.clone();
        }
        assert!(Jwk::parse(&jwk).is_err(), "{field}: {value}");
    }
}

#[test]
fn okp_jwk_verifies_eddsa_tokens() {
    let jwk = parse(&ed_jwk("d"));
    verify(&jwk, &ed_token("d", "EdDSA")).unwrap();
    assert_eq!(
        verify(&jwk, &ed_token("d", "ES256")).unwrap_err(),
        "algorithm mismatch"
    );
    let mut forged = ed_token("d", "EdDSA");
    forged.pop();
    forged.push('A');
    assert!(verify(&jwk, &forged).is_err());
    for (field, value) in [
        ("crv", json!("X25519")),
        ("crv", json!("Ed448")),
        ("x", json!(b64url(&[1u8; 31]))),
        ("x", json!(null)),
    ] {
        let mut bad = ed_jwk("d");
        if value.is_null() {
            bad.as_object_mut().unwrap().remove(field);
        } else {
            bad[field] = value.clone();
        }
        assert!(Jwk::parse(&bad).is_err(), "{field}: {value}");
    }
}

#[test]
fn only_signature_keys_are_used() {
    for usage in [json!("enc"), json!(null), json!("")] {
        let mut jwk = rsa_jwk(RSA_PUBLIC, "r", None);
        if usage.is_null() {
            jwk.as_object_mut().unwrap().remove("use");
        } else {
            jwk["use"] = usage.clone();
        }
        assert!(Jwk::parse(&jwk).unwrap().is_none(), "{usage}");
    }
    let oct = json!({"kty": "oct", "use": "sig", "kid": "h", "k": "c2VjcmV0"});
    assert!(Jwk::parse(&oct).is_err());
}

#[test]
fn key_sets_skip_unusable_keys() {
    let doc = json!({"keys": [
        rsa_jwk(RSA_PUBLIC, "rsa", Some("RS256")),
        ec_jwk(EC256_PUBLIC, "ec"),
        ed_jwk("ed"),
        {"kty": "oct", "use": "sig", "kid": "hmac", "k": "c2VjcmV0"},
        {"kty": "RSA", "use": "enc", "kid": "enc", "n": "AQAB", "e": "AQAB"},
        {"kty": "EC", "use": "sig", "kid": "broken", "crv": "P-256", "x": "AA", "y": "AA"},
        "not an object",
    ]});
    let set = parse_set(doc.to_string().as_bytes()).unwrap();
    let mut kids: Vec<_> = set.keys().cloned().collect();
    kids.sort();
    assert_eq!(kids, ["ec", "ed", "rsa"]);
    for bad in [
        "",
        "[]",
        "not json",
        r#"{"keys": []}"#,
        r#"{"keys": {}}"#,
        r#"{"other": 1}"#,
        r#"{"keys": [{"kty": "RSA", "use": "enc", "n": "AQAB", "e": "AQAB"}]}"#,
    ] {
        assert!(parse_set(bad.as_bytes()).is_err(), "{bad}");
    }
}

fn one_key(kid: &str, jwk: Value) -> HashMap<String, Arc<Jwk>> {
    HashMap::from([(kid.to_string(), Arc::new(parse(&jwk)))])
}

fn found(l: Lookup) -> Arc<Jwk> {
    match l {
        Lookup::Key(k) => k,
        Lookup::Fetch(_) => panic!("expected a key, got a fetch"),
        Lookup::Refused(why) => panic!("expected a key, got refused: {why}"),
    }
}

fn fetch(l: Lookup) {
    assert!(matches!(l, Lookup::Fetch(_)), "expected a fetch");
}

fn refused(l: Lookup) -> String {
    match l {
        Lookup::Refused(why) => why,
        Lookup::Key(_) => panic!("expected refused, got a key"),
        Lookup::Fetch(_) => panic!("expected refused, got a fetch"),
    }
}

#[test]
fn cache_is_keyed_by_url_and_kid() {
    const A: &str = "https://example.com/acme/jwks";
    const B: &str = "https://example.com/globex/jwks";
    let t0 = Instant::now();
    let mut cache = KeyCache::default();
    let key_a = one_key("k1", rsa_jwk(RSA_PUBLIC, "k1", None));
    let a = key_a["k1"].clone();
    cache.store(A, Ok(key_a), t0);
    assert!(Arc::ptr_eq(&found(cache.lookup(A, "k1", t0, true)), &a));
    // Tenant B's endpoint never sees tenant A's key, whatever the kid.
    refused(cache.lookup(B, "k1", t0, false));
    fetch(cache.lookup(B, "k1", t0, true));
    let key_b = one_key("k1", rsa_jwk(RSA2_PUBLIC, "k1", None));
    let b = key_b["k1"].clone();
    cache.store(B, Ok(key_b), t0);
    assert!(Arc::ptr_eq(&found(cache.lookup(B, "k1", t0, true)), &b));
    assert!(Arc::ptr_eq(&found(cache.lookup(A, "k1", t0, true)), &a));
    // The forged token (tenant B's issuer, tenant A's key) fails against B's key.
    let forged = token("RS256", "k1", SigningKey::RsaPem(RSA_PRIVATE.into()));
    assert!(verify(&b, &forged).is_err());
    verify(&a, &forged).unwrap();
}

#[test]
fn cache_freshness_refetch_rate_and_stale_grace() {
    const URL: &str = "https://example.com/jwks";
    let t0 = Instant::now();
    let at = |d: Duration| t0 + d;
    let mut cache = KeyCache::default();
    fetch(cache.lookup(URL, "k1", t0, true));
    cache.store(URL, Ok(one_key("k1", ed_jwk("k1"))), t0);
    found(cache.lookup(URL, "k1", t0, true));
    // An unknown kid refetches, but at most once per REFETCH_INTERVAL.
    assert_eq!(
        refused(cache.lookup(URL, "k2", at(Duration::from_millis(500)), true)),
        "public key not found"
    );
    fetch(cache.lookup(URL, "k2", at(REFETCH_INTERVAL), true));
    // A new set replaces the old one: rotation drops keys the endpoint no longer lists.
    cache.store(URL, Ok(one_key("k2", ed_jwk("k2"))), at(REFETCH_INTERVAL));
    found(cache.lookup(URL, "k2", at(REFETCH_INTERVAL), true));
    refused(cache.lookup(URL, "k1", at(REFETCH_INTERVAL), true));
    // A stale set asks for a fetch even for a known kid.
    let stale = REFETCH_INTERVAL + KEY_TTL;
    fetch(cache.lookup(URL, "k2", at(stale), true));
    // When that fetch fails the stale key still serves, within the grace period.
    cache.store(URL, Err("connection refused".into()), at(stale));
    found(cache.lookup(URL, "k2", at(stale), true));
    found(cache.lookup(URL, "k2", at(stale), false));
    let why = refused(cache.lookup(URL, "k3", at(stale), true));
    assert!(why.contains("connection refused"), "{why}");
    let expired = REFETCH_INTERVAL + KEY_TTL + STALE_GRACE;
    fetch(cache.lookup(URL, "k2", at(expired), true));
    cache.store(URL, Err("timeout".into()), at(expired));
    let why = refused(cache.lookup(URL, "k2", at(expired), true));
    assert!(why.contains("timeout"), "{why}");
    // A later success clears the error.
    let later = at(expired + REFETCH_INTERVAL);
    cache.store(URL, Ok(one_key("k2", ed_jwk("k2"))), later);
    found(cache.lookup(URL, "k2", later, true));
}

#[test]
fn cache_stays_bounded() {
    let t0 = Instant::now();
    let mut cache = KeyCache::default();
    for i in 0..3000 {
        let url = format!("https://example.com/{i}/jwks");
        cache.store(&url, Err("down".into()), t0 + Duration::from_secs(2 * i));
    }
    let url = "https://example.com/2999/jwks";
    let why = refused(cache.lookup(url, "k", t0 + Duration::from_secs(2 * 2999), true));
    assert!(why.contains("down"));
    // The first ones were forgotten: a lookup asks to fetch again.
    fetch(cache.lookup(
        "https://example.com/0/jwks",
        "k",
        t0 + Duration::from_secs(6000),
        true,
    ));
}

#[test]
fn verifier_with_jwks() {
    let settings = TokenConfig {
        jwks_public_endpoint: "http://127.0.0.1:9/jwks".into(),
        // Static keys are not used when JWKS is configured.
        hmac_secret_key: SECRET.into(),
        ..TokenConfig::default()
    };
    let v = verifier(settings);
    // The sync path never fetches.
    let t = token("RS256", "k", SigningKey::RsaPem(RSA_PRIVATE.into()));
    assert_eq!(invalid(v.verify_connect(&t, NOW)), "JWKS key not cached");
    assert_eq!(
        invalid(v.verify_connect(&hs_token(claims()), NOW)),
        "jwks: kid is not provided"
    );
    // Skipping signatures skips JWKS too.
    let skip = verifier(TokenConfig {
        jwks_public_endpoint: "http://127.0.0.1:9/jwks".into(),
        ..TokenConfig::default()
    })
    .skipping_signature(true);
    assert_eq!(skip.verify_connect(&t, NOW).unwrap().user, "42");

    for (settings, setting) in [
        (
            TokenConfig {
                jwks_public_endpoint: "ftp://example.com/jwks".into(),
                ..TokenConfig::default()
            },
            "jwks_public_endpoint",
        ),
        (
            TokenConfig {
                jwks_public_endpoint: "https://example.com/{{tenant}}/jwks".into(),
                issuer_regex: "^(?P<tenant>.+)$".into(),
                ..TokenConfig::default()
            },
            "issuer_regex",
        ),
        (
            TokenConfig {
                jwks_public_endpoint: "https://example.com/{{tenant}}/jwks".into(),
                ..TokenConfig::default()
            },
            "jwks_public_endpoint",
        ),
    ] {
        match Verifier::new(&settings) {
            Err(AuthError::Setting { setting: s, .. }) => assert_eq!(s, setting),
            other => panic!("expected a setting error for {setting}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn async_verification_without_jwks_is_the_sync_one() {
    let v = verifier(hs());
    let t = hs_token(claims());
    assert_eq!(
        v.connect(&t, NOW).await.unwrap(),
        v.verify_connect(&t, NOW).unwrap()
    );
    assert_eq!(
        v.connect(&t, NOW + 7200).await.unwrap_err(),
        TokenError::Expired
    );
    let sub = hs_token(json!({"sub": "42", "channel": "c", "exp": NOW + 10}));
    assert_eq!(
        v.subscribe(&sub, NOW).await.unwrap(),
        v.verify_subscribe(&sub, NOW).unwrap()
    );
    assert!(matches!(
        v.subscribe(&t, NOW).await,
        Err(TokenError::Invalid(_))
    ));
}
