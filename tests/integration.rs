//! The one integration-test binary: real server on 127.0.0.1:0, real sockets, real SDK clients.

mod it;
