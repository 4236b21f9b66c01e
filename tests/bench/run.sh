#!/usr/bin/env bash
# Benchmark runner: our server (release) vs a reference Centrifugo binary, side by side.
#
# Every scenario runs against a fresh server pinned to CPU 0 while the load generator
# (`centrifugo bench`) runs on CPU 1; servers alternate, each scenario is repeated, and one table
# of medians with ratios ours/reference is printed at the end.
#
#   tests/bench/run.sh --reference /work/ref/bin/centrifugo [--repeats 3] [--quick] [--syscalls]
#                      [--format json|protobuf] [--engine memory|redis] [--only "rpc ..."] [--rpc N]
#
# Sizes (override with flags): --idle 10000 --connect 2000 --fanout "1000 10000" --fanout-rate 20
# --capacity 2000000 --channels 1000 --messages 20000. Each fanout size runs twice: at --fanout-rate
# publications/s (a load both servers keep up with: latency and CPU per delivery), and offered
# --capacity deliveries/s (rate = capacity / subscribers, beyond what either server sustains, over 8
# API connections: the most each delivers). --syscalls counts write-family syscalls of the server per
# delivered message with `perf stat` during the first fanout run. --out DIR keeps the raw JSON.
# --only "rpc channels" runs just those scenarios (idle connect fanout channels batch rpc).
# --rpc N runs N connections calling an RPC method back to back through the server's HTTP RPC proxy
# (the load generator serves the backend itself, so this is the proxying cost); 0 skips it.
# --ours-config / --reference-config ', "key": {...}' append top-level keys to that server's config
# (for example the same binary as --reference with metrics on, to measure what metrics cost).
# --engine redis runs both servers on one redis-server (pinned to the server's CPU, emptied before
# each run) and adds the Redis CPU time per publication to each run's metrics.
set -euo pipefail
cd "$(dirname "$0")/../.."

REFERENCE=""
REPEATS=3
IDLE=10000
CONNECT=2000
FANOUT="1000 10000"
FANOUT_RATE=20
FANOUT_SECS=5
CAPACITY=2000000
CHANNELS=1000
MESSAGES=20000
RPC=100
ONLY=""
SYSCALLS=0
OUT=""
OURS_CONFIG=""
REFERENCE_CONFIG=""
FORMAT=json
ENGINE=memory
SERVER_CPU=0
BENCH_CPU=1
while [ $# -gt 0 ]; do
    case "$1" in
        --reference) REFERENCE="$2"; shift 2 ;;
        --repeats) REPEATS="$2"; shift 2 ;;
        --idle) IDLE="$2"; shift 2 ;;
        --connect) CONNECT="$2"; shift 2 ;;
        --fanout) FANOUT="$2"; shift 2 ;;
        --fanout-rate) FANOUT_RATE="$2"; shift 2 ;;
        --fanout-secs) FANOUT_SECS="$2"; shift 2 ;;
        --capacity) CAPACITY="$2"; shift 2 ;;
        --channels) CHANNELS="$2"; shift 2 ;;
        --messages) MESSAGES="$2"; shift 2 ;;
        --rpc) RPC="$2"; shift 2 ;;
        --only) ONLY="$2"; shift 2 ;;
        --syscalls) SYSCALLS=1; shift ;;
        --format) FORMAT="$2"; shift 2 ;;
        --engine) ENGINE="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --ours-config) OURS_CONFIG="$2"; shift 2 ;;
        --reference-config) REFERENCE_CONFIG="$2"; shift 2 ;;
        --quick) REPEATS=1; IDLE=500; CONNECT=300; FANOUT="200"; CHANNELS=100; MESSAGES=2000; RPC=20
                 FANOUT_SECS=2; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [ -z "$REFERENCE" ] || [ ! -x "$REFERENCE" ]; then
    echo "--reference PATH to a Centrifugo v6 binary is required" >&2
    exit 2
fi

cargo build --release --quiet
TARGET="${CARGO_TARGET_DIR:-target}"
OURS="$(cd "$TARGET/release" && pwd)/centrifugo"

