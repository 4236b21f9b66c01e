//! JWKS token verification (`jwks_public_endpoint`) against a real HTTP key server: RS256 and
//! ES256 keys, caching and rotation, subscription tokens, templated per-tenant URLs
//! (CVE-2026-49998, CVE-2026-32301), startup checks and an unreachable endpoint.

use super::common::*;
use bytes::Bytes;
use http_body_util::Full;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::EncodePrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RSA_PRIVATE: &str = include_str!("../../src/auth/testdata/rsa_private.pem");

fn b64url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A key pair to sign test tokens with and to publish as a JWK.
#[derive(Clone)]
struct Key {
    alg: jsonwebtoken::Algorithm,
    encoding: jsonwebtoken::EncodingKey,
    jwk: Value,
}

impl Key {
    /// The fixed RSA test key (RS256).
    fn rsa() -> Key {
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(RSA_PRIVATE).expect("rsa key");
        let public = private.to_public_key();
        Key {
            alg: jsonwebtoken::Algorithm::RS256,
            encoding: jsonwebtoken::EncodingKey::from_rsa_pem(RSA_PRIVATE.as_bytes())
                .expect("rsa pem"),
            jwk: json!({
                "kty": "RSA", "use": "sig", "alg": "RS256",
                "n": b64url(&public.n().to_bytes_be()), "e": b64url(&public.e().to_bytes_be()),
            }),
        }
    }

    /// A fresh P-256 key (ES256).
    fn ec() -> Key {
        let secret = loop {
            if let Ok(s) = p256::SecretKey::from_slice(&rand::random::<[u8; 32]>()) {
                break s;
            }
        };
        let point = secret.public_key().to_encoded_point(false);
        let der = secret.to_pkcs8_der().expect("pkcs8");
        Key {
            alg: jsonwebtoken::Algorithm::ES256,
            encoding: jsonwebtoken::EncodingKey::from_ec_der(der.as_bytes()),
            jwk: json!({
                "kty": "EC", "use": "sig", "crv": "P-256",
                "x": b64url(point.x().expect("x")), "y": b64url(point.y().expect("y")),
            }),
        }
    }

    /// The public JWK under `kid`.
    fn jwk(&self, kid: &str) -> Value {
        let mut jwk = self.jwk.clone();
        jwk["kid"] = json!(kid);
        jwk
    }

    /// Signs `claims` with a `kid` header.
    fn sign(&self, kid: &str, claims: Value) -> String {
        let header = jsonwebtoken::Header {
            kid: Some(kid.to_string()),
            ..jsonwebtoken::Header::new(self.alg)
        };
        jsonwebtoken::encode(&header, &claims, &self.encoding).expect("sign")
    }

    fn token(&self, kid: &str, user: &str) -> String {
        self.sign(kid, json!({"sub": user, "exp": now() + 3600}))
    }
}

fn set(keys: &[(&Key, &str)]) -> Value {
    json!({"keys": keys.iter().map(|(k, kid)| k.jwk(kid)).collect::<Vec<_>>()})
}

/// What the key server answers for a path.
#[derive(Clone)]
enum Answer {
    Json(Value),
    Status(u16),
}

/// A JWKS server on 127.0.0.1:0 whose documents can change while it runs; counts requests.
#[derive(Clone)]
struct KeyServer {
    addr: SocketAddr,
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    /// How long each answer takes.
    delay: Arc<Mutex<Duration>>,
}

