//! Centrifugo's own HS256 test tokens (secret "secret") from
//! `internal/jwtverify/token_verifier_jwt_test.go`, with the outcomes Centrifugo's tests expect.

use super::*;
use crate::auth::*;

const JWT_VALID: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn19.m-TaS80RxkAiP9jH_s_h2NrKS_TDuPxJ8-z6gI7UewI";
const JWT_EXPIRED: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn0sImV4cCI6MTU4ODM1MTcwNH0.LTc0p5YlrwJcxXPETrjhm9qyYUBKCR5fSROmfCE4TD8";
const JWT_NOT_BEFORE: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn0sImV4cCI6MzE3NjgyMDU3MCwibmJmIjozMTc2ODIwNTYwfQ.gfsQeznFw6g44OEnCTSBW7AkmLy92GBfXL_Bdvzs7vc";
const JWT_INVALID_SIGNATURE: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn0sImV4cCI6MTU4ODQxOTY5MywibmJmIjoxNTg4NDE4NjkzfQ.05Xj9adbLukdhSJFyiVUEgbxCHTajXuotmalFgYviCo";
const JWT_ARRAY_AUD: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn0sImF1ZCI6WyJmb28iLCJiYXIiXX0.iY4pCPEQwstfNmPkLr7r7DrLZDo42q3E9jMc-TefI6g";
const JWT_STRING_AUD: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyNjk0IiwiaW5mbyI6eyJmaXJzdF9uYW1lIjoiQWxleGFuZGVyIiwibGFzdF9uYW1lIjoiRW1lbGluIn0sImF1ZCI6ImZvbyJ9.jym6CG5haHME3ZQbb9jlnV1E0hSwwEjZycBZSygRzO0";
const JWT_VALID_CUSTOM_USER_CLAIM: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidGVzdCJ9.Mdh4PGRnqKD-8_cKCJOYKfi9KNLJz2PCKl3qEi0n0-w";
const SUB_JWT_VALID_CUSTOM_USER_CLAIM: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidGVzdCIsImNoYW5uZWwiOiJjaGFubmVsIn0.vMA6Ee2eq3d8ApAhbXmVv5LmArbrjFZgU2FUbK93EnQ";
const EMPTY_OBJECT_CLAIMS_JWT: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.DMCAvRgzrcf5w0Z879BsqzcrnDFKBY_GN6c3qKOUFtQ";

#[test]
fn centrifugo_test_tokens() {
    let v = verifier(hs());
    let got = v.verify_connect(JWT_VALID, NOW).unwrap();
    assert_eq!(got.user, "2694");
    let info = br#"{"first_name":"Alexander","last_name":"Emelin"}"#;
    assert_eq!(got.info.as_deref(), Some(&info[..]));
    assert_eq!(v.verify_connect(JWT_EXPIRED, NOW), Err(TokenError::Expired));
    assert_eq!(
        v.verify_connect(JWT_NOT_BEFORE, NOW),
        Err(TokenError::Expired)
    );
    invalid(v.verify_connect(JWT_INVALID_SIGNATURE, NOW));
    // No key configured: the algorithm is disabled, so the token is invalid, not expired.
    let keyless = verifier(TokenConfig::default());
    invalid(keyless.verify_connect(JWT_EXPIRED, NOW));
    // Skipping the signature accepts a token with extra signature bytes.
    let skip = verifier(hs()).skipping_signature(true);
    let padded = format!("{JWT_VALID}xxx");
    assert_eq!(skip.verify_connect(&padded, NOW).unwrap().user, "2694");
    invalid(v.verify_connect(&padded, NOW));

    let foo = verifier(TokenConfig {
        audience: "foo".into(),
        ..hs()
    });
    assert!(foo.verify_connect(JWT_ARRAY_AUD, NOW).is_ok());
    assert!(foo.verify_connect(JWT_STRING_AUD, NOW).is_ok());
    invalid(foo.verify_connect(JWT_VALID, NOW));
    let baz = verifier(TokenConfig {
        audience: "baz".into(),
        ..hs()
    });
    invalid(baz.verify_connect(JWT_ARRAY_AUD, NOW));

    assert_eq!(
        v.verify_connect(JWT_VALID_CUSTOM_USER_CLAIM, NOW)
            .unwrap()
            .user,
        ""
    );
    let custom = verifier(TokenConfig {
        user_id_claim: "user_id".into(),
        ..hs()
    });
    let got = custom
        .verify_connect(JWT_VALID_CUSTOM_USER_CLAIM, NOW)
        .unwrap();
    assert_eq!(got.user, "test");
    let sub = custom
        .verify_subscribe(SUB_JWT_VALID_CUSTOM_USER_CLAIM, NOW)
        .unwrap();
    assert_eq!(
        (sub.user.as_str(), sub.channel.as_str()),
        ("test", "channel")
    );
    let sub = v
        .verify_subscribe(SUB_JWT_VALID_CUSTOM_USER_CLAIM, NOW)
        .unwrap();
    assert_eq!(sub.user, "");
    assert_eq!(
        custom
            .verify_connect(EMPTY_OBJECT_CLAIMS_JWT, NOW)
            .unwrap()
            .user,
        ""
    );
}
