//! TLS on the HTTP listener (`http_server.tls`: `cert_pem` and `key_pem`, each PEM text, a file
//! path or base64 PEM): rustls with the ring provider, HTTP/1.1 only (the listener speaks no
//! HTTP/2 on the external port, as without TLS).

use crate::config::TlsConfig;
use std::sync::Arc;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// The PEM blocks of `section.key` (PEM text, a file path or base64 PEM).
pub(crate) fn pem_blocks(
    section: &str,
    key: &'static str,
    v: &str,
) -> Result<Vec<pem::Pem>, String> {
    let bytes = crate::broker::redis::address::pem(key, v).map_err(|e| format!("{section}.{e}"))?;
    pem::parse_many(bytes).map_err(|e| format!("{section}.{key}: {e}"))
}

/// The DER certificates of `section.cert_pem`: at least one.
pub(crate) fn certificates(section: &str, t: &TlsConfig) -> Result<Vec<Vec<u8>>, String> {
    let certs: Vec<Vec<u8>> = pem_blocks(section, "cert_pem", &t.cert_pem)?
        .into_iter()
        .filter(|p| p.tag() == "CERTIFICATE")
        .map(pem::Pem::into_contents)
        .collect();
    if certs.is_empty() {
        return Err(format!("{section}.cert_pem: no CERTIFICATE block"));
    }
    Ok(certs)
}

/// The acceptor a `tls` section asks for; the error names the key at fault.
pub(crate) fn acceptor(section: &str, t: &TlsConfig) -> Result<tokio_rustls::TlsAcceptor, String> {
    if t.cert_pem.is_empty() || t.key_pem.is_empty() {
        return Err(format!("{section}: cert_pem and key_pem are required"));
    }
    let certs: Vec<CertificateDer<'static>> = certificates(section, t)?
        .into_iter()
        .map(CertificateDer::from)
        .collect();
    let key = pem_blocks(section, "key_pem", &t.key_pem)?
        .into_iter()
        .find_map(|p| {
            let tag = p.tag().to_string();
            let der = p.into_contents();
            match tag.as_str() {
                "PRIVATE KEY" => Some(PrivateKeyDer::Pkcs8(der.into())),
                "RSA PRIVATE KEY" => Some(PrivateKeyDer::Pkcs1(der.into())),
                "EC PRIVATE KEY" => Some(PrivateKeyDer::Sec1(der.into())),
                _ => None,
            }
        })
        .ok_or_else(|| format!("{section}.key_pem: no private key block"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("{section}: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("{section}: {e}"))?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(cfg)))
}
