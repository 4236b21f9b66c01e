#!/usr/bin/env bash
# The whole test suite: installs the SDK test dependencies (npm, PyPI), then runs every Rust test,
# including the conformance tests that drive the server with the official SDKs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/sdk/setup.sh
# Criterion benches run once each in test mode (they must work, they are not timed), then every test.
cargo test --benches "$@"
cargo test --lib --bins --tests "$@"
