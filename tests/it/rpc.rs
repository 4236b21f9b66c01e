//! The RPC hook: a handler installed on the node answers client `rpc` commands.

use super::common::*;
use async_trait::async_trait;
use bytes::Bytes;
use centrifugo::protocol::Disconnect;
use centrifugo::proxy::{RpcCall, RpcError, RpcHandler};
use serde_json::json;
use std::sync::Arc;

struct Echo;

#[async_trait]
impl RpcHandler for Echo {
    async fn rpc(&self, call: RpcCall) -> Result<Bytes, RpcError> {
        match call.method.as_str() {
            "echo" => Ok(Bytes::from(format!(
                r#"{{"user":"{}","got":{}}}"#,
                call.user,
                String::from_utf8_lossy(&call.data)
            ))),
            "fail" => Err(RpcError::Error {
                code: 1000,
                message: "custom".into(),
                temporary: false,
            }),
            "kick" => Err(RpcError::Disconnect(Disconnect {
                code: 4501,
                reason: "kicked".into(),
            })),
            _ => Err(RpcError::NotFound),
        }
    }
}

#[tokio::test]
async fn rpc_handler_answers_errors_and_disconnects() {
    let s = TestServer::start(base_config()).await;
    assert!(s.node.set_rpc_handler(Arc::new(Echo)));
    let (mut c, _) = Client::connect(&s.ws_url(), "u1").await;
    let r = c
        .call(json!({"id": 2, "rpc": {"method": "echo", "data": {"x": 1}}}))
        .await;
    assert_eq!(
        r,
        json!({"id": 2, "rpc": {"data": {"user": "u1", "got": {"x": 1}}}})
    );
    let r = c.call(json!({"id": 3, "rpc": {"method": "fail"}})).await;
    assert_eq!(r["error"], json!({"code": 1000, "message": "custom"}));
    let r = c.call(json!({"id": 4, "rpc": {"method": "nope"}})).await;
    assert_eq!(r["error"]["code"], 104);
    // rpc.ping still answers before the handler.
    assert_eq!(
        c.call(json!({"id": 5, "rpc": {"method": "ping"}})).await,
        json!({"id": 5, "rpc": {}})
    );
    c.send(json!({"id": 6, "rpc": {"method": "kick"}})).await;
    assert_eq!(c.closed().await, (4501, "kicked".to_string()));
    s.stop().await;
}
