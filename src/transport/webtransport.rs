//! WebTransport (experimental, as in Centrifugo): `webtransport.enabled` with
//! `http_server.http3.enabled` and `http_server.tls`, a QUIC endpoint on the HTTP port (UDP)
//! answering HTTP/3 CONNECT at `webtransport.handler_prefix`. The client opens one bidirectional
//! stream and speaks the client protocol on it: JSON newline-delimited, or Protobuf
//! varint-length-delimited with `?cf_protocol=protobuf`. A server disconnect is a `disconnect`
//! push, then the end of the stream. The session is the shared one (transport "webtransport").

use super::edge::{self, FrameWriter};
use crate::node::Node;
use crate::outbox::Protocol;
use crate::protocol::{pb, Disconnect};
use bytes::{Bytes, BytesMut};
use std::sync::Arc;
use std::time::Duration;
use wtransport::{Endpoint, Identity, ServerConfig};

/// How long a client may take to open its stream after the session is accepted.
const STREAM_WAIT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(1);

/// The identity (certificate chain and key) from `http_server.tls`.
fn identity(c: &crate::config::Config) -> Result<Identity, String> {
    let t = &c.http_server.tls;
    let section = "http_server.tls";
    let certs = super::tls::certificates(section, t)?
        .into_iter()
        .map(|der| {
            wtransport::tls::Certificate::from_der(der)
                .map_err(|e| format!("{section}.cert_pem: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let key = super::tls::pem_blocks(section, "key_pem", &t.key_pem)?
        .into_iter()
        .find(|p| p.tag() == "PRIVATE KEY")
        .ok_or("http_server.tls.key_pem: WebTransport needs a PKCS#8 key (BEGIN PRIVATE KEY)")?;
    Ok(Identity::new(
        wtransport::tls::CertificateChain::new(certs),
        wtransport::tls::PrivateKey::from_der_pkcs8(key.into_contents()),
    ))
}

/// Why the config cannot run WebTransport, if it asks for it and cannot.
pub(crate) fn check(c: &crate::config::Config) -> Result<(), String> {
    if !c.webtransport.enabled {
        return Ok(());
    }
    if !c.http_server.http3.enabled || !c.http_server.tls.enabled {
        return Err(
            "webtransport.enabled needs http_server.http3.enabled and http_server.tls".into(),
        );
    }
    identity(c).map(|_| ())
}

/// Serves WebTransport on UDP `addr` until `shutdown`.
pub(crate) async fn serve(
    node: Arc<Node>,
    addr: std::net::SocketAddr,
    shutdown: crate::shutdown::Shutdown,
) {
    let identity = match identity(&node.config) {
        Ok(i) => i,
        Err(e) => {
            tracing::error!(error = %e, "webtransport not started");
            return;
        }
    };
    let config = ServerConfig::builder()
        .with_bind_address(addr)
        .with_identity(identity)
        .keep_alive_interval(Some(Duration::from_secs(15)))
        .build();
    let server = match Endpoint::server(config) {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, %addr, "webtransport: cannot bind UDP");
            return;
        }
    };
    tracing::info!(%addr, "serving webtransport on {}", node.config.webtransport.handler_prefix);
    let mut stop = std::pin::pin!(shutdown.wait());
    loop {
        let incoming = tokio::select! {
            i = server.accept() => i,
            _ = &mut stop => break,
        };
        let node = node.clone();
        tokio::spawn(async move {
            if let Err(e) = session(node, incoming).await {
                tracing::debug!(error = %e, "webtransport session ended");
            }
        });
    }
    server.close(0u32.into(), b"shutdown");
}

async fn session(
    node: Arc<Node>,
    incoming: wtransport::endpoint::IncomingSession,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let request = incoming.await?;
    let (path, query) = request
        .path()
        .split_once('?')
        .unwrap_or((request.path(), ""));
    if path != node.config.webtransport.handler_prefix {
        request.not_found().await;
        return Ok(());
    }
    let format = if super::http::query_param(query, "cf_protocol").as_deref() == Some("protobuf") {
        Protocol::Protobuf
    } else {
        Protocol::Json
    };
    let mut headers = warp::http::HeaderMap::new();
    for (k, v) in request.headers() {
        if let (Ok(k), Ok(v)) = (
            warp::http::HeaderName::from_bytes(k.as_bytes()),
            warp::http::HeaderValue::from_str(v),
        ) {
            headers.insert(k, v);
        }
    }
    let admitted = match edge::admit(&node, &headers) {
        Ok(a) => a,
        Err(code) if code == warp::http::StatusCode::FORBIDDEN => {
            request.forbidden().await;
            return Ok(());
        }
        Err(_) => {
            request.too_many_requests().await;
            return Ok(());
        }
    };
    let connection = request.accept().await?;
    let (send, recv) = tokio::time::timeout(STREAM_WAIT, connection.accept_bi()).await??;
    let handle = edge::new_handle(&node, format);
    let limit = super::emulation::limit(node.config.webtransport.message_size_limit);
    let reader_handle = handle.clone();
    let frames =
        futures_util::stream::unfold((recv, BytesMut::new()), move |(mut recv, mut buf)| {
            let handle = reader_handle.clone();
            async move {
                loop {
                    match next_frame(&mut buf, format, limit) {
                        Ok(Some(f)) => return Some((f, (recv, buf))),
                        Ok(None) => {}
                        Err(()) => {
                            handle.close(Disconnect::bad_request());
                            return None;
                        }
                    }
                    let mut chunk = [0u8; 16 << 10];
                    match recv.read(&mut chunk).await {
                        Ok(Some(n)) if n > 0 => buf.extend_from_slice(&chunk[..n]),
                        _ => return None,
                    }
                }
            }
        });
    edge::serve(
        node,
        "webtransport",
        handle,
        frames,
        StreamWriter { send, format },
        WRITE_TIMEOUT,
        admitted,
    )
    .await;
    // Let the last bytes (the disconnect push) reach the client before the session goes.
    tokio::time::sleep(Duration::from_millis(100)).await;
    connection.close(0u32.into(), b"");
    Ok(())
}

/// Takes one command frame off the front of `buf`: a JSON line, or one varint-delimited
/// Protobuf message with its prefix (as the session decodes it). Err when a frame is larger
/// than `limit` (checked from the length prefix, before waiting for its bytes).
fn next_frame(buf: &mut BytesMut, format: Protocol, limit: usize) -> Result<Option<Bytes>, ()> {
    match format {
        Protocol::Json => match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                let line = buf.split_to(i + 1).freeze();
                Ok(Some(line.slice(..i)))
            }
            None if buf.len() > limit => Err(()),
            None => Ok(None),
        },
        Protocol::Protobuf => {
            let mut len: u64 = 0;
            for (i, b) in buf.iter().enumerate().take(10) {
                len |= u64::from(b & 0x7f) << (7 * i);
                if b & 0x80 == 0 {
                    if len > limit as u64 {
                        return Err(());
                    }
                    let total = i + 1 + len as usize;
                    if buf.len() < total {
                        return Ok(None);
                    }
                    return Ok(Some(buf.split_to(total).freeze()));
                }
            }
            if buf.len() >= 10 {
                Err(())
            } else {
                Ok(None)
            }
        }
    }
}

