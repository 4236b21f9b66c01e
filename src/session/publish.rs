//! Client publish and RPC commands.

use super::subscribe::internal;
use super::{Failure, Session};
use crate::node::PublishExtra;
use crate::protocol::{pb, ErrorCode, PublishRequest, RpcRequest};
use crate::proxy::{RpcCall, RpcError};

/// Checks publication data against `publication_data_format` ("" rejects empty data).
pub fn validate_data(format: &str, data: &[u8]) -> Result<(), ErrorCode> {
    match format {
        "binary" => Ok(()),
        "json" if serde_json::from_slice::<serde::de::IgnoredAny>(data).is_err() => {
            Err(ErrorCode::BAD_REQUEST)
        }
        "json_object" => match serde_json::from_slice::<serde_json::Value>(data) {
            Ok(serde_json::Value::Object(_)) => Ok(()),
            _ => Err(ErrorCode::BAD_REQUEST),
        },
        _ if data.is_empty() => Err(ErrorCode::BAD_REQUEST),
        _ => Ok(()),
    }
}

impl Session {
    pub(super) async fn publish(&mut self, id: u32, req: &PublishRequest) -> Result<(), Failure> {
        let channel = req.channel.as_str();
        let o = self.node.rules.client_options(channel)?.clone();
        let data = req.data.clone().unwrap_or_default();
        let format = if o.publication_data_format.is_empty() {
            &self.node.config.channel.publication_data_format
        } else {
            &o.publication_data_format
        };
        validate_data(format, &data)?;
        if !self.publish_allowed(channel, &o) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        let chan_info = self.subs.get(channel).and_then(|s| s.chan_info.clone());
        let info = self.client_info(chan_info);
        self.node
            .publish(channel, &o, data, Some(info), &PublishExtra::default())
            .await
            .map_err(internal)?;
        self.reply(id, |r| r.publish = Some(Default::default()));
        Ok(())
    }

    /// RPC: the built-in `rpc.ping` method, else the node's RPC handler (the proxy hook).
    pub(super) async fn rpc(&mut self, id: u32, req: &RpcRequest) -> Result<(), Failure> {
        let ping = &self.node.config.rpc.ping;
        let ping_name = if ping.method.is_empty() {
            "ping"
        } else {
            ping.method.as_str()
        };
        if ping.enabled && req.method == ping_name {
            self.reply(id, |r| r.rpc = Some(Default::default()));
            return Ok(());
        }
        let Some(handler) = self.node.rpc_handler().cloned() else {
            return Err(if ping.enabled {
                ErrorCode::METHOD_NOT_FOUND
            } else {
                ErrorCode::NOT_AVAILABLE
            }
            .into());
        };
        let call = RpcCall {
            client: self.handle.id.clone(),
            user: self.user.clone(),
            transport: self.transport,
            method: req.method.clone(),
            data: req.data.clone().unwrap_or_default(),
        };
        match handler.rpc(call).await {
            Ok(data) => {
                self.reply(id, |r| r.rpc = Some(pb::RpcResult { data }));
                Ok(())
            }
            Err(RpcError::NotFound) => Err(ErrorCode::METHOD_NOT_FOUND.into()),
            Err(RpcError::Disconnect(d)) => Err(d.into()),
            Err(RpcError::Error {
                code,
                message,
                temporary,
            }) => Err(Failure::Reply(pb::Error {
                code,
                message,
                temporary,
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_formats() {
        assert!(validate_data("", b"").is_err());
        assert!(validate_data("", b"{}").is_ok());
        assert!(validate_data("binary", b"").is_ok());
        assert!(validate_data("json", b"nope").is_err());
        assert!(validate_data("json_object", b"[1]").is_err());
        assert!(validate_data("json_object", b"{\"a\":1}").is_ok());
    }
}
