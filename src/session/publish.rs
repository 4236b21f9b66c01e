//! Client publish and RPC commands: checks against session state, then a `Job` for the rest.

use super::jobs::{Job, ProxyPublish};
use super::{Failure, Session};
use crate::protocol::{ErrorCode, PublishRequest, RpcRequest};
use crate::proxy::{ChannelEvent, Proxies, RpcCall};

/// Checks publication data against `publication_data_format` ("" rejects empty data).
pub(crate) fn validate_data(format: &str, data: &[u8]) -> Result<(), ErrorCode> {
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
    pub(super) fn prepare_publish(&self, req: &PublishRequest) -> Result<Job, Failure> {
        let channel = req.channel.as_str();
        let o = self.node.rules.client_options(channel)?.clone();
        let data = req.data.clone().unwrap_or_default();
        let format = if o.publication_data_format.is_empty() {
            &self.node.config.channel.publication_data_format
        } else {
            &o.publication_data_format
        };
        validate_data(format, &data)?;
        let chan_info = self.subs.get(channel).and_then(|s| s.chan_info.clone());
        if o.publish_proxy_enabled {
            // The backend decides instead of the allow_publish_* options.
            let Some(ep) = self
                .node
                .proxies
                .channel(ChannelEvent::Publish, &o.publish_proxy_name)
            else {
                return Err(ErrorCode::NOT_AVAILABLE.into());
            };
            return Ok(Job::ProxyPublish(Box::new(ProxyPublish {
                ep,
                caller: self.caller(),
                channel: channel.to_string(),
                opts: o,
                data,
                info: self.client_info(chan_info),
            })));
        }
        if o.subscribe_stream_proxy_enabled {
            // Into the subscriber's bidirectional stream, which only the backend reads.
            let publisher = self
                .streams
                .get(channel)
                .and_then(|s| s.publisher.as_ref())
                .filter(|_| o.subscribe_stream_proxy_bidirectional);
            let Some(tx) = publisher else {
                return Err(ErrorCode::NOT_AVAILABLE.into());
            };
            tx.try_send(crate::proxy::stream_publication(data))
                .map_err(|_| ErrorCode::INTERNAL)?;
            return Ok(Job::Published);
        }
        if !self.publish_allowed(channel, &o) {
            return Err(ErrorCode::PERMISSION_DENIED.into());
        }
        Ok(Job::Publish {
            channel: channel.to_string(),
            opts: Box::new(o),
            data,
            info: self.client_info(chan_info),
        })
    }

    /// RPC: the built-in `rpc.ping` method, else the node's RPC handler (the proxy hook).
    pub(super) fn prepare_rpc(&self, req: &RpcRequest) -> Result<Job, Failure> {
        let ping = &self.node.config.rpc.ping;
        let ping_name = if ping.method.is_empty() {
            "ping"
        } else {
            ping.method.as_str()
        };
        if ping.enabled && req.method == ping_name {
            return Ok(Job::RpcPing);
        }
        let cfg = &self.node.config;
        if Proxies::rpc_configured(cfg) {
            // Methods resolve to RPC namespaces by the part before the boundary.
            let boundary = cfg.rpc.namespace_boundary.as_str();
            let ns = match req.method.split_once(boundary) {
                Some((ns, _)) if !boundary.is_empty() => ns,
                _ => "",
            };
            let Some(opts) = cfg.rpc_namespace(ns) else {
                return Err(ErrorCode::METHOD_NOT_FOUND.into());
            };
            if !opts.proxy_enabled {
                return Err(ErrorCode::NOT_AVAILABLE.into());
            }
            let Some(ep) = self.node.proxies.rpc(&opts.proxy_name) else {
                return Err(ErrorCode::NOT_AVAILABLE.into());
            };
            return Ok(Job::ProxyRpc {
                ep,
                caller: self.caller(),
                method: req.method.clone(),
                data: req.data.clone().unwrap_or_default(),
            });
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
        Ok(Job::Rpc { handler, call })
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