struct StreamWriter {
    send: wtransport::SendStream,
    format: Protocol,
}

impl FrameWriter for StreamWriter {
    async fn send(&mut self, format: Protocol, items: &[Bytes]) -> std::io::Result<()> {
        let mut out = Vec::with_capacity(items.iter().map(|b| b.len() + 1).sum());
        for item in items {
            out.extend_from_slice(item);
            if format == Protocol::Json {
                out.push(b'\n');
            }
        }
        self.send
            .write_all(&out)
            .await
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::BrokenPipe, e.to_string()))
    }

    async fn pong(&mut self, _payload: Bytes) -> std::io::Result<()> {
        Ok(())
    }

    async fn close(&mut self, code: u16, reason: String) -> std::io::Result<()> {
        let reply = pb::Reply {
            push: Some(edge::disconnect_push(code, reason)),
            ..Default::default()
        };
        if let Some(item) = self.format.encode(&reply) {
            let format = self.format;
            self.send(format, &[Bytes::from(item)]).await?;
        }
        let _ = self.send.finish().await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_split_and_bounded() {
        let mut b = BytesMut::from(&b"{\"id\":1}\n{\"id\""[..]);
        assert_eq!(
            next_frame(&mut b, Protocol::Json, 100),
            Ok(Some(Bytes::from_static(b"{\"id\":1}")))
        );
        assert_eq!(next_frame(&mut b, Protocol::Json, 100), Ok(None));
        assert_eq!(next_frame(&mut b, Protocol::Json, 3), Err(()));
        let mut p = BytesMut::from(&[0x02, 8, 1, 0x05, 1][..]);
        assert_eq!(
            next_frame(&mut p, Protocol::Protobuf, 100),
            Ok(Some(Bytes::from_static(&[0x02, 8, 1])))
        );
        assert_eq!(next_frame(&mut p, Protocol::Protobuf, 100), Ok(None));
        assert_eq!(next_frame(&mut p, Protocol::Protobuf, 4), Err(()));
    }
}
