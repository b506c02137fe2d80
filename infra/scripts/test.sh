#!/usr/bin/env bash
# `npm test`: every test of padmeet against real components.
#   1. setup (idempotent; adds Chromium)
#   2. lint (module boundaries), typecheck and unit tests of every project (Nx)
#   3. the test stack: PostgreSQL (padmeet_test), Etherpad, auth, SFU (real mediasoup worker)
#      and the production build of the web app, on the test ports
#   4. integration tests (real PostgreSQL, Etherpad, mediasoup) and Playwright end-to-end tests (real Chromium)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
started=$(date +%s)
bash infra/scripts/setup.sh --for-tests
export NX_DAEMON=false NX_NO_CLOUD=true NEXT_TELEMETRY_DISABLED=1 NX_TUI=false
phase() { printf '\n\033[1m== %s (%s s)\033[0m\n' "$*" "$(( $(date +%s) - started ))"; }

phase "lint, typecheck, unit tests"
npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static
# The workspace's own code outside any project (infra/: the stack, benchmarks, scripts): lint,
# typecheck (a benchmark that no longer compiles is found here, not on its next run), and its specs
# (the lint placement rules, the stack's secrets).
npx eslint --max-warnings=0 infra
npx tsc -p infra/tsconfig.json --noEmit
npx vitest run --config vitest.config.ts infra

phase "test stack"
state=.padmeet/test
[ -n "${PADMEET_PORT_OFFSET:-}" ] && [ "$PADMEET_PORT_OFFSET" != 0 ] && state=.padmeet/test-$PADMEET_PORT_OFFSET
mkdir -p "$state"
rm -f "$state/ready"
node --import tsx infra/stack/run.ts --profile test --quiet > "$state/stack.log" 2>&1 &
stack=$!
stop_stack() { kill -TERM "$stack" 2>/dev/null && wait "$stack" 2>/dev/null || true; }
trap stop_stack EXIT
until [ -f "$state/ready" ]; do
  if ! kill -0 "$stack" 2>/dev/null; then
    echo "padmeet test: the test stack did not start:" >&2
    tail -n 40 "$state/stack.log" >&2
    exit 1
  fi
  sleep 1
done
# shellcheck disable=SC1091
source "$state/stack.env"

phase "integration tests"
npx nx run-many -t integration --parallel=1 --outputStyle=static
# The workspace's own integration tests outside any project (infra/bench/capacity: the capacity benchmark's smoke run).
npx vitest run --config vitest.integration.config.ts infra

phase "end-to-end tests (Playwright, Chromium)"
npx playwright test -c apps/web-e2e/playwright.config.ts

phase "all tests passed"
