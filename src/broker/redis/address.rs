//! Where the Redis shards are: the `address` forms Centrifugo accepts (`redis://`, `redis+sentinel://`,
//! `?addr=` extra seeds) and the explicit `cluster_address` / `sentinel_address` keys, turned into
//! one `Topology` per shard.

use crate::config::{Redis, TlsConfig};

/// Redis' default port, used when an address names none.
const DEFAULT_PORT: u16 = 6379;
/// Redis Sentinel's default port.
const SENTINEL_PORT: u16 = 26379;

/// TLS towards one server: the CA to trust (else the system roots), a client certificate and key
/// for mutual TLS, or no verification at all (`insecure_skip_verify`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Tls {
    pub insecure: bool,
    pub root: Option<Vec<u8>>,
    pub client: Option<(Vec<u8>, Vec<u8>)>,
}

/// One server to dial, with what the connection is opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    pub host: String,
    pub port: u16,
    pub db: i64,
    pub user: String,
    pub password: String,
    pub tls: Option<Tls>,
}

impl Endpoint {
    pub(crate) fn label(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// How one shard is deployed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Topology {
    /// A single server (a cluster is detected when connecting: then these are its seeds).
    Standalone(Vec<Endpoint>),
    /// A Redis Cluster, from these seeds.
    Cluster(Vec<Endpoint>),
    /// A primary found through Sentinel; `primary` carries the db and credentials for it.
    Sentinel {
        sentinels: Vec<Endpoint>,
        master_name: String,
        primary: Endpoint,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AddressError {
    #[error("{key}: {value:?}: {reason}")]
    Invalid {
        key: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("{key}: {reason}")]
    Pem { key: &'static str, reason: String },
}

/// A PEM value as Centrifugo takes it: the PEM text itself, a path to a file holding it, or the
/// PEM base64-encoded.
pub(crate) fn pem(key: &'static str, value: &str) -> Result<Vec<u8>, AddressError> {
    let v = value.trim();
    if v.starts_with("-----BEGIN") {
        return Ok(v.as_bytes().to_vec());
    }
    if let Ok(bytes) = std::fs::read(v) {
        return Ok(bytes);
    }
    use base64::Engine;
    match base64::engine::general_purpose::STANDARD.decode(v) {
        Ok(b) if b.starts_with(b"-----BEGIN") => Ok(b),
        _ => Err(AddressError::Pem {
            key,
            reason: "not PEM, a readable file or base64-encoded PEM".to_string(),
        }),
    }
}

/// The TLS settings a `tls` object asks for (`enabled` is the caller's business).
fn tls_settings(prefix: &'static [&'static str; 3], t: &TlsConfig) -> Result<Tls, AddressError> {
    let [ca_key, cert_key, key_key] = *prefix;
    let root = (!t.server_ca_pem.is_empty())
        .then(|| pem(ca_key, &t.server_ca_pem))
        .transpose()?;
    let client = match (t.cert_pem.is_empty(), t.key_pem.is_empty()) {
        (true, true) => None,
        (false, false) => Some((pem(cert_key, &t.cert_pem)?, pem(key_key, &t.key_pem)?)),
        _ => {
            return Err(AddressError::Pem {
                key: cert_key,
                reason: "cert_pem and key_pem go together".to_string(),
            })
        }
    };
    Ok(Tls {
        insecure: t.insecure_skip_verify,
        root,
        client,
    })
}

const TLS_KEYS: [&str; 3] = ["tls.server_ca_pem", "tls.cert_pem", "tls.key_pem"];
const SENTINEL_TLS_KEYS: [&str; 3] = [
    "sentinel_tls.server_ca_pem",
    "sentinel_tls.cert_pem",
    "sentinel_tls.key_pem",
];

fn invalid(key: &'static str, value: &str, reason: &'static str) -> AddressError {
    AddressError::Invalid {
        key,
        value: value.to_string(),
        reason,
    }
}

/// `host[:port]` (IPv6 in brackets).
fn host_port(s: &str, default_port: u16) -> Option<(String, u16)> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None if after.is_empty() => default_port,
            None => return None,
        };
        return Some((host.to_string(), port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() => Some((h.to_string(), p.parse().ok()?)),
        Some(_) => None,
        None => Some((s.to_string(), default_port)),
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parts of one `address` entry.
struct Parsed {
    sentinel: bool,
    tls: bool,
    hosts: Vec<(String, u16)>,
    db: Option<i64>,
    user: Option<String>,
    password: Option<String>,
    master_name: Option<String>,
    sentinel_user: Option<String>,
    sentinel_password: Option<String>,
}

fn parse_url(key: &'static str, raw: &str) -> Result<Parsed, AddressError> {
    let (scheme, rest) = match raw.split_once("://") {
        Some((s, r)) => (s, r),
        // A bare host:port is a plain Redis address.
        None => ("redis", raw),
    };
    let (sentinel, tls) = match scheme {
        "redis" | "tcp" => (false, false),
        "rediss" => (false, true),
        "redis+sentinel" => (true, false),
        "rediss+sentinel" => (true, true),
        "unix" => return Err(invalid(key, raw, "unix sockets are not supported")),
        _ => return Err(invalid(key, raw, "unknown scheme")),
    };
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    let (userinfo, hostpart) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (user, password) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((n, p)) => (Some(percent_decode(n)), Some(percent_decode(p))),
            None => (Some(percent_decode(u)), None),
        },
        None => (None, None),
    };
    let default_port = if sentinel {
        SENTINEL_PORT
    } else {
        DEFAULT_PORT
    };
    let mut hosts = Vec::new();
    if !hostpart.is_empty() {
        hosts.push(
            host_port(hostpart, default_port).ok_or_else(|| invalid(key, raw, "bad host:port"))?,
        );
    }
    let db = match path.trim_matches('/') {
        "" => None,
        d => Some(
            d.parse()
                .map_err(|_| invalid(key, raw, "bad database number"))?,
        ),
    };
    let mut p = Parsed {
        sentinel,
        tls,
        hosts,
        db,
        user: user.filter(|u| !u.is_empty()),
        password,
        master_name: None,
        sentinel_user: None,
        sentinel_password: None,
    };
    for pair in query.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        match k {
            "addr" => p.hosts.push(
                host_port(&v, default_port)
                    .ok_or_else(|| invalid(key, raw, "bad addr host:port"))?,
            ),
            "sentinel_master_name" => p.master_name = Some(v),
            "sentinel_user" => p.sentinel_user = Some(v),
            "sentinel_password" => p.sentinel_password = Some(v),
            "db" => p.db = Some(v.parse().map_err(|_| invalid(key, raw, "bad db"))?),
            "user" => p.user = Some(v),
            "password" => p.password = Some(v),
            // Connection tuning options of the Go client are accepted and left to our defaults.
            _ => {}
        }
    }
    if p.hosts.is_empty() {
        return Err(invalid(key, raw, "no host"));
    }
    Ok(p)
}

fn endpoint(host: String, port: u16, db: i64, user: &str, password: &str) -> Endpoint {
    Endpoint {
        host,
        port,
        db,
        user: user.to_string(),
        password: password.to_string(),
        tls: None,
    }
}

/// TLS for the data servers: on with `tls.enabled` or a `rediss://` address.
fn data_tls(r: &Redis, scheme_tls: bool) -> Result<Option<Tls>, AddressError> {
    if r.tls.enabled || scheme_tls {
        Ok(Some(tls_settings(&TLS_KEYS, &r.tls)?))
    } else {
        Ok(None)
    }
}

/// The shards a Redis config section describes, in the order their channels are hashed to.
pub(crate) fn shards(r: &Redis) -> Result<Vec<Topology>, AddressError> {
    let sentinel_tls = if r.sentinel_tls.enabled {
        Some(tls_settings(&SENTINEL_TLS_KEYS, &r.sentinel_tls)?)
    } else {
        None
    };
    let mut out = Vec::new();
    let db = r.db as i64;
    if !r.cluster_address.is_empty() {
        for entry in &r.cluster_address {
            let mut seeds = Vec::new();
            for a in entry.split(',').filter(|s| !s.trim().is_empty()) {
                let p = parse_url("cluster_address", a.trim())?;
                let tls = data_tls(r, p.tls)?;
                for (h, port) in p.hosts {
                    let user = p.user.as_deref().unwrap_or(&r.user);
                    let pass = p.password.as_deref().unwrap_or(&r.password);
                    seeds.push(Endpoint {
                        tls: tls.clone(),
                        ..endpoint(h, port, 0, user, pass)
                    });
                }
            }
            if seeds.is_empty() {
                return Err(invalid("cluster_address", entry, "no host"));
            }
            out.push(Topology::Cluster(seeds));
        }
        return Ok(out);
    }
    if !r.sentinel_address.is_empty() {
        if r.sentinel_master_name.is_empty() {
            return Err(invalid(
                "sentinel_master_name",
                "",
                "required with sentinel_address",
            ));
        }
        for entry in &r.sentinel_address {
            let mut sentinels = Vec::new();
            for a in entry.split(',').filter(|s| !s.trim().is_empty()) {
                let (h, port) = host_port(a, SENTINEL_PORT)
                    .ok_or_else(|| invalid("sentinel_address", a, "bad host:port"))?;
                sentinels.push(Endpoint {
                    tls: sentinel_tls.clone(),
                    ..endpoint(h, port, 0, &r.sentinel_user, &r.sentinel_password)
                });
            }
            out.push(Topology::Sentinel {
                sentinels,
                master_name: r.sentinel_master_name.clone(),
                primary: Endpoint {
                    tls: data_tls(r, false)?,
                    ..endpoint(String::new(), 0, db, &r.user, &r.password)
                },
            });
        }
        return Ok(out);
    }
    for a in &r.address {
        let p = parse_url("address", a.trim())?;
        let user = p.user.clone().unwrap_or_else(|| r.user.clone());
        let pass = p.password.clone().unwrap_or_else(|| r.password.clone());
        let db = p.db.unwrap_or(db);
        let tls = data_tls(r, p.tls)?;
        if p.sentinel {
            let master_name = p
                .master_name
                .clone()
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| r.sentinel_master_name.clone());
            if master_name.is_empty() {
                return Err(invalid("address", a, "sentinel_master_name is required"));
            }
            let su = p.sentinel_user.as_deref().unwrap_or(&r.sentinel_user);
            let sp = p
                .sentinel_password
                .as_deref()
                .unwrap_or(&r.sentinel_password);
            out.push(Topology::Sentinel {
                sentinels: p
                    .hosts
                    .into_iter()
                    .map(|(h, port)| Endpoint {
                        tls: sentinel_tls.clone(),
                        ..endpoint(h, port, 0, su, sp)
                    })
                    .collect(),
                master_name,
                primary: Endpoint {
                    tls,
                    ..endpoint(String::new(), 0, db, &user, &pass)
                },
            });
        } else {
            out.push(Topology::Standalone(
                p.hosts
                    .into_iter()
                    .map(|(h, port)| Endpoint {
                        tls: tls.clone(),
                        ..endpoint(h, port, db, &user, &pass)
                    })
                    .collect(),
            ));
        }
    }
    if out.is_empty() {
        return Err(invalid("address", "", "no Redis address"));
    }
    Ok(out)
}