impl KeyServer {
    async fn start() -> KeyServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let server = KeyServer {
            addr: listener.local_addr().expect("addr"),
            answers: Default::default(),
            hits: Default::default(),
            delay: Default::default(),
        };
        let state = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| {
                        let state = state.clone();
                        async move {
                            let delay = *state.delay.lock().expect("delay");
                            tokio::time::sleep(delay).await;
                            Ok::<_, std::convert::Infallible>(state.answer(req.uri().path()))
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        server
    }

    fn answer(&self, path: &str) -> hyper::Response<Full<Bytes>> {
        *self
            .hits
            .lock()
            .expect("hits")
            .entry(path.to_string())
            .or_default() += 1;
        let answer = self.answers.lock().expect("answers").get(path).cloned();
        let (status, body) = match answer {
            Some(Answer::Json(v)) => (200, v.to_string()),
            Some(Answer::Status(s)) => (s, String::new()),
            None => (404, String::new()),
        };
        hyper::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .expect("response")
    }

    fn serve(&self, path: &str, answer: Answer) {
        self.answers
            .lock()
            .expect("answers")
            .insert(path.to_string(), answer);
    }

    fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn jwks_config(token: Value) -> Value {
    let mut c = base_config();
    c["client"]["token"] = token;
    c
}

/// Connects with `token`: `Ok(client id)` or `Err(close code)`.
async fn connect(s: &TestServer, token: &str) -> Result<String, u16> {
    let mut c = Client::open(&s.ws_url()).await;
    c.send(json!({"id": 1, "connect": {"token": token}})).await;
    match c.next().await {
        Event::Msg(r) if r.get("connect").is_some() => Ok(r["connect"]["client"]
            .as_str()
            .unwrap_or_default()
            .to_string()),
        Event::Msg(r) => panic!("unexpected reply {r}"),
        Event::Close(code, _) => Err(code),
    }
}

/// Past the interval within which a URL is not fetched again.
async fn after_refetch_interval() {
    tokio::time::sleep(Duration::from_millis(1100)).await;
}

#[tokio::test]
async fn rs256_and_es256_tokens_verify_with_cached_keys() {
    let keys = KeyServer::start().await;
    let (rsa, ec) = (Key::rsa(), Key::ec());
    keys.serve(
        "/jwks",
        Answer::Json(set(&[(&rsa, "rsa-1"), (&ec, "ec-1")])),
    );
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": keys.url("/jwks")}),
    ))
    .await;

    assert!(connect(&s, &rsa.token("rsa-1", "alice")).await.is_ok());
    assert!(connect(&s, &ec.token("ec-1", "bob")).await.is_ok());
    assert!(connect(&s, &rsa.token("rsa-1", "carol")).await.is_ok());
    assert_eq!(keys.hits("/jwks"), 1, "both keys came with one fetch");

    // The user comes from the verified token.
    let mut c = Client::open(&s.ws_url()).await;
    let r = c
        .call(json!({"id": 1, "connect": {"token": ec.token("ec-1", "dave")}}))
        .await;
    assert!(r["connect"]["client"].is_string(), "{r}");
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "chat:#dave"}}))
        .await;
    assert!(
        r.get("subscribe").is_some(),
        "user-limited channel of dave: {r}"
    );
    // A client-side refresh is verified through JWKS as well.
    let r = c
        .call(json!({"id": 3, "refresh": {"token": rsa.token("rsa-1", "dave")}}))
        .await;
    assert_eq!(r["refresh"]["expires"], true, "{r}");

    // A known kid with a signature by another key, a token without kid, a key of another
    // type under a known kid, an HMAC token: all invalid, none fetches again.
    let other = Key::ec();
    assert_eq!(connect(&s, &other.token("ec-1", "eve")).await, Err(3500));
    assert_eq!(connect(&s, &token("eve")).await, Err(3500));
    assert_eq!(connect(&s, &ec.token("rsa-1", "eve")).await, Err(3500));
    assert_eq!(keys.hits("/jwks"), 1);

    // An unknown kid refetches once; another right after is refused without a fetch.
    after_refetch_interval().await;
    assert_eq!(connect(&s, &other.token("nope", "eve")).await, Err(3500));
    assert_eq!(keys.hits("/jwks"), 2);
    assert_eq!(connect(&s, &other.token("nope-2", "eve")).await, Err(3500));
    assert_eq!(keys.hits("/jwks"), 2, "at most one refetch per second");
    // Expired but correctly signed: 109.
    let expired = ec.sign("ec-1", json!({"sub": "x", "exp": now() - 10}));
    assert_eq!(keys.hits("/jwks"), 2);
    let mut c = Client::open(&s.ws_url()).await;
    let r = c
        .call(json!({"id": 1, "connect": {"token": expired}}))
        .await;
    assert_eq!(r["error"]["code"], 109, "{r}");
    s.stop().await;
}

