//! The RPC hook: a handler installed on the node answers client `rpc` commands.

use super::common::*;
use async_trait::async_trait;
use bytes::Bytes;
use centrifugo::wire::Disconnect;
use centrifugo::{RpcCall, RpcError, RpcHandler};
use serde_json::json;
use std::sync::Arc;

/// The test handler. `gated` answers only once the test opens `gate`, so an ordering check
/// does not depend on how fast the machine is.
#[derive(Default)]
struct Echo {
    gate: tokio::sync::Notify,
}

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
            "slow" => {
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                Ok(Bytes::from_static(b"{}"))
            }
            "gated" => {
                self.gate.notified().await;
                Ok(Bytes::from_static(b"{}"))
            }
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
    assert!(s.node.set_rpc_handler(Arc::new(Echo::default())));
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

/// Ids of the next two replies, in arrival order.
async fn reply_order(c: &mut Client) -> Vec<u64> {
    let mut ids = Vec::new();
    while ids.len() < 2 {
        let v = c.msg().await;
        if let Some(id) = v["id"].as_u64() {
            ids.push(id);
        }
    }
    ids
}

#[tokio::test]
async fn client_concurrency_lets_fast_commands_overtake_slow_ones() {
    // Default: one command at a time, replies in command order, however long the first takes.
    let batch = format!(
        "{}\n{}",
        json!({"id": 2, "rpc": {"method": "slow"}}),
        json!({"id": 3, "rpc": {"method": "echo", "data": {}}})
    );
    let s = TestServer::start(base_config()).await;
    s.node.set_rpc_handler(Arc::new(Echo::default()));
    let (mut c, _) = Client::connect(&s.ws_url(), "u").await;
    send(&mut c.ws, &batch).await;
    assert_eq!(reply_order(&mut c).await, vec![2, 3]);
    s.stop().await;
    // client.concurrency > 1: the fast reply arrives while the first command still waits (for
    // the gate, which opens only once the fast reply is in).
    let mut cfg = base_config();
    cfg["client"]["concurrency"] = json!(4);
    let s = TestServer::start(cfg).await;
    let handler = Arc::new(Echo::default());
    s.node.set_rpc_handler(handler.clone());
    let (mut c, _) = Client::connect(&s.ws_url(), "u").await;
    let batch = format!(
        "{}\n{}",
        json!({"id": 2, "rpc": {"method": "gated"}}),
        json!({"id": 3, "rpc": {"method": "echo", "data": {}}})
    );
    send(&mut c.ws, &batch).await;
    assert_eq!(c.msg().await["id"], 3);
    handler.gate.notify_one();
    assert_eq!(c.msg().await["id"], 2);
    s.stop().await;
}
