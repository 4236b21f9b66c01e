//! What connections cost the server process, measured from outside it (`/proc/PID`): a socket that
//! connects and never completes a request costs less than an idle WebSocket client, and the
//! server lets go of such sockets on its own at the header read timeout.

use super::*;
use crate::it::common::SECRET;

/// Resident memory of a process in bytes (`VmRSS`).
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS line");
    kib * 1024
}

/// Open file descriptors of a process.
fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// This process's soft limit on open files (the children inherit it).
fn fd_limit() -> usize {
    let limits = std::fs::read_to_string("/proc/self/limits").expect("proc limits");
    limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .expect("Max open files line")
}

fn start_server(tag: &str) -> (Server, TempDir, String) {
    let dir = TempDir::new(tag);
    let cfg = dir.write(
        "config.json",
        &json!({"client": {"token": {"hmac_secret_key": SECRET}}}).to_string(),
    );
    let mut cmd = centrifugo(&dir);
    cmd.args([
        "serve",
        "-c",
        &cfg.to_string_lossy(),
        "-a",
        "127.0.0.1",
        "-p",
        "0",
    ]);
    let mut server = Server::start(cmd);
    let addr = server.websocket_address();
    (server, dir, addr)
}

/// Holds `count` TCP connections to `addr` in a Python child (so their descriptors do not count
/// against this test process): half send nothing, half send the start of a request and stop.
/// Prints `ready` once every connection is open; closes them all when its stdin closes. The
/// sources are spread over 16 loopback addresses (IP_BIND_ADDRESS_NO_PORT, 24, lets each pick its
/// port at connect time), so the local port range is never the limit, whatever other tests or
/// TIME_WAIT sockets hold.
const HOLDER: &str = r#"
import socket, sys
host, port = sys.argv[1].rsplit(":", 1)
held = []
for i in range(int(sys.argv[2])):
    s = socket.socket()
    s.setsockopt(socket.IPPROTO_IP, 24, 1)
    s.bind(("127.0.%d.2" % (1 + i % 16), 0))
    s.connect((host, int(port)))
    if i % 2:
        s.sendall(b"GET /connection/websocket HTTP/1.1\r\nHost: x\r\n")
    held.append(s)
print("ready", flush=True)
sys.stdin.read()
"#;

/// Memory per connection the server gains for `count` idle, connected WebSocket clients.
async fn idle_websocket_cost(count: usize) -> u64 {
    let (server, _dir, addr) = start_server("idlews");
    let pid = server.child.id();
    let url = format!("ws://{addr}/connection/websocket");
    // A few clients first, so one-time allocations are not charged to the measured ones.
    let mut clients = Vec::new();
    for i in 0..10 {
        clients.push(Client::connect(&url, &format!("warm{i}")).await.0);
    }
    let before = rss(pid);
    for i in 0..count {
        clients.push(Client::connect(&url, &format!("u{i}")).await.0);
    }
    let after = rss(pid);
    drop(clients);
    after.saturating_sub(before) / count as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_sockets_cost_less_than_idle_clients_and_are_let_go_at_the_header_timeout() {
    let idle = idle_websocket_cost(1000).await;

    // As many as the descriptor limit lets the server hold beside its own (the issue asks for
    // 20,000; a hard limit of 20,000 here leaves room for 19,800).
    let count = fd_limit().saturating_sub(200).min(20_000);
    let (server, _dir, addr) = start_server("halfopen");
    let pid = server.child.id();
    let base_fds = fds(pid);
    let before = rss(pid);
    let mut holder = Command::new("python3")
        .args(["-c", HOLDER, &addr, &count.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut ready = String::new();
    BufReader::new(holder.stdout.take().expect("holder stdout"))
        .read_line(&mut ready)
        .expect("holder output");
    assert_eq!(ready.trim(), "ready", "the holder opened its sockets");
    // Accepted: every socket is one descriptor in the server (a few may still be in the backlog).
    let deadline = Instant::now() + WAIT;
    while fds(pid) < base_fds + count && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let after = rss(pid);
    let held = fds(pid).saturating_sub(base_fds);
    assert!(
        held >= count,
        "{held} of {count} sockets held at once (the header timeout is 10 s)"
    );
    let half_open = after.saturating_sub(before) / count as u64;
    eprintln!("per connection: half-open {half_open} B, idle WebSocket client {idle} B");
    assert!(
        half_open < idle,
        "a half-open socket costs {half_open} B, an idle client {idle} B"
    );

    // Nobody completes a request, so after the 10 s header read timeout the server has closed
    // every one of them while the holder still has its end open.
    let deadline = Instant::now() + Duration::from_secs(10) + WAIT;
    while fds(pid) > base_fds && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        fds(pid),
        base_fds,
        "the server closed every half-open socket"
    );
    drop(holder.stdin.take());
    let _ = holder.wait();
}
