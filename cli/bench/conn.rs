//! One benchmark client: WebSocket from a chosen loopback source, connect and subscribe commands,
//! pings answered, and publications recognised by the timestamp marker inside their payload.

use super::Ctx;
use anyhow::{anyhow, bail, Context};
use bytes::Bytes;
use centrifugo::protocol::{json_pb, pb, protobuf, Format};
use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// `ws://host:port/path?query` -> (`host:port`, `/path?query`).
pub fn split_ws_url(url: &str) -> anyhow::Result<(&str, &str)> {
    let rest = url
        .strip_prefix("ws://")
        .ok_or_else(|| anyhow!("--url must start with ws:// (got {url})"))?;
    Ok(match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    })
}

/// Nanoseconds since the Unix epoch (publisher and subscribers share this clock).
pub fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// A JSON payload of about `size` bytes carrying its send time and sequence number.
pub fn payload(seq: u64, size: usize) -> String {
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
pub fn marker(data: &[u8]) -> Option<(u64, u64)> {
    Some((
        number_after(data, b"\"_bt\":")?,
        number_after(data, b"\"_bs\":")?,
    ))
}

/// What one item of a server frame is to the benchmark.
#[derive(Debug)]
pub enum Item {
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

pub struct Conn {
    ws: WebSocketStream<TcpStream>,
    format: Format,
}

impl Conn {
    /// TCP from source address `idx % sources`, then the WebSocket upgrade.
    pub async fn open(ctx: &Ctx, idx: usize) -> anyhow::Result<Conn> {
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
        let (ws, _) = tokio_tungstenite::client_async(url, stream)
            .await
            .context("WebSocket handshake")?;
        Ok(Conn {
            ws,
            format: ctx.format,
        })
    }

    /// Opens a connection and authenticates as `user` with a freshly signed JWT.
    pub async fn connect(ctx: &Ctx, idx: usize, token: &str) -> anyhow::Result<Conn> {
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

    pub async fn subscribe(&mut self, id: u32, channel: &str) -> anyhow::Result<()> {
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

    async fn send(&mut self, cmd: &pb::Command) -> anyhow::Result<()> {
        let mut buf = Vec::with_capacity(128);
        let msg = match self.format {
            Format::Json => {
                json_pb::encode_command(cmd, &mut buf);
                Message::text(String::from_utf8(buf).context("command is not UTF-8")?)
            }
            Format::Protobuf => {
                protobuf::encode_command(cmd, &mut buf);
                Message::binary(buf)
            }
        };
        self.ws.send(msg).await.context("sending a command")
    }

    /// Answers a server ping (an empty command).
    pub async fn pong(&mut self) -> anyhow::Result<()> {
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

    /// The next data frame; None when the server closed the connection.
    pub async fn next_frame(&mut self) -> anyhow::Result<Option<Bytes>> {
        loop {
            match self.ws.next().await {
                None => return Ok(None),
                Some(Err(e)) => return Err(e).context("reading a frame"),
                Some(Ok(Message::Text(t))) => return Ok(Some(Bytes::from(t))),
                Some(Ok(Message::Binary(b))) => return Ok(Some(b)),
                Some(Ok(Message::Close(c))) => {
                    let why = c.map(|c| format!("{} {}", u16::from(c.code), c.reason));
                    bail!("server closed the connection: {}", why.unwrap_or_default());
                }
                Some(Ok(_)) => {}
            }
        }
    }

    /// Splits a frame into items.
    pub fn items(&self, frame: &[u8], mut f: impl FnMut(Item)) -> anyhow::Result<()> {
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

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
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
