//! JWKS verification keys (`jwks_public_endpoint`, Centrifugo's `internal/jwks`): key sets fetched
//! over HTTP and cached per resolved endpoint URL and `kid`.
//!
//! * The cache is keyed by the resolved URL first and the `kid` second, never by `kid` alone: with
//!   a templated URL, tenant A's key "k1" must not verify a token whose claims resolve to tenant
//!   B's endpoint (CVE-2026-49998).
//! * Only keys with `"use": "sig"` are used (as in Centrifugo); of those, `kty` RSA, EC (P-256,
//!   P-384, P-521) and OKP Ed25519. Other or malformed keys are skipped, the rest of the set
//!   still works (Centrifugo refuses the whole set).
//! * A key set is fresh for an hour after it was fetched. A `kid` that is not in a fresh set, or
//!   any lookup in a stale one, refetches, at most once a second per URL; concurrent lookups of
//!   one URL share one fetch. A fetch is a GET with a 1 s timeout, tried twice.
//! * When a refetch fails, a stale set keeps serving the keys it has for up to another hour, so
//!   a short outage of the endpoint does not refuse every token at once (Centrifugo keeps used
//!   keys by touching them on every hit).
//! * A token that cannot be verified for any of these reasons, an unreachable endpoint
//!   included, is an invalid token, as in Centrifugo (disconnect 3500, subscribe error 103).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rsa::RsaPublicKey;
use serde::Deserialize;

use super::jws::{decode_raw_url, Jws};
use super::keys::{self, Alg, EcdsaKey};
use crate::config::jwks_url::{UrlTemplate, Vars};

/// How long a fetched key set is used without asking the endpoint again.
pub(crate) const KEY_TTL: Duration = Duration::from_secs(3600);
/// How long past `KEY_TTL` a set still serves its keys while refetching fails.
pub(crate) const STALE_GRACE: Duration = Duration::from_secs(3600);
/// Smallest interval between two fetches of one URL.
pub(crate) const REFETCH_INTERVAL: Duration = Duration::from_secs(1);
/// Timeout of one GET, and how many GETs one fetch tries.
const FETCH_TIMEOUT: Duration = Duration::from_secs(1);
const FETCH_ATTEMPTS: usize = 2;
/// Largest JWKS document read.
const MAX_BODY: usize = 1 << 20;
/// Most endpoints (resolved URLs) remembered at once.
const MAX_ENDPOINTS: usize = 1024;

/// One verification key from a JWKS document.
pub(crate) struct Jwk {
    /// The key's `alg` ("" when absent: then the token's, within the key's family).
    alg: String,
    key: JwkKey,
}

enum JwkKey {
    Rsa(RsaPublicKey),
    Ec(EcdsaKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl std::fmt::Debug for Jwk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.key {
            JwkKey::Rsa(_) => "RSA".to_string(),
            JwkKey::Ec(k) => format!("{k:?}"),
            JwkKey::Ed25519(_) => "Ed25519".to_string(),
        };
        write!(f, "Jwk({kind}, alg {:?})", self.alg)
    }
}

/// A JWK as written: the members Centrifugo reads.
#[derive(Deserialize)]
struct RawJwk {
    #[serde(default)]
    kty: String,
    #[serde(default)]
    kid: String,
    #[serde(default, rename = "use")]
    usage: String,
    #[serde(default)]
    alg: String,
    #[serde(default)]
    crv: String,
    n: Option<String>,
    e: Option<String>,
    x: Option<String>,
    y: Option<String>,
}

fn bytes(field: &Option<String>, name: &str) -> Result<Vec<u8>, String> {
    let text = field.as_deref().ok_or_else(|| format!("missing {name}"))?;
    decode_raw_url(text).ok_or_else(|| format!("{name} is not base64url"))
}

