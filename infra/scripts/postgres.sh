#!/usr/bin/env bash
# Makes a local PostgreSQL server available for padmeet's dev run and tests:
# installs Debian's postgresql when missing (as root), starts the cluster,
# and creates the `padmeet` role and the databases named on the command line.
# Production points DATABASE_URL at its own server and never runs this.
# Usage: infra/scripts/postgres.sh <database>...      (prints nothing on success but one status line)
# Env:   PADMEET_PG_PORT (default 5432)
set -euo pipefail
port=${PADMEET_PG_PORT:-5432}
role=padmeet
password=padmeet

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  elif [ "$(id -un)" = postgres ]; then "$@"
  else sudo -n -u postgres "$@"
  fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "padmeet postgres: PostgreSQL is not installed -> run 'sudo apt-get install -y postgresql' or set DATABASE_URL to an existing server" >&2
    exit 1
  fi
  echo "padmeet postgres: installing Debian's postgresql (one time)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters -h | awk -v p="$port" '$3 == p {print $1" "$2; exit}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  cluster="$version main"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$cluster"; then
    pg_createcluster "$version" main -p "$port" >&2
  else
    echo "padmeet postgres: cluster $cluster exists but not on port $port -> set PADMEET_PG_PORT to its port" >&2
    exit 1
  fi
fi
# shellcheck disable=SC2086
set -- "$@"
read -r version name <<<"$cluster"
status=$(pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $4}')
if [ "$status" != online ]; then
  pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "padmeet postgres: server $version/$name did not become ready on port $port" >&2; exit 1; }

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }
psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB;
  END IF; END \$\$;" >&2
for db in "$@"; do
  if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql_admin -c "CREATE DATABASE \"$db\" OWNER $role" >&2
  fi
done
echo "padmeet postgres: PostgreSQL $version ready on 127.0.0.1:$port (role $role; databases: ${*:-none})" >&2
