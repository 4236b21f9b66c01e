//! What the operating system allows a run: file descriptors, ephemeral ports, loopback sources, RSS.

use anyhow::{anyhow, bail, Context};
use std::net::Ipv4Addr;

/// Descriptors a process keeps for itself beyond its connections (stdio, epoll, runtime, API sockets).
const FD_RESERVE: usize = 64;

/// 127.0.0.1 .. 127.0.0.n: Linux routes all of 127.0.0.0/8 to loopback without configuration.
pub fn source_addrs(n: u8) -> Vec<Ipv4Addr> {
    (1..=n).map(|i| Ipv4Addr::new(127, 0, 0, i)).collect()
}

/// The soft `ulimit -n` of this process, from /proc/self/limits.
pub fn fd_limit() -> anyhow::Result<usize> {
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
pub fn check_fd_limit(connections: usize, can_spread: bool) -> anyhow::Result<()> {
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
pub fn ephemeral_ports() -> usize {
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
pub fn check_ports(connections: usize, sources: usize) -> anyhow::Result<()> {
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
pub fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
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
