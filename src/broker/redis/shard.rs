//! One Redis shard: a single server, a Redis Cluster or a Sentinel-managed primary. Commands go
//! over one multiplexed connection (concurrent commands are pipelined on it); a broken connection,
//! a timeout or a READONLY reply (a primary demoted by a failover) drops it, and the next command
//! reconnects, no more often than the backoff allows. Sentinel topology is re-read periodically so
//! a failover is noticed even while no command fails.

use super::address::{Endpoint, Topology};
use crate::broker::BrokerError;
use redis::aio::MultiplexedConnection;
use redis::cluster_async::ClusterConnection;
use redis::{AsyncConnectionConfig, Cmd, FromRedisValue, IntoConnectionInfo, ScriptInvocation};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::Instant;

/// How often the Sentinel-resolved primary is checked (a failover is noticed within this).
pub(crate) const TOPOLOGY_REFRESH: Duration = Duration::from_secs(2);
/// First and largest wait between reconnection attempts after a failure.
const BACKOFF_MIN: Duration = Duration::from_millis(50);
const BACKOFF_MAX: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub(crate) enum Conn {
    Plain(MultiplexedConnection),
    Cluster(ClusterConnection),
}

#[derive(Default)]
struct State {
    conn: Option<Conn>,
    /// Bumped whenever the connection is dropped, so a late failure of an old connection does
    /// not drop a new one.
    generation: u64,
    /// The Sentinel-resolved primary in use.
    primary: Option<Endpoint>,
    /// Standalone addresses turned out to be a Redis Cluster.
    cluster: bool,
    next_attempt: Option<Instant>,
    backoff: Duration,
}

pub(crate) struct Shard {
    pub(crate) topology: Topology,
    connect_timeout: Duration,
    io_timeout: Duration,
    client_name: String,
    state: Mutex<State>,
    connecting: tokio::sync::Mutex<()>,
    /// Whether the last command or connection attempt succeeded (for readiness).
    healthy: AtomicBool,
    /// Bumped when the primary changes: subscriber connections reconnect to the new one.
    topology_changed: watch::Sender<u64>,
    /// PUBLISH commands waiting to go out together (see `batch`).
    pub(crate) publishes:
        std::sync::OnceLock<tokio::sync::mpsc::UnboundedSender<super::batch::Job>>,
}

