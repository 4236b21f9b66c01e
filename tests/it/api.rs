//! Server API over HTTP.
