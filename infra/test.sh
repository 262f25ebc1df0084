#!/usr/bin/env bash
# `npm test`: everything the tests need, then every test. Works in a fresh clone as root with no
# service running: installs and starts what is missing (idempotent), builds, lints, runs vitest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf '[test %(%H:%M:%S)T] %s\n' -1 "$*"; }
export TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

log "services (Docker engine, Redis, PostgreSQL, stack image)"
bash infra/ensure-services.sh

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # Not `npm ci`: see infra/setup.sh.
  log "npm install"
  npm install --no-audit --no-fund
fi

log "build"
npx turbo run build --output-logs=errors-only

log "lint"
npx eslint .

log "vitest: unit, integration, e2e"
mkdir -p e2e/artifacts
status=0
npx vitest run --reporter=default --reporter=json --outputFile=e2e/artifacts/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("e2e/artifacts/vitest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