fn lock(m: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn internal(e: impl std::fmt::Display) -> BrokerError {
    BrokerError::Internal(e.to_string())
}

/// A connection to one server as the redis client takes it.
pub(crate) fn connection_info(ep: &Endpoint) -> redis::RedisResult<redis::ConnectionInfo> {
    let mut settings = redis::RedisConnectionInfo::default().set_db(ep.db);
    if !ep.user.is_empty() {
        settings = settings.set_username(&ep.user);
    }
    if !ep.password.is_empty() {
        settings = settings.set_password(&ep.password);
    }
    let addr = match &ep.tls {
        Some(t) => redis::ConnectionAddr::TcpTls {
            host: ep.host.clone(),
            port: ep.port,
            insecure: t.insecure,
            tls_params: None,
        },
        None => redis::ConnectionAddr::Tcp(ep.host.clone(), ep.port),
    };
    Ok(addr.into_connection_info()?.set_redis_settings(settings))
}

/// The CA and client certificate of an endpoint's TLS, if it names any.
fn certificates(ep: &Endpoint) -> Option<redis::TlsCertificates> {
    let t = ep.tls.as_ref()?;
    if t.root.is_none() && t.client.is_none() {
        return None;
    }
    Some(redis::TlsCertificates {
        client_tls: t.client.as_ref().map(|(cert, key)| redis::ClientTlsConfig {
            client_cert: cert.clone(),
            client_key: key.clone(),
        }),
        root_cert: t.root.clone(),
    })
}

/// A client for one server (TLS with its own CA or client certificate when configured).
pub(crate) fn client(ep: &Endpoint) -> redis::RedisResult<redis::Client> {
    let info = connection_info(ep)?;
    match certificates(ep) {
        Some(certs) => redis::Client::build_with_tls(info, certs),
        None => redis::Client::open(info),
    }
}

/// Whether an error means the connection (or the server behind it) cannot be used any more.
fn breaks_connection(e: &redis::RedisError) -> bool {
    e.is_io_error()
        || e.is_timeout()
        || e.is_connection_dropped()
        || e.is_unrecoverable_error()
        || matches!(
            e.code(),
            Some("READONLY") | Some("MASTERDOWN") | Some("LOADING")
        )
}

impl Shard {
    pub(crate) fn new(topology: Topology, cfg: &crate::config::Redis) -> Shard {
        Shard {
            topology,
            connect_timeout: cfg.connect_timeout,
            io_timeout: cfg.io_timeout,
            client_name: cfg.client_name.clone(),
            state: Mutex::new(State {
                backoff: BACKOFF_MIN,
                ..Default::default()
            }),
            connecting: tokio::sync::Mutex::new(()),
            // Until a command or connection attempt fails (subscriber connections report apart).
            healthy: AtomicBool::new(true),
            topology_changed: watch::channel(0).0,
            publishes: std::sync::OnceLock::new(),
        }
    }

    pub(crate) fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed)
    }

    pub(crate) fn label(&self) -> String {
        match &self.topology {
            Topology::Standalone(e) | Topology::Cluster(e) => {
                e.iter().map(Endpoint::label).collect::<Vec<_>>().join(",")
            }
            Topology::Sentinel { master_name, .. } => format!("sentinel:{master_name}"),
        }
    }

    pub(crate) fn topology_changes(&self) -> watch::Receiver<u64> {
        self.topology_changed.subscribe()
    }

    fn conn_config(&self) -> AsyncConnectionConfig {
        AsyncConnectionConfig::new()
            .set_connection_timeout(Some(self.connect_timeout))
            .set_response_timeout(Some(self.io_timeout))
    }

    async fn plain(&self, ep: &Endpoint) -> redis::RedisResult<MultiplexedConnection> {
        let client = client(ep)?;
        let mut c = client
            .get_multiplexed_async_connection_with_config(&self.conn_config())
            .await?;
        if !self.client_name.is_empty() {
            redis::cmd("CLIENT")
                .arg("SETNAME")
                .arg(&self.client_name)
                .query_async::<()>(&mut c)
                .await?;
        }
        Ok(c)
    }

    async fn cluster_conn(&self, seeds: &[Endpoint]) -> redis::RedisResult<ClusterConnection> {
        let infos = seeds
            .iter()
            .map(connection_info)
            .collect::<redis::RedisResult<Vec<_>>>()?;
        let mut builder = redis::cluster::ClusterClient::builder(infos)
            .connection_timeout(self.connect_timeout)
            .response_timeout(self.io_timeout);
        if let Some(certs) = seeds.first().and_then(certificates) {
            builder = builder.certs(certs);
        }
        builder.build()?.get_async_connection().await
    }

    /// Asks the sentinels, in turn, where the primary is; checks that it says it is one.
    pub(crate) async fn resolve_primary(&self) -> Result<Endpoint, BrokerError> {
        let Topology::Sentinel {
            sentinels,
            master_name,
            primary,
        } = &self.topology
        else {
            return Err(internal("not a sentinel shard"));
        };
        let mut last = internal("no sentinel answered");
        for s in sentinels {
            let found = async {
                let mut c = self.plain(s).await?;
                let (host, port): (String, u16) = redis::cmd("SENTINEL")
                    .arg("get-master-addr-by-name")
                    .arg(master_name)
                    .query_async(&mut c)
                    .await?;
                redis::RedisResult::Ok((host, port))
            };
            match tokio::time::timeout(self.connect_timeout + self.io_timeout, found).await {
                Ok(Ok((host, port))) => {
                    return Ok(Endpoint {
                        host,
                        port,
                        ..primary.clone()
                    })
                }
                Ok(Err(e)) => last = internal(format!("sentinel {}: {e}", s.label())),
                Err(_) => last = internal(format!("sentinel {}: timed out", s.label())),
            }
        }
        Err(last)
    }

    /// Opens the command connection the topology asks for.
    async fn open(&self) -> Result<Conn, BrokerError> {
        match &self.topology {
            Topology::Cluster(seeds) => Ok(Conn::Cluster(
                self.cluster_conn(seeds).await.map_err(internal)?,
            )),
            Topology::Standalone(eps) => {
                if lock(&self.state).cluster {
                    return Ok(Conn::Cluster(
                        self.cluster_conn(eps).await.map_err(internal)?,
                    ));
                }
                let first = eps.first().ok_or_else(|| internal("no address"))?;
                let mut c = self.plain(first).await.map_err(internal)?;
                // A Redis Cluster is detected, as Centrifugo does, from what the server says.
                let info: String = redis::cmd("INFO")
                    .arg("cluster")
                    .query_async(&mut c)
                    .await
                    .map_err(internal)?;
                if info.contains("cluster_enabled:1") {
                    lock(&self.state).cluster = true;
                    return Ok(Conn::Cluster(
                        self.cluster_conn(eps).await.map_err(internal)?,
                    ));
                }
                Ok(Conn::Plain(c))
            }
            Topology::Sentinel { .. } => {
                let primary = self.resolve_primary().await?;
                let mut c = self.plain(&primary).await.map_err(internal)?;
                let role: Vec<redis::Value> = redis::cmd("ROLE")
                    .query_async(&mut c)
                    .await
                    .map_err(internal)?;
                let is_master = matches!(role.first(), Some(redis::Value::BulkString(b)) if b == b"master")
                    || matches!(role.first(), Some(redis::Value::SimpleString(s)) if s == "master");
                if !is_master {
                    return Err(internal(format!(
                        "{} is not a primary yet",
                        primary.label()
                    )));
                }
                lock(&self.state).primary = Some(primary);
                Ok(Conn::Plain(c))
            }
        }
    }

    /// The command connection, opened if needed; fails fast while the backoff after a failed
    /// attempt runs.
    async fn conn(&self) -> Result<(Conn, u64), BrokerError> {
        {
            let s = lock(&self.state);
            if let Some(c) = &s.conn {
                return Ok((c.clone(), s.generation));
            }
        }
        let _one = self.connecting.lock().await;
        {
            let s = lock(&self.state);
            if let Some(c) = &s.conn {
                return Ok((c.clone(), s.generation));
            }
            if s.next_attempt.is_some_and(|t| Instant::now() < t) {
                return Err(BrokerError::Internal(format!(
                    "redis {} unavailable",
                    self.label()
                )));
            }
        }
        let opened = tokio::time::timeout(self.connect_timeout * 3, self.open())
            .await
            .unwrap_or_else(|_| Err(internal("connect timed out")));
        let mut s = lock(&self.state);
        match opened {
            Ok(c) => {
                s.conn = Some(c.clone());
                s.backoff = BACKOFF_MIN;
                s.next_attempt = None;
                self.healthy.store(true, Ordering::Relaxed);
                Ok((c, s.generation))
            }
            Err(e) => {
                s.next_attempt = Some(Instant::now() + s.backoff);
                s.backoff = (s.backoff * 2).min(BACKOFF_MAX);
                self.healthy.store(false, Ordering::Relaxed);
                tracing::warn!(redis = %self.label(), error = %e, "redis connection failed");
                Err(e)
            }
        }
    }

    /// Forgets the command connection of `generation` (if it is still the current one).
    fn drop_conn(&self, generation: u64) {
        let mut s = lock(&self.state);
        if s.generation == generation {
            s.conn = None;
            s.generation += 1;
        }
    }

    fn failed(&self, generation: u64, e: redis::RedisError) -> BrokerError {
        if breaks_connection(&e) {
            self.drop_conn(generation);
            self.healthy.store(false, Ordering::Relaxed);
            if matches!(self.topology, Topology::Sentinel { .. }) {
                // The primary may have moved: subscribers follow it too.
                self.topology_changed.send_modify(|g| *g += 1);
            }
        }
        tracing::warn!(redis = %self.label(), error = %e, "redis command failed");
        internal(e)
    }

    pub(crate) async fn query<T: FromRedisValue>(&self, cmd: &Cmd) -> Result<T, BrokerError> {
        let (conn, generation) = self.conn().await?;
        let r = match conn {
            Conn::Plain(mut c) => cmd.query_async(&mut c).await,
            Conn::Cluster(mut c) => cmd.query_async(&mut c).await,
        };
        r.map_err(|e| self.failed(generation, e))
    }

    pub(crate) async fn pipeline(&self, pipe: &redis::Pipeline) -> Result<(), BrokerError> {
        let (conn, generation) = self.conn().await?;
        let r = match conn {
            Conn::Plain(mut c) => pipe.query_async::<()>(&mut c).await,
            Conn::Cluster(mut c) => pipe.query_async::<()>(&mut c).await,
        };
        r.map_err(|e| self.failed(generation, e))
    }

    pub(crate) async fn script<T: FromRedisValue>(
        &self,
        inv: &ScriptInvocation<'_>,
    ) -> Result<T, BrokerError> {
        let (conn, generation) = self.conn().await?;
        let r = match conn {
            Conn::Plain(mut c) => inv.invoke_async(&mut c).await,
            Conn::Cluster(mut c) => inv.invoke_async(&mut c).await,
        };
        r.map_err(|e| self.failed(generation, e))
    }

    /// Where a subscriber connection should go now: the server (a cluster delivers PUBLISH to
    /// every node, so any seed will do) or the current primary.
    pub(crate) async fn pubsub_endpoints(&self) -> Result<Vec<Endpoint>, BrokerError> {
        match &self.topology {
            Topology::Standalone(eps) | Topology::Cluster(eps) => Ok(eps.clone()),
            // Asked afresh each time: after a failover the old primary is the wrong place.
            Topology::Sentinel { .. } => Ok(vec![self.resolve_primary().await?]),
        }
    }

    /// A subscriber connection to `ep`, within the connect timeout.
    pub(crate) async fn pubsub(&self, ep: &Endpoint) -> Result<redis::aio::PubSub, BrokerError> {
        let client = client(ep).map_err(internal)?;
        match tokio::time::timeout(self.connect_timeout, client.get_async_pubsub()).await {
            Ok(r) => r.map_err(internal),
            Err(_) => Err(internal(format!("{}: connect timed out", ep.label()))),
        }
    }

    /// For Sentinel shards: re-reads the primary every `TOPOLOGY_REFRESH`; when it moved, drops
    /// the command connection and tells the subscriber connections. Ends when `alive` is gone.
    pub(crate) async fn watch_topology(self: std::sync::Arc<Self>) {
        if !matches!(self.topology, Topology::Sentinel { .. }) {
            return;
        }
        let weak = std::sync::Arc::downgrade(&self);
        drop(self);
        let mut tick = tokio::time::interval(TOPOLOGY_REFRESH);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(shard) = weak.upgrade() else {
                return;
            };
            let Ok(now) = shard.resolve_primary().await else {
                continue;
            };
            let moved = {
                let mut s = lock(&shard.state);
                let moved = s.primary.as_ref().is_some_and(|p| *p != now);
                if moved {
                    s.primary = Some(now.clone());
                    s.conn = None;
                    s.generation += 1;
                }
                moved
            };
            if moved {
                tracing::info!(redis = %shard.label(), primary = %now.label(), "redis primary moved");
                shard.topology_changed.send_modify(|g| *g += 1);
            }
        }
    }
}
