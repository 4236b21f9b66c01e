//! Real `redis-server` and `nats-server` processes on free loopback ports, for the engine tests:
//! a single Redis, shards, a 3-master Redis Cluster, a primary + replica under Sentinel, NATS.
//! Each is killed when dropped; its files live in a temporary directory removed with it.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// How long a spawned server may take to answer.
const START_WAIT: Duration = Duration::from_secs(15);

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

pub(crate) struct Dir(pub PathBuf);

impl Dir {
    pub(crate) fn new(tag: &str) -> Dir {
        let n: u64 = rand_suffix();
        let d = std::env::temp_dir().join(format!("cf-engine-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        Dir(d)
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A child process killed on drop.
pub(crate) struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The Redis server binary: `redis-server`, or what `CF_REDIS_SERVER` names, to run the same
/// engine tests against a Redis-compatible server (`CF_REDIS_SERVER=/path/to/valkey-server`).
fn redis_server() -> Command {
    Command::new(std::env::var("CF_REDIS_SERVER").unwrap_or_else(|_| "redis-server".into()))
}

fn spawn(cmd: &mut Command) -> Proc {
    Proc(
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {cmd:?}: {e} (is it installed?)")),
    )
}

/// Runs `redis-cli -p port args...` and returns its output.
pub(crate) fn redis_cli(port: u16, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .arg("-p")
        .arg(port.to_string())
        .args(args)
        .output()
        .expect("redis-cli");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + START_WAIT;
    while !ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "{what} did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub(crate) struct Redis {
    pub port: u16,
    dir: Dir,
    extra: Vec<String>,
    proc: Option<Proc>,
}

impl Redis {
    pub(crate) fn start() -> Redis {
        Redis::with(&[])
    }

    /// With extra `redis-server` arguments (`--replicaof`, cluster mode...).
    pub(crate) fn with(extra: &[&str]) -> Redis {
        let mut r = Redis {
            port: free_port(),
            dir: Dir::new("redis"),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            proc: None,
        };
        r.restart();
        r
    }

    /// (Re)starts the server on its port; with `--appendonly yes` data outlives a restart.
    pub(crate) fn restart(&mut self) {
        self.proc = None;
        let p = spawn(
            redis_server()
                .arg("--port")
                .arg(self.port.to_string())
                .args([
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--protected-mode",
                    "no",
                ])
                .arg("--dir")
                .arg(&self.dir.0)
                .args(&self.extra),
        );
        self.proc = Some(p);
        let port = self.port;
        wait_until("redis-server", || {
            redis_cli(port, &["PING"]).trim() == "PONG"
        });
    }

    pub(crate) fn kill(&mut self) {
        self.proc = None;
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

/// Three masters with every slot assigned.
pub(crate) struct Cluster {
    pub nodes: Vec<Redis>,
}

impl Cluster {
    pub(crate) fn start() -> Cluster {
        let nodes: Vec<Redis> = (0..3)
            .map(|_| Redis::with(&["--cluster-enabled", "yes", "--cluster-node-timeout", "2000"]))
            .collect();
        let addrs: Vec<String> = nodes
            .iter()
            .map(|n| format!("127.0.0.1:{}", n.port))
            .collect();
        let mut args = vec!["--cluster", "create"];
        args.extend(addrs.iter().map(String::as_str));
        args.extend(["--cluster-replicas", "0", "--cluster-yes"]);
        redis_cli(nodes[0].port, &args);
        for n in &nodes {
            let port = n.port;
            wait_until("redis cluster", || {
                redis_cli(port, &["CLUSTER", "INFO"]).contains("cluster_state:ok")
            });
        }
        Cluster { nodes }
    }
}

/// A primary, a replica and one Sentinel watching them (quorum 1).
pub(crate) struct Sentinel {
    _primary: Redis,
    pub replica: Redis,
    pub port: u16,
    _dir: Dir,
    _proc: Proc,
}

pub(crate) const MASTER_NAME: &str = "cfmaster";

impl Sentinel {
    pub(crate) fn start() -> Sentinel {
        let primary = Redis::start();
        let replicaof = format!("127.0.0.1 {}", primary.port);
        let replica = Redis::with(&["--replicaof", &replicaof]);
        let rport = replica.port;
        wait_until("replica sync", || {
            redis_cli(rport, &["INFO", "replication"]).contains("master_link_status:up")
        });
        let port = free_port();
        let dir = Dir::new("sentinel");
        let conf = dir.0.join("sentinel.conf");
        std::fs::write(
            &conf,
            format!(
                "port {port}\nbind 127.0.0.1\nprotected-mode no\ndir {}\n\
                 sentinel monitor {MASTER_NAME} 127.0.0.1 {} 1\n\
                 sentinel down-after-milliseconds {MASTER_NAME} 1000\n\
                 sentinel failover-timeout {MASTER_NAME} 3000\n",
                dir.0.display(),
                primary.port
            ),
        )
        .expect("sentinel.conf");
        let proc = spawn(redis_server().arg(&conf).arg("--sentinel"));
        wait_until("sentinel", || {
            redis_cli(port, &["SENTINEL", "replicas", MASTER_NAME]).contains(&rport.to_string())
        });
        Sentinel {
            _primary: primary,
            replica,
            port,
            _dir: dir,
            _proc: proc,
        }
    }

    /// The port of the server Sentinel names as primary now.
    pub(crate) fn current_primary(&self) -> u16 {
        let out = redis_cli(
            self.port,
            &["SENTINEL", "get-master-addr-by-name", MASTER_NAME],
        );
        out.lines()
            .nth(1)
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0)
    }
}

pub(crate) struct Nats {
    pub port: u16,
    _proc: Proc,
}

impl Nats {
    pub(crate) fn start() -> Nats {
        let port = free_port();
        let proc = spawn(
            Command::new("nats-server")
                .args(["-a", "127.0.0.1", "-p"])
                .arg(port.to_string()),
        );
        wait_until("nats-server", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Nats { port, _proc: proc }
    }

    pub(crate) fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }
}

/// A server a test can take down and bring back with its data.
pub(crate) trait Restartable {
    fn kill(&mut self);
    fn restart(&mut self);
}

impl Restartable for Redis {
    fn kill(&mut self) {
        Redis::kill(self)
    }
    fn restart(&mut self) {
        Redis::restart(self)
    }
}

impl Restartable for Tarantool {
    fn kill(&mut self) {
        Tarantool::kill(self)
    }
    fn restart(&mut self) {
        Tarantool::restart(self)
    }
}

/// A `tarantool` instance running our module (templates/tarantool/centrifugo.lua), its WAL in a
/// temporary directory so a restart keeps the data; optionally a read-only follower of another.
pub(crate) struct Tarantool {
    pub port: u16,
    dir: Dir,
    follows: Option<u16>,
    /// The user nodes log in as (created by the module), with its password.
    login: Option<(String, String)>,
    proc: Option<Proc>,
}

impl Tarantool {
    pub(crate) fn start() -> Tarantool {
        Tarantool::with(None, None)
    }

    /// With a user nodes must log in as.
    pub(crate) fn with_login(user: &str, password: &str) -> Tarantool {
        Tarantool::with(None, Some((user.to_string(), password.to_string())))
    }

    /// A read-only follower replicating from the instance on `leader`.
    pub(crate) fn follower(leader: &Tarantool) -> Tarantool {
        Tarantool::with(Some(leader.port), None)
    }

    fn with(follows: Option<u16>, login: Option<(String, String)>) -> Tarantool {
        let mut t = Tarantool {
            port: free_port(),
            dir: Dir::new("tarantool"),
            follows,
            login,
            proc: None,
        };
        t.restart();
        t
    }

    pub(crate) fn restart(&mut self) {
        self.proc = None;
        let module = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/tarantool/centrifugo.lua"
        );
        let mut cmd = Command::new("tarantool");
        cmd.arg(module)
            .env(
                "CENTRIFUGO_TARANTOOL_LISTEN",
                format!("127.0.0.1:{}", self.port),
            )
            .env("CENTRIFUGO_TARANTOOL_DIR", &self.dir.0)
            .env("CENTRIFUGO_TARANTOOL_ALLOW_REPLICATION", "1")
            .current_dir(&self.dir.0);
        if let Some(leader) = self.follows {
            cmd.env(
                "CENTRIFUGO_TARANTOOL_REPLICATION",
                format!("127.0.0.1:{leader}"),
            )
            .env("CENTRIFUGO_TARANTOOL_READ_ONLY", "1");
        }
        if let Some((user, password)) = &self.login {
            cmd.env("CENTRIFUGO_TARANTOOL_USER", user)
                .env("CENTRIFUGO_TARANTOOL_PASSWORD", password);
        }
        self.proc = Some(spawn(&mut cmd));
        let port = self.port;
        wait_until("tarantool", || {
            use std::io::Read;
            let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
                return false;
            };
            let mut greeting = [0u8; 9];
            s.read_exact(&mut greeting).is_ok() && &greeting == b"Tarantool"
        });
    }

    pub(crate) fn kill(&mut self) {
        self.proc = None;
    }

    pub(crate) fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}
