//! Centrifugo-compatible real-time messaging server: the library behind the `centrifugo` binary.
//!
//! Layers (a module imports only its own layer or lower; the README's Layout table lists them and
//! a test checks the imports):
//! L0 pure: `protocol`, `config`, `channel`, `shutdown`;
//! L1 capabilities: `auth`, `broker`, `presence`, `proxy`;
//! L2 core: `outbox` (below the rest of the core), `cluster`, `hub`, `node`, `session`;
//! L3 edges: `transport`, `api`, `admin`;
//! L4 assembly: `server`.
//!
//! The modules are private; what the binary, the tests and the benches use is re-exported below.
//! `config` is public as a whole: its types are the schema of Centrifugo v6 config files, which the
//! binary's tools load, print and generate.

mod admin;
mod api;
mod auth;
mod broker;
mod channel;
mod cluster;
pub mod config;
#[doc(hidden)]
pub mod fuzzing;
mod graphite;
mod hub;
mod metrics;
mod node;
mod outbox;
mod presence;
mod protocol;
mod proxy;
mod server;
mod session;
mod shutdown;
mod trace;
mod transport;

pub use node::{unimplemented_features, Node, NodeBuilder, NodeError};
pub use proxy::{RpcCall, RpcError, RpcHandler};
pub use server::{bind, check_tls, run, Listeners};
pub use shutdown::{channel as shutdown_channel, Shutdown, Trigger};

/// Connection and subscription JWTs: signing (`gentoken`, the bench) and verifying (`checktoken`).
pub mod tokens {
    pub use crate::auth::{
        connection_claims, sign, subscription_claims, AuthError, ConnectClaims, SigningKey,
        SubscribeClaims, SubscribeOptions, TokenError, Verifier,
    };
}

/// What a node runs on: the traits a broker, presence manager or controller implements, with the
/// in-process implementations (see `NodeBuilder`).
pub mod engine {
    pub use crate::broker::memory::{InProcessControl, Loopback, MemoryBroker};
    pub use crate::broker::nats::NatsBroker;
    pub use crate::broker::redis::{AddressError, RedisBroker, RedisShards};
    pub use crate::broker::{
        Broker, BrokerError, ControlHandler, Controller, EventHandler, HistoryQuery, PublishOptions,
    };
    pub use crate::presence::memory::MemoryPresence;
    pub use crate::presence::redis::RedisPresence;
    pub use crate::presence::PresenceManager;
    pub use crate::protocol::{ClientInfo, Publication, StreamPosition};
}

/// The client protocol on the wire, for clients of the server (the bench load generator) and tests.
pub mod wire {
    pub use crate::protocol::{fossil, json_pb, pb, protobuf, Disconnect, ErrorCode, Format};
    pub use crate::transport::deflate::{deflate, inflate};
}

/// The GRPC server API's messages (`src/api/api.proto`) and a unary call over them, for its
/// clients: the CLI's `--grpc` transport and tests.
pub mod server_api {
    pub use crate::api::api_pb as pb;
    pub use crate::api::grpc::{call, ProstCodec, SERVICE};
}

/// Internals the criterion micro-benchmarks in `benches/` measure directly. Not a stable interface.
#[doc(hidden)]
pub mod internals {
    pub use crate::hub::{Encodings, Hub, SubscriberOptions};
    pub use crate::outbox::{join_frame, ClientHandle, Drained, Protocol};
}
