//! Wire error codes (reply errors) and disconnect codes of client protocol v2, with their fixed messages.

/// A reply error sent to a client: `{"code":N,"message":"...","temporary":bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    pub code: u32,
    pub message: &'static str,
    pub temporary: bool,
}

macro_rules! error_codes {
    ($($name:ident = $code:expr, $msg:expr, $temp:expr;)*) => {
        impl ErrorCode { $(pub const $name: ErrorCode = ErrorCode { code: $code, message: $msg, temporary: $temp };)* }
    };
}

error_codes! {
    INTERNAL = 100, "internal server error", true;
    UNAUTHORIZED = 101, "unauthorized", false;
    UNKNOWN_CHANNEL = 102, "unknown channel", false;
    PERMISSION_DENIED = 103, "permission denied", false;
    METHOD_NOT_FOUND = 104, "method not found", false;
    ALREADY_SUBSCRIBED = 105, "already subscribed", false;
    LIMIT_EXCEEDED = 106, "limit exceeded", false;
    BAD_REQUEST = 107, "bad request", false;
    NOT_AVAILABLE = 108, "not available", false;
    TOKEN_EXPIRED = 109, "token expired", false;
    EXPIRED = 110, "expired", false;
    TOO_MANY_REQUESTS = 111, "too many requests", true;
    UNRECOVERABLE_POSITION = 112, "unrecoverable position", false;
    CONCURRENT_PAGINATION = 113, "concurrent pagination", true;
}

/// A disconnect: delivered as the WebSocket close frame code and reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Disconnect {
    pub code: u32,
    pub reason: String,
}

macro_rules! disconnect_codes {
    ($($name:ident = $code:expr, $reason:expr;)*) => {
        impl Disconnect {
            $(pub fn $name() -> Disconnect { Disconnect { code: $code, reason: $reason.to_string() } })*
        }
    };
}

disconnect_codes! {
    connection_closed = 3000, "connection closed";
    shutdown = 3001, "shutdown";
    server_error = 3004, "internal server error";
    expired = 3005, "connection expired";
    subscription_expired = 3006, "subscription expired";
    slow = 3008, "slow";
    write_error = 3009, "write error";
    insufficient_state = 3010, "insufficient state";
    force_reconnect = 3011, "force reconnect";
    no_pong = 3012, "no pong";
    too_many_requests = 3013, "too many requests";
    invalid_token = 3500, "invalid token";
    bad_request = 3501, "bad request";
    stale = 3502, "stale";
    force_no_reconnect = 3503, "force disconnect";
    connection_limit = 3504, "connection limit";
    channel_limit = 3505, "channel limit";
    inappropriate_protocol = 3506, "inappropriate protocol";
    permission_denied = 3507, "permission denied";
    not_available = 3508, "not available";
    too_many_errors = 3509, "too many errors";
}

impl Disconnect {
    /// Whether a client should reconnect after this code (library range rule).
    pub fn reconnect(&self) -> bool {
        matches!(self.code, 3000..=3499 | 4000..=4499) || self.code >= 5000
    }
}

/// Unsubscribe push code sent when the server removes a client-side subscription.
pub(crate) const UNSUBSCRIBE_SERVER: (u32, &str) = (2000, "server unsubscribe");
/// Unsubscribe push code for a lost stream position.
pub(crate) const UNSUBSCRIBE_INSUFFICIENT: (u32, &str) = (2500, "insufficient state");
/// Unsubscribe push code for an expired subscription token.
pub(crate) const UNSUBSCRIBE_EXPIRED: (u32, &str) = (2501, "subscription expired");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconnect_ranges() {
        assert!(Disconnect::shutdown().reconnect());
        assert!(!Disconnect::invalid_token().reconnect());
        assert!(Disconnect {
            code: 4000,
            reason: String::new()
        }
        .reconnect());
        assert!(!Disconnect {
            code: 4500,
            reason: String::new()
        }
        .reconnect());
        assert_eq!(ErrorCode::BAD_REQUEST.code, 107);
    }
}
