//! Assembly: routes on the external and internal listeners, graceful shutdown. The caller binds.

use crate::node::Node;
use crate::shutdown::Shutdown;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

/// Bound sockets: the external one, an internal one when `http_server.internal_port` is set, the
/// unidirectional GRPC one when `uni_grpc.enabled` and the GRPC server API's when
/// `grpc_api.enabled`.
pub struct Listeners {
    pub external: TcpListener,
    pub internal: Option<TcpListener>,
    pub uni_grpc: Option<TcpListener>,
    pub grpc_api: Option<TcpListener>,
}

type Route = BoxedFilter<(warp::reply::Response,)>;

/// How long a client may take to send request headers (Centrifugo's ReadHeaderTimeout).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Pending-connection queue per listener. The std default (128) overflows during connection storms,
/// and the dropped SYNs come back only after a 1 s retransmit; the kernel caps it at somaxconn.
const LISTEN_BACKLOG: u32 = 4096;

/// Binds a listener (host:port; host may be a name) with a large accept backlog and SO_REUSEADDR.
pub async fn bind(addr: &str) -> std::io::Result<TcpListener> {
    let mut last = None;
    for a in tokio::net::lookup_host(addr).await? {
        let socket = if a.is_ipv4() {
            tokio::net::TcpSocket::new_v4()?
        } else {
            tokio::net::TcpSocket::new_v6()?
        };
        socket.set_reuseaddr(true)?;
        match socket.bind(a).and_then(|()| socket.listen(LISTEN_BACKLOG)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("no address for {addr}"),
        )
    }))
}

/// Whether the TLS the config asks for (`http_server.tls`, the GRPC listeners', WebTransport's) can be set up:
/// the problem, naming the key, if not.
pub fn check_tls(c: &crate::config::Config) -> Result<(), String> {
    if c.http_server.tls.enabled {
        crate::transport::tls::acceptor("http_server.tls", &c.http_server.tls)?;
    }
    crate::transport::unigrpc::tls(c)?;
    crate::api::grpc::tls(c)?;
    crate::transport::webtransport::check(c)
}

fn health(node: &Node) -> Route {
    let prefix = node.config.health.handler_prefix.clone();
    crate::transport::exact_path(prefix)
        .map(|| {
            let mut r = warp::reply::with_status(b"{}".to_vec(), warp::http::StatusCode::OK)
                .into_response();
            r.headers_mut().insert(
                "content-type",
                warp::http::HeaderValue::from_static("application/json"),
            );
            r
        })
        .boxed()
}

/// Readiness beside `/health` (which stays a liveness check): 503 naming the problem while the
/// broker or presence manager cannot be reached, so a load balancer can route around this node.
fn ready(node: &Arc<Node>) -> Route {
    let path = format!(
        "{}/ready",
        node.config.health.handler_prefix.trim_end_matches('/')
    );
    let node = node.clone();
    crate::transport::exact_path(path)
        .map(move || {
            let (status, body) = match node.unavailable() {
                None => (warp::http::StatusCode::OK, b"{}".to_vec()),
                Some(why) => (
                    warp::http::StatusCode::SERVICE_UNAVAILABLE,
                    serde_json::json!({ "error": why }).to_string().into_bytes(),
                ),
            };
            let mut r = warp::reply::with_status(body, status).into_response();
            r.headers_mut().insert(
                "content-type",
                warp::http::HeaderValue::from_static("application/json"),
            );
            r
        })
        .boxed()
}

/// `prometheus.handler_prefix` (`/metrics`): the node's metrics in the Prometheus text format.
fn prometheus(node: &Arc<Node>) -> Route {
    let node = node.clone();
    crate::transport::exact_path(node.config.prometheus.handler_prefix.clone())
        .map(move || {
            let mut r = warp::reply::with_status(node.render_metrics(), warp::http::StatusCode::OK)
                .into_response();
            r.headers_mut().insert(
                "content-type",
                warp::http::HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            );
            r
        })
        .boxed()
}

fn not_found() -> Route {
    warp::any()
        .map(|| {
            warp::reply::with_status("404 page not found\n", warp::http::StatusCode::NOT_FOUND)
                .into_response()
        })
        .boxed()
}

fn combine(routes: Vec<Route>) -> Route {
    let mut it = routes.into_iter();
    let mut acc = match it.next() {
        Some(r) => r,
        None => return not_found(),
    };
    for r in it {
        acc = acc.or(r).unify().boxed();
    }
    acc.or(not_found()).unify().boxed()
}

