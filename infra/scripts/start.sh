#!/usr/bin/env bash
# `npm start`: set up (idempotent) and run padmeet locally; prints the URL to open.
# `npm start -- --dev` runs the web app in development mode (hot reload).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash infra/scripts/setup.sh
export NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1
exec node --import tsx infra/stack/run.ts --profile local "$@"
