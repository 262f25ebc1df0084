#!/usr/bin/env bash
# Starts the services Pier needs, each only when it is not already answering:
# the Docker engine, Redis on 127.0.0.1:6379 and the installed PostgreSQL cluster; then makes sure
# PostgreSQL has the role and database `pier`. These machines have no systemd, so the daemons are
# started directly, in their own session, and outlive this script.
#
# Settings (environment): PIER_REDIS_PORT (6379), PIER_REDIS_DIR (/var/lib/redis),
# PIER_LOG_DIR (/var/log/pier), PIER_DOCKER_WAIT (60 s), PIER_SKIP_DOCKER / PIER_SKIP_POSTGRES (1 = skip).
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$INFRA_DIR/lib/common.sh"

REDIS_PORT="${PIER_REDIS_PORT:-6379}"
REDIS_DIR="${PIER_REDIS_DIR:-/var/lib/redis}"
DOCKER_WAIT="${PIER_DOCKER_WAIT:-60}"

require_root
mkdir -p "$PIER_LOG_DIR"

# Runs a command detached from this script: new session, no terminal, output to a log file.
start_detached() {
  local logfile="$1"
  shift
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
}

docker_answers() { docker info >/dev/null 2>&1; }

start_docker() {
  if docker_answers; then
    log "Docker engine already running"
    return
  fi
  local pid
  pid="$(cat /var/run/docker.pid 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "Docker engine (pid $pid) is starting; waiting for it"
  else
    log "starting Docker engine (log: $PIER_LOG_DIR/dockerd.log)"
    start_detached "$PIER_LOG_DIR/dockerd.log" dockerd
  fi
  wait_until "$DOCKER_WAIT" "Docker engine" docker info ||
    die "Docker engine did not answer 'docker info' within ${DOCKER_WAIT}s; see the end of $PIER_LOG_DIR/dockerd.log"
}

redis_answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

start_redis() {
  if redis_answers; then
    log "Redis already answering on 127.0.0.1:$REDIS_PORT"
    return
  fi
  local logfile="$PIER_LOG_DIR/redis-$REDIS_PORT.log" user=root
  # Run as Debian's redis user when it exists; it owns the data directory.
  id redis >/dev/null 2>&1 && user=redis
  mkdir -p "$REDIS_DIR"
  touch "$logfile"
  chown "$user" "$REDIS_DIR" "$logfile"
  log "starting Redis on 127.0.0.1:$REDIS_PORT as $user (data: $REDIS_DIR, log: $logfile)"
  # --daemonize makes redis-server fork and return; the daemon is in its own session already.
  runuser -u "$user" -- redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$REDIS_DIR" --logfile "$logfile" --protected-mode yes ||
    die "redis-server failed to start; see $logfile"
  wait_until 15 "Redis" redis_answers ||
    die "Redis did not answer PING on 127.0.0.1:$REDIS_PORT within 15s; see $logfile"
}

# The newest PostgreSQL installed, e.g. 15 (from /usr/lib/postgresql/<version>/bin/postgres).
postgres_version() {
  local dir versions=()
  for dir in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$dir" ]] && versions+=("$(basename "$(dirname "$(dirname "$dir")")")")
  done
  ((${#versions[@]} > 0)) || die "no PostgreSQL server is installed: run infra/install-packages.sh"
  printf '%s\n' "${versions[@]}" | sort -n | tail -n 1
}

# Runs SQL as the postgres superuser over the local socket; prints unaligned rows.
psql_admin() {
  (cd / && runuser -u postgres -- psql -p "$PG_PORT" -X -q -A -t -v ON_ERROR_STOP=1 "$@")
}

start_postgres() {
  local version status
  version="$(postgres_version)"
  if ! pg_lsclusters -h "$version" main >/dev/null 2>&1; then
    log "creating PostgreSQL $version cluster 'main'"
    pg_createcluster "$version" main >/dev/null
  fi
  # pg_lsclusters -h: "15 main 5432 online postgres /var/lib/... /var/log/..."
  read -r _ _ PG_PORT status _ < <(pg_lsclusters -h "$version" main)
  if [[ "$status" == online* ]]; then
    log "PostgreSQL $version/main already running on port $PG_PORT"
  else
    log "starting PostgreSQL $version/main on port $PG_PORT (log: /var/log/postgresql/postgresql-$version-main.log)"
    # /run is empty after a reboot and nothing (no systemd) recreates the socket directory.
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    setsid pg_ctlcluster "$version" main start ||
      die "pg_ctlcluster $version main start failed; see /var/log/postgresql/postgresql-$version-main.log"
  fi
  wait_until 30 "PostgreSQL" pg_isready -q -h /var/run/postgresql -p "$PG_PORT" ||
    die "PostgreSQL did not accept connections within 30s; see /var/log/postgresql/postgresql-$version-main.log"
}

# Role pier (password pier, LOGIN CREATEDB) and database pier owned by it. An existing role keeps
# its password: an operator who changed it has configured Pier with the new one.
ensure_pier_role() {
  local role
  role="$(psql_admin -c "SELECT rolcanlogin AND rolcreatedb FROM pg_roles WHERE rolname = 'pier'")"
  case "$role" in
    t) log "PostgreSQL role pier already exists" ;;
    f)
      log "granting LOGIN CREATEDB to existing PostgreSQL role pier"
      psql_admin -c "ALTER ROLE pier LOGIN CREATEDB"
      ;;
    *)
      log "creating PostgreSQL role pier (password pier, LOGIN CREATEDB)"
      psql_admin -c "CREATE ROLE pier LOGIN CREATEDB PASSWORD 'pier'"
      ;;
  esac
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'pier'")" == 1 ]]; then
    log "PostgreSQL database pier already exists"
  else
    log "creating PostgreSQL database pier owned by pier"
    psql_admin -c "CREATE DATABASE pier OWNER pier"
  fi
}

if [[ "${PIER_SKIP_DOCKER:-0}" == 1 ]]; then log "skipping Docker engine (PIER_SKIP_DOCKER=1)"; else start_docker; fi
start_redis
if [[ "${PIER_SKIP_POSTGRES:-0}" == 1 ]]; then
  log "skipping PostgreSQL (PIER_SKIP_POSTGRES=1)"
else
  start_postgres
  ensure_pier_role
fi
