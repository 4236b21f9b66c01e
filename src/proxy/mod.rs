//! Calls from the server to the application backend. Today: the RPC hook that the RPC proxy plugs into.

use crate::protocol::Disconnect;
use async_trait::async_trait;
use bytes::Bytes;

/// One client RPC, as the backend sees it.
#[derive(Debug, Clone)]
pub struct RpcCall {
    pub client: String,
    pub user: String,
    pub transport: &'static str,
    pub method: String,
    /// Raw payload (JSON text on JSON connections, bytes on Protobuf ones).
    pub data: Bytes,
}

/// How a backend can refuse an RPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RpcError {
    /// A reply error for the client (codes 400–1999 are the application's).
    Error {
        code: u32,
        message: String,
        temporary: bool,
    },
    /// Close the connection instead of replying.
    Disconnect(Disconnect),
    /// No handler for this method: 104 to the client.
    NotFound,
}

/// Handles client `rpc` commands that are not the built-in `rpc.ping`.
#[async_trait]
pub trait RpcHandler: Send + Sync {
    async fn rpc(&self, call: RpcCall) -> Result<Bytes, RpcError>;
}
