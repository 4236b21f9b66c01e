//! Config sections for the client transports: WebSocket, SSE, HTTP-streaming, emulation,
//! the unidirectional transports and WebTransport (keys and defaults per spec §1.3).

use std::time::Duration;

use super::types_server::TlsConfig;
use super::{millis, text};

/// Default max size of a client message or request body in bytes (64 KiB, as v6).
const SIZE_LIMIT_64K: usize = 65536;

section! {
    /// `websocket`: the bidirectional WebSocket transport, on by default.
    pub struct WebSocket {
        pub disabled: bool = false,
        pub handler_prefix: String = text("/connection/websocket"),
        pub compression: bool = false,
        pub compression_min_size: usize = 0,
        pub compression_level: i32 = 1,
        pub read_buffer_size: usize = 0,
        pub use_write_buffer_pool: bool = false,
        pub write_buffer_size: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub write_timeout: Duration = millis(1000),
        pub message_size_limit: usize = SIZE_LIMIT_64K,
        /// 0 means 10 × `message_size_limit`.
        pub decompressed_message_size_limit: usize = 0,
    }
}

section! {
    /// `sse`: bidirectional SSE (EventSource) emulation transport.
    pub struct Sse {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/sse"),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
    }
}

section! {
    /// `http_stream`: bidirectional HTTP-streaming emulation transport.
    pub struct HttpStream {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/http_stream"),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
    }
}

section! {
    /// `emulation`: the client-to-server half of SSE / HTTP-streaming.
    pub struct Emulation {
        pub handler_prefix: String = text("/emulation"),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
    }
}

section! {
    /// `sockjs` (ours: Centrifugo v5 had `sockjs` and `sockjs_handler_prefix`, v6 dropped the
    /// transport): the SockJS protocol carrying JSON client protocol frames, for old browsers
    /// and proxies that break WebSocket (sockjs-client, centrifuge-js's `sockjs` transport).
    pub struct SockJs {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/sockjs"),
        /// How long a session without a receiving request (xhr-streaming, polling, eventsource)
        /// lives before it is closed.
        #[serde(with = "crate::config::duration")]
        pub disconnect_delay: Duration = millis(5_000),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
    }
}

section! {
    /// `webtransport`: experimental HTTP/3 transport.
    pub struct WebTransport {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/webtransport"),
        pub message_size_limit: usize = SIZE_LIMIT_64K,
    }
}

section! {
    /// `uni_websocket`: unidirectional WebSocket.
    pub struct UniWebSocket {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/uni_websocket"),
        pub compression: bool = false,
        pub compression_min_size: usize = 0,
        pub compression_level: i32 = 1,
        pub read_buffer_size: usize = 0,
        pub use_write_buffer_pool: bool = false,
        pub write_buffer_size: usize = 0,
        #[serde(with = "crate::config::duration")]
        pub write_timeout: Duration = millis(1000),
        pub message_size_limit: usize = SIZE_LIMIT_64K,
        pub decompressed_message_size_limit: usize = 0,
        pub disable_closing_handshake: bool = false,
        pub disable_disconnect_push: bool = false,
        pub join_push_messages: bool = false,
    }
}

section! {
    /// `uni_sse`: unidirectional SSE.
    pub struct UniSse {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/uni_sse"),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
        pub connect_code_to_http_response: ConnectCodeToHttpResponse = ConnectCodeToHttpResponse::default(),
    }
}

section! {
    /// `uni_http_stream`: unidirectional HTTP-streaming.
    pub struct UniHttpStream {
        pub enabled: bool = false,
        pub handler_prefix: String = text("/connection/uni_http_stream"),
        pub max_request_body_size: usize = SIZE_LIMIT_64K,
        pub connect_code_to_http_response: ConnectCodeToHttpResponse = ConnectCodeToHttpResponse::default(),
    }
}

section! {
    /// `uni_grpc`: unidirectional GRPC stream server.
    pub struct UniGrpc {
        pub enabled: bool = false,
        pub address: String = String::new(),
        pub port: u16 = 11000,
        pub max_receive_message_size: usize = 0,
        pub tls: TlsConfig = TlsConfig::default(),
    }
}

section! {
    /// `*.connect_code_to_http_response`: maps connect error codes to HTTP responses.
    pub struct ConnectCodeToHttpResponse {
        pub enabled: bool = false,
        pub transforms: Vec<ConnectCodeToHttpResponseTransform> = Vec::new(),
    }
}

section! {
    /// One item of `connect_code_to_http_response.transforms`.
    pub struct ConnectCodeToHttpResponseTransform {
        pub code: u32 = 0,
        pub to: TransformedConnectErrorHttpResponse = TransformedConnectErrorHttpResponse::default(),
    }
}

section! {
    /// The `to` object of a connect-code-to-HTTP transform.
    pub struct TransformedConnectErrorHttpResponse {
        pub status_code: u16 = 0,
        pub body: String = String::new(),
    }
}
