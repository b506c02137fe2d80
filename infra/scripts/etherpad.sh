#!/bin/bash
# Local Etherpad for padmeet: installs and runs ep_etherpad-lite 1.8.14 from npm (the only
# Etherpad server published there) with no other network access. Production should run a
# current Etherpad and point padmeet at it (ETHERPAD_URL + ETHERPAD_API_KEY); this is for
# development and tests.
#
# Usage:
#   etherpad.sh install
#       Installs ep_etherpad-lite@1.8.14 into ${XDG_CACHE_HOME:-$HOME/.cache}/padmeet/etherpad-1.8.14/
#       (outside the clone; never touches the project's node_modules or package-lock.json) and
#       applies padmeet's patches, infra/etherpad/patches/*.patch, in name order; a patch that
#       does not apply exactly stops the install with one line naming it. The stamp file records
#       the layout and the patch level (names + a hash of their text): an install made with other
#       patches is re-patched from the original files it keeps (.padmeet-pristine/), one from
#       before patches existed (layout 2) is patched in place, anything else is installed anew.
#       Idempotent: a no-op when the stamp matches. A fresh install is built in a temporary
#       directory and renamed into place, so an interrupted install never looks complete.
#       ~3 min the first time.
#   etherpad.sh run --state-dir <dir> --port <port> --database-url <postgresql://...> [--host 127.0.0.1]
#       Writes <dir>/settings.<port>.json (from infra/etherpad/settings.template.json, mode 600:
#       it holds the database URL), creates <dir>/APIKEY.txt and <dir>/SESSIONKEY.txt (64 random
#       hex characters, mode 600) when missing, prepares the database (infra/etherpad/prepare-db.cjs:
#       checks it answers, creates it if missing, and moves an older install's dirty file database
#       <dir>/etherpad.db into it once), then execs the server in the foreground: stop it with
#       SIGTERM or SIGINT. Several processes may share one state dir (one API key, one session
#       key) and one database, each on its own port. Ready when GET http://<host>:<port>/api
#       answers (~5-10 s). Etherpad 1.8.14 always logs one failed update check (no internet) and
#       a few harmless warnings at start-up.
#       Exits 1 with one line when the install is missing (run `etherpad.sh install`), the port
#       is taken, or the database cannot be reached.
#   etherpad.sh api-key --state-dir <dir>
#       Prints the HTTP API key of that state dir (creating it when missing).
#
# Database settings (infra/etherpad/settings.template.json, "dbWrapperSettings", patch 03):
#   cache 10000 with cachedKeys "^pad:" (patch 04): a process caches only pad records, which
#     only the process serving the pad writes (and which every edit re-reads for each client:
#     with no cache at all, edits queued for seconds at 40 authors + 100 viewers); authors, groups
#     and sessions are always read from the database, so processes sharing it see each other's.
#   writeInterval 10 (ms): writes are batched and written in order, one batch at a time, each batch
#     as one statement and one commit (patch 08). Etherpad
#     sends an edit to the pad's other clients as soon as it is applied in memory, but acknowledges
#     it to its author (ACCEPT_COMMIT) only after its write is committed (patch 05), so no
#     acknowledged edit is lost to SIGKILL whatever the interval; the interval is the author's
#     latency: measured before patch 05 (4 authors on one pad, one process) edit -> ACCEPT_COMMIT
#     p50 17 ms / p95 46 ms at 10, 255 / 350 ms at the postgres driver's 100, 44 / 128 ms at 0
#     (unbatched; and then two writes of one record can reach PostgreSQL out of order on the
#     driver's pool).
#   Not shared between processes even so: a pad's state (each pad must be served by one process,
#   padProcessIndex in libs/pad) and the list of all pads (listAllPads). Group records are
#   read-modify-written: concurrent createGroupPad calls for one group on two processes can drop
#   a pad from the group's list (measured: 5 of 60); create a group's pads one at a time.
#
# Environment: XDG_CACHE_HOME (cache root), ETHERPAD_NODE (node binary; default `node`).
set -euo pipefail

