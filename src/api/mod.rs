//! The server API: typed requests (`request`, with the catalogue of methods), the executor over
//! the node (`methods`), typed results (`reply`), the HTTP front-ends (`http`, `legacy`) and the
//! GRPC one (`grpc`, over the messages of `api.proto` generated into `api_pb`).

#[rustfmt::skip]
#[allow(clippy::all)]
pub mod api_pb;
#[cfg(test)]
mod api_pb_drift;
mod convert;
pub(crate) mod grpc;
pub(crate) mod http;
pub(crate) mod legacy;
mod methods;
mod reply;
mod request;

pub(crate) use request::METHODS;

use crate::node::Node;

/// A server API error: `{"code":N,"message":"..."}` (no `temporary` field in the server API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub code: u32,
    pub message: &'static str,
}

impl ApiError {
    pub(crate) const INTERNAL: ApiError = ApiError {
        code: 100,
        message: "internal server error",
    };
    pub(crate) const UNKNOWN_CHANNEL: ApiError = ApiError {
        code: 102,
        message: "unknown channel",
    };
    pub(crate) const NOT_FOUND: ApiError = ApiError {
        code: 104,
        message: "not found",
    };
    pub(crate) const BAD_REQUEST: ApiError = ApiError {
        code: 107,
        message: "bad request",
    };
    pub(crate) const NOT_AVAILABLE: ApiError = ApiError {
        code: 108,
        message: "not available",
    };
    pub(crate) const UNRECOVERABLE_POSITION: ApiError = ApiError {
        code: 112,
        message: "unrecoverable position",
    };

    /// HTTP status for the `transport` error mode.
    pub(crate) fn http_status(&self) -> u16 {
        match self.code {
            102 | 104 => 404,
            107 | 108 => 400,
            112 => 416,
            113 => 409,
            _ => 500,
        }
    }

    pub(crate) fn write(&self, buf: &mut Vec<u8>) {
        let mut o = crate::protocol::json::Obj::new(buf);
        o.u64("code", u64::from(self.code))
            .str("message", self.message);
        o.end();
    }
}

/// Why a call could not be executed at all (as opposed to an API error inside a 200 reply).
#[derive(Debug)]
pub(crate) enum CallError {
    /// The params were not valid JSON for the method: HTTP 400.
    BadJson(String),
    /// The method does not exist: HTTP 404.
    UnknownMethod,
}

/// Decodes a call's params without running it; true when they are valid for the method.
pub(crate) fn decodes(method: &str, params: &[u8]) -> bool {
    if method == "batch" {
        return request::parse::<request::BatchParams>(params).is_ok();
    }
    matches!(request::Request::parse(method, params), Some(Ok(_)))
}

/// Executes one method from its JSON params and encodes the result as JSON. The outer result is
/// a call failure; the inner one the API result or error.
pub(crate) async fn call(
    node: &Node,
    method: &str,
    params: &[u8],
) -> Result<Result<Vec<u8>, ApiError>, CallError> {
    let started = std::time::Instant::now();
    let reply = if method == "batch" {
        Ok(methods::batch(node, request::parse(params)?).await)
    } else {
        let req = request::Request::parse(method, params).ok_or(CallError::UnknownMethod)??;
        methods::execute(node, req).await
    };
    node.metrics.api_command(
        "http",
        method,
        started.elapsed(),
        reply.as_ref().err().map(|e| e.code),
    );
    Ok(reply.map(|r| {
        let mut buf = Vec::new();
        r.write_json(&mut buf);
        buf
    }))
}
