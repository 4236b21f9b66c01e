#!/usr/bin/env bash
# Runs a Python conformance script with the interpreter setup.sh prepared:
# tests/sdk/.venv if present, else python3 with PYTHONPATH=tests/sdk/.pydeps.
# Usage: tests/sdk/python.sh tests/sdk/python/cent_test.py
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -x "$HERE/.venv/bin/python" ]; then
  exec "$HERE/.venv/bin/python" "$@"
elif [ -d "$HERE/.pydeps" ]; then
  PYTHONPATH="$HERE/.pydeps${PYTHONPATH:+:$PYTHONPATH}" exec python3 "$@"
else
  echo "python.sh: run tests/sdk/setup.sh first (no .venv or .pydeps in $HERE)" >&2
  exit 1
fi
