# shellcheck shell=bash
# Shared helpers for the infra scripts. Source it; do not run it.
# Every step logs one line that says what it does, prefixed with the script's name.

PIER_LOG_DIR="${PIER_LOG_DIR:-/var/log/pier}"

log() {
  printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"
}

die() {
  printf '[%s] ERROR: %s\n' "$(basename "$0" .sh)" "$*" >&2
  exit 1
}

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (it installs packages and starts system services); try: sudo $0"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s until it succeeds.
wait_until() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
  log "$what is ready"
}

# Prints the number of seconds since the given $SECONDS value, e.g. "12s".
elapsed_since() {
  printf '%ss' "$((SECONDS - $1))"
}