/// Jump consistent hash (Lamping and Veach) of a key's FNV-1a hash onto `n` buckets: adding a
/// shard moves only about 1/n of the channels.
pub(crate) fn shard_index(key: &str, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let (mut b, mut j): (i64, i64) = (-1, 0);
    while j < n as i64 {
        b = j;
        h = h.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        j = ((b + 1) as f64 * ((1u64 << 31) as f64 / ((h >> 33) + 1) as f64)) as i64;
    }
    b as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redis(json: &str) -> Redis {
        serde_json::from_str(json).expect("redis section")
    }

    #[test]
    fn addresses_become_shards() {
        let r = redis(
            r#"{"address": ["redis://u:p%40ss@10.0.0.1:7000/2", "127.0.0.1", "redis+sentinel://s1:26380?addr=s2&sentinel_master_name=mymaster&sentinel_password=sp"]}"#,
        );
        let s = shards(&r).expect("valid");
        assert_eq!(
            s[0],
            Topology::Standalone(vec![endpoint("10.0.0.1".into(), 7000, 2, "u", "p@ss")])
        );
        assert_eq!(
            s[1],
            Topology::Standalone(vec![endpoint("127.0.0.1".into(), 6379, 0, "", "")])
        );
        let Topology::Sentinel {
            sentinels,
            master_name,
            ..
        } = &s[2]
        else {
            panic!("sentinel: {:?}", s[2]);
        };
        assert_eq!(master_name, "mymaster");
        assert_eq!(sentinels.len(), 2);
        assert_eq!(
            (sentinels[1].port, sentinels[1].password.as_str()),
            (26379, "sp")
        );
    }

    #[test]
    fn explicit_cluster_and_sentinel_keys() {
        let r = redis(r#"{"cluster_address": ["a:7000,b:7001", "c:7002"]}"#);
        let s = shards(&r).expect("valid");
        assert!(matches!(&s[0], Topology::Cluster(seeds) if seeds.len() == 2));
        assert_eq!(s.len(), 2);
        let r = redis(r#"{"sentinel_address": ["s1:26379,s2"]}"#);
        assert!(shards(&r).is_err(), "master name required");
    }

    #[test]
    fn bad_addresses_are_named() {
        for bad in ["redis://host:notaport", "ftp://x", "redis://"] {
            let r = redis(&format!(r#"{{"address": ["{bad}"]}}"#));
            let e = shards(&r).expect_err(bad).to_string();
            assert!(e.contains(bad), "{e}");
        }
        let r = redis(r#"{"address": ["rediss://h:6380"], "tls": {"server_ca_pem": "nope"}}"#);
        let e = shards(&r).expect_err("bad pem").to_string();
        assert!(e.starts_with("tls.server_ca_pem"), "{e}");
        let r = redis(r#"{"address": ["rediss://h:6380"]}"#);
        let Ok(s) = shards(&r) else { panic!("rediss") };
        assert!(matches!(&s[0], Topology::Standalone(e) if e[0].tls.is_some()));
    }

    #[test]
    fn jump_hash_is_stable_and_moves_few_keys() {
        let n = 1000;
        let mut moved = 0;
        for i in 0..n {
            let k = format!("chat:{i}");
            let a = shard_index(&k, 3);
            assert!(a < 3);
            assert_eq!(a, shard_index(&k, 3));
            if shard_index(&k, 4) != a {
                moved += 1;
            }
        }
        // Going from 3 to 4 shards should move about a quarter of the keys.
        assert!((150..350).contains(&moved), "{moved}");
    }
}
