"""Summarises tests/bench/run.sh results: medians over repeats and ratios ours/reference.

usage: summary.py RESULTS_DIR "FANOUT_SIZES"
"""
import glob
import json
import os
import statistics
import sys

out, fanout_sizes = sys.argv[1], sys.argv[2].split()

# (file prefix, row label, metric, unit, better: "higher" or "lower")
ROWS = [("idle", "idle", "server_rss_per_conn", "KiB/conn", "lower"),
        ("idle", "idle", "connect_rate", "conn/s", "higher"),
        ("connect", "connect", "connect_rate", "conn/s", "higher"),
        ("connect", "connect", "connect_p50_ms", "ms", "lower"),
        ("connect", "connect", "connect_p99_ms", "ms", "lower"),
        ("connect", "connect", "connections_per_cpu_s", "conn/CPU-s", "higher")]
for n in fanout_sizes:
    for metric, unit, better in [("delivered_rate", "msgs/s", "higher"),
                                 ("delivered_per_cpu_s", "msgs/CPU-s", "higher"),
                                 ("server_cpu", "cores", "lower"),
                                 ("latency_p50_ms", "ms", "lower"),
                                 ("latency_p95_ms", "ms", "lower"),
                                 ("latency_p99_ms", "ms", "lower"),
                                 ("latency_max_ms", "ms", "lower")]:
        ROWS.append((f"fanout{n}", f"fanout {n} subs", metric, unit, better))
    for metric, unit, better in [("publish_rate", "pubs/s", "higher"),
                                 ("delivered_rate", "msgs/s", "higher"),
                                 ("delivered_per_cpu_s", "msgs/CPU-s", "higher"),
                                 ("latency_p50_ms", "ms", "lower"),
                                 ("latency_p99_ms", "ms", "lower")]:
        ROWS.append((f"capacity{n}", f"fanout {n} subs, overload", metric, unit, better))
ROWS += [("channels", "channels publish", "api_request_rate", "req/s", "higher"),
         ("channels", "channels publish", "delivered_rate", "msgs/s", "higher"),
         ("channels", "channels publish", "latency_p99_ms", "ms", "lower"),
         ("channels", "channels publish", "published_per_cpu_s", "msgs/CPU-s", "higher"),
         ("batch", "channels batch=100", "publish_rate", "msgs/s", "higher"),
         ("batch", "channels batch=100", "delivered_rate", "msgs/s", "higher"),
         ("batch", "channels batch=100", "latency_p99_ms", "ms", "lower"),
         ("batch", "channels batch=100", "published_per_cpu_s", "msgs/CPU-s", "higher")]
ROWS += [("rpc", "rpc via HTTP proxy", "call_rate", "calls/s", "higher"),
         ("rpc", "rpc via HTTP proxy", "calls_per_cpu_s", "calls/CPU-s", "higher"),
         ("rpc", "rpc via HTTP proxy", "rpc_p50_ms", "ms", "lower"),
         ("rpc", "rpc via HTTP proxy", "rpc_p99_ms", "ms", "lower")]
# With --engine redis: the Redis server's CPU per publication.
ROWS += [(p, label, "redis_cpu_us_per_pub", "us/pub", "lower")
         for p, label in [("channels", "channels publish"), ("batch", "channels batch=100")]]


def runs(prefix, label):
    found = []
    for path in sorted(glob.glob(os.path.join(out, f"{prefix}-{label}-*.json"))):
        try:
            with open(path) as f:
                found.append(json.load(f))
        except (OSError, ValueError):
            found.append({"ok": False, "metrics": {}})
    return found


def median(prefix, label, metric):
    rs = runs(prefix, label)
    vals = [r["metrics"][metric] for r in rs if metric in r.get("metrics", {})]
    failed = sum(1 for r in rs if not r.get("ok"))
    return (statistics.median(vals) if vals else None), failed, len(rs)


def fmt(v):
    if v is None:
        return "-"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}"


def size_of(prefix):
    rs = runs(prefix, "ours") or runs(prefix, "reference")
    m = rs[0].get("metrics", {}) if rs else {}
    return m.get("connections")


lines = ["| scenario | metric | ours | reference | ours/ref | better |",
         "|---|---|---:|---:|---:|---|"]
notes = []
for prefix, label, metric, unit, better in ROWS:
    ours, of, on = median(prefix, "ours", metric)
    ref, rf, rn = median(prefix, "reference", metric)
    ratio = f"{ours / ref:.2f}" if ours is not None and ref else "-"
    n = size_of(prefix)
    name = f"{label} (n={n})" if n and prefix in ("idle", "connect", "channels", "batch") else label
    lines.append(f"| {name} | {metric} ({unit}) | {fmt(ours)} | {fmt(ref)} | {ratio} | {better} |")
    for side, failed, total in (("ours", of, on), ("reference", rf, rn)):
        if failed and (prefix, side) not in [(p, s) for p, s, _ in notes]:
            notes.append((prefix, side, f"{prefix}: {failed}/{total} {side} runs failed a check"))
print("\n".join(lines))
for _, _, text in notes:
    print(f"note: {text}")

# Write-family syscalls per delivered message (perf stat during the first fanout run).
for n, prefix in [(n, p) for n in fanout_sizes for p in ("fanout", "capacity")]:
    for side in ("ours", "reference"):
        perf = os.path.join(out, f"{prefix}{n}-{side}.perf")
        if not os.path.exists(perf):
            continue
        counts = {}
        with open(perf) as f:
            for line in f:
                parts = line.strip().split(",")
                if len(parts) > 2 and parts[0].isdigit():
                    counts[parts[2].split(":")[-1]] = int(parts[0])
        rs = runs(f"{prefix}{n}", side)
        delivered = rs[0].get("metrics", {}).get("delivered") if rs else None
        total = sum(counts.values())
        per = f"{total / delivered:.3f}" if delivered else "-"
        detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        print(f"syscalls {prefix} {n} {side}: {per} per delivered message ({detail}; delivered={delivered})")
