#!/usr/bin/env bash
# Installs from Debian the programs Pier runs on and tests with, and only those that are missing.
# A machine that has them all does no apt work at all. Services are installed, not started:
# infra/start-services.sh starts them (these machines have no systemd).
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$INFRA_DIR/lib/common.sh"

# Debian package and what it is for. Runtime first, then what the tests and benchmarks use.
PACKAGES=(
  docker.io        # container engine: builds and runs apps
  redis-server     # queues, route table, logs
  postgresql       # control-plane database
  git              # receives pushes
  mmdebstrap       # builds stack images from Debian packages
  curl             # health checks, scripts
  pebble           # ACME test server (and pebble-challtestsrv) for certificate tests
  chromium         # browser tests (playwright-core drives /usr/bin/chromium)
  fonts-liberation # so the browser renders text in screenshots
  wrk              # HTTP benchmarks
  nginx            # reference proxy in benchmarks (installed, never started here)
  iproute2         # network namespaces for the extra engines of multi-host tests (infra/lib/extra-engine.sh)
  docker-registry  # PIER_REGISTRY: a registry carrying release images to other hosts (infra/lib/registry.sh; multi-host tests)
  openssl          # TLS certificates of the extra engines that speak TLS (infra/lib/engine-tls.sh)
)

# A package counts as present when dpkg has it installed, or when the program it provides is
# already there from elsewhere (e.g. Docker's own docker-ce instead of Debian's docker.io).
is_present() {
  local pkg="$1"
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]]; then
    return 0
  fi
  case "$pkg" in
    docker.io) command -v dockerd >/dev/null && command -v docker >/dev/null ;;
    postgresql) command -v pg_ctlcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null ;;
    iproute2) command -v ip >/dev/null ;;
    redis-server | git | mmdebstrap | curl | pebble | chromium | wrk | nginx | docker-registry | openssl) command -v "$pkg" >/dev/null ;;
    *) return 1 ;;
  esac
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_present "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  log "all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

require_root
export DEBIAN_FRONTEND=noninteractive
export NEEDRESTART_SUSPEND=1 # needrestart's apt hook would try to restart services: not here
mkdir -p "$PIER_LOG_DIR"
apt_log="$PIER_LOG_DIR/apt.log"

# Package scripts must not start services: start-services.sh does that, the same way every time.
# policy-rc.d answering 101 ("action forbidden") is Debian's switch for it. Remove it afterwards
# only if this script created it.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\n# Written by Pier infra/install-packages.sh while it runs apt.\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  log "blocking service starts during install (temporary /usr/sbin/policy-rc.d)"
fi

# Runs apt-get with its output in $apt_log, which is shown when it fails.
apt_get() {
  if ! apt-get -o DPkg::Lock::Timeout=300 "$@" >>"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get $1 failed (last lines above, whole log in $apt_log)"
  fi
}

started=$SECONDS
log "updating the apt package lists (log: $apt_log)"
apt_get update

log "installing ${missing[*]}"
apt_get install -y --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
  is_present "$pkg" || die "apt-get reported success but $pkg is still not installed"
done
log "installed ${#missing[@]} packages in $(elapsed_since "$started")"