/// Builds (external, internal) routes following Centrifugo's listener split.
fn routes(node: &Arc<Node>) -> (Vec<Route>, Vec<Route>) {
    let cfg = &node.config;
    let mut external = Vec::new();
    let mut internal = Vec::new();
    if !cfg.http_api.disabled {
        let api = crate::api::http::route(node.clone());
        if cfg.http_api.external {
            external.push(api);
        } else {
            internal.push(api);
        }
    }
    if cfg.health.enabled {
        internal.push(health(node));
        internal.push(ready(node));
    }
    if cfg.prometheus.enabled {
        internal.push(prometheus(node));
    }
    // Last on its listener: with an empty prefix its static files sit at `/`, and a path that is
    // no file of the UI goes on to the routes after it.
    if cfg.admin.enabled {
        let admin = crate::admin::route(node.clone());
        if cfg.admin.external {
            external.push(admin);
        } else {
            internal.push(admin);
        }
    }
    (external, internal)
}

/// Serves until `shutdown` resolves, then disconnects clients with 3001 and lets API calls finish.
pub async fn run(node: Arc<Node>, listeners: Listeners, shutdown: Shutdown) {
    let (mut external, internal) = routes(&node);
    // Aborted when the server stops (it holds the node).
    let heartbeat = AbortOnDrop(tokio::spawn(node.clone().heartbeat()));
    let graphite = crate::graphite::start(&node).map(AbortOnDrop);
    let timeout = node.config.shutdown.timeout;
    let stop = {
        let node = node.clone();
        let shutdown = shutdown.clone();
        async move {
            shutdown.wait().await;
            node.shutdown_connections();
        }
    };
    let cfg = &node.config;
    let webtransport =
        (cfg.webtransport.enabled && cfg.http_server.http3.enabled && cfg.http_server.tls.enabled)
            .then(|| listeners.external.local_addr().ok())
            .flatten()
            .map(|addr| {
                AbortOnDrop(tokio::spawn(crate::transport::webtransport::serve(
                    node.clone(),
                    addr,
                    shutdown.clone(),
                )))
            });
    let uni_grpc = listeners.uni_grpc.map(|l| {
        AbortOnDrop(tokio::spawn(crate::transport::unigrpc::serve(
            node.clone(),
            l,
            shutdown.clone(),
        )))
    });
    let grpc_api = listeners.grpc_api.map(|l| {
        AbortOnDrop(tokio::spawn(crate::api::grpc::serve(
            node.clone(),
            l,
            shutdown.clone(),
        )))
    });
    let internal_task = match listeners.internal {
        Some(l) => Some(tokio::spawn(serve(
            l,
            combine(internal),
            None,
            None,
            shutdown.clone(),
            timeout,
        ))),
        None => {
            external.extend(internal);
            None
        }
    };
    let hs = &node.config.http_server;
    let tls = if hs.tls.enabled {
        match crate::transport::tls::acceptor("http_server.tls", &hs.tls) {
            Ok(a) => Some(a),
            Err(e) => {
                // Checked at startup (`centrifugo serve`); an embedding caller gets the log line.
                tracing::error!(error = %e, "TLS not configured: not serving");
                return;
            }
        }
    } else {
        None
    };
    let srv = serve(
        listeners.external,
        combine(external),
        Some(node.clone()),
        tls,
        shutdown,
        timeout,
    );
    let _ = tokio::join!(srv, stop);
    if let Some(t) = internal_task {
        let _ = tokio::time::timeout(timeout, t).await;
    }
    drop(heartbeat);
    drop(graphite);
    drop(uni_grpc);
    drop(grpc_api);
    drop(webtransport);
    // Give session writers a moment to deliver their close frames.
    let deadline = tokio::time::Instant::now() + timeout.min(Duration::from_secs(5));
    while node.local_connection_count() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Aborts a task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Accepts connections until shutdown; HTTP/1 and HTTP/2 via hyper. WebSocket upgrades on the external
/// listener (`ws` set) are answered by the transport itself, everything else goes to the warp routes.
/// In-flight requests finish before this returns.
async fn serve(
    listener: TcpListener,
    routes: Route,
    ws: Option<Arc<Node>>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: Shutdown,
    drain_timeout: Duration,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::server::conn::auto::Builder;
    use hyper_util::server::graceful::GracefulShutdown;
    let graceful = GracefulShutdown::new();
    let active = Active::default();
    let mut stop = std::pin::pin!(shutdown.clone().wait());
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Typically out of file descriptors: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let routes = routes.clone();
        let ws_node = ws.clone();
        let stop = shutdown.clone();
        // Counted from the accept, so shutdown waits for a request that is being read.
        let guard = ws.is_some().then(|| active.enter());
        let watcher = ws.is_none().then(|| graceful.watcher());
        let tls = tls.clone();
        tokio::spawn(async move {
            let ws = ws_node;
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let routes = routes.clone();
                    let ws = ws.clone();
                    async move {
                        use crate::transport::{
                            conninit, emulation, http::from_warp, sockjs, unistream, websocket,
                        };
                        if let Some(node) = ws {
                            let path = req.uri().path();
                            if let Some(mode) = websocket::endpoint(&node, path) {
                                return Ok::<_, std::convert::Infallible>(from_warp(
                                    websocket::upgrade(node, req, mode),
                                ));
                            }
                            if emulation::is_endpoint(&node, path) {
                                return Ok(emulation::handle(node, req).await);
                            }
                            if unistream::is_endpoint(&node, path) {
                                return Ok(unistream::handle(node, req).await);
                            }
                            if sockjs::is_endpoint(&node, path) {
                                return Ok(sockjs::handle(node, req).await);
                            }
                            if conninit::is_endpoint(&node, path) {
                                return Ok(conninit::handle(&node, &req));
                            }
                        }
                        let mut svc = warp::service(routes);
                        tower_call(&mut svc, req).await.map(from_warp)
                    }
                });
            if let Some(acceptor) = tls {
                // TLS: the handshake within the header timeout, then HTTP/1.1 on the stream.
                let handshake = tokio::time::timeout(HEADER_READ_TIMEOUT, acceptor.accept(stream));
                let io = tokio::select! {
                    r = handshake => match r {
                        Ok(Ok(io)) => io,
                        _ => return,
                    },
                    _ = stop.clone().wait() => return,
                };
                if let Err(e) = http1(io, service, stop).await {
                    tracing::debug!(error = %e, "connection error");
                }
                drop(guard);
                return;
            }
            // Nothing of hyper exists until the first request head is in (see `transport::head`).
            let head = crate::transport::head::first_head(stream, HEADER_READ_TIMEOUT);
            let io = tokio::select! {
                io = head => io,
                _ = stop.clone().wait() => None,
            };
            let Some(io) = io else { return };
            let res = if let Some(watcher) = watcher {
                let mut builder = Builder::new(TokioExecutor::new());
                builder
                    .http1()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEADER_READ_TIMEOUT);
                let conn = builder
                    .serve_connection_with_upgrades(TokioIo::new(io), service)
                    .into_owned();
                Box::pin(watcher.watch(conn)).await
            } else {
                // The external listener speaks HTTP/1.1 only, so an upgraded WebSocket connection
                // is the plain TcpStream again (see `transport::websocket`).
                http1(io, service, stop).await
            };
            if let Err(e) = res {
                tracing::debug!(error = %e, "connection error");
            }
            drop(guard);
        });
    }
    drop(listener);
    // In-flight requests finish, bounded by `shutdown.timeout` (a stalled client cannot hold us).
    let _ = tokio::time::timeout(drain_timeout, async {
        graceful.shutdown().await;
        active.idle().await;
    })
    .await;
}

