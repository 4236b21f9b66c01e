#!/usr/bin/env bash
# Runs the fuzz targets (cargo-fuzz on nightly Rust; `cargo install cargo-fuzz` once), each from its
# committed seeds, and prints one line per target with its execution count.
#
#   tests/fuzz/run.sh [--seconds N | --runs N] [--jobs J] [--asan] [TARGET ...]
#   (default: every target for 60 s, one at a time, no sanitizer)
#
# Each run is bounded: -rss_limit_mb=2048 fails a target whose memory grows past 2 GiB. With --asan
# (AddressSanitizer, whose malloc hooks libFuzzer needs for this) -malloc_limit_mb=256 also fails any
# single allocation above 256 MiB: inputs are at most 1 MiB, so an allocation that large can only
# come from a length read off the input and not checked. Without a sanitizer (the library has no
# unsafe code) the targets run about 7 times faster, for long runs.
# Findings land in tests/fuzz/artifacts/<target>/; the corpus grows in tests/fuzz/corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=60
RUNS=""
JOBS=1
SAN=(-s none)
TARGETS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_EACH="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --jobs) JOBS="$2"; shift 2 ;;
        --asan) SAN=(); shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) TARGETS+=("$1"); shift ;;
    esac
done
if [ "${#TARGETS[@]}" -eq 0 ]; then
    mapfile -t TARGETS < <(sed -n 's/^name = "\(.*\)"$/\1/p' tests/fuzz/Cargo.toml | grep -v '^centrifugo-fuzz$')
fi
limit=(-max_total_time="$SECONDS_EACH")
[ -n "$RUNS" ] && limit=(-runs="$RUNS")
cargo +nightly fuzz build --fuzz-dir tests/fuzz "${SAN[@]}" -O
status=0
run_one() {
    local t="$1" log
    log="$(mktemp)"
    mkdir -p "tests/fuzz/corpus/$t" "tests/fuzz/artifacts/$t"
    if cargo +nightly fuzz run --fuzz-dir tests/fuzz "${SAN[@]}" -O "$t" "tests/fuzz/corpus/$t" "tests/fuzz/seeds/$t" -- \
        "${limit[@]}" -max_len=1048576 -rss_limit_mb=2048 -malloc_limit_mb=256 \
        -artifact_prefix="tests/fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
        echo "$t: ok, $(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1) executions"
    else
        echo "$t: FAILED (see the log below)"; tail -40 "$log"; return 1
    fi
    rm -f "$log"
}
export -f run_one
if [ "$JOBS" -gt 1 ]; then
    printf '%s\n' "${TARGETS[@]}" | xargs -P "$JOBS" -I{} bash -c "$(declare -p limit SAN); run_one {}" || status=1
else
    for t in "${TARGETS[@]}"; do run_one "$t" || status=1; done
fi
exit $status
