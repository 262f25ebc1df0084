#!/usr/bin/env bash
# Single-quoted snippets below run in a shell inside the sandbox, which expands them.
# shellcheck disable=SC2016
# Exercises infra/start-services.sh's START paths on a machine whose services are already running,
# without touching them: runs it in private mount + network namespaces where /run, the Docker,
# Redis and PostgreSQL state directories are empty tmpfs, so it must start dockerd, redis-server and
# a freshly created PostgreSQL cluster from nothing. Then checks the daemons outlived the script,
# that a second run is a no-op, and that role pier can log in; finally stops what it started.
#
# Usage: bash infra/check/start-services-sandbox.sh   (root; about 20 s)
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$INFRA_DIR/lib/common.sh"
require_root

logs="$(mktemp -d /tmp/pier-sandbox-logs.XXXXXX)"
chmod 755 "$logs" # like /var/log/pier: the redis user writes its log here
log "sandbox logs in $logs"

# The sandbox's dockerd: the one whose network namespace is not ours.
sandbox_dockerd() {
  local p
  for p in $(pgrep -x dockerd); do
    [[ "$(readlink /proc/"$p"/ns/net)" != "$(readlink /proc/self/ns/net)" ]] && echo "$p" && return
  done
  return 0
}
in_sandbox() { nsenter -t "$dockerd_pid" -m -n -- "$@"; }

# Stops what the sandbox started, whether the checks passed or not. The namespaces vanish with
# their last process.
stop_sandbox() {
  dockerd_pid="$(sandbox_dockerd)"
  [[ -n "$dockerd_pid" ]] || return 0
  log "stopping the sandbox's daemons"
  in_sandbox redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true
  in_sandbox bash -c 'v="$(ls /etc/postgresql)"; [[ -z "$v" ]] || pg_ctlcluster "$v" main stop' ||
    log "warning: sandbox PostgreSQL did not stop"
  kill "$dockerd_pid"
  for _ in $(seq 1 40); do kill -0 "$dockerd_pid" 2>/dev/null || return 0; sleep 0.5; done
  log "warning: sandbox dockerd $dockerd_pid still running"
}
trap stop_sandbox EXIT

# Inside the namespaces: hide the host's state behind empty tmpfs mounts, bring up loopback,
# run start-services twice, keep the namespace alive via the daemons it started.
inner=$(cat <<'EOF'
set -euo pipefail
for dir in /run /var/lib/docker /var/lib/postgresql /etc/postgresql /var/log/postgresql /var/lib/redis; do
  mount -t tmpfs -o mode=755 tmpfs "$dir"
done
chown postgres:postgres /var/lib/postgresql /var/log/postgresql
ip link set lo up
echo "--- first run (everything must start)"
bash "$INFRA_DIR/start-services.sh"
echo "--- second run (everything must already be running)"
bash "$INFRA_DIR/start-services.sh"
EOF
)

out="$logs/runs.txt"
PIER_LOG_DIR="$logs" INFRA_DIR="$INFRA_DIR" unshare --mount --net --fork bash -c "$inner" 2>&1 | tee "$out"

dockerd_pid="$(sandbox_dockerd)"
[[ -n "$dockerd_pid" ]] || die "no sandboxed dockerd is running after the script exited"

failures=0
check() {
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then log "ok: $what"; else log "FAILED: $what"; failures=$((failures + 1)); fi
}
check "first run started dockerd" grep -q 'starting Docker engine' "$out"
check "first run started Redis" grep -q 'starting Redis' "$out"
check "first run created and started PostgreSQL" grep -q 'starting PostgreSQL' "$out"
check "first run created role pier" grep -q 'creating PostgreSQL role pier' "$out"
check "second run started nothing" bash -c "sed -n '/second run/,\$p' '$out' | grep -Eq 'starting|creating' && exit 1 || exit 0"
check "dockerd outlived the script (docker info answers)" in_sandbox docker info
check "dockerd runs in its own session" test "$(ps -o sid= -p "$dockerd_pid" | tr -d ' ')" = "$dockerd_pid"
check "Redis answers PING on 127.0.0.1:6379" in_sandbox bash -c '[[ "$(redis-cli -h 127.0.0.1 ping)" == PONG ]]'
check "Redis listens on 127.0.0.1 only" in_sandbox bash -c 'ss -Hltn "sport = :6379" | awk "{print \$4}" | grep -qx 127.0.0.1:6379'
check "role pier logs in with password pier to database pier" \
  in_sandbox env PGPASSWORD=pier psql -h 127.0.0.1 -U pier -d pier -Atc 'SELECT 1'

((failures == 0)) || die "$failures check(s) failed; logs in $logs"
log "all checks passed"
