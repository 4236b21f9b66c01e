//! Signature algorithms, keys, rotation and malformed tokens.

use serde_json::json;

use super::*;
use crate::auth::*;

#[test]
fn every_algorithm_round_trips() {
    let settings = |rsa: &str, ec: &str| TokenConfig {
        hmac_secret_key: SECRET.into(),
        rsa_public_key: rsa.into(),
        ecdsa_public_key: ec.into(),
        ..TokenConfig::default()
    };
    let cases = [
        ("HS256", SigningKey::Hmac(SECRET.into()), EC256_PUBLIC),
        ("HS384", SigningKey::Hmac(SECRET.into()), EC256_PUBLIC),
        ("HS512", SigningKey::Hmac(SECRET.into()), EC256_PUBLIC),
        (
            "RS256",
            SigningKey::RsaPem(RSA_PRIVATE.into()),
            EC256_PUBLIC,
        ),
        (
            "RS384",
            SigningKey::RsaPem(RSA_PRIVATE_PKCS1.into()),
            EC256_PUBLIC,
        ),
        (
            "RS512",
            SigningKey::RsaPem(RSA_PRIVATE.into()),
            EC256_PUBLIC,
        ),
        (
            "ES256",
            SigningKey::EcdsaPem(EC256_PRIVATE.into()),
            EC256_PUBLIC,
        ),
        (
            "ES256",
            SigningKey::EcdsaPem(EC256_PRIVATE_SEC1.into()),
            EC256_PUBLIC,
        ),
        (
            "ES384",
            SigningKey::EcdsaPem(EC384_PRIVATE.into()),
            EC384_PUBLIC,
        ),
        (
            "ES512",
            SigningKey::EcdsaPem(EC521_PRIVATE.into()),
            EC521_PUBLIC,
        ),
    ];
    for (alg, key, ec_public) in cases {
        let v = verifier(settings(RSA_PUBLIC, ec_public));
        let claims = connection_claims("42", "", NOW, Some(60));
        let token = sign(&claims, alg, &key).unwrap();
        let got = v.verify_connect(&token, NOW).unwrap();
        assert_eq!(got.user, "42", "{alg}");
        assert_eq!(got.exp, Some(NOW + 60));
        assert_eq!(got.iat, Some(NOW));
        let sub = sign(&subscription_claims("42", "news", NOW, None), alg, &key).unwrap();
        assert_eq!(v.verify_subscribe(&sub, NOW).unwrap().channel, "news");
        // A tampered signature never verifies (first signature char: no trailing bits there).
        let dot = token.rfind('.').unwrap();
        let flipped = if token.as_bytes()[dot + 1] == b'A' {
            "B"
        } else {
            "A"
        };
        let bad = format!("{}{flipped}{}", &token[..=dot], &token[dot + 2..]);
        invalid(v.verify_connect(&bad, NOW));
    }
    // A certificate PEM carries the RSA public key too.
    let v = verifier(settings(RSA_CERT, ""));
    let token = sign(
        &json!({"sub": "1"}),
        "RS256",
        &SigningKey::RsaPem(RSA_PRIVATE.into()),
    );
    assert_eq!(v.verify_connect(&token.unwrap(), NOW).unwrap().user, "1");
}

#[test]
fn wrong_key_is_invalid() {
    let claims = json!({"sub": "1"});
    let v = verifier(TokenConfig {
        hmac_secret_key: "other".into(),
        rsa_public_key: RSA2_PUBLIC.into(),
        ecdsa_public_key: EC2_256_PUBLIC.into(),
        ..TokenConfig::default()
    });
    let tokens = [
        hs_token(claims.clone()),
        sign(&claims, "RS256", &SigningKey::RsaPem(RSA_PRIVATE.into())).unwrap(),
        sign(
            &claims,
            "ES256",
            &SigningKey::EcdsaPem(EC256_PRIVATE.into()),
        )
        .unwrap(),
    ];
    for token in tokens {
        assert_eq!(
            invalid(v.verify_connect(&token, NOW)),
            "signature verification failed"
        );
    }
}

