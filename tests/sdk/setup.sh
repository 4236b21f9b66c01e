#!/usr/bin/env bash
# Installs what the SDK conformance scripts need, idempotently:
#   - npm packages from package-lock.json (npm ci) into tests/sdk/node_modules
#   - Python packages from requirements.txt into tests/sdk/.venv
#     (fallback when `python3 -m venv` is unavailable: pip --target tests/sdk/.pydeps)
# Each part is skipped when already up to date (hash of the lock/requirements file).
# Needs node (>= 18), npm and python3 (>= 3.9). Run from anywhere.
#
# Env: SDK_SETUP_FORCE_PYDEPS=1 skips the venv and uses the .pydeps fallback.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

die() {
  echo "setup.sh: ERROR: $*" >&2
  exit 1
}
say() { echo "setup.sh: $*"; }

hash_of() { sha256sum "$1" | cut -d' ' -f1; }

# ---------------------------------------------------------------- node

command -v node >/dev/null 2>&1 || die "node not found (need Node.js >= 18; Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm not found (Debian: apt-get install npm)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 18 ] || die "Node.js $(node --version) is too old: need >= 18 (global fetch)"
[ -f package-lock.json ] || die "package-lock.json missing in $HERE"

npm_stamp="node_modules/.conformance-lock-sha256"
want="$(hash_of package-lock.json)"
if [ -f "$npm_stamp" ] && [ "$(cat "$npm_stamp")" = "$want" ] \
  && [ -d node_modules/centrifuge ] && [ -d node_modules/ws ] && [ -d node_modules/eventsource ] && [ -d node_modules/sockjs-client ] && [ -d node_modules/@grpc/grpc-js ] && [ -d node_modules/playwright-core ]; then
  say "node_modules up to date"
else
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed (is the npm registry reachable?)"
  echo "$want" >"$npm_stamp"
fi

# ---------------------------------------------------------------- python

command -v python3 >/dev/null 2>&1 || die "python3 not found (Debian: apt-get install python3)"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || die "python3 $(python3 -V 2>&1) is too old: need >= 3.9"
[ -f requirements.txt ] || die "requirements.txt missing in $HERE"
req="$(hash_of requirements.txt)"
probe='import centrifuge, cent, grpc, grpc_tools.protoc, importlib.metadata as m; print(m.version("centrifuge-python"), m.version("cent"), m.version("grpcio"))'

venv_ok() {
  [ -x .venv/bin/python ] && [ -f .venv/.conformance-req-sha256 ] \
    && [ "$(cat .venv/.conformance-req-sha256)" = "$req" ] \
    && .venv/bin/python -c "$probe" >/dev/null 2>&1
}

pydeps_ok() {
  [ -f .pydeps/.conformance-req-sha256 ] && [ "$(cat .pydeps/.conformance-req-sha256)" = "$req" ] \
    && PYTHONPATH="$HERE/.pydeps" python3 -c "$probe" >/dev/null 2>&1
}

install_venv() {
  rm -rf .venv
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    return 1
  fi
  say "pip install -r requirements.txt into .venv"
  PIP_ROOT_USER_ACTION=ignore .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt \
    || die "pip install into .venv failed (is PyPI reachable?)"
  echo "$req" >.venv/.conformance-req-sha256
}

install_pydeps() {
  python3 -m pip --version >/dev/null 2>&1 \
    || die "neither 'python3 -m venv' nor 'python3 -m pip' works; on Debian run: apt-get install python3-venv (or python3-pip)"
  say "pip install --target .pydeps (fallback, no venv)"
  rm -rf .pydeps
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --target .pydeps -r requirements.txt \
    || die "pip install --target .pydeps failed (is PyPI reachable?)"
  echo "$req" >.pydeps/.conformance-req-sha256
}

if [ "${SDK_SETUP_FORCE_PYDEPS:-}" != "1" ] && venv_ok; then
  say "python venv up to date ($(.venv/bin/python -c "$probe"))"
elif [ "${SDK_SETUP_FORCE_PYDEPS:-}" = "1" ] && pydeps_ok; then
  say "python .pydeps up to date"
elif [ "${SDK_SETUP_FORCE_PYDEPS:-}" != "1" ] && install_venv; then
  venv_ok || die "packages installed into .venv but 'import centrifuge, cent, grpc' fails"
  say "python venv ready ($(.venv/bin/python -c "$probe"))"
else
  [ "${SDK_SETUP_FORCE_PYDEPS:-}" = "1" ] \
    || say "'python3 -m venv' unavailable (Debian: apt-get install python3-venv); falling back to .pydeps"
  if ! pydeps_ok; then
    install_pydeps
  fi
  pydeps_ok || die "packages installed into .pydeps but 'import centrifuge, cent, grpc' fails"
  say "python .pydeps ready (run Python scripts with PYTHONPATH=$HERE/.pydeps, or via ./python.sh)"
fi

say "done"
