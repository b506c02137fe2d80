#!/usr/bin/env bash
# Installs everything padmeet needs on Debian/Ubuntu, idempotently, with no
# internet beyond the npm registry and apt: system packages (as root), the
# mediasoup worker (built from source; cached outside the clone), npm packages,
# the Prisma client, Etherpad (cached, with padmeet's patches), and a local PostgreSQL with its
# databases (padmeet's and Etherpad's).
# Usage: infra/scripts/setup.sh [--for-tests]     (--for-tests adds Chromium)
# Env:   DATABASE_URL          use that database instead of a local PostgreSQL
#        MEDIASOUP_WORKER_BIN  use that worker binary instead of building one
#        PADMEET_MEDIASOUP_PREBUILT=1  let mediasoup's npm install fetch its prebuilt worker (needs internet)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
for_tests=0
[ "${1:-}" = --for-tests ] && for_tests=1
step() { printf '\033[1mpadmeet setup:\033[0m %s\n' "$*" >&2; }
started=$(date +%s)
mkdir -p .padmeet && chmod 700 .padmeet  # secrets live here (infra/stack/secrets.ts): owner-only

# 1. Debian packages
pkgs="postgresql patch"
[ "${PADMEET_MEDIASOUP_PREBUILT:-0}" = 1 ] || [ -n "${MEDIASOUP_WORKER_BIN:-}" ] || pkgs="$pkgs meson ninja-build pkg-config build-essential python3 libssl-dev libuv1-dev libusrsctp-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler liburing-dev debian-archive-keyring"
[ $for_tests = 1 ] && pkgs="$pkgs chromium"
[ -n "${DATABASE_URL:-}" ] && pkgs=${pkgs/postgresql/}
missing=$(for p in $pkgs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done | xargs)
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "padmeet setup: missing Debian packages: $missing -> run: sudo apt-get install -y $missing" >&2
    exit 1
  fi
  step "installing Debian packages: $missing"
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

# Etherpad downloads from npm while the worker compiles (one waits on the network, the other on the CPU).
etherpad_install=
if [ -z "${ETHERPAD_URL:-}" ]; then
  step "Etherpad (installing in the background)"
  etherpad_log=.padmeet/etherpad-install.log
  bash infra/scripts/etherpad.sh install > "$etherpad_log" 2>&1 &
  etherpad_install=$!
fi

# 2. mediasoup worker
if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  [ -x "$MEDIASOUP_WORKER_BIN" ] || { echo "padmeet setup: MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an executable file" >&2; exit 1; }
  worker=$MEDIASOUP_WORKER_BIN
elif [ "${PADMEET_MEDIASOUP_PREBUILT:-0}" = 1 ]; then
  worker=
else
  step "mediasoup worker (built from source once, then cached; ~3 min the first time)"
  worker=$(bash infra/scripts/build-mediasoup-worker.sh | tail -n 1)
fi
if [ -n "$worker" ]; then
  printf '%s\n' "$worker" > .padmeet/mediasoup-worker-bin
  export MEDIASOUP_WORKER_BIN=$worker
else
  rm -f .padmeet/mediasoup-worker-bin
fi

# 3. npm packages (skipped when package-lock.json is the one last installed)
placeholder=$root/.padmeet/prisma-no-native-engine
: > "$placeholder"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.padmeet-installed 2>/dev/null)" != "$lock_hash" ]; then
  step "npm packages"
  PRISMA_SKIP_POSTINSTALL_GENERATE=1 PRISMA_QUERY_ENGINE_LIBRARY=$placeholder PRISMA_SCHEMA_ENGINE_BINARY=$placeholder \
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 NEXT_TELEMETRY_DISABLED=1 \
    npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$lock_hash" > node_modules/.padmeet-installed
fi

# 4. Prisma client (generated code, not committed)
step "Prisma client"
bash infra/scripts/prisma.sh generate >/dev/null

# 5. Etherpad (cached outside the clone; installed in the background since step 2)
if [ -n "$etherpad_install" ]; then
  wait "$etherpad_install" || { echo "padmeet setup: Etherpad install failed (see $etherpad_log)" >&2; exit 1; }
  tail -n 1 "$etherpad_log" >&2
fi

# 6. PostgreSQL
if [ -z "${DATABASE_URL:-}" ]; then
  step "PostgreSQL"
  # padmeet's own databases and Etherpad's (local and test profiles)
  bash infra/scripts/postgres.sh padmeet padmeet_test padmeet_etherpad padmeet_etherpad_test
fi
step "done in $(( $(date +%s) - started )) s"
