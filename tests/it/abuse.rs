//! Resource bounds under abuse, over raw sockets: requests that never finish, clients that trickle
//! bytes, frames and API bodies larger than allowed. Each is closed or refused on its documented
//! bound, without the server waiting for (or buffering) what it will refuse anyway.

use super::common::*;
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the peer closes (or resets); None if it is still open after `within`.
async fn closed_within(tcp: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// A raw WebSocket connection after a successful handshake (frames are ours to write).
async fn raw_ws(s: &TestServer) -> TcpStream {
    let mut tcp = TcpStream::connect(s.addr).await.expect("connect");
    let req = format!(
        "GET /connection/websocket HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        s.addr
    );
    tcp.write_all(req.as_bytes()).await.expect("write");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(WAIT, tcp.read(&mut byte))
            .await
            .expect("handshake in time")
            .expect("read");
        assert_eq!(n, 1, "closed during the handshake");
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    tcp
}

/// A masked client frame header (FIN set) for a payload of `len` bytes, mask 0.
fn frame_header(opcode: u8, len: u64) -> Vec<u8> {
    let mut out = vec![0x80 | opcode];
    if len < 126 {
        out.push(0x80 | len as u8);
    } else if let Ok(l) = u16::try_from(len) {
        out.push(0x80 | 126);
        out.extend_from_slice(&l.to_be_bytes());
    } else {
        out.push(0x80 | 127);
        out.extend_from_slice(&len.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0, 0, 0]);
    out
}

/// The close code in the first close frame among raw server bytes.
fn close_code(bytes: &[u8]) -> Option<u16> {
    let mut rest = bytes;
    while rest.len() >= 2 {
        let (op, len7) = (rest[0] & 0x0f, usize::from(rest[1] & 0x7f));
        let (len, head) = match len7 {
            126 => (
                usize::from(u16::from_be_bytes([*rest.get(2)?, *rest.get(3)?])),
                4,
            ),
            127 => return None,
            n => (n, 2),
        };
        let payload = rest.get(head..head + len)?;
        if op == 0x8 {
            return Some(u16::from_be_bytes([*payload.first()?, *payload.get(1)?]));
        }
        rest = &rest[head + len..];
    }
    None
}

#[tokio::test]
async fn a_request_that_never_finishes_its_headers_is_dropped() {
    let s = TestServer::start(base_config()).await;
    let mut tcp = TcpStream::connect(s.addr).await.expect("connect");
    tcp.write_all(b"GET /connection/websocket HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    // The header read timeout is 10 s (Centrifugo's ReadHeaderTimeout).
    assert!(
        closed_within(&mut tcp, Duration::from_secs(30))
            .await
            .is_some(),
        "still open"
    );
    s.stop().await;
}

#[tokio::test]
async fn a_client_that_trickles_its_connect_is_closed_as_stale() {
    let mut cfg = base_config();
    cfg["client"]["stale_close_delay"] = json!("1s");
    let s = TestServer::start(cfg).await;
    let mut tcp = raw_ws(&s).await;
    let cmd = json!({"id": 1, "connect": {"token": token("slow")}}).to_string();
    let mut frame = frame_header(0x1, cmd.len() as u64);
    frame.extend_from_slice(cmd.as_bytes());
    // One byte every 100 ms: the frame would take longer than the test allows.
    let mut got = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    for b in frame {
        if tcp.write_all(&[b]).await.is_err() {
            break;
        }
        let mut buf = [0u8; 256];
        match tokio::time::timeout(Duration::from_millis(100), tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if close_code(&got).is_some() {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not closed");
    }
    if close_code(&got).is_none() {
        got.extend(closed_within(&mut tcp, WAIT).await.unwrap_or_default());
    }
    assert_eq!(close_code(&got), Some(3502), "{got:?}");
    s.stop().await;
}

#[tokio::test]
async fn a_frame_over_the_size_limit_is_refused_from_its_header() {
    let mut cfg = base_config();
    cfg["websocket"] = json!({"message_size_limit": 1024});
    let s = TestServer::start(cfg).await;
    let mut tcp = raw_ws(&s).await;
    // A header claiming 1 GiB, and none of the payload: the server must not wait for it.
    tcp.write_all(&frame_header(0x1, 1 << 30))
        .await
        .expect("write");
    let got = closed_within(&mut tcp, WAIT).await.expect("closed");
    assert_eq!(close_code(&got), Some(1009), "{got:?}");
    s.stop().await;
}

/// The status line of a raw HTTP exchange.
async fn status_of(tcp: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while !got.windows(2).any(|w| w == b"\r\n") {
        let n = tokio::time::timeout(WAIT, tcp.read(&mut buf))
            .await
            .expect("answer in time")
            .expect("read");
        assert!(n > 0, "closed without an answer");
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got).to_string();
    text.lines().next().unwrap_or("").to_string()
}

#[tokio::test]
async fn an_api_body_over_the_limit_is_refused_before_it_is_read() {
    let s = TestServer::start(base_config()).await;
    // Declared too large: 413 without the body being sent at all.
    let mut tcp = TcpStream::connect(s.addr).await.expect("connect");
    let head = format!(
        "POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: {API_KEY}\r\nContent-Length: {}\r\n\r\n",
        1u64 << 30
    );
    tcp.write_all(head.as_bytes()).await.expect("write");
    assert_eq!(status_of(&mut tcp).await, "HTTP/1.1 413 Payload Too Large");
    // Chunked, growing past the limit: refused once it is over, not after reading it all.
    let mut tcp = TcpStream::connect(s.addr).await.expect("connect");
    let head = format!(
        "POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: {API_KEY}\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    tcp.write_all(head.as_bytes()).await.expect("write");
    let chunk = format!("{:x}\r\n{}\r\n", 1 << 20, "x".repeat(1 << 20));
    let reader = tokio::spawn(async move {
        let mut tcp = tcp;
        let mut sent = 0u64;
        // Far beyond the limit, so a server that buffered everything would be caught.
        while sent < 4 << 30 {
            if tcp.write_all(chunk.as_bytes()).await.is_err() {
                break;
            }
            sent += 1 << 20;
        }
        (tcp, sent)
    });
    let (mut tcp, sent) = tokio::time::timeout(Duration::from_secs(60), reader)
        .await
        .expect("the server stopped reading")
        .expect("writer");
    // The limit is 64 MiB; what the socket buffers hold comes on top of it.
    assert!(sent <= 128 << 20, "the server read {sent} bytes");
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(WAIT, tcp.read_to_end(&mut rest)).await;
    let text = String::from_utf8_lossy(&rest);
    // The answer is 413, unless the reset for the unread rest overtook it.
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 413"),
        "{text}"
    );
    // The API still answers well-formed calls.
    let r: Value = api(&s.api_url(), "info", json!({})).await;
    assert!(r["result"]["nodes"].is_array());
    s.stop().await;
}
