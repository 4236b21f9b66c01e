"""Adds the Redis server's CPU time during a bench run to the run's metrics (run.sh --engine redis).

usage: redis_cpu.py RUN_JSON NANOSECONDS
Adds redis_cpu_ms and, when the run counts its publications, redis_cpu_us_per_pub.
"""
import json
import sys

path, ns = sys.argv[1], int(sys.argv[2])
try:
    with open(path) as f:
        run = json.load(f)
except (OSError, ValueError):
    sys.exit(0)
m = run.setdefault("metrics", {})
ms = ns / 1e6
m["redis_cpu_ms"] = ms
pubs = m.get("published") or m.get("publications")
if pubs:
    m["redis_cpu_us_per_pub"] = ms * 1000.0 / pubs
with open(path, "w") as f:
    json.dump(run, f)
