//! One benchmark client: WebSocket from a chosen loopback source, connect and subscribe commands,
//! pings answered, and publications recognised by the timestamp marker inside their payload.

use super::Ctx;
use anyhow::{anyhow, bail, Context};
use base64::Engine;
use bytes::Bytes;
use bytes::{Buf, BytesMut};
use centrifugo::wire::{json_pb, pb, protobuf, Format};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;

/// Bytes asked of the socket per read.
const READ_CHUNK: usize = 16 << 10;

/// `ws://host:port/path?query` -> (`host:port`, `/path?query`).
pub(super) fn split_ws_url(url: &str) -> anyhow::Result<(&str, &str)> {
    let rest = url
        .strip_prefix("ws://")
        .ok_or_else(|| anyhow!("--url must start with ws:// (got {url})"))?;
    Ok(match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    })
}

/// Nanoseconds since the Unix epoch (publisher and subscribers share this clock).
pub(super) fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A JSON payload of about `size` bytes carrying its send time and sequence number.
pub(super) fn payload(seq: u64, size: usize) -> String {
    let mut s = format!("{{\"_bt\":{},\"_bs\":{seq},\"p\":\"", now_ns());
    let pad = size.saturating_sub(s.len() + 2);
    s.extend(std::iter::repeat_n('x', pad));
    s.push_str("\"}");
    s
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn number_after(hay: &[u8], key: &[u8]) -> Option<u64> {
    let start = find(hay, key)? + key.len();
    let digits = hay[start..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit());
    let mut n: u64 = 0;
    let mut any = false;
    for d in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        any = true;
    }
    any.then_some(n)
}

/// (send time ns, sequence) from a payload made by [`payload`].
pub(super) fn marker(data: &[u8]) -> Option<(u64, u64)> {
    Some((
        number_after(data, b"\"_bt\":")?,
        number_after(data, b"\"_bs\":")?,
    ))
}

/// What one item of a server frame is to the benchmark.
#[derive(Debug)]
pub(super) enum Item {
    Ping,
    Reply {
        id: u32,
        error: Option<String>,
    },
    /// A publication push carrying a marker: (send time ns, sequence).
    Publication(u64, u64),
    /// Any other push (join/leave, unsubscribe, disconnect, ...).
    OtherPush,
}

/// Largest frame the benchmark accepts from a server.
const MAX_FRAME: usize = 64 << 20;

/// A minimal WebSocket client on a plain TCP stream: one read buffer holding whatever the socket
/// had, frames parsed in place (server frames are unmasked), masked frames written directly.
/// Much cheaper per delivered message than a general-purpose client, so one load-generator core
/// can keep up with a server core.
pub(super) struct Conn {
    stream: TcpStream,
    buf: BytesMut,
    /// Payload of a fragmented message being reassembled (opcode, bytes).
    partial: Option<(u8, Vec<u8>)>,
    format: Format,
    mask_seed: u32,
}

impl Conn {
    /// TCP from source address `idx % sources`, then the WebSocket upgrade.
    pub(super) async fn open(ctx: &Ctx, idx: usize) -> anyhow::Result<Conn> {
        let source = ctx.sources[idx % ctx.sources.len()];
        let socket = TcpSocket::new_v4().context("socket")?;
        // One source: let connect() pick the port, which may reuse ports in TIME_WAIT (tcp_tw_reuse).
        // An explicit bind() must find a port free of TIME_WAIT, which slows down back-to-back runs.
        if ctx.sources.len() > 1 {
            socket.set_reuseaddr(true).context("SO_REUSEADDR")?;
            socket
                .bind(SocketAddr::from((source, 0)))
                .with_context(|| format!("binding {source}"))?;
        }
        let stream = socket
            .connect(ctx.server)
            .await
            .with_context(|| format!("connecting to {} from {source}", ctx.server))?;
        stream.set_nodelay(true).context("TCP_NODELAY")?;
        let mut url = ctx.common.url.clone();
        if ctx.format == Format::Protobuf && !url.contains("format=protobuf") {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("format=protobuf");
        }
        let mut conn = Conn {
            stream,
            buf: BytesMut::with_capacity(READ_CHUNK),
            partial: None,
            format: ctx.format,
            mask_seed: (idx as u32).wrapping_mul(0x9E37_79B9) | 1,
        };
        conn.handshake(&url).await.context("WebSocket handshake")?;
        Ok(conn)
    }

