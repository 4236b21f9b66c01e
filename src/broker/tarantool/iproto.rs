//! A small Tarantool IPROTO client: the greeting, `chap-sha1` authentication and CALL requests,
//! pipelined over one TCP connection (requests carry a sync id and replies come back in any
//! order). Everything the node sends to Tarantool is a CALL of a `centrifugo.*` function.

use rmpv::Value;
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};

/// The largest reply the client accepts (checked before allocating for it).
const MAX_REPLY: u64 = 64 << 20;

const REQUEST_TYPE: u8 = 0x00;
const SYNC: u8 = 0x01;
const TUPLE: u8 = 0x21;
const FUNCTION_NAME: u8 = 0x22;
const USER_NAME: u8 = 0x23;
const DATA: u8 = 0x30;
const ERROR_24: u8 = 0x31;
const AUTH: u8 = 0x07;
const CALL: u8 = 0x0a;
/// A reply type for out-of-band pushes (box.session.push), which this client ignores.
const CHUNK: u64 = 0x80;
const ERROR_FLAG: u64 = 0x8000;

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub(crate) enum CallError {
    #[error("{0}")]
    Io(String),
    /// Tarantool answered with an error (code, message).
    #[error("tarantool error {0}: {1}")]
    Server(u64, String),
    #[error("timed out")]
    Timeout,
    #[error("malformed reply: {0}")]
    Protocol(String),
}

type Reply = Result<Vec<Value>, CallError>;

/// One connection. Dropping it closes the socket (its tasks end).
pub(crate) struct Conn {
    tx: mpsc::UnboundedSender<Vec<u8>>,
    pending: Arc<Mutex<HashMap<u64, oneshot::Sender<Reply>>>>,
    next: AtomicU64,
    closed: Arc<AtomicBool>,
    tasks: [tokio::task::AbortHandle; 2],
}

impl Drop for Conn {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

fn io(e: impl std::fmt::Display) -> CallError {
    CallError::Io(e.to_string())
}

/// `chap-sha1`: sha1(password) xor sha1(salt[..20] + sha1(sha1(password))).
fn scramble(salt: &[u8], password: &str) -> Vec<u8> {
    let step1 = Sha1::digest(password.as_bytes());
    let step2 = Sha1::digest(step1);
    let mut h = Sha1::new();
    h.update(&salt[..salt.len().min(20)]);
    h.update(step2);
    let step3 = h.finalize();
    step1.iter().zip(step3.iter()).map(|(a, b)| a ^ b).collect()
}

/// A request: the size prefix, the header {type, sync} and the body.
fn request(kind: u8, sync: u64, body: &[(u8, Value)]) -> Vec<u8> {
    let header = Value::Map(vec![
        (Value::from(REQUEST_TYPE), Value::from(kind)),
        (Value::from(SYNC), Value::from(sync)),
    ]);
    let body = Value::Map(
        body.iter()
            .map(|(k, v)| (Value::from(*k), v.clone()))
            .collect(),
    );
    let mut payload = Vec::with_capacity(64);
    // Writing into a Vec cannot fail.
    let _ = rmpv::encode::write_value(&mut payload, &header);
    let _ = rmpv::encode::write_value(&mut payload, &body);
    let mut out = Vec::with_capacity(payload.len() + 5);
    out.push(0xce);
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    out.extend_from_slice(&payload);
    out
}

fn map_get(map: &Value, key: u8) -> Option<&Value> {
    map.as_map()?
        .iter()
        .find(|(k, _)| k.as_u64() == Some(u64::from(key)))
        .map(|(_, v)| v)
}

/// Reads the size prefix of a reply (a MessagePack unsigned integer).
async fn read_size<R: AsyncReadExt + Unpin>(r: &mut R) -> std::io::Result<u64> {
    let b = r.read_u8().await?;
    Ok(match b {
        0x00..=0x7f => u64::from(b),
        0xcc => u64::from(r.read_u8().await?),
        0xcd => u64::from(r.read_u16().await?),
        0xce => u64::from(r.read_u32().await?),
        0xcf => r.read_u64().await?,
        _ => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("bad size prefix {b:#x}"),
            ))
        }
    })
}

