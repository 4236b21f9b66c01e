//! Redis over TLS (`rediss://`, `tls`): a redis-server with a TLS port and a certificate from a CA
//! the test makes with openssl; two nodes exchange publications and history through it. A node
//! that does not trust the CA cannot reach Redis and says so in readiness.

use super::servers::{free_port, Dir, Redis};
use super::{eventually, two_nodes};
use crate::it::common::*;
use serde_json::json;
use std::process::Command;
use std::time::Duration;

fn openssl(dir: &Dir, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(&dir.0)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A self-signed CA certificate `<stem>.crt` with its key `<stem>.key`.
fn self_signed(dir: &Dir, cn: &str, stem: &str) {
    let subject = format!("/CN={cn}");
    let (key, crt) = (format!("{stem}.key"), format!("{stem}.crt"));
    openssl(
        dir,
        &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", &subject,
            "-keyout", &key, "-out", &crt,
        ],
    );
}

/// A server certificate for localhost / 127.0.0.1 and its CA in a new directory (kept alive by
/// the returned `Dir`): (dir, server.crt path, server.key path, ca.crt bytes).
pub(crate) fn server_files(tag: &str) -> (Dir, String, String, Vec<u8>) {
    let dir = Dir::new(tag);
    certificates(&dir);
    let path = |f: &str| dir.0.join(f).to_string_lossy().into_owned();
    let (crt, key) = (path("server.crt"), path("server.key"));
    let ca = std::fs::read(dir.0.join("ca.crt")).expect("ca.crt");
    (dir, crt, key, ca)
}

/// A CA and a server certificate for localhost / 127.0.0.1, in `dir`.
pub(crate) fn certificates(dir: &Dir) {
    self_signed(dir, "test-ca", "ca");
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ],
    );
    std::fs::write(
        dir.0.join("san.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .expect("san.ext");
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.crt",
        ],
    );
    // Another CA, which did not sign the server's certificate.
    self_signed(dir, "other-ca", "other");
}

#[tokio::test]
async fn redis_over_tls_with_our_ca_and_refused_with_another() {
    let dir = Dir::new("tls");
    certificates(&dir);
    let file = |n: &str| dir.0.join(n).to_string_lossy().into_owned();
    let tls_port = free_port();
    let _redis = Redis::with(&[
        "--tls-port",
        &tls_port.to_string(),
        "--tls-cert-file",
        &file("server.crt"),
        "--tls-key-file",
        &file("server.key"),
        "--tls-ca-cert-file",
        &file("ca.crt"),
        "--tls-auth-clients",
        "no",
    ]);
    let address = format!("rediss://localhost:{tls_port}");
    // The CA given as a file path, and (on the other node) as the PEM text itself.
    let ca_text = std::fs::read_to_string(file("ca.crt")).expect("ca.crt");
    let engine = json!({"engine": {"type": "redis", "redis": {"address": address, "tls": {"server_ca_pem": file("ca.crt")}}}});
    let (a, b) = two_nodes(&engine).await;
    let (mut c, _) = Client::connect(&a.ws_url(), "1").await;
    c.call(json!({"id": 2, "subscribe": {"channel": "chat:tls"}}))
        .await;
    let r = api(
        &b.api_url(),
        "publish",
        json!({"channel": "chat:tls", "data": {"n": 1}}),
    )
    .await;
    assert_eq!(r["result"]["offset"], 1, "{r}");
    assert_eq!(c.publication().await["pub"]["data"], json!({"n": 1}));
    let r = api(
        &a.api_url(),
        "history",
        json!({"channel": "chat:tls", "limit": -1}),
    )
    .await;
    assert_eq!(
        r["result"]["publications"][0]["data"],
        json!({"n": 1}),
        "{r}"
    );
    a.stop().await;
    b.stop().await;
    let pem_engine = json!({"engine": {"type": "redis", "redis": {"address": address, "tls": {"server_ca_pem": ca_text}}}});
    let s = TestServer::start(super::node_config(&pem_engine, "pem")).await;
    let r = api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:tls", "data": {"n": 2}}),
    )
    .await;
    assert_eq!(r["result"]["offset"], 2, "{r}");
    s.stop().await;
    // A CA that did not sign the certificate: nothing reaches Redis, and readiness says so.
    let wrong = json!({"engine": {"type": "redis", "redis": {"address": address, "tls": {"server_ca_pem": file("other.crt")}}}});
    let s = TestServer::start(super::node_config(&wrong, "wrong")).await;
    let r = api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:tls", "data": {"n": 3}}),
    )
    .await;
    assert_eq!(r["error"]["code"], 100, "{r}");
    eventually("readiness", Duration::from_secs(10), || async {
        let r = reqwest::get(format!("http://{}/health/ready", s.addr))
            .await
            .expect("ready");
        r.status().as_u16() == 503
    })
    .await;
    s.stop().await;
    // insecure_skip_verify trusts whatever the server shows.
    let insecure = json!({"engine": {"type": "redis", "redis": {"address": address, "tls": {"insecure_skip_verify": true}}}});
    let s = TestServer::start(super::node_config(&insecure, "insecure")).await;
    let r = api(
        &s.api_url(),
        "publish",
        json!({"channel": "chat:tls", "data": {"n": 4}}),
    )
    .await;
    assert_eq!(r["result"]["offset"], 3, "{r}");
    s.stop().await;
}
