#!/usr/bin/env bash
# The whole test suite: installs the SDK test dependencies (npm, PyPI), then runs every Rust test,
# including the conformance tests that drive the server with the official SDKs.
set -euo pipefail
cd "$(dirname "$0")/.."
# The engine tests spawn their own redis-server (and redis-cli to form a cluster), nats-server and
# tarantool; the admin UI test drives Debian's chromium.
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
command -v tarantool >/dev/null 2>&1 || need+=(tarantool)
# The admin UI test drives a real headless browser (npm playwright-core is only its driver).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  else
    echo "run.sh: the engine tests need ${need[*]}; install them (Debian: apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
bash tests/sdk/setup.sh
# Criterion benches run once each in test mode (they must work, they are not timed), then every test.
cargo test --benches "$@"
cargo test --lib --bins --tests "$@"