/// Decodes one reply: (sync, result).
fn decode_reply(buf: &[u8]) -> Result<(u64, Option<Reply>), CallError> {
    let mut cur = std::io::Cursor::new(buf);
    let header =
        rmpv::decode::read_value(&mut cur).map_err(|e| CallError::Protocol(e.to_string()))?;
    let code = map_get(&header, REQUEST_TYPE)
        .and_then(Value::as_u64)
        .ok_or_else(|| CallError::Protocol("no request type".into()))?;
    let sync = map_get(&header, SYNC)
        .and_then(Value::as_u64)
        .ok_or_else(|| CallError::Protocol("no sync".into()))?;
    if code == CHUNK {
        return Ok((sync, None));
    }
    let body = if (cur.position() as usize) < buf.len() {
        rmpv::decode::read_value(&mut cur).map_err(|e| CallError::Protocol(e.to_string()))?
    } else {
        Value::Map(Vec::new())
    };
    if code & ERROR_FLAG != 0 {
        let msg = map_get(&body, ERROR_24)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "unknown error".to_string());
        return Ok((sync, Some(Err(CallError::Server(code & !ERROR_FLAG, msg)))));
    }
    let data = match map_get(&body, DATA) {
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    Ok((sync, Some(Ok(data))))
}

impl Conn {
    /// Connects, reads the greeting and logs in when `user` is set (not guest).
    pub(crate) async fn connect(
        addr: &str,
        user: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<Arc<Conn>, CallError> {
        let stream = tokio::time::timeout(timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| CallError::Io(format!("connect to {addr}: timed out")))?
            .map_err(|e| CallError::Io(format!("connect to {addr}: {e}")))?;
        let _ = stream.set_nodelay(true);
        let (read, mut write) = stream.into_split();
        let mut read = BufReader::with_capacity(64 << 10, read);
        let mut greeting = [0u8; 128];
        tokio::time::timeout(timeout, read.read_exact(&mut greeting))
            .await
            .map_err(|_| CallError::Io(format!("{addr}: no greeting")))?
            .map_err(io)?;
        if !greeting.starts_with(b"Tarantool") {
            return Err(CallError::Protocol(format!("{addr} is not a Tarantool")));
        }
        if !user.is_empty() && user != "guest" {
            use base64::Engine;
            let salt_text = String::from_utf8_lossy(&greeting[64..108]);
            let salt = base64::engine::general_purpose::STANDARD
                .decode(salt_text.trim())
                .map_err(|e| CallError::Protocol(format!("greeting salt: {e}")))?;
            let auth = request(
                AUTH,
                0,
                &[
                    (USER_NAME, Value::from(user)),
                    (
                        TUPLE,
                        Value::Array(vec![
                            Value::from("chap-sha1"),
                            Value::Binary(scramble(&salt, password)),
                        ]),
                    ),
                ],
            );
            write.write_all(&auth).await.map_err(io)?;
            let reply = tokio::time::timeout(timeout, async {
                let n = read_size(&mut read).await.map_err(io)?;
                if n > MAX_REPLY {
                    return Err(CallError::Protocol(format!("reply of {n} bytes")));
                }
                let mut buf = vec![0u8; n as usize];
                read.read_exact(&mut buf).await.map_err(io)?;
                decode_reply(&buf)
            })
            .await
            .map_err(|_| CallError::Timeout)??;
            if let (_, Some(Err(e))) = reply {
                return Err(e);
            }
        }
        let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
        let pending: Arc<Mutex<HashMap<u64, oneshot::Sender<Reply>>>> = Arc::default();
        let closed = Arc::new(AtomicBool::new(false));
        let writer = {
            let closed = closed.clone();
            tokio::spawn(async move {
                let mut buf = Vec::with_capacity(64 << 10);
                while let Some(first) = rx.recv().await {
                    buf.clear();
                    buf.extend_from_slice(&first);
                    // Everything queued meanwhile goes out in the same write.
                    while buf.len() < (256 << 10) {
                        match rx.try_recv() {
                            Ok(more) => buf.extend_from_slice(&more),
                            Err(_) => break,
                        }
                    }
                    if write.write_all(&buf).await.is_err() {
                        break;
                    }
                }
                closed.store(true, Ordering::Release);
            })
        };
        let reader = {
            let pending = pending.clone();
            let closed = closed.clone();
            let addr = addr.to_string();
            tokio::spawn(async move {
                let why = loop {
                    let n = match read_size(&mut read).await {
                        Ok(n) => n,
                        Err(e) => break format!("{addr}: {e}"),
                    };
                    if n > MAX_REPLY {
                        break format!("{addr}: reply of {n} bytes");
                    }
                    let mut buf = vec![0u8; n as usize];
                    if let Err(e) = read.read_exact(&mut buf).await {
                        break format!("{addr}: {e}");
                    }
                    match decode_reply(&buf) {
                        Ok((sync, Some(reply))) => {
                            let tx = pending
                                .lock()
                                .unwrap_or_else(|e| e.into_inner())
                                .remove(&sync);
                            if let Some(tx) = tx {
                                let _ = tx.send(reply);
                            }
                        }
                        Ok((_, None)) => {}
                        Err(e) => break format!("{addr}: {e}"),
                    }
                };
                closed.store(true, Ordering::Release);
                let waiting: Vec<_> = pending
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .drain()
                    .collect();
                for (_, tx) in waiting {
                    let _ = tx.send(Err(CallError::Io(why.clone())));
                }
            })
        };
        Ok(Arc::new(Conn {
            tx,
            pending,
            next: AtomicU64::new(1),
            closed,
            tasks: [writer.abort_handle(), reader.abort_handle()],
        }))
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// Calls a stored function; its return values, or an error within `timeout`.
    pub(crate) async fn call(
        &self,
        function: &str,
        args: Vec<Value>,
        timeout: Duration,
    ) -> Result<Vec<Value>, CallError> {
        if self.is_closed() {
            return Err(CallError::Io("connection closed".into()));
        }
        let sync = self.next.fetch_add(1, Ordering::Relaxed);
        let req = request(
            CALL,
            sync,
            &[
                (FUNCTION_NAME, Value::from(function)),
                (TUPLE, Value::Array(args)),
            ],
        );
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(sync, tx);
        if self.tx.send(req).is_err() {
            self.forget(sync);
            return Err(CallError::Io("connection closed".into()));
        }
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(reply)) => reply,
            Ok(Err(_)) => Err(CallError::Io("connection closed".into())),
            Err(_) => {
                self.forget(sync);
                Err(CallError::Timeout)
            }
        }
    }

