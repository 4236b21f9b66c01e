//! Centrifugo-compatible real-time messaging server: the library behind the `centrifugo` binary.
//!
//! Layers (a module imports only its own layer or lower):
//! L0 pure: `protocol`, `channel`, `config`, `shutdown`;
//! L1 capabilities: `auth`, `broker`, `presence`, `proxy`;
//! L2 core: `outbox` (below the rest of the core), `cluster`, `hub`, `node`, `session`;
//! L3 edges: `transport`, `api`;
//! L4 assembly: `server`.

pub mod api;
pub mod auth;
pub mod broker;
pub mod channel;
pub mod cluster;
pub mod config;
pub mod hub;
pub mod node;
pub mod outbox;
pub mod presence;
pub mod protocol;
pub mod proxy;
pub mod server;
pub mod session;
pub mod shutdown;
pub mod transport;