#[tokio::test]
async fn concurrent_tokens_share_one_fetch() {
    let keys = KeyServer::start().await;
    let ec = Key::ec();
    keys.serve("/jwks", Answer::Json(set(&[(&ec, "k1")])));
    *keys.delay.lock().expect("delay") = Duration::from_millis(300);
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": keys.url("/jwks")}),
    ))
    .await;
    let tokens: Vec<String> = (0..6).map(|i| ec.token("k1", &format!("u{i}"))).collect();
    let results = futures_util::future::join_all(tokens.iter().map(|t| connect(&s, t))).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(keys.hits("/jwks"), 1);
    s.stop().await;
}

#[tokio::test]
async fn rotation_fetches_the_new_key_once() {
    let keys = KeyServer::start().await;
    let (old, new) = (Key::ec(), Key::ec());
    keys.serve("/jwks", Answer::Json(set(&[(&old, "2024")])));
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": keys.url("/jwks")}),
    ))
    .await;
    assert!(connect(&s, &old.token("2024", "u")).await.is_ok());
    assert!(connect(&s, &old.token("2024", "u")).await.is_ok());
    assert_eq!(keys.hits("/jwks"), 1);

    // The issuer rotates: the new kid is unknown, so the first token with it refetches.
    after_refetch_interval().await;
    keys.serve("/jwks", Answer::Json(set(&[(&new, "2025")])));
    assert!(connect(&s, &new.token("2025", "u")).await.is_ok());
    assert_eq!(keys.hits("/jwks"), 2);
    assert!(connect(&s, &new.token("2025", "u")).await.is_ok());
    assert_eq!(keys.hits("/jwks"), 2);
    // The retired key is gone with the old set.
    assert_eq!(connect(&s, &old.token("2024", "u")).await, Err(3500));
    s.stop().await;
}

#[tokio::test]
async fn subscription_tokens_use_their_own_jwks() {
    let keys = KeyServer::start().await;
    let ec = Key::ec();
    keys.serve("/sub-jwks", Answer::Json(set(&[(&ec, "s1")])));
    let mut cfg = base_config();
    cfg["client"]["subscription_token"] = json!({
        "enabled": true,
        "jwks_public_endpoint": keys.url("/sub-jwks"),
    });
    let s = TestServer::start(cfg).await;
    let (mut c, _) = Client::connect(&s.ws_url(), "5").await;
    let sub = |key: &Key, kid: &str, channel: &str| {
        key.sign(
            kid,
            json!({"sub": "5", "channel": channel, "exp": now() + 3600}),
        )
    };
    let r = c
        .call(json!({"id": 2, "subscribe": {"channel": "closed:a", "token": sub(&ec, "s1", "closed:a")}}))
        .await;
    assert!(r.get("subscribe").is_some(), "{r}");
    // Signed by another key under the same kid, or an unknown kid: 103.
    let forged = sub(&Key::ec(), "s1", "closed:b");
    let r = c
        .call(json!({"id": 3, "subscribe": {"channel": "closed:b", "token": forged}}))
        .await;
    assert_eq!(r["error"]["code"], 103, "{r}");
    assert_eq!(keys.hits("/sub-jwks"), 1);
    let unknown = sub(&ec, "s2", "closed:c");
    let r = c
        .call(json!({"id": 4, "subscribe": {"channel": "closed:c", "token": unknown}}))
        .await;
    assert_eq!(r["error"]["code"], 103, "{r}");
    // An HMAC subscription token no longer works: JWKS replaces the static keys.
    let hs = sign(
        json!({"sub": "5", "channel": "closed:d", "exp": now() + 3600}),
        SECRET,
    );
    let r = c
        .call(json!({"id": 5, "subscribe": {"channel": "closed:d", "token": hs}}))
        .await;
    assert_eq!(r["error"]["code"], 103, "{r}");
    // sub_refresh goes through JWKS as well.
    let r = c
        .call(json!({"id": 6, "sub_refresh": {"channel": "closed:a", "token": sub(&ec, "s1", "closed:a")}}))
        .await;
    assert!(r.get("sub_refresh").is_some(), "{r}");
    s.stop().await;
}

