#!/usr/bin/env bash
# `npm run setup`: makes a fresh Debian machine (as root) ready to run Pier, then `npm start` runs it.
# Installs and starts the services, installs the Node dependencies, builds every package and puts
# the `pier` command on PATH. Idempotent: a second run only checks, in a few seconds.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$INFRA_DIR")"
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$INFRA_DIR/lib/common.sh"
export TURBO_TELEMETRY_DISABLED=1

started=$SECONDS
require_root
cd "$REPO_DIR"

bash "$INFRA_DIR/ensure-services.sh"

# npm writes node_modules/.package-lock.json on every install: older than the lockfile = stale.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # Not `npm ci`: the registry here lacks some optional platform packages (e.g. rollup for
  # android), which npm ci counts as a lockfile mismatch; npm install keeps to the lockfile.
  log "installing Node dependencies (npm install, from package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error
else
  log "Node dependencies already match package-lock.json"
fi

log "building all packages (turbo; unchanged ones come from its cache)"
npx turbo run build --output-logs=errors-only

cli="$REPO_DIR/apps/cli/dist/main.js"
if [[ "$(readlink /usr/local/bin/pier 2>/dev/null)" == "$cli" ]]; then
  log "pier command already on PATH (/usr/local/bin/pier)"
else
  log "linking /usr/local/bin/pier -> $cli"
  ln -sfn "$cli" /usr/local/bin/pier
fi
[[ -e "$cli" ]] || log "warning: $cli does not exist yet, so 'pier' will not run until the CLI is built"

postgres="$(pg_lsclusters -h | awk '{print $1 "/" $2 " on port " $3 ", " $4}' | head -n 1)"
cat <<SUMMARY

Pier setup done in $(elapsed_since "$started").
  Docker engine  $(docker version --format '{{.Server.Version}}' 2>/dev/null), log $PIER_LOG_DIR/dockerd.log
  Redis          127.0.0.1:${PIER_REDIS_PORT:-6379}, $(redis-server --version | awk '{print $3}' | cut -d= -f2)
  PostgreSQL     $postgres (role and database: pier)
  Stack image    ${PIER_STACK_PYTHON_IMAGE:-pier/stack-python:3.11}
  CLI            /usr/local/bin/pier
Next: npm start
SUMMARY
