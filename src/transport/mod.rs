//! Transports: the only layer (with `api`) that names warp types.

pub mod origin;
pub mod websocket;