#[tokio::test]
async fn templated_url_keeps_tenants_apart() {
    let keys = KeyServer::start().await;
    let (acme, globex) = (Key::ec(), Key::ec());
    // Both tenants publish a key under the same kid.
    keys.serve("/acme/jwks", Answer::Json(set(&[(&acme, "k1")])));
    keys.serve("/globex/jwks", Answer::Json(set(&[(&globex, "k1")])));
    let s = TestServer::start(jwks_config(json!({
        "jwks_public_endpoint": keys.url("/{{tenant}}/jwks"),
        "issuer_regex": r"^https://(?P<tenant>acme|globex)\.example\.com/$",
    })))
    .await;
    let token = |key: &Key, tenant: &str| {
        key.sign(
            "k1",
            json!({"sub": "u", "iss": format!("https://{tenant}.example.com/"), "exp": now() + 3600}),
        )
    };
    assert!(connect(&s, &token(&acme, "acme")).await.is_ok());
    assert_eq!((keys.hits("/acme/jwks"), keys.hits("/globex/jwks")), (1, 0));
    // Tenant A's key is cached under kid k1; a token claiming tenant B signed with it must be
    // checked against B's own set, and fail.
    assert_eq!(connect(&s, &token(&acme, "globex")).await, Err(3500));
    assert_eq!((keys.hits("/acme/jwks"), keys.hits("/globex/jwks")), (1, 1));
    assert!(connect(&s, &token(&globex, "globex")).await.is_ok());
    assert_eq!(connect(&s, &token(&globex, "acme")).await, Err(3500));
    assert_eq!((keys.hits("/acme/jwks"), keys.hits("/globex/jwks")), (1, 1));
    // An issuer outside the alternation does not match: refused, nothing fetched.
    assert_eq!(connect(&s, &token(&acme, "initech")).await, Err(3500));
    assert_eq!(connect(&s, &token(&acme, "acme.evil")).await, Err(3500));
    assert_eq!(keys.hits("/initech/jwks"), 0);
    s.stop().await;
}

#[tokio::test]
async fn unsafe_values_never_reach_the_url_even_with_the_check_skipped() {
    let keys = KeyServer::start().await;
    let acme = Key::ec();
    keys.serve("/t/acme/jwks", Answer::Json(set(&[(&acme, "k1")])));
    let s = TestServer::start(jwks_config(json!({
        "jwks_public_endpoint": keys.url("/t/{{tenant}}/jwks"),
        "issuer_regex": "^(?P<tenant>.+)$",
        "insecure_skip_jwks_endpoint_safety_check": true,
    })))
    .await;
    let token = |iss: &str| acme.sign("k1", json!({"sub": "u", "iss": iss, "exp": now() + 3600}));
    assert!(connect(&s, &token("acme")).await.is_ok());
    for iss in [
        "../t/acme",
        "acme/../acme",
        "x/../../t/acme",
        "acme%2F..",
        "acme?x=1",
        "acme#x",
        "user@127.0.0.1",
        "127.0.0.1:1",
        "a\\b",
        "a b",
        "..",
    ] {
        assert_eq!(connect(&s, &token(iss)).await, Err(3500), "{iss}");
    }
    let total: usize = keys.hits.lock().expect("hits").values().sum();
    assert_eq!(total, 1, "only the acme set was ever requested");
    s.stop().await;
}