EP_VERSION=1.8.14
# Bump when the install layout or steps change, so old caches are rebuilt.
# 3: padmeet's patches (infra/etherpad/patches/), originals kept in .padmeet-pristine/.
LAYOUT_REV=3
CACHE_ROOT=${XDG_CACHE_HOME:-$HOME/.cache}/padmeet
EP_ROOT=$CACHE_ROOT/etherpad-$EP_VERSION
STAMP=$EP_ROOT/.padmeet-installed
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATE=$SCRIPT_DIR/../etherpad/settings.template.json
PATCH_DIR=$SCRIPT_DIR/../etherpad/patches
PREPARE_DB=$SCRIPT_DIR/../etherpad/prepare-db.cjs
NODE=${ETHERPAD_NODE:-node}
# Node for this script's own steps: never on the IPC channel a parent may have opened for Etherpad.
helper_node() { env -u NODE_CHANNEL_FD -u NODE_CHANNEL_SERIALIZATION_MODE "$NODE" "$@"; }
PATCHES=("$PATCH_DIR"/*.patch)
[ -e "${PATCHES[0]}" ] || { echo "etherpad.sh: no patches in $PATCH_DIR" >&2; exit 1; }
# The patch level: which patches, and a hash of their text (an edited patch re-patches).
PATCH_LEVEL="patches $(for p in "${PATCHES[@]}"; do basename "$p" .patch; done | cut -d- -f1 | paste -sd, -) sha256:$(cat "${PATCHES[@]}" | sha256sum | cut -c1-16)"
STAMP_CONTENT="ep_etherpad-lite@$EP_VERSION layout-$LAYOUT_REV $PATCH_LEVEL"

die() { echo "etherpad.sh: $*" >&2; exit 1; }

usage() {
  sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_installed() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] && [ -f "$EP_ROOT/src/node/server.js" ]
}

# Applies every patch to the tree in $1, first keeping each file it changes, as it was, under
# $1/.padmeet-pristine/ (so a later patch level can start again from the originals).
apply_patches() {
  local dir=$1 p f out
  for p in "${PATCHES[@]}"; do
    for f in $(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p"); do
      [ -f "$dir/$f" ] || die "patch $(basename "$p") changes $f, which Etherpad $EP_VERSION in $dir does not have"
      if [ ! -e "$dir/.padmeet-pristine/$f" ]; then
        mkdir -p "$(dirname "$dir/.padmeet-pristine/$f")"
        cp -p "$dir/$f" "$dir/.padmeet-pristine/$f"
      fi
    done
    out=$(patch -d "$dir" -p1 --forward --batch --fuzz=0 --no-backup-if-mismatch -r - <"$p" 2>&1) ||
      die "patch $(basename "$p") does not apply to Etherpad $EP_VERSION in $dir: $(echo "$out" | tr '\n' ' ')"
  done
}

# Puts back the originals of every file a previous patch level changed.
restore_pristine() {
  local dir=$1
  [ -d "$dir/.padmeet-pristine" ] || return 0
  cp -a "$dir/.padmeet-pristine/." "$dir/"
  rm -rf "$dir/.padmeet-pristine"
}

# An existing install that only needs (re-)patching: the same npm tree, made by layout 2 (no
# patches) or by this layout with another patch level or an interrupted patching (originals kept;
# a tree only ever appears at $EP_ROOT complete, renamed into place).
repatchable() {
  local stamp
  [ -f "$EP_ROOT/src/node/server.js" ] || return 1
  [ -f "$STAMP" ] || { [ -d "$EP_ROOT/.padmeet-pristine" ]; return; }
  stamp=$(cat "$STAMP")
  [ "$stamp" = "ep_etherpad-lite@$EP_VERSION layout-2" ] ||
    { [[ "$stamp" == "ep_etherpad-lite@$EP_VERSION layout-$LAYOUT_REV "* ]] && [ -d "$EP_ROOT/.padmeet-pristine" ]; }
}

cmd_install() {
  if is_installed; then
    echo "Etherpad $EP_VERSION already installed in $EP_ROOT ($PATCH_LEVEL)" >&2
    return 0
  fi
  command -v npm >/dev/null || die "npm not found"
  command -v flock >/dev/null || die "flock not found (Debian package util-linux)"
  command -v patch >/dev/null || die "patch not found (Debian package patch)"
  mkdir -p "$CACHE_ROOT"
  # One install at a time per cache; a second caller waits, then finds it installed.
  exec 9>"$CACHE_ROOT/.etherpad-$EP_VERSION.lock"
  flock 9
  if is_installed; then
    echo "Etherpad $EP_VERSION already installed in $EP_ROOT ($PATCH_LEVEL)" >&2
    return 0
  fi
  if repatchable; then
    # In place, so Etherpad processes running from this install keep their files. The stamp goes
    # first: interrupted from here on, the next install finds no stamp and installs anew.
    echo "Patching Etherpad $EP_VERSION in $EP_ROOT ($PATCH_LEVEL; was: $(cat "$STAMP" 2>/dev/null || echo 'interrupted patching'))" >&2
    rm -f "$STAMP"
    restore_pristine "$EP_ROOT"
    apply_patches "$EP_ROOT"
    echo "$STAMP_CONTENT" >"$STAMP"
    echo "Etherpad $EP_VERSION patched in $EP_ROOT ($PATCH_LEVEL)" >&2
    return 0
  fi
  # Leftovers of installs that were killed (we hold the lock, so none is running).
  rm -rf "$CACHE_ROOT/.etherpad-$EP_VERSION.tmp."* "$CACHE_ROOT/.etherpad-$EP_VERSION.old."*
  local tmp
  tmp=$(mktemp -d "$CACHE_ROOT/.etherpad-$EP_VERSION.tmp.XXXXXX")
  chmod 755 "$tmp"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  local started=$SECONDS
  echo "Installing Etherpad $EP_VERSION from npm into $EP_ROOT (takes a few minutes)..." >&2
  cat >"$tmp/package.json" <<JSON
{ "name": "padmeet-etherpad", "private": true, "dependencies": { "ep_etherpad-lite": "$EP_VERSION" } }
JSON
  # Only the npm registry is contacted. --ignore-scripts: the one dependency with an install
  # script (keytar, reached through the MSSQL driver's Azure login, unused here) would try to
  # download a prebuilt binary and then node-gyp headers. --workspaces=false and --prefix keep
  # npm inside this directory, away from any project around it.
  # In the background + wait, so SIGTERM/SIGINT stop npm at once (bash delays traps until a
  # foreground child ends) and the EXIT trap then removes the half-built directory.
  (cd "$tmp" && exec npm install --prefix "$tmp" --workspaces=false --ignore-scripts --no-audit \
    --no-fund --omit=dev --loglevel=error >&2) &
  local npm_pid=$!
  # shellcheck disable=SC2064
  trap "kill $npm_pid 2>/dev/null; exit 130" INT TERM
  wait "$npm_pid" || die "npm install ep_etherpad-lite@$EP_VERSION failed"
  trap 'exit 130' INT TERM
  # Etherpad finds its root as the parent of its package directory, which must be named src
  # (a real directory), with node_modules/ep_etherpad-lite pointing back at it and var/ present.
  mv "$tmp/node_modules/ep_etherpad-lite" "$tmp/src"
  ln -s ../src "$tmp/node_modules/ep_etherpad-lite"
  mkdir -p "$tmp/var"
  # The browser's module loader serves a few libraries from <root>/src/node_modules only (the
  # LIBRARY_WHITELIST of src/node/utils/Minify.js); npm hoisted them to <root>/node_modules,
  # and without them the pad page fails with 'The module at "security" does not exist'. Copy
  # them there and declare them in the root package.json, or the `npm ls` Etherpad runs at
  # start-up calls the hoisted copies extraneous and start-up fails.
  (cd "$tmp" && "$NODE" -e '
    const fs = require("fs"), path = require("path");
    const minify = fs.readFileSync("src/node/utils/Minify.js", "utf8");
    const list = /LIBRARY_WHITELIST = \[([^\]]*)\]/.exec(minify);
    if (!list) { console.error("LIBRARY_WHITELIST not found in Minify.js"); process.exit(1); }
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    for (const [, lib] of list[1].matchAll(/["\x27]([^"\x27]+)["\x27]/g)) {
      const from = path.join("node_modules", lib), to = path.join("src/node_modules", lib);
      if (fs.existsSync(to) || !fs.existsSync(from)) continue; // nested already, or not a dependency
      fs.cpSync(from, to, { recursive: true, dereference: true });
      pkg.dependencies[lib] = JSON.parse(fs.readFileSync(path.join(from, "package.json"), "utf8")).version;
    }
    fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
  ') || die "could not lay out the browser libraries"
  # Etherpad runs its bundled npm 6 (`npm ls`) at start-up, which warns about a v3 lockfile.
  rm -f "$tmp/package-lock.json"
  [ -f "$tmp/src/node/server.js" ] || die "unexpected package layout: src/node/server.js missing"
  apply_patches "$tmp"
  echo "$STAMP_CONTENT" >"$tmp/.padmeet-installed"
  # Replace any incomplete or older install, then move the finished tree into place in one rename.
  if [ -e "$EP_ROOT" ]; then
    local old="$CACHE_ROOT/.etherpad-$EP_VERSION.old.$$"
    mv "$EP_ROOT" "$old"
    rm -rf "$old"
  fi
  mv "$tmp" "$EP_ROOT"
  trap - EXIT INT TERM
  echo "Etherpad $EP_VERSION installed in $EP_ROOT ($PATCH_LEVEL; $((SECONDS - started)) s)" >&2
}

# Absolute path of a directory, created when missing.
abs_dir() {
  mkdir -p "$1" && (cd "$1" && pwd)
}

# A key file (APIKEY.txt, SESSIONKEY.txt): 64 random hex characters, readable by its owner only.
ensure_secret_file() {
  local file=$1
  if [ ! -s "$file" ]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$file.tmp.$$" && mv "$file.tmp.$$" "$file")
  fi
  chmod 600 "$file"
  grep -Eq '^[0-9a-fA-F]{32,}$' "$file" || die "$file does not hold a hex key; delete it to generate a new one"
}
ensure_api_key() { ensure_secret_file "$1/APIKEY.txt"; }

parse_state_dir_only() {
  STATE_DIR=
  while [ $# -gt 0 ]; do
    case "$1" in
      --state-dir) [ $# -ge 2 ] || usage; STATE_DIR=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -n "$STATE_DIR" ] || usage
}

cmd_api_key() {
  parse_state_dir_only "$@"
  local dir
  dir=$(abs_dir "$STATE_DIR") || die "cannot create state dir $STATE_DIR"
  chmod 700 "$dir"
  ensure_api_key "$dir"
  cat "$dir/APIKEY.txt"
  echo
}

cmd_run() {
  local state_dir='' port='' host=127.0.0.1 database_url=''
  while [ $# -gt 0 ]; do
    case "$1" in
      --state-dir) [ $# -ge 2 ] || usage; state_dir=$2; shift 2 ;;
      --port) [ $# -ge 2 ] || usage; port=$2; shift 2 ;;
      --host) [ $# -ge 2 ] || usage; host=$2; shift 2 ;;
      --database-url) [ $# -ge 2 ] || usage; database_url=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -n "$state_dir" ] && [ -n "$port" ] || usage
  [ -n "$database_url" ] || die "--database-url is required (Etherpad's PostgreSQL database, e.g. postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet_etherpad)"
  [[ "$database_url" =~ ^postgres(ql)?:// ]] || die "--database-url must be a postgresql:// URL"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "--port must be 1-65535, got '$port'"
  is_installed || die "Etherpad $EP_VERSION with padmeet's patches ($PATCH_LEVEL) is not installed in $EP_ROOT; run: bash infra/scripts/etherpad.sh install"
  command -v "$NODE" >/dev/null || die "node not found"
  [ -f "$TEMPLATE" ] || die "settings template missing: $TEMPLATE"
  local dir settings
  dir=$(abs_dir "$state_dir") || die "cannot create state dir $state_dir"
  chmod 700 "$dir"  # its keys and settings (with the database URL) are the owner's only
  settings=$dir/settings.$port.json
  ensure_api_key "$dir"
  ensure_secret_file "$dir/SESSIONKEY.txt"
  # The template plus this process's address and database, written as plain JSON (owner only:
  # the database URL holds a password).
  (umask 077 && helper_node -e '
    const fs = require("fs");
    const [template, out, ip, port, db] = process.argv.slice(1);
    const settings = JSON.parse(fs.readFileSync(template, "utf8"));
    Object.assign(settings, { ip, port: Number(port), dbSettings: db });
    fs.writeFileSync(out + ".tmp", JSON.stringify(settings, null, 2) + "\n");
    fs.renameSync(out + ".tmp", out);
  ' "$TEMPLATE" "$settings" "$host" "$port" "$database_url") || die "cannot write $settings"
  # One clear line instead of Etherpad's stack trace when the port is taken.
  helper_node -e '
    const [host, port] = process.argv.slice(1);
    const server = require("net").createServer();
    server.once("error", (e) => { console.error(e.code === "EADDRINUSE"
      ? `etherpad.sh: port ${port} on ${host} is already in use (another Etherpad?); pick another --port`
      : `etherpad.sh: cannot listen on ${host}:${port}: ${e.message}`); process.exit(1); });
    server.listen(Number(port), host, () => server.close());
  ' "$host" "$port" || exit 1
  # The database answers (created if missing); an older install's dirty file moves into it once.
  helper_node "$PREPARE_DB" "$EP_ROOT" "$database_url" "$dir" || exit 1
  cd "$EP_ROOT"
  # Started with a Node IPC channel (padmeet's stack), Etherpad keeps it: pad WebSockets come
  # through it (patch 12). Etherpad writes its session key next to the API key, not into the shared install.
  # One version for the static files' URLs in every process of this install (patch 13): it changes
  # with the install (Etherpad, patches, settings template), not at each start.
  PADMEET_ASSET_VERSION=$( { echo "$STAMP_CONTENT"; cat "$TEMPLATE"; } | sha256sum | cut -c1-16)
  export PADMEET_ASSET_VERSION
  NODE_ENV=production exec "$NODE" "$EP_ROOT/src/node/server.js" \
    --settings "$settings" --apikey "$dir/APIKEY.txt" --sessionkey "$dir/SESSIONKEY.txt"
}

main() {
  [ $# -ge 1 ] || usage
  local cmd=$1
  shift
  case "$cmd" in
    install) [ $# -eq 0 ] || usage; cmd_install ;;
    run) cmd_run "$@" ;;
    api-key) cmd_api_key "$@" ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
