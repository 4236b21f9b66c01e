//! Unit tests for token verification and signing (keys in `testdata/`, made with openssl).
#![allow(clippy::unwrap_used)]

use base64::Engine;
use serde_json::{json, Value};

use super::*;

const NOW: i64 = 1_700_000_000;
const SECRET: &str = "secret";

const RSA_PRIVATE: &str = include_str!("testdata/rsa_private.pem");
const RSA_PRIVATE_PKCS1: &str = include_str!("testdata/rsa_private_pkcs1.pem");
const RSA_PUBLIC: &str = include_str!("testdata/rsa_public.pem");
const RSA_CERT: &str = include_str!("testdata/rsa_cert.pem");
const RSA2_PUBLIC: &str = include_str!("testdata/rsa2_public.pem");
const EC256_PRIVATE: &str = include_str!("testdata/ec_p256_private.pem");
const EC256_PRIVATE_SEC1: &str = include_str!("testdata/ec_p256_private_sec1.pem");
const EC256_PUBLIC: &str = include_str!("testdata/ec_p256_public.pem");
const EC2_256_PUBLIC: &str = include_str!("testdata/ec2_p256_public.pem");
const EC384_PRIVATE: &str = include_str!("testdata/ec_p384_private.pem");
const EC384_PUBLIC: &str = include_str!("testdata/ec_p384_public.pem");
const EC521_PRIVATE: &str = include_str!("testdata/ec_p521_private.pem");
const EC521_PUBLIC: &str = include_str!("testdata/ec_p521_public.pem");

fn hs() -> TokenSettings {
    TokenSettings {
        hmac_secret_key: SECRET.into(),
        ..TokenSettings::default()
    }
}

fn verifier(settings: TokenSettings) -> Verifier {
    Verifier::new(&settings).unwrap()
}

fn hs_token(claims: Value) -> String {
    sign(&claims, "HS256", &SigningKey::Hmac(SECRET.into())).unwrap()
}

fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A token with arbitrary header and payload text and a junk signature.
fn raw_token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes()),
        b64url(b"sig")
    )
}

