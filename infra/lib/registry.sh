#!/usr/bin/env bash
# A Docker registry (Debian's docker-registry, the distribution registry) on this machine, for
# PIER_REGISTRY: the worker's engine pushes release images there and other hosts pull them.
#
# It listens on every address of this machine at PORT, over plain HTTP and without auth:
#   - this machine's engine pushes to 127.0.0.1:PORT (engines treat 127.0.0.0/8 as insecure-OK);
#   - an extra test engine N (infra/lib/extra-engine.sh) pulls from 10.231.N.1:PORT, which it is
#     started to accept over HTTP (--insecure-registry 10.231.N.1/32).
# A production registry should have TLS (or every engine its --insecure-registry): docs/operating.md.
#
# Usage (root):
#   infra/lib/registry.sh up [PORT]    starts it (idempotent; default port 5000); prints REGISTRY_PORT=PORT
#   infra/lib/registry.sh down [PORT]  stops it and removes its storage
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/common.sh
source "$INFRA_DIR/lib/common.sh"
require_root

action="${1:-}"
port="${2:-5000}"
[[ "$action" =~ ^(up|down)$ && "$port" =~ ^[0-9]+$ ]] || die "usage: $0 up|down [PORT]"

state="/run/pier-registry/$port"
storage="/var/lib/pier-registry/$port"
pidfile="$state/registry.pid"
logfile="$state/registry.log"

answers() { curl -fs -o /dev/null "http://127.0.0.1:$port/v2/"; }

up() {
  command -v docker-registry >/dev/null || die "docker-registry is missing: bash infra/install-packages.sh installs it"
  if answers; then
    log "registry already answering on :$port"
  else
    mkdir -p "$state" "$storage"
    cat >"$state/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
http:
  addr: :$port
EOF
    log "starting the registry on :$port (storage $storage, log $logfile)"
    setsid nohup docker-registry serve "$state/config.yml" >>"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
    wait_until 30 "registry on :$port" answers || die "the registry did not answer on :$port within 30s; see the end of $logfile"
  fi
  echo "REGISTRY_PORT=$port"
}

down() {
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    log "stopping the registry on :$port"
    kill "$(cat "$pidfile")"
    wait_until 15 "registry on :$port stopped" bash -c "! kill -0 $(cat "$pidfile")" || kill -9 "$(cat "$pidfile")"
  fi
  rm -rf "$state" "$storage"
}

"$action"