    async fn handshake(&mut self, url: &str) -> anyhow::Result<()> {
        let (host, path) = split_ws_url(url)?;
        let mut nonce = [0u8; 16];
        for (i, chunk) in nonce.chunks_mut(4).enumerate() {
            chunk.copy_from_slice(&self.mask_seed.rotate_left(8 * i as u32).to_le_bytes());
        }
        let key = base64::engine::general_purpose::STANDARD.encode(nonce);
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        );
        self.stream.write_all(request.as_bytes()).await?;
        let end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i + 4;
            }
            if self.buf.len() > 16 << 10 {
                bail!("response headers too long");
            }
            if self.fill().await? == 0 {
                bail!("connection closed during the handshake");
            }
        };
        let head = self.buf.split_to(end);
        let head = String::from_utf8_lossy(&head);
        let status = head.lines().next().unwrap_or("");
        if !status.starts_with("HTTP/1.1 101") {
            bail!("server answered {status:?}");
        }
        let accept = derive_accept_key(key.as_bytes());
        let ok = head.lines().any(|l| {
            l.split_once(':').is_some_and(|(k, v)| {
                k.eq_ignore_ascii_case("sec-websocket-accept") && v.trim() == accept
            })
        });
        if !ok {
            bail!("missing or wrong Sec-WebSocket-Accept");
        }
        Ok(())
    }

    /// Reads whatever the socket has into the buffer; 0 at end of stream. Cancel-safe.
    pub(super) async fn fill(&mut self) -> std::io::Result<usize> {
        if self.buf.capacity() - self.buf.len() < READ_CHUNK / 2 {
            self.buf.reserve(READ_CHUNK);
        }
        self.stream.read_buf(&mut self.buf).await
    }

    /// The next complete data message already in the buffer (no I/O); pings are answered.
    pub(super) async fn buffered_frame(&mut self) -> anyhow::Result<Option<Bytes>> {
        loop {
            let b = &self.buf[..];
            if b.len() < 2 {
                return Ok(None);
            }
            let (fin, opcode) = (b[0] & 0x80 != 0, b[0] & 0x0f);
            if b[1] & 0x80 != 0 {
                bail!("server sent a masked frame");
            }
            let (len, head) = match b[1] & 0x7f {
                126 if b.len() >= 4 => (usize::from(u16::from_be_bytes([b[2], b[3]])), 4),
                127 if b.len() >= 10 => {
                    let mut n = [0u8; 8];
                    n.copy_from_slice(&b[2..10]);
                    (
                        usize::try_from(u64::from_be_bytes(n)).unwrap_or(usize::MAX),
                        10,
                    )
                }
                126 | 127 => return Ok(None),
                n => (usize::from(n), 2),
            };
            if len > MAX_FRAME {
                bail!("frame of {len} bytes is over the limit");
            }
            if b.len() < head + len {
                return Ok(None);
            }
            self.buf.advance(head);
            let payload = self.buf.split_to(len).freeze();
            match opcode {
                0x8 => {
                    let why = if payload.len() >= 2 {
                        let code = u16::from_be_bytes([payload[0], payload[1]]);
                        format!("{code} {}", String::from_utf8_lossy(&payload[2..]))
                    } else {
                        String::new()
                    };
                    bail!("server closed the connection: {why}");
                }
                0x9 => self.write_frame(0xA, &payload).await?,
                0xA => {}
                0x0 => {
                    let Some((_, acc)) = self.partial.as_mut() else {
                        bail!("continuation frame without a start");
                    };
                    acc.extend_from_slice(&payload);
                    if fin {
                        let (_, acc) = self.partial.take().unwrap_or_default();
                        return Ok(Some(Bytes::from(acc)));
                    }
                }
                0x1 | 0x2 if fin => return Ok(Some(payload)),
                0x1 | 0x2 => self.partial = Some((opcode, payload.to_vec())),
                op => bail!("unknown opcode {op}"),
            }
        }
    }

    /// The next data message; None when the server closed the connection.
    pub(super) async fn next_frame(&mut self) -> anyhow::Result<Option<Bytes>> {
        loop {
            if let Some(f) = self.buffered_frame().await? {
                return Ok(Some(f));
            }
            if self.fill().await.context("reading a frame")? == 0 {
                return Ok(None);
            }
        }
    }

    /// Writes one masked frame.
    async fn write_frame(&mut self, opcode: u8, payload: &[u8]) -> anyhow::Result<()> {
        let mut out = Vec::with_capacity(payload.len() + 14);
        out.push(0x80 | opcode);
        match payload.len() {
            n if n < 126 => out.push(0x80 | n as u8),
            n if n <= 0xffff => {
                out.push(0x80 | 126);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                out.push(0x80 | 127);
                out.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        // xorshift: masks need not be secret here, only present.
        let mut x = self.mask_seed;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.mask_seed = x;
        let mask = x.to_be_bytes();
        out.extend_from_slice(&mask);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i & 3]));
        self.stream.write_all(&out).await.context("writing a frame")
    }

    /// Opens a connection and authenticates as `user` with a freshly signed JWT.
    pub(super) async fn connect(ctx: &Ctx, idx: usize, token: &str) -> anyhow::Result<Conn> {
        let mut conn = Conn::open(ctx, idx).await?;
        let cmd = pb::Command {
            id: 1,
            connect: Some(pb::ConnectRequest {
                token: token.to_string(),
                name: "centrifugo-bench".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        conn.call(cmd).await.context("connect")?;
        Ok(conn)
    }

    pub(super) async fn subscribe(&mut self, id: u32, channel: &str) -> anyhow::Result<()> {
        let cmd = pb::Command {
            id,
            subscribe: Some(pb::SubscribeRequest {
                channel: channel.to_string(),
                ..Default::default()
            }),
            ..Default::default()
        };
        self.call(cmd)
            .await
            .with_context(|| format!("subscribe to {channel}"))
    }

    /// One RPC call; an error reply fails.
    pub(super) async fn rpc(&mut self, id: u32, method: &str, data: &str) -> anyhow::Result<()> {
        let cmd = pb::Command {
            id,
            rpc: Some(pb::RpcRequest {
                method: method.to_string(),
                data: bytes::Bytes::copy_from_slice(data.as_bytes()),
            }),
            ..Default::default()
        };
        self.call(cmd).await.context("rpc")
    }

    async fn send(&mut self, cmd: &pb::Command) -> anyhow::Result<()> {
        let mut buf = Vec::with_capacity(128);
        match self.format {
            Format::Json => {
                json_pb::encode_command(cmd, &mut buf);
                self.write_frame(0x1, &buf).await
            }
            Format::Protobuf => {
                protobuf::encode_command(cmd, &mut buf);
                self.write_frame(0x2, &buf).await
            }
        }
        .context("sending a command")
    }

    /// Answers a server ping (an empty command).
    pub(super) async fn pong(&mut self) -> anyhow::Result<()> {
        self.send(&pb::Command::default()).await
    }

    /// Sends a command and waits for its reply, answering pings meanwhile; an error reply fails.
    async fn call(&mut self, cmd: pb::Command) -> anyhow::Result<()> {
        self.send(&cmd).await?;
        loop {
            let frame = self
                .next_frame()
                .await?
                .ok_or_else(|| anyhow!("connection closed before reply {}", cmd.id))?;
            let mut result = None;
            let mut pings = 0;
            self.items(&frame, |item| match item {
                Item::Ping => pings += 1,
                Item::Reply { id, error } if id == cmd.id => result = Some(error),
                _ => {}
            })?;
            for _ in 0..pings {
                self.pong().await?;
            }
            match result {
                Some(None) => return Ok(()),
                Some(Some(e)) => bail!("error reply: {e}"),
                None => {}
            }
        }
    }

    /// Splits a frame into items.
    pub(super) fn items(&self, frame: &[u8], mut f: impl FnMut(Item)) -> anyhow::Result<()> {
        match self.format {
            Format::Json => {
                for line in frame.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
                    f(json_item(line)?);
                }
            }
            Format::Protobuf => {
                for reply in protobuf::decode_replies(frame).context("decoding replies")? {
                    f(pb_item(&reply));
                }
            }
        }
        Ok(())
    }

    /// Sends a close frame (normal closure) and shuts the write side down.
    pub(super) async fn close(mut self) {
        let _ = self.write_frame(0x8, &1000u16.to_be_bytes()).await;
        let _ = self.stream.shutdown().await;
    }
}

fn json_item(line: &[u8]) -> anyhow::Result<Item> {
    if line == b"{}" {
        return Ok(Item::Ping);
    }
    // Fast path for deliveries: no full parse of the frame.
    if line.starts_with(b"{\"push\"") {
        return Ok(match marker(line) {
            Some((t, s)) if find(line, b"\"pub\"").is_some() => Item::Publication(t, s),
            _ => Item::OtherPush,
        });
    }
    let v: serde_json::Value = serde_json::from_slice(line).context("server sent invalid JSON")?;
    if v.get("push").is_some() {
        return Ok(Item::OtherPush);
    }
    let id = v.get("id").and_then(|i| i.as_u64()).unwrap_or(0);
    Ok(Item::Reply {
        id: u32::try_from(id).unwrap_or(0),
        error: v.get("error").map(|e| e.to_string()),
    })
}

fn pb_item(reply: &pb::Reply) -> Item {
    if let Some(push) = &reply.push {
        return match push.r#pub.as_ref().and_then(|p| marker(&p.data)) {
            Some((t, s)) => Item::Publication(t, s),
            None => Item::OtherPush,
        };
    }
    if *reply == pb::Reply::default() {
        return Item::Ping;
    }
    Item::Reply {
        id: reply.id,
        error: reply
            .error
            .as_ref()
            .map(|e| format!("{} {}", e.code, e.message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_round_trip() {
        let p = payload(42, 100);
        assert_eq!(p.len(), 100);
        let (t, s) = marker(p.as_bytes()).expect("marker");
        assert!(t > 0);
        assert_eq!(s, 42);
        let line = format!("{{\"push\":{{\"channel\":\"c\",\"pub\":{{\"data\":{p}}}}}}}");
        assert!(matches!(
            json_item(line.as_bytes()),
            Ok(Item::Publication(_, 42))
        ));
        assert!(matches!(json_item(b"{}"), Ok(Item::Ping)));
        assert!(matches!(
            json_item(b"{\"id\":2,\"error\":{\"code\":103}}"),
            Ok(Item::Reply {
                id: 2,
                error: Some(_)
            })
        ));
    }
}