/// Serves HTTP/1.1 (with upgrades) on one connection until it ends; at shutdown, lets the
/// request in flight finish.
async fn http1<I, S>(
    io: I,
    service: S,
    stop: Shutdown,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    S: hyper::service::HttpService<hyper::body::Incoming> + Send,
    S::Future: Send + 'static,
    S::ResBody: Send + 'static,
    <S::ResBody as hyper::body::Body>::Data: Send,
    <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(hyper_util::rt::TokioIo::new(io), service)
        .with_upgrades();
    let mut conn = Box::pin(conn);
    tokio::select! {
        r = conn.as_mut() => r.map_err(Into::into),
        _ = stop.wait() => {
            conn.as_mut().graceful_shutdown();
            conn.as_mut().await.map_err(Into::into)
        }
    }
}

/// Counts HTTP/1 connection tasks, so shutdown waits for their in-flight requests.
#[derive(Clone, Default)]
struct Active(Arc<(std::sync::atomic::AtomicUsize, tokio::sync::Notify)>);

/// Held by a connection task; leaving decrements the count.
struct ActiveGuard(Active);

impl Active {
    fn enter(&self) -> ActiveGuard {
        self.0 .0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        ActiveGuard(self.clone())
    }

    async fn idle(&self) {
        loop {
            let notified = self.0 .1.notified();
            if self.0 .0.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for ActiveGuard {
    fn drop(&mut self) {
        if self
            .0
             .0
             .0
            .fetch_sub(1, std::sync::atomic::Ordering::SeqCst)
            == 1
        {
            self.0 .0 .1.notify_waiters();
        }
    }
}

/// Calls a tower service (warp's) for one request.
async fn tower_call<S, B>(svc: &mut S, req: hyper::Request<B>) -> Result<S::Response, S::Error>
where
    S: tower_service::Service<hyper::Request<B>>,
{
    std::future::poll_fn(|cx| svc.poll_ready(cx)).await?;
    svc.call(req).await
}
