//! What the operating system allows a run: file descriptors, ephemeral ports, loopback sources, RSS.

use anyhow::{anyhow, bail, Context};
use std::net::Ipv4Addr;

/// Descriptors a process keeps for itself beyond its connections (stdio, epoll, runtime, API sockets).
const FD_RESERVE: usize = 64;

/// 127.0.0.1 .. 127.0.0.n: Linux routes all of 127.0.0.0/8 to loopback without configuration.
pub(super) fn source_addrs(n: u8) -> Vec<Ipv4Addr> {
    (1..=n).map(|i| Ipv4Addr::new(127, 0, 0, i)).collect()
}

/// The soft `ulimit -n` of this process, from /proc/self/limits.
pub(super) fn fd_limit() -> anyhow::Result<usize> {
    let text = std::fs::read_to_string("/proc/self/limits").context("reading /proc/self/limits")?;
    let line = text
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .ok_or_else(|| anyhow!("no 'Max open files' in /proc/self/limits"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()
        .ok_or_else(|| anyhow!("malformed limits line: {line}"))?;
    Ok(if soft == "unlimited" {
        usize::MAX
    } else {
        soft.parse().with_context(|| format!("parsing {soft}"))?
    })
}

/// Fails clearly when one process would need more descriptors than `ulimit -n` allows.
pub(super) fn check_fd_limit(connections: usize, can_spread: bool) -> anyhow::Result<()> {
    let limit = fd_limit()?;
    let need = connections.saturating_add(FD_RESERVE);
    if need > limit {
        let hint = if can_spread {
            format!(
                " or spread the connections over processes (--processes {})",
                need.div_ceil(limit.saturating_sub(FD_RESERVE).max(1))
            )
        } else {
            String::new()
        };
        bail!(
            "this run needs about {need} file descriptors in one process but `ulimit -n` is {limit}: \
             raise the limit (ulimit -n {need}){hint}"
        );
    }
    Ok(())
}

/// The ephemeral port range (net.ipv4.ip_local_port_range) as a count of ports.
pub(super) fn ephemeral_ports() -> usize {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|s| {
            let mut it = s.split_whitespace().map(|p| p.parse::<usize>().ok());
            let (lo, hi) = (it.next()??, it.next()??);
            Some(hi.saturating_sub(lo) + 1)
        })
        .unwrap_or(28_232)
}

/// Every connection to one server address needs its own (source address, port) pair.
pub(super) fn check_ports(connections: usize, sources: usize) -> anyhow::Result<()> {
    let ports = ephemeral_ports();
    if connections > ports.saturating_mul(sources) {
        bail!(
            "{connections} connections exceed {ports} ephemeral ports x {sources} source address(es): \
             use --source-addrs {}",
            connections.div_ceil(ports)
        );
    }
    Ok(())
}

/// Resident set size of a process in bytes (VmRSS of /proc/PID/status).
pub(super) fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let kb = text
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| anyhow!("no VmRSS in {path}"))?;
    Ok(kb * 1024)
}

/// CPU time a process has used so far, in nanoseconds: the sum of `sum_exec_runtime` (first field of
/// /proc/PID/task/TID/schedstat) over its threads. Exact, and independent of the clock tick rate.
pub(super) fn cpu_ns(pid: u32) -> anyhow::Result<u64> {
    let dir = format!("/proc/{pid}/task");
    let mut total = 0u64;
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {dir}"))? {
        let path = entry.context("listing threads")?.path().join("schedstat");
        // A thread may exit between listing and reading: it no longer counts.
        if let Ok(text) = std::fs::read_to_string(&path) {
            total += text
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Ok(total)
}

/// Server CPU used over a measured window, when the server pid is known.
pub(super) struct CpuWindow {
    pid: Option<u32>,
    start_ns: u64,
    start: std::time::Instant,
}

impl CpuWindow {
    pub(super) fn start(pid: Option<u32>) -> CpuWindow {
        let start_ns = pid.and_then(|p| cpu_ns(p).ok()).unwrap_or(0);
        CpuWindow {
            pid,
            start_ns,
            start: std::time::Instant::now(),
        }
    }

    /// Adds `server_cpu` (cores busy on average) and `<what>_per_cpu_s` (work per server CPU-second,
    /// the server's capacity on one core when the load generator cannot saturate it).
    pub(super) fn report(&self, report: &mut super::report::Report, what: &str, work: f64) {
        let Some(pid) = self.pid else { return };
        let Ok(end_ns) = cpu_ns(pid) else { return };
        let cpu_s = end_ns.saturating_sub(self.start_ns) as f64 / 1e9;
        let wall = self.start.elapsed().as_secs_f64().max(1e-9);
        report.add_f("server_cpu", cpu_s / wall, "cores");
        if cpu_s > 0.0 {
            report.add_f(&format!("{what}_per_cpu_s"), work / cpu_s, "per CPU-s");
        }
    }
}
