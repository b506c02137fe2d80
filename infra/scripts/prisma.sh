#!/usr/bin/env bash
# Runs the Prisma 6.19 CLI with no internet: generation and migrations use its
# WebAssembly engines and the pg driver adapter (prisma.config.ts), so the
# native engines it would otherwise download are pointed at a placeholder file.
# Usage: infra/scripts/prisma.sh <prisma args...>   e.g. generate | migrate deploy
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
placeholder=$root/.padmeet/prisma-no-native-engine
mkdir -p "$root/.padmeet" && chmod 700 "$root/.padmeet"
[ -f "$placeholder" ] || : > "$placeholder"
export PRISMA_QUERY_ENGINE_LIBRARY=$placeholder PRISMA_SCHEMA_ENGINE_BINARY=$placeholder
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
cd "$root"
# `generate` needs no database, but the schema names DATABASE_URL.
# (`migrate diff` connects through the adapter even from an empty schema: give it a database.)
if [ "${1:-}" = generate ]; then export DATABASE_URL=${DATABASE_URL:-postgresql://generate-only@127.0.0.1:1/none}; fi
exec node_modules/.bin/prisma "$@"
