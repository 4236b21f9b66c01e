//! A minimal HTTP/1.1 keep-alive client for the server API (`publish`, `batch`), no extra dependencies.

use anyhow::{anyhow, bail, Context};
use std::net::SocketAddr;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Where the API lives: `http://host:port/prefix`, and the key sent as `X-API-Key`.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub addr: SocketAddr,
    pub host: String,
    pub prefix: String,
    pub key: String,
}

impl Endpoint {
    pub(crate) fn parse(url: &str, key: String) -> anyhow::Result<Endpoint> {
        let rest = url
            .strip_prefix("http://")
            .ok_or_else(|| anyhow!("--api-url must start with http:// (got {url})"))?;
        let (host, prefix) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        let addr = std::net::ToSocketAddrs::to_socket_addrs(host)
            .with_context(|| format!("resolving {host}"))?
            .find(|a| a.is_ipv4())
            .ok_or_else(|| anyhow!("{host} has no IPv4 address"))?;
        Ok(Endpoint {
            addr,
            host: host.to_string(),
            prefix: prefix.to_string(),
            key,
        })
    }
}

/// One keep-alive connection to the API.
pub(super) struct ApiConn {
    ep: Endpoint,
    io: BufReader<TcpStream>,
}

impl ApiConn {
    pub(super) async fn open(ep: &Endpoint) -> anyhow::Result<ApiConn> {
        let stream = TcpStream::connect(ep.addr)
            .await
            .with_context(|| format!("connecting to the API at {}", ep.addr))?;
        stream.set_nodelay(true).context("TCP_NODELAY")?;
        Ok(ApiConn {
            ep: ep.clone(),
            io: BufReader::new(stream),
        })
    }

    /// POSTs `body` to `<prefix>/<method>`; returns the response body of a 200 reply.
    pub(super) async fn call(&mut self, method: &str, body: &str) -> anyhow::Result<Vec<u8>> {
        let head = format!(
            "POST {}/{method} HTTP/1.1\r\nHost: {}\r\nX-API-Key: {}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.ep.prefix,
            self.ep.host,
            self.ep.key,
            body.len()
        );
        let mut req = head.into_bytes();
        req.extend_from_slice(body.as_bytes());
        self.io
            .get_mut()
            .write_all(&req)
            .await
            .context("sending an API request")?;
        let (status, length, chunked) = self.read_head().await?;
        let body = if chunked {
            self.read_chunked().await?
        } else {
            let mut b = vec![0; length];
            self.io
                .read_exact(&mut b)
                .await
                .context("reading an API body")?;
            b
        };
        if status != 200 {
            bail!(
                "API {method} answered {status}: {}",
                String::from_utf8_lossy(&body)
            );
        }
        Ok(body)
    }

    async fn line(&mut self) -> anyhow::Result<String> {
        let mut line = String::new();
        if self
            .io
            .read_line(&mut line)
            .await
            .context("reading the API reply")?
            == 0
        {
            bail!("the API closed the connection");
        }
        Ok(line.trim_end().to_string())
    }

    /// (status, content-length, chunked)
    async fn read_head(&mut self) -> anyhow::Result<(u16, usize, bool)> {
        let status_line = self.line().await?;
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow!("bad HTTP status line: {status_line}"))?;
        let (mut length, mut chunked) = (0, false);
        loop {
            let line = self.line().await?;
            if line.is_empty() {
                return Ok((status, length, chunked));
            }
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().context("bad Content-Length")?;
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.eq_ignore_ascii_case("chunked");
            }
        }
    }

    async fn read_chunked(&mut self) -> anyhow::Result<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let size_line = self.line().await?;
            let size_hex = size_line.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_hex, 16).context("bad chunk size")?;
            if size == 0 {
                // Trailers, then the empty line.
                while !self.line().await?.is_empty() {}
                return Ok(body);
            }
            let start = body.len();
            body.resize(start + size, 0);
            self.io
                .read_exact(&mut body[start..])
                .await
                .context("reading a chunk")?;
            self.line().await?;
        }
    }
}

/// `{"channel":..,"data":..}` for `publish`.
pub(super) fn publish_body(channel: &str, data: &str) -> String {
    format!(
        "{{\"channel\":{},\"data\":{data}}}",
        serde_json::Value::from(channel)
    )
}

/// `{"commands":[{"publish":{..}},..]}` for `batch`.
pub(super) fn batch_body<'a>(items: impl Iterator<Item = (&'a str, String)>) -> String {
    let mut s = String::from("{\"commands\":[");
    for (i, (channel, data)) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str("{\"publish\":");
        s.push_str(&publish_body(channel, &data));
        s.push('}');
    }
    s.push_str("]}");
    s
}

/// Errors inside a 200 reply: `{"error":..}` at the top, or per command in a batch.
pub(super) fn count_errors(body: &[u8]) -> usize {
    body.windows(8).filter(|w| w == b"\"error\":").count()
}