impl Jwk {
    /// A signature key from one member of `keys`: `Ok(None)` for keys not meant for signatures.
    pub(crate) fn parse(value: &serde_json::Value) -> Result<Option<(String, Jwk)>, String> {
        let raw = RawJwk::deserialize(value).map_err(|e| e.to_string())?;
        if raw.usage != "sig" {
            return Ok(None);
        }
        let key = match raw.kty.as_str() {
            "RSA" => JwkKey::Rsa(keys::rsa_from_components(
                &bytes(&raw.n, "n")?,
                &bytes(&raw.e, "e")?,
            )?),
            "EC" => JwkKey::Ec(keys::ecdsa_from_coordinates(
                &raw.crv,
                &bytes(&raw.x, "x")?,
                &bytes(&raw.y, "y")?,
            )?),
            "OKP" => {
                if raw.crv != "Ed25519" {
                    return Err(format!("unsupported OKP curve {:?}", raw.crv));
                }
                let x: [u8; 32] = bytes(&raw.x, "x")?
                    .try_into()
                    .map_err(|_| "x must be 32 bytes for Ed25519")?;
                let key = ed25519_dalek::VerifyingKey::from_bytes(&x)
                    .map_err(|_| "x is not an Ed25519 public key")?;
                JwkKey::Ed25519(key)
            }
            other => return Err(format!("unsupported key type {other:?}")),
        };
        Ok(Some((raw.kid, Jwk { alg: raw.alg, key })))
    }

    /// Checks the token's signature. The algorithm is the key's `alg`, or when the key has none
    /// the token's if it belongs to the key's family; the token must name that same algorithm.
    pub(crate) fn verify(&self, jws: &Jws) -> Result<(), String> {
        let unsupported = || "unsupported JWT algorithm".to_string();
        let pick = |family: &[&str]| -> Result<Alg, String> {
            let name = if self.alg.is_empty() {
                jws.alg.as_str()
            } else {
                self.alg.as_str()
            };
            if !family.contains(&name) {
                return Err(format!("{}: {name:?} for this key", unsupported()));
            }
            if jws.alg != name {
                return Err("algorithm mismatch".into());
            }
            Alg::from_name(name).ok_or_else(unsupported)
        };
        let (input, sig) = (jws.signing_input, jws.signature.as_slice());
        let ok = match &self.key {
            JwkKey::Rsa(key) => {
                let alg = pick(&["RS256", "RS384", "RS512"])?;
                keys::verify_rsa(alg, key, input, sig)
            }
            JwkKey::Ec(key) => {
                let alg = pick(&["ES256", "ES384", "ES512"])?;
                keys::verify_ecdsa(alg, key, input, sig)
                    .ok_or("key curve does not match the algorithm")?
            }
            JwkKey::Ed25519(key) => {
                if jws.alg != "EdDSA" {
                    return Err("algorithm mismatch".into());
                }
                keys::verify_ed25519(key, input, sig)
            }
        };
        if ok {
            Ok(())
        } else {
            Err("signature verification failed".into())
        }
    }
}

/// The signature keys of a JWKS document by `kid`. Keys that cannot be used are skipped (and
/// logged); a document without any usable key is an error.
pub(crate) fn parse_set(body: &[u8]) -> Result<HashMap<String, Arc<Jwk>>, String> {
    #[derive(Deserialize)]
    struct Set {
        #[serde(default)]
        keys: Vec<serde_json::Value>,
    }
    let set: Set = serde_json::from_slice(body).map_err(|e| format!("unmarshal error: {e}"))?;
    let mut out = HashMap::new();
    for value in &set.keys {
        match Jwk::parse(value) {
            Ok(Some((kid, key))) => {
                out.insert(kid, Arc::new(key));
            }
            Ok(None) => {}
            Err(e) => tracing::debug!(error = %e, "skipping unusable JWKS key"),
        }
    }
    if out.is_empty() {
        return Err("public key not found: no usable signature keys in the set".into());
    }
    Ok(out)
}