fn invalid<T: std::fmt::Debug>(result: Result<T, TokenError>) -> String {
    match result {
        Err(TokenError::Invalid(reason)) => reason,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn every_algorithm_round_trips() {
    let settings = |rsa: &str, ec: &str| TokenSettings {
        hmac_secret_key: SECRET.into(),
        rsa_public_key: rsa.into(),
        ecdsa_public_key: ec.into(),
        ..TokenSettings::default()
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
    let v = verifier(TokenSettings {
        hmac_secret_key: "other".into(),
        rsa_public_key: RSA2_PUBLIC.into(),
        ecdsa_public_key: EC2_256_PUBLIC.into(),
        ..TokenSettings::default()
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
    let v = verifier(TokenSettings {
        ecdsa_public_key: EC256_PUBLIC.into(),
        ..TokenSettings::default()
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
fn exp_and_nbf_give_expired() {
    let v = verifier(hs());
    let check = |claims: Value| v.verify_connect(&hs_token(claims), NOW);
    assert_eq!(check(json!({"exp": NOW - 1})), Err(TokenError::Expired));
    assert_eq!(check(json!({"exp": NOW})), Err(TokenError::Expired));
    assert!(check(json!({"exp": NOW + 1})).is_ok());
    assert!(check(json!({"exp": NOW as f64 + 0.5})).is_ok());
    assert_eq!(check(json!({"nbf": NOW + 1})), Err(TokenError::Expired));
    assert!(check(json!({"nbf": NOW})).is_ok());
    assert!(check(json!({"exp": format!("{}", NOW + 5)})).is_ok()); // Go json.Number
    invalid(check(json!({"exp": "soon"})));
    invalid(check(json!({"exp": true})));
    let sub = hs_token(json!({"channel": "c", "exp": NOW - 1}));
    assert_eq!(v.verify_subscribe(&sub, NOW), Err(TokenError::Expired));
    // The signature is checked before expiry.
    let bad = sign(
        &json!({"exp": 1}),
        "HS256",
        &SigningKey::Hmac(b"x".to_vec()),
    )
    .unwrap();
    invalid(v.verify_connect(&bad, NOW));
}

#[test]
fn audience_and_issuer_checks() {
    let with = |f: fn(&mut TokenSettings)| {
        let mut s = hs();
        f(&mut s);
        verifier(s)
    };
    let aud = with(|s| s.audience = "app".into());
    assert!(aud
        .verify_connect(&hs_token(json!({"aud": "app"})), NOW)
        .is_ok());
    assert!(aud
        .verify_connect(&hs_token(json!({"aud": ["x", "app"]})), NOW)
        .is_ok());
    invalid(aud.verify_connect(&hs_token(json!({"aud": "other"})), NOW));
    invalid(aud.verify_connect(&hs_token(json!({})), NOW));
    invalid(aud.verify_connect(&hs_token(json!({"aud": null})), NOW));
    invalid(aud.verify_connect(&hs_token(json!({"aud": [1]})), NOW));

    let aud_re = with(|s| s.audience_regex = "^app-[a-z]+$".into());
    assert!(aud_re
        .verify_connect(&hs_token(json!({"aud": ["q", "app-eu"]})), NOW)
        .is_ok());
    invalid(aud_re.verify_connect(&hs_token(json!({"aud": "app-1"})), NOW));

    let iss = with(|s| s.issuer = "me".into());
    assert!(iss
        .verify_connect(&hs_token(json!({"iss": "me"})), NOW)
        .is_ok());
    invalid(iss.verify_subscribe(&hs_token(json!({"iss": "you", "channel": "c"})), NOW));

    let iss_re = with(|s| s.issuer_regex = "^https://(eu|us)\\.example$".into());
    let ok = hs_token(json!({"iss": "https://eu.example"}));
    assert!(iss_re.verify_connect(&ok, NOW).is_ok());
    invalid(iss_re.verify_connect(&hs_token(json!({})), NOW));

    // Without settings, aud and iss are not checked.
    assert!(verifier(hs())
        .verify_connect(&hs_token(json!({"aud": "z", "iss": "z"})), NOW)
        .is_ok());
}

#[test]
fn bad_settings_name_the_setting() {
    let setting_of = |s: TokenSettings| match Verifier::new(&s) {
        Err(AuthError::Setting { setting, .. }) => setting,
        other => panic!("expected a setting error, got {other:?}"),
    };
    let base = TokenSettings::default;
    assert_eq!(
        setting_of(TokenSettings {
            rsa_public_key: "nope".into(),
            ..base()
        }),
        "rsa_public_key"
    );
    assert_eq!(
        setting_of(TokenSettings {
            rsa_public_key: EC256_PUBLIC.into(),
            ..base()
        }),
        "rsa_public_key"
    );
    assert_eq!(
        setting_of(TokenSettings {
            ecdsa_public_key: RSA_PUBLIC.into(),
            ..base()
        }),
        "ecdsa_public_key"
    );
    assert_eq!(
        setting_of(TokenSettings {
            audience_regex: "(".into(),
            ..base()
        }),
        "audience_regex"
    );
    assert_eq!(
        setting_of(TokenSettings {
            issuer_regex: "[".into(),
            ..base()
        }),
        "issuer_regex"
    );
    assert_eq!(
        setting_of(TokenSettings {
            issuer: "a".into(),
            issuer_regex: "a".into(),
            ..base()
        }),
        "issuer_regex"
    );
    assert_eq!(
        setting_of(TokenSettings {
            user_id_claim: "user.id".into(),
            ..base()
        }),
        "user_id_claim"
    );
    // Text around the PEM block is ignored, as Go's pem.Decode does.
    let padded = format!("leading text\n{RSA_PUBLIC}");
    assert!(Verifier::new(&TokenSettings {
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
        verifier(TokenSettings {
            hmac_secret_key: "new".into(),
            hmac_previous_secret_key: "old".into(),
            hmac_previous_secret_key_valid_until: until,
            ..TokenSettings::default()
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
fn connection_token_must_not_name_a_channel() {
    let v = verifier(hs());
    invalid(v.verify_connect(&hs_token(json!({"channel": "news"})), NOW));
    invalid(v.verify_connect(&hs_token(json!({"Channel": "news"})), NOW));
    assert!(v
        .verify_connect(&hs_token(json!({"channel": ""})), NOW)
        .is_ok());
    // The channel claim is checked before expiry.
    invalid(v.verify_connect(&hs_token(json!({"channel": "x", "exp": 1})), NOW));
}

#[test]
fn info_is_raw_json_and_b64info_wins() {
    let v = verifier(hs());
    let payload = r#"{"sub":"1","info": {"b" : [1, 2.50]} ,"meta":{"k":1}}"#;
    let got = v.verify_connect(&hs_token_text(payload), NOW).unwrap();
    assert_eq!(got.info.as_deref(), Some(&br#"{"b" : [1, 2.50]}"#[..]));
    assert_eq!(got.meta, Some(json!({"k": 1})));

    let both = hs_token(json!({"info": {"a": 1}, "b64info": "aGk="}));
    assert_eq!(
        v.verify_connect(&both, NOW).unwrap().info.as_deref(),
        Some(&b"hi"[..])
    );
    let empty_b64 = hs_token(json!({"info": "x", "b64info": ""}));
    assert_eq!(
        v.verify_connect(&empty_b64, NOW).unwrap().info.as_deref(),
        Some(&b"\"x\""[..])
    );
    let none = v.verify_connect(&hs_token(json!({})), NOW).unwrap();
    assert_eq!((none.info, none.meta), (None, None));
    invalid(v.verify_connect(&hs_token(json!({"b64info": "%%%"})), NOW));
    invalid(v.verify_connect(&hs_token(json!({"b64info": "aGk"})), NOW)); // padding required
                                                                          // Expiry is decided before base64 is decoded.
    let expired = hs_token(json!({"b64info": "%%%", "exp": 1}));
    assert_eq!(v.verify_connect(&expired, NOW), Err(TokenError::Expired));
}

#[test]
fn subs_win_over_channels() {
    let v = verifier(hs());
    let only_channels = hs_token(json!({"channels": ["a", "b", "a"]}));
    let got = v.verify_connect(&only_channels, NOW).unwrap();
    assert_eq!(got.channels, vec!["a", "b"]);
    assert!(got.subs.is_empty());

    let claims = json!({
        "channels": ["ignored"],
        "subs": {
            "x": {"info": {"n": 1}, "b64data": "ZGF0YQ==", "override": {
                "presence": {"value": true}, "join_leave": {"value": false},
                "force_recovery": {}, "force_positioning": null,
                "force_push_join_leave": {"value": true}}},
            "y": null
        }
    });
    let got = v.verify_connect(&hs_token(claims), NOW).unwrap();
    assert!(got.channels.is_empty());
    assert_eq!(got.subs.len(), 2);
    let (name, x) = &got.subs[0];
    assert_eq!(name, "x");
    assert_eq!(x.info.as_deref(), Some(&br#"{"n":1}"#[..]));
    assert_eq!(x.data.as_deref(), Some(&b"data"[..]));
    assert_eq!(x.override_presence, Some(true));
    assert_eq!(x.override_join_leave, Some(false));
    assert_eq!(x.override_force_recovery, Some(false));
    assert_eq!(x.override_force_positioning, None);
    assert_eq!(x.override_force_push_join_leave, Some(true));
    assert_eq!(got.subs[1], ("y".to_string(), SubscribeOptions::default()));

    // An empty subs map falls back to channels.
    let got = v
        .verify_connect(&hs_token(json!({"subs": {}, "channels": ["c"]})), NOW)
        .unwrap();
    assert_eq!(got.channels, vec!["c"]);

    for bad in [
        json!({"channels": "a"}),
        json!({"channels": [1]}),
        json!({"subs": []}),
        json!({"subs": {"x": 1}}),
        json!({"subs": {"x": {"override": {"presence": {"value": "yes"}}}}}),
        json!({"subs": {"x": {"b64info": "!"}}}),
        json!({"expire_at": 1.5}),
        json!({"expire_at": "1"}),
    ] {
        invalid(v.verify_connect(&hs_token(bad), NOW));
    }
}

#[test]
fn expire_at_and_registered_fields() {
    let v = verifier(hs());
    let got = v
        .verify_connect(
            &hs_token(json!({"exp": NOW + 9, "jti": "j", "expire_at": 0})),
            NOW,
        )
        .unwrap();
    assert_eq!((got.expire_at, got.effective_expire_at()), (Some(0), 0));
    assert_eq!(got.jti.as_deref(), Some("j"));
    let got = v
        .verify_connect(&hs_token(json!({"exp": NOW + 9})), NOW)
        .unwrap();
    assert_eq!((got.expire_at, got.effective_expire_at()), (None, NOW + 9));
    let got = v
        .verify_connect(&hs_token(json!({"expire_at": NOW + 3})), NOW)
        .unwrap();
    assert_eq!(got.effective_expire_at(), NOW + 3);
    assert_eq!(
        v.verify_connect(&hs_token(json!({})), NOW)
            .unwrap()
            .effective_expire_at(),
        0
    );
}

#[test]
fn user_id_claim_picks_the_user() {
    let v = verifier(TokenSettings {
        user_id_claim: "user_id".into(),
        ..hs()
    });
    let got = v
        .verify_connect(&hs_token(json!({"sub": "s", "user_id": "u"})), NOW)
        .unwrap();
    assert_eq!(got.user, "u");
    let got = v
        .verify_connect(&hs_token(json!({"sub": "s", "user_id": 77})), NOW)
        .unwrap();
    assert_eq!(got.user, "77");
    let got = v
        .verify_connect(&hs_token(json!({"sub": "s"})), NOW)
        .unwrap();
    assert_eq!(got.user, "");
    let sub = hs_token(json!({"user_id": "u", "channel": "c"}));
    assert_eq!(v.verify_subscribe(&sub, NOW).unwrap().user, "u");
    // gentoken writes both claims.
    let claims = connection_claims("u", "user_id", NOW, None);
    assert_eq!(claims, json!({"sub": "u", "user_id": "u", "iat": NOW}));
    assert_eq!(v.verify_connect(&hs_token(claims), NOW).unwrap().user, "u");
    // Go matches claim names case-insensitively.
    let loud = hs_token(json!({"SUB": "shout"}));
    assert_eq!(
        verifier(hs()).verify_connect(&loud, NOW).unwrap().user,
        "shout"
    );
}

#[test]
fn subscription_token_claims() {
    let v = verifier(hs());
    invalid(v.verify_subscribe(&hs_token(json!({"sub": "1"})), NOW));
    invalid(v.verify_subscribe(&hs_token(json!({"channel": ""})), NOW));
    invalid(v.verify_subscribe(&hs_token(json!({"channel": 5})), NOW));
    let claims = json!({
        "sub": "1", "channel": "$c", "client": "cid", "exp": NOW + 5, "expire_at": NOW + 60,
        "info": [1], "data": {"d": true}, "b64data": "eHl6",
        "override": {"force_recovery": {"value": true}}
    });
    let got = v.verify_subscribe(&hs_token(claims), NOW).unwrap();
    assert_eq!(got.user, "1");
    assert_eq!(got.channel, "$c");
    assert_eq!(got.client.as_deref(), Some("cid"));
    assert_eq!((got.exp, got.expire_at), (Some(NOW + 5), Some(NOW + 60)));
    assert_eq!(got.effective_expire_at(), NOW + 60);
    assert_eq!(got.info.as_deref(), Some(&b"[1]"[..]));
    assert_eq!(got.data.as_deref(), Some(&b"xyz"[..]));
    assert_eq!(got.opts.data, got.data);
    assert_eq!(got.opts.override_force_recovery, Some(true));
    invalid(v.verify_subscribe(&hs_token(json!({"channel": "c", "b64info": "*"})), NOW));
    let claims = subscription_claims("", "c", NOW, Some(0));
    assert_eq!(claims, json!({"channel": "c", "iat": NOW}));
}

#[test]
fn skip_signature_still_checks_claims() {
    let v = verifier(TokenSettings {
        insecure_skip_signature_verify: true,
        ..TokenSettings::default()
    });
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
    let v = verifier(TokenSettings {
        hmac_secret_key: SECRET.into(),
        rsa_public_key: RSA_PUBLIC.into(),
        ecdsa_public_key: EC521_PUBLIC.into(),
        user_id_claim: "uid".into(),
        ..TokenSettings::default()
    });
    let skip = verifier(TokenSettings {
        insecure_skip_signature_verify: true,
        user_id_claim: "uid".into(),
        ..TokenSettings::default()
    });
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

/// A correctly HS256-signed token over exact payload text.
fn hs_token_text(payload: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url(br#"{"alg":"HS256"}"#),
        b64url(payload.as_bytes())
    );
    let tag = super::keys::hmac_tag(super::keys::Alg::HS256, SECRET.as_bytes(), input.as_bytes());
    format!("{input}.{}", b64url(&tag.unwrap()))
}