    fn forget(&self, sync: u64) {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&sync);
    }
}

/// The bytes of a string or binary value (Lua strings come back as MessagePack strings, which
/// need not be UTF-8).
pub(crate) fn bytes(v: &Value) -> Option<&[u8]> {
    match v {
        Value::String(s) => Some(s.as_bytes()),
        Value::Binary(b) => Some(b),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scramble_matches_the_chap_sha1_definition() {
        let salt = [7u8; 32];
        let s = scramble(&salt, "secret");
        assert_eq!(s.len(), 20);
        // Undo it as the server does: step1 = scramble xor sha1(salt + sha1(sha1(password))).
        let step1 = Sha1::digest(b"secret");
        let mut h = Sha1::new();
        h.update(&salt[..20]);
        h.update(Sha1::digest(step1));
        let back: Vec<u8> = s
            .iter()
            .zip(h.finalize().iter())
            .map(|(a, b)| a ^ b)
            .collect();
        assert_eq!(back, step1.to_vec());
    }

    #[test]
    fn replies_decode_and_malformed_ones_are_refused() {
        let mut ok = Vec::new();
        let header = Value::Map(vec![
            (Value::from(REQUEST_TYPE), Value::from(0u8)),
            (Value::from(SYNC), Value::from(9u8)),
        ]);
        let body = Value::Map(vec![(
            Value::from(DATA),
            Value::Array(vec![Value::from(1u8), Value::from("e")]),
        )]);
        rmpv::encode::write_value(&mut ok, &header).expect("encode");
        rmpv::encode::write_value(&mut ok, &body).expect("encode");
        let (sync, reply) = decode_reply(&ok).expect("decodes");
        assert_eq!(sync, 9);
        assert_eq!(reply, Some(Ok(vec![Value::from(1u8), Value::from("e")])));

        let mut err = Vec::new();
        let header = Value::Map(vec![
            (Value::from(REQUEST_TYPE), Value::from(0x8020u64)),
            (Value::from(SYNC), Value::from(3u8)),
        ]);
        let body = Value::Map(vec![(Value::from(ERROR_24), Value::from("boom"))]);
        rmpv::encode::write_value(&mut err, &header).expect("encode");
        rmpv::encode::write_value(&mut err, &body).expect("encode");
        assert_eq!(
            decode_reply(&err).expect("decodes").1,
            Some(Err(CallError::Server(0x20, "boom".into())))
        );
        for bad in [&b""[..], &[0xc1], &[0x81, 0x00]] {
            assert!(decode_reply(bad).is_err(), "{bad:?}");
        }
    }
}