/// What one resolved URL served last.
struct Endpoint {
    keys: HashMap<String, Arc<Jwk>>,
    /// Last successful fetch.
    fetched: Option<Instant>,
    /// Last fetch, successful or not.
    attempted: Option<Instant>,
    /// Why the last fetch failed; cleared by a successful one.
    error: Option<String>,
    /// Held while fetching, so concurrent lookups share one fetch.
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl Endpoint {
    fn new() -> Endpoint {
        Endpoint {
            keys: HashMap::new(),
            fetched: None,
            attempted: None,
            error: None,
            gate: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    fn younger_than(at: Option<Instant>, age: Duration, now: Instant) -> bool {
        at.is_some_and(|at| now.saturating_duration_since(at) < age)
    }
}

/// The answer of a cache lookup.
pub(crate) enum Lookup {
    Key(Arc<Jwk>),
    /// Fetch the URL (holding this gate) and look again.
    Fetch(Arc<tokio::sync::Mutex<()>>),
    Refused(String),
}

/// Key sets by resolved URL, then keys by `kid`.
#[derive(Default)]
pub(crate) struct KeyCache {
    endpoints: HashMap<String, Endpoint>,
}

impl KeyCache {
    /// The key `kid` of `url` at `now`. With `may_fetch`, a missing or stale key asks for a fetch
    /// unless the URL was fetched less than `REFETCH_INTERVAL` ago.
    pub(crate) fn lookup(&mut self, url: &str, kid: &str, now: Instant, may_fetch: bool) -> Lookup {
        if may_fetch && !self.endpoints.contains_key(url) {
            self.make_room(now);
            self.endpoints.insert(url.to_string(), Endpoint::new());
        }
        let Some(ep) = self.endpoints.get(url) else {
            return Lookup::Refused("JWKS key not cached".into());
        };
        let key = ep.keys.get(kid);
        if let Some(key) = key {
            if Endpoint::younger_than(ep.fetched, KEY_TTL, now) {
                return Lookup::Key(key.clone());
            }
        }
        if may_fetch && !Endpoint::younger_than(ep.attempted, REFETCH_INTERVAL, now) {
            return Lookup::Fetch(ep.gate.clone());
        }
        if let Some(key) = key {
            // Stale, and refreshing it just failed: keep going within the grace period.
            if Endpoint::younger_than(ep.fetched, KEY_TTL + STALE_GRACE, now) {
                tracing::warn!(
                    error = ep.error.as_deref().unwrap_or_default(),
                    "JWKS refetch failed, using a stale key"
                );
                return Lookup::Key(key.clone());
            }
        }
        Lookup::Refused(match &ep.error {
            Some(e) => format!("JWKS fetch failed: {e}"),
            None => "public key not found".into(),
        })
    }

    /// Records a fetch of `url`: a new key set replaces the old one; a failure keeps it.
    pub(crate) fn store(
        &mut self,
        url: &str,
        result: Result<HashMap<String, Arc<Jwk>>, String>,
        now: Instant,
    ) {
        if !self.endpoints.contains_key(url) {
            self.make_room(now);
        }
        let ep = self
            .endpoints
            .entry(url.to_string())
            .or_insert_with(Endpoint::new);
        ep.attempted = Some(now);
        match result {
            Ok(keys) => {
                ep.keys = keys;
                ep.fetched = Some(now);
                ep.error = None;
            }
            Err(e) => ep.error = Some(e),
        }
    }

    /// Keeps the map bounded: forgets expired endpoints, then the least recently fetched.
    fn make_room(&mut self, now: Instant) {
        if self.endpoints.len() < MAX_ENDPOINTS {
            return;
        }
        self.endpoints.retain(|_, ep| {
            Endpoint::younger_than(ep.fetched, KEY_TTL + STALE_GRACE, now)
                || Endpoint::younger_than(ep.attempted, REFETCH_INTERVAL, now)
        });
        while self.endpoints.len() >= MAX_ENDPOINTS {
            let oldest = self
                .endpoints
                .iter()
                .min_by_key(|(_, ep)| ep.attempted)
                .map(|(url, _)| url.clone());
            match oldest {
                Some(url) => self.endpoints.remove(&url),
                None => break,
            };
        }
    }
}

/// A verifier's JWKS source: the endpoint template, an HTTP client and the key cache.
#[derive(Clone)]
pub(crate) struct Jwks {
    inner: Arc<Inner>,
}

struct Inner {
    template: UrlTemplate,
    http: reqwest::Client,
    cache: Mutex<KeyCache>,
}

impl std::fmt::Debug for Jwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwks")
            .field("templated", &self.inner.template.is_templated())
            .finish_non_exhaustive()
    }
}

impl Jwks {
    pub(crate) fn new(template: UrlTemplate) -> Result<Jwks, String> {
        // Like Centrifugo's http.Transport: no proxy from the environment.
        let http = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .no_proxy()
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Jwks {
            inner: Arc::new(Inner {
                template,
                http,
                cache: Mutex::new(KeyCache::default()),
            }),
        })
    }

