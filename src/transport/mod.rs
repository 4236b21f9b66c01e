//! Transports: the only layer (with `api`) that names warp types.

pub(crate) mod conninit;
pub(crate) mod deflate;
pub(crate) mod edge;
pub(crate) mod emulation;
pub(crate) mod frames;
pub(crate) mod head;
pub(crate) mod http;
pub(crate) mod origin;
pub(crate) mod sockjs;
pub(crate) mod stream;
pub(crate) mod tls;
pub(crate) mod uni;
pub(crate) mod unigrpc;
pub(crate) mod unistream;
pub(crate) mod websocket;
pub(crate) mod webtransport;

use warp::Filter;

/// Matches requests whose whole path equals `prefix` (Centrifugo handler prefixes are exact paths).
pub(crate) fn exact_path(
    prefix: String,
) -> impl Filter<Extract = (), Error = warp::Rejection> + Clone {
    warp::path::full()
        .and_then(move |p: warp::path::FullPath| {
            let ok = p.as_str() == prefix;
            async move {
                if ok {
                    Ok(())
                } else {
                    Err(warp::reject::not_found())
                }
            }
        })
        .untuple_one()
}
