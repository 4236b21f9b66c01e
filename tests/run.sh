#!/usr/bin/env bash
# The whole test suite: installs the SDK test dependencies (npm, PyPI), then runs every Rust test,
# including the conformance tests that drive the server with the official SDKs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/sdk/setup.sh
cargo test --all-targets "$@"