#[test]
fn unsafe_templates_are_config_errors() {
    let err = |token: Value, sub: Option<Value>| -> String {
        let mut c = json!({"client": {"token": token}});
        if let Some(sub) = sub {
            c["client"]["subscription_token"] = sub;
        }
        match centrifugo::config::from_json_str(&c.to_string()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    };
    let url = "https://keys.example.com/{{tenant}}/jwks";
    let e = err(
        json!({"jwks_public_endpoint": url, "issuer_regex": "^(?P<tenant>[a-z]+)$"}),
        None,
    );
    assert!(e.contains("client.token.issuer_regex"), "{e}");
    assert!(e.contains("jwks_public_endpoint"), "{e}");
    let e = err(
        json!({"jwks_public_endpoint": url, "audience_regex": "^(?P<tenant>.*)$"}),
        None,
    );
    assert!(e.contains("client.token.audience_regex"), "{e}");
    let e = err(json!({"jwks_public_endpoint": url}), None);
    assert!(e.contains("client.token.jwks_public_endpoint"), "{e}");
    assert!(e.contains("{{tenant}}"), "{e}");
    let e = err(
        json!({"jwks_public_endpoint": "ftp://keys.example.com/jwks"}),
        None,
    );
    assert!(e.contains("client.token.jwks_public_endpoint"), "{e}");
    let e = err(
        json!({}),
        Some(
            json!({"enabled": true, "jwks_public_endpoint": url, "issuer_regex": "^(?P<tenant>.+)$"}),
        ),
    );
    assert!(e.contains("client.subscription_token.issuer_regex"), "{e}");
    // Accepted: an explicit alternation, the escape hatch, a disabled subscription section.
    assert_eq!(
        err(
            json!({"jwks_public_endpoint": url, "issuer_regex": "^(?P<tenant>acme|globex)$"}),
            None
        ),
        ""
    );
    assert_eq!(
        err(
            json!({"jwks_public_endpoint": url, "issuer_regex": "^(?P<tenant>.+)$",
                   "insecure_skip_jwks_endpoint_safety_check": true}),
            None
        ),
        ""
    );
    assert_eq!(
        err(
            json!({}),
            Some(json!({"jwks_public_endpoint": url, "issuer_regex": "^(?P<tenant>.+)$"}))
        ),
        ""
    );
}

/// Connect outcome and how long it took.
async fn timed_connect(s: &TestServer, token: &str) -> (Result<String, u16>, Duration) {
    let start = Instant::now();
    let r = connect(s, token).await;
    (r, start.elapsed())
}

#[tokio::test]
async fn unreachable_endpoint_is_an_invalid_token_without_hanging() {
    let ec = Key::ec();
    let t = ec.token("k1", "u");

    // A server that accepts connections and never answers: two 1 s attempts, then 3500.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let silent_addr = silent.local_addr().expect("addr");
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let held = accepted.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = silent.accept().await {
            held.lock().expect("held").push(stream);
        }
    });
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": format!("http://{silent_addr}/jwks")}),
    ))
    .await;
    let (r, took) = timed_connect(&s, &t).await;
    assert_eq!(r, Err(3500));
    assert!(took >= Duration::from_millis(1900), "{took:?}");
    assert!(took < Duration::from_millis(3500), "{took:?}");
    assert_eq!(accepted.lock().expect("held").len(), 2, "one retry");
    // Right after, the failure is remembered for a moment: no new fetch, no wait.
    let (r, took) = timed_connect(&s, &t).await;
    assert_eq!(r, Err(3500));
    assert!(took < Duration::from_millis(900), "{took:?}");
    s.stop().await;

    // Connection refused: immediate.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let closed_addr = closed.local_addr().expect("addr");
    drop(closed);
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": format!("http://{closed_addr}/jwks")}),
    ))
    .await;
    let (r, took) = timed_connect(&s, &t).await;
    assert_eq!(r, Err(3500));
    assert!(took < Duration::from_millis(1500), "{took:?}");
    s.stop().await;

    // HTTP 500 is retried once; when the endpoint recovers, the next fetch (a second later)
    // succeeds: failures are not cached for long.
    let keys = KeyServer::start().await;
    keys.serve("/jwks", Answer::Status(500));
    let s = TestServer::start(jwks_config(
        json!({"jwks_public_endpoint": keys.url("/jwks")}),
    ))
    .await;
    assert_eq!(connect(&s, &t).await, Err(3500));
    assert_eq!(keys.hits("/jwks"), 2);
    keys.serve("/jwks", Answer::Json(set(&[(&ec, "k1")])));
    assert_eq!(connect(&s, &t).await, Err(3500));
    assert_eq!(keys.hits("/jwks"), 2, "still within the refetch interval");
    after_refetch_interval().await;
    assert!(connect(&s, &t).await.is_ok());
    assert_eq!(keys.hits("/jwks"), 3);
    s.stop().await;
}