WORK="$(mktemp -d -t centrifugo-bench.XXXXXX)"
OUT="${OUT:-$WORK/results}"
mkdir -p "$OUT"
SERVER_PID=""
PERF_PID=""
REDIS_PID=""
cleanup() {
    [ -n "$PERF_PID" ] && kill -INT "$PERF_PID" 2>/dev/null || true
    stop_server
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ENGINE_JSON=""
if [ "$ENGINE" = redis ]; then
    REDIS_PORT="$(free_port)"
    taskset -c "$SERVER_CPU" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" \
        --appendonly no > "$WORK/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 100); do
        [ "$(redis-cli -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ] && break
        sleep 0.1
    done
    ENGINE_JSON=", \"engine\": {\"type\": \"redis\", \"redis\": {\"address\": \"redis://127.0.0.1:$REDIS_PORT\"}}"
elif [ "$ENGINE" != memory ]; then
    echo "--engine memory|redis" >&2
    exit 2
fi

# CPU time of the Redis server so far, in nanoseconds (schedstat: finer than stat's clock ticks).
redis_ns() {
    cut -d' ' -f1 "/proc/$REDIS_PID/schedstat"
}

SECRET="bench-secret-$RANDOM$RANDOM"
# The RPC proxy backend the load generator serves during the rpc scenario.
BACKEND_PORT="$(free_port)"
API_KEY="bench-key-$RANDOM$RANDOM"

# start_server BINARY: a fresh server on a free port, pinned to SERVER_CPU; sets SERVER_PID and PORT.
# EXTRA (set by run_one) is appended to its config.
EXTRA=""
start_server() {
    PORT="$(free_port)"
    local cfg="$WORK/config-$PORT.json"
    cat > "$cfg" <<EOF
{
  "client": {"token": {"hmac_secret_key": "$SECRET"}},
  "http_api": {"key": "$API_KEY"},
  "http_server": {"address": "127.0.0.1", "port": $PORT},
  "log": {"level": "error"},
  "channel": {"without_namespace": {"allow_subscribe_for_client": true}},
  "rpc": {"proxy": {"endpoint": "http://127.0.0.1:$BACKEND_PORT/rpc", "timeout": "5s"},
          "without_namespace": {"proxy_enabled": true}}$ENGINE_JSON$EXTRA
}
EOF
    if [ -n "$REDIS_PID" ]; then redis-cli -p "$REDIS_PORT" FLUSHALL > /dev/null; fi
    taskset -c "$SERVER_CPU" "$1" --config "$cfg" > "$WORK/server-$PORT.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "server $1 did not start:" >&2
    cat "$WORK/server-$PORT.log" >&2
    return 1
}

stop_server() {
    [ -z "$SERVER_PID" ] && return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# bench NAME ARGS...: one load run against the running server; JSON kept in $OUT/NAME.json.
bench() {
    local name="$1"; shift
    local url="ws://127.0.0.1:$PORT/connection/websocket"
    local sources=$(( ($IDLE + 25000) / 25000 ))
    local before=0
    if [ -n "$REDIS_PID" ]; then before="$(redis_ns)"; fi
    taskset -c "$BENCH_CPU" "$OURS" bench --url "$url" --hmac-secret "$SECRET" --api-key "$API_KEY" \
        --source-addrs "$sources" --server-pid "$SERVER_PID" --timeout 300 --format "$FORMAT" --json "$@" \
        > "$OUT/$name.json" || echo "  (scenario reported failure: see $OUT/$name.json)" >&2
    if [ -n "$REDIS_PID" ]; then
        python3 tests/bench/redis_cpu.py "$OUT/$name.json" "$(( $(redis_ns) - before ))"
    fi
}

# perf_start / perf_stop NAME: write-family syscalls of the server while a run goes on.
perf_start() {
    perf stat -x, -o "$OUT/$1.perf" -p "$SERVER_PID" -e 'syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_sendto,syscalls:sys_enter_sendmsg' &
    PERF_PID=$!
    sleep 0.2
}
perf_stop() {
    kill -INT "$PERF_PID" 2>/dev/null || true
    wait "$PERF_PID" 2>/dev/null || true
    PERF_PID=""
}

# want SCENARIO: whether --only (empty: everything) includes it.
want() {
    [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]
}

run_one() { # run_one SERVER_LABEL BINARY REPEAT
    local label="$1" bin="$2" r="$3"
    if [ "$label" = ours ]; then EXTRA="$OURS_CONFIG"; else EXTRA="$REFERENCE_CONFIG"; fi
    echo "== $label, repeat $r" >&2
    if want idle; then
        start_server "$bin"; bench "idle-$label-$r" idle -n "$IDLE" --settle 2; stop_server
    fi
    if want connect; then
        start_server "$bin"; bench "connect-$label-$r" connect -n "$CONNECT"; stop_server
    fi
    for n in $FANOUT; do
        want fanout || break
        start_server "$bin"
        if [ "$SYSCALLS" = 1 ] && [ "$r" = 1 ]; then perf_start "fanout$n-$label"; fi
        bench "fanout$n-$label-$r" fanout -n "$n" --rate "$FANOUT_RATE" --duration "$FANOUT_SECS"
        if [ -n "$PERF_PID" ]; then perf_stop; fi
        stop_server
        start_server "$bin"
        if [ "$SYSCALLS" = 1 ] && [ "$r" = 1 ]; then perf_start "capacity$n-$label"; fi
        bench "capacity$n-$label-$r" fanout -n "$n" --rate "$(( CAPACITY / n ))" --duration "$FANOUT_SECS"
        if [ -n "$PERF_PID" ]; then perf_stop; fi
        stop_server
    done
    if want channels; then
        start_server "$bin"; bench "channels-$label-$r" channels -n "$CHANNELS" --messages "$MESSAGES"; stop_server
    fi
    if want batch; then
        start_server "$bin"
        bench "batch-$label-$r" channels -n "$CHANNELS" --messages "$MESSAGES" --batch 100
        stop_server
    fi
    if want rpc && [ "$RPC" -gt 0 ]; then
        start_server "$bin"
        bench "rpc-$label-$r" rpc -n "$RPC" --duration "$FANOUT_SECS" --backend "127.0.0.1:$BACKEND_PORT"
        stop_server
    fi
}

for r in $(seq "$REPEATS"); do
    # Alternate which server goes first, so drift on the machine does not favour one side.
    if [ $((r % 2)) = 1 ]; then
        run_one ours "$OURS" "$r"; run_one reference "$REFERENCE" "$r"
    else
        run_one reference "$REFERENCE" "$r"; run_one ours "$OURS" "$r"
    fi
done

python3 tests/bench/summary.py "$OUT" "$FANOUT"
exit 0