    /// Whether the endpoint URL takes values from the token's claims.
    pub(crate) fn templated(&self) -> bool {
        self.inner.template.is_templated()
    }

    fn cache(&self) -> MutexGuard<'_, KeyCache> {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn url(&self, vars: &Vars, kid: &str) -> Result<String, String> {
        if kid.is_empty() {
            return Err("jwks: kid is not provided".into());
        }
        self.inner.template.resolve(vars)
    }

    /// The key from the cache only (synchronous verification never fetches).
    pub(crate) fn cached(&self, vars: &Vars, kid: &str) -> Result<Arc<Jwk>, String> {
        let url = self.url(vars, kid)?;
        match self.cache().lookup(&url, kid, Instant::now(), false) {
            Lookup::Key(key) => Ok(key),
            Lookup::Refused(why) => Err(why),
            Lookup::Fetch(_) => Err("JWKS key not cached".into()),
        }
    }

    /// The key `kid` of the endpoint the claims resolve to, fetching it when needed.
    pub(crate) async fn key(&self, vars: &Vars, kid: &str) -> Result<Arc<Jwk>, String> {
        let url = self.url(vars, kid)?;
        let first = self.cache().lookup(&url, kid, Instant::now(), true);
        let gate = match first {
            Lookup::Key(key) => return Ok(key),
            Lookup::Refused(why) => return Err(why),
            Lookup::Fetch(gate) => gate,
        };
        let _fetching = gate.lock().await;
        // Someone may have fetched while we waited for the gate.
        let again = self.cache().lookup(&url, kid, Instant::now(), true);
        if let Lookup::Fetch(_) = again {
            let result = self.fetch(&url).await;
            if let Err(e) = &result {
                tracing::warn!(url = %redacted(&url), error = %e, "JWKS fetch failed");
            }
            self.cache().store(&url, result, Instant::now());
        }
        let last = self.cache().lookup(&url, kid, Instant::now(), false);
        match last {
            Lookup::Key(key) => Ok(key),
            Lookup::Refused(why) => Err(why),
            Lookup::Fetch(_) => Err("public key not found".into()),
        }
    }

    /// GET the document (twice at most) and parse it.
    async fn fetch(&self, url: &str) -> Result<HashMap<String, Arc<Jwk>>, String> {
        let mut last = String::new();
        for _ in 0..FETCH_ATTEMPTS {
            match self.get(url).await {
                Ok(body) => return parse_set(&body),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    async fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        let mut resp = self
            .inner
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| format!("request: {e}"))?;
        if resp.status() != reqwest::StatusCode::OK {
            return Err(format!(
                "unexpected status code: {}",
                resp.status().as_u16()
            ));
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| format!("body: {e}"))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(format!("body larger than {MAX_BODY} bytes"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// The URL without user name and password, for logs.
fn redacted(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => String::new(),
    }
}
