//! `/connection/init` (`init.enabled`): a GET answering `{}` through the same admission as the
//! connection endpoints (origin, connection rate and limit) and their CORS headers, so a browser
//! can warm up a connection (cookies, load balancer affinity) before it opens the real one.

use super::http::{self, Body};
use crate::node::Node;
use warp::http::{header, HeaderValue, Method, Request, Response, StatusCode};

pub(crate) fn is_endpoint(node: &Node, path: &str) -> bool {
    node.config.init.enabled && path == node.config.init.handler_prefix
}

pub(crate) fn handle<B>(node: &Node, req: &Request<B>) -> Response<Body> {
    if req.method() != Method::GET {
        return http::status(StatusCode::METHOD_NOT_ALLOWED);
    }
    if let Err(code) = super::edge::admit(node, req.headers()) {
        return http::status(code);
    }
    let mut r = http::with(
        Response::new(http::full(&b"{}"[..])),
        http::cors_headers(node, req),
    );
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}