#[test]
fn unconfigured_or_unknown_algorithms_are_invalid() {
    let v = verifier(TokenConfig {
        ecdsa_public_key: EC256_PUBLIC.into(),
        ..TokenConfig::default()
    });
    let claims = json!({"sub": "1"});
    let hs = hs_token(claims.clone());
    assert_eq!(
        invalid(v.verify_connect(&hs, NOW)),
        "disabled JWT algorithm"
    );
    let rs = sign(&claims, "RS256", &SigningKey::RsaPem(RSA_PRIVATE.into())).unwrap();
    assert_eq!(
        invalid(v.verify_connect(&rs, NOW)),
        "disabled JWT algorithm"
    );
    // A P-256 key enables ES256 only.
    let es384 = sign(
        &claims,
        "ES384",
        &SigningKey::EcdsaPem(EC384_PRIVATE.into()),
    )
    .unwrap();
    assert_eq!(
        invalid(v.verify_connect(&es384, NOW)),
        "disabled JWT algorithm"
    );
    for alg in ["none", "PS256", "", "hs256"] {
        let token = raw_token(&format!(r#"{{"alg":"{alg}"}}"#), r#"{"sub":"1"}"#);
        assert_eq!(
            invalid(v.verify_connect(&token, NOW)),
            "unsupported JWT algorithm"
        );
    }
    // Signing refuses mismatched key kinds and curves.
    assert!(sign(
        &claims,
        "ES256",
        &SigningKey::EcdsaPem(EC384_PRIVATE.into())
    )
    .is_err());
    assert!(sign(&claims, "RS256", &SigningKey::Hmac(b"k".to_vec())).is_err());
    assert!(sign(&claims, "HS256", &SigningKey::Hmac(Vec::new())).is_err());
    assert!(sign(&claims, "none", &SigningKey::Hmac(b"k".to_vec())).is_err());
}

#[test]
fn bad_settings_name_the_setting() {
    let setting_of = |s: TokenConfig| match Verifier::new(&s) {
        Err(AuthError::Setting { setting, .. }) => setting,
        other => panic!("expected a setting error, got {other:?}"),
    };
    let base = TokenConfig::default;
    assert_eq!(
        setting_of(TokenConfig {
            rsa_public_key: "nope".into(),
            ..base()
        }),
        "rsa_public_key"
    );
    assert_eq!(
        setting_of(TokenConfig {
            rsa_public_key: EC256_PUBLIC.into(),
            ..base()
        }),
        "rsa_public_key"
    );
    assert_eq!(
        setting_of(TokenConfig {
            ecdsa_public_key: RSA_PUBLIC.into(),
            ..base()
        }),
        "ecdsa_public_key"
    );
    assert_eq!(
        setting_of(TokenConfig {
            audience_regex: "(".into(),
            ..base()
        }),
        "audience_regex"
    );
    assert_eq!(
        setting_of(TokenConfig {
            issuer_regex: "[".into(),
            ..base()
        }),
        "issuer_regex"
    );
    assert_eq!(
        setting_of(TokenConfig {
            issuer: "a".into(),
            issuer_regex: "a".into(),
            ..base()
        }),
        "issuer_regex"
    );
    assert_eq!(
        setting_of(TokenConfig {
            user_id_claim: "user.id".into(),
            ..base()
        }),
        "user_id_claim"
    );
    // Text around the PEM block is ignored, as Go's pem.Decode does.
    let padded = format!("leading text\n{RSA_PUBLIC}");
    assert!(Verifier::new(&TokenConfig {
        rsa_public_key: padded,
        ..base()
    })
    .is_ok());
}

#[test]
fn previous_hmac_key_during_rotation() {
    let old = sign(
        &json!({"sub": "1"}),
        "HS256",
        &SigningKey::Hmac(b"old".to_vec()),
    )
    .unwrap();
    let rotating = |until: i64| {
        verifier(TokenConfig {
            hmac_secret_key: "new".into(),
            hmac_previous_secret_key: "old".into(),
            hmac_previous_secret_key_valid_until: until,
            ..TokenConfig::default()
        })
    };
    assert!(rotating(0).verify_connect(&old, NOW).is_ok());
    assert!(rotating(NOW + 10).verify_connect(&old, NOW).is_ok());
    assert!(rotating(NOW).verify_connect(&old, NOW).is_ok());
    invalid(rotating(NOW - 1).verify_connect(&old, NOW));
    let new = sign(
        &json!({"sub": "1"}),
        "HS256",
        &SigningKey::Hmac(b"new".to_vec()),
    )
    .unwrap();
    assert!(rotating(NOW - 1).verify_connect(&new, NOW).is_ok());
    invalid(verifier(hs()).verify_connect(&old, NOW));
}

#[test]
fn skip_signature_still_checks_claims() {
    let v = verifier(TokenConfig::default()).skipping_signature(true);
    let token = raw_token(r#"{"alg":"none"}"#, r#"{"sub":"u","exp":1}"#);
    assert_eq!(v.verify_connect(&token, NOW), Err(TokenError::Expired));
    let token = raw_token(r#"{"alg":"RS256"}"#, r#"{"sub":"u"}"#);
    assert_eq!(v.verify_connect(&token, NOW).unwrap().user, "u");
    invalid(v.verify_connect(&raw_token(r#"{"alg":"HS256"}"#, r#"{"sub":1}"#), NOW));
    invalid(v.verify_connect(&raw_token(r#"{"alg":"HS256"}"#, "[]"), NOW));
    invalid(v.verify_subscribe(&raw_token(r#"{"alg":"HS256"}"#, "{}"), NOW));
    // Go decodes a `null` payload as empty claims.
    let anon = v.verify_connect(&raw_token(r#"{"alg":"HS256"}"#, "null"), NOW);
    assert_eq!(anon.unwrap().user, "");
}

#[test]
fn garbage_never_panics() {
    let v = verifier(TokenConfig {
        hmac_secret_key: SECRET.into(),
        rsa_public_key: RSA_PUBLIC.into(),
        ecdsa_public_key: EC521_PUBLIC.into(),
        user_id_claim: "uid".into(),
        ..TokenConfig::default()
    });
    let skip = verifier(TokenConfig {
        user_id_claim: "uid".into(),
        ..TokenConfig::default()
    })
    .skipping_signature(true);
    let mut inputs: Vec<String> = [
        "",
        ".",
        "..",
        "...",
        "eyJ",
        "eyJ..",
        "eyJ.eyJ.eyJ",
        "eyJhbGciOiJIUzI1NiJ9..",
        "eyJhbGciOiJIUzI1NiJ9.e30.e30.e30",
        "\u{0}",
        "eyJ\u{fffd}.e30.",
        "a.b.c",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for payload in [
        "1",
        "\"s\"",
        "[]",
        "true",
        "{",
        "{}}",
        r#"{"exp":1e999}"#,
        r#"{"exp":-1e300}"#,
        r#"{"exp":123456789012345678901234567890}"#,
        r#"{"iat":1e300,"uid":1e300}"#,
        r#"{"expire_at":99999999999999999999}"#,
        r#"{"uid":{"a":[1]},"channel":null}"#,
        r#"{"subs":{"a":{"override":{"presence":1}}}}"#,
        r#"{"info":"\ud800"}"#,
        "{\"sub\":\"\u{fffd}\"}",
    ] {
        inputs.push(raw_token(r#"{"alg":"HS256"}"#, payload));
        inputs.push(hs_token_text(payload));
    }
    for header in ["[]", "null", "1", r#"{"alg":null}"#, r#"{"alg":"ES512"}"#] {
        inputs.push(raw_token(header, "{}"));
    }
    inputs.push(format!(
        "{}.{}.{}",
        b64url(b"{\"alg\""),
        b64url(&[0xff, 0xfe]),
        "AA"
    ));
    // Nesting far deeper than any parser's recursion limit.
    let deep = format!(
        "{{\"info\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    inputs.push(hs_token_text(&deep));
    inputs.push(raw_token(
        &format!("{{\"alg\":{}}}", "[".repeat(100_000)),
        "{}",
    ));
    // Deterministic byte mutations of a valid token.
    let base = hs_token(json!({"sub": "1", "info": {"a": 1}, "subs": {"c": {}}}));
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut bytes = base.clone().into_bytes();
        let pos = (state % bytes.len() as u64) as usize;
        bytes[pos] = b"A_-.=eyJ0z\n"[(state >> 32) as usize % 11];
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for input in &inputs {
        for now in [NOW, i64::MIN, i64::MAX] {
            let _ = v.verify_connect(input, now);
            let _ = v.verify_subscribe(input, now);
            let _ = skip.verify_connect(input, now);
            let _ = skip.verify_subscribe(input, now);
        }
    }
}

#[test]
fn tokens_signed_by_node_crypto_verify() {
    // testdata/node_tokens.txt: "ALG TOKEN" lines signed with Node's crypto module (ECDSA as
    // IEEE P1363 r||s) using the testdata private keys and HMAC secret "secret".
    let tokens = include_str!("../testdata/node_tokens.txt");
    let mut seen = 0;
    for line in tokens.lines() {
        let (alg, token) = line.split_once(' ').unwrap();
        let ec = match alg {
            "ES384" => EC384_PUBLIC,
            "ES512" => EC521_PUBLIC,
            _ => EC256_PUBLIC,
        };
        let v = verifier(TokenConfig {
            hmac_secret_key: SECRET.into(),
            rsa_public_key: RSA_PUBLIC.into(),
            ecdsa_public_key: ec.into(),
            ..TokenConfig::default()
        });
        let got = v.verify_connect(token, NOW).unwrap();
        assert_eq!(got.user, format!("node-{alg}"));
        assert_eq!(got.info.as_deref(), Some(&br#"{"by":"node"}"#[..]));
        seen += 1;
    }
    assert_eq!(seen, 9);
}

#[test]
fn verifier_is_shareable_across_tasks() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<Verifier>();
}
