//! Claim rules: expiry, audience/issuer, channels, info, user ID.

use serde_json::{json, Value};

use super::*;
use crate::auth::*;

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
    let with = |f: fn(&mut TokenConfig)| {
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
    let v = verifier(TokenConfig {
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
