//! The `centrifugo` binary's subcommands, run as a real process: the harness, version, help, flags.

mod api_commands;
mod assets;
mod config_commands;
mod resources;
mod robustness;
mod serve;
mod tokens;

use super::common::{Client, Event};
use centrifugo::config::TokenConfig;
use centrifugo::tokens::Verifier;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Longest wait for a started server to log a line or to exit.
const WAIT: Duration = Duration::from_secs(15);

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "centrifugo-cli-{tag}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary, run in `dir` with no inherited `CENTRIFUGO_*` variables.
fn centrifugo(dir: &TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_centrifugo"));
    cmd.current_dir(&dir.0);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("CENTRIFUGO_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

fn run(dir: &TempDir, args: &[&str]) -> Output {
    centrifugo(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run centrifugo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "expected exit 0, got {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

#[track_caller]
fn assert_exit_1(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1\nstdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/auth/testdata")
        .join(name)
}

fn read_testdata(name: &str) -> String {
    std::fs::read_to_string(testdata(name)).expect("read testdata")
}

/// The JSON claims of a compact JWT, and its header's `alg`.
fn decode(token: &str) -> (String, Value) {
    use base64::Engine as _;
    let part = |i: usize| -> Value {
        let seg = token.split('.').nth(i).expect("JWT has three parts");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(seg)
            .expect("base64url");
        serde_json::from_slice(&bytes).expect("JSON")
    };
    let alg = part(0)["alg"].as_str().unwrap_or_default().to_string();
    (alg, part(1))
}

/// A port nobody listens on right now (bound on 127.0.0.1:0, then released).
/// N distinct free ports: the listeners are held together so the OS cannot hand out one port twice.
fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<std::net::TcpListener> = (0..N)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").expect("free port"))
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().expect("local addr").port())
}

/// A running `centrifugo` process whose stdout lines arrive on a channel; killed on drop.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Server {
    fn start(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn centrifugo");
        let (tx, lines) = mpsc::channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Server {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a log line containing `needle`; returns it parsed when it is JSON.
    fn wait_for(&mut self, needle: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return serde_json::from_str(&line).unwrap_or(Value::String(line));
                    }
                }
                Err(_) => panic!(
                    "no log line with {needle:?} within {WAIT:?}; got:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// The address the server logged for its WebSocket endpoint.
    fn websocket_address(&mut self) -> String {
        let line = self.wait_for("serving websocket");
        line["address"]
            .as_str()
            .unwrap_or_else(|| panic!("no address in {line}"))
            .to_string()
    }

    /// Every line the process printed so far (stdout and stderr).
    fn output(&mut self) -> Vec<String> {
        // The reader threads forward lines as they come; give the last ones a moment.
        std::thread::sleep(Duration::from_millis(100));
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        self.seen.clone()
    }

    /// Waits (bounded) for the process to exit and returns its exit code.
    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------- version, help ----------

#[test]
fn version_is_one_line() {
    let dir = TempDir::new("version");
    let o = run(&dir, &["version"]);
    assert_ok(&o);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(&format!("Centrifugo v{} (Rust", env!("CARGO_PKG_VERSION"))),
        "{out}"
    );
}

#[test]
fn help_lists_every_root_flag_and_subcommand() {
    let dir = TempDir::new("help");
    let o = run(&dir, &["--help"]);
    assert_ok(&o);
    let help = stdout(&o);
    for flag in [
        "-a, --http_server.address",
        "-p, --http_server.port",
        "--http_server.internal_address",
        "--http_server.internal_port",
        "--engine.type",
        "--broker.enabled",
        "--broker.type",
        "--presence_manager.enabled",
        "--presence_manager.type",
        "--map_broker.type",
        "--log.level",
        "--log.file",
        "--debug.enabled",
        "--admin.enabled",
        "--admin.external",
        "--admin.insecure",
        "--prometheus.enabled",
        "--swagger.enabled",
        "--health.enabled",
        "--init.enabled",
        "--uni_websocket.enabled",
        "--uni_sse.enabled",
        "--uni_http_stream.enabled",
        "--sse.enabled",
        "--http_stream.enabled",
        "--client.insecure",
        "--http_api.insecure",
        "--http_api.external",
        "--grpc_api.enabled",
        "--grpc_api.port",
        "--uni_grpc.enabled",
        "--uni_grpc.port",
        "--pid_file",
        "-c, --config",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
    for sub in [
        "serve",
        "version",
        "checkconfig",
        "genconfig",
        "gentoken",
        "gensubtoken",
        "checktoken",
        "checksubtoken",
        "defaultenv",
        "defaultconfig",
        "publish",
        "broadcast",
        "presence",
        "presence-stats",
        "history",
        "channels",
        "info",
        "disconnect",
        "unsubscribe",
    ] {
        assert!(help.contains(&format!("  {sub} ")), "--help lacks {sub}");
    }
    assert!(!help.contains("generate-assets"), "hidden command shown");
}

#[test]
fn every_root_flag_reaches_the_config_loader() {
    let dir = TempDir::new("flags");
    let file = dir.write("config.json", "{}");
    let file = file.to_string_lossy();
    let o = run(
        &dir,
        &[
            "checkconfig",
            "-c",
            &file,
            "--pid_file",
            "x.pid",
            "-a",
            "127.0.0.1",
            "-p",
            "9000",
            "--http_server.internal_address=127.0.0.1",
            "--http_server.internal_port",
            "9001",
            "--engine.type",
            "memory",
            "--broker.enabled=false",
            "--broker.type",
            "memory",
            "--presence_manager.enabled=false",
            "--presence_manager.type",
            "memory",
            "--map_broker.type",
            "memory",
            "--log.level",
            "debug",
            "--log.file",
            "log.txt",
            "--debug.enabled",
            "--admin.enabled=0",
            "--admin.external",
            "--admin.insecure",
            "--prometheus.enabled",
            "--swagger.enabled",
            "--health.enabled",
            "--init.enabled",
            "--uni_websocket.enabled",
            "--uni_sse.enabled",
            "--uni_http_stream.enabled",
            "--sse.enabled",
            "--http_stream.enabled",
            "--client.insecure",
            "--http_api.insecure",
            "--http_api.external=true",
            "--grpc_api.enabled=false",
            "--grpc_api.port",
            "10001",
            "--uni_grpc.enabled=false",
            "--uni_grpc.port",
            "11001",
        ],
    );
    assert_ok(&o);
    // A bad flag value fails naming the key.
    let o = run(
        &dir,
        &["checkconfig", "-c", &file, "--client.insecure=maybe"],
    );
    assert_exit_1(&o);
    assert!(stderr(&o).contains("client.insecure"), "{}", stderr(&o));
}
