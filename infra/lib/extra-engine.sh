#!/usr/bin/env bash
# An extra Docker engine on this machine, in its own network namespace, standing in for another
# host in multi-host tests. Engine N gets:
#   network namespace pier-engine-N, veth pe<N>h (here, 10.231.N.1/24) <-> pe<N>n (inside, 10.231.N.2/24)
#   dockerd inside it: -H unix:///run/pier-engines/N/docker.sock and -H tcp://10.231.N.2:2375,
#   its own --data-root, --exec-root (so its own containerd), --pidfile, bridge 172.30.N.1/24,
#   --iptables=false (published ports go through docker-proxy; no rule outside the namespace),
#   --insecure-registry 10.231.N.1/32: a plain-HTTP registry on this machine (infra/lib/registry.sh)
#   is reached from inside at 10.231.N.1.
#   With --tls (kept in its state dir, so `kill` + `up` and `restart` bring it back the same way):
#   no tcp://:2375; dockerd --tlsverify on tcp://10.231.N.2:2376 with certificates made by
#   infra/lib/engine-tls.sh in /run/pier-engines/N/tls (ca.pem, cert.pem, key.pem for clients).
#
# Usage (root):
#   infra/lib/extra-engine.sh up N [--tls]  starts it (idempotent); prints DOCKER_URL=... and ADDRESS=...
#                                      (with --tls also TLS_CA=, TLS_CERT=, TLS_KEY= and TLS_OTHER_CA=)
#   infra/lib/extra-engine.sh cut N    takes its link down inside the namespace: engine and instances
#                                      stop answering (packets to it are dropped here, never routed away)
#   infra/lib/extra-engine.sh kill N    the host dies: SIGKILL to dockerd, its containerd, the shims and
#                                      every container process; namespace and data root stay
#   infra/lib/extra-engine.sh restart N stops dockerd as `systemctl restart docker` would (containers
#                                      stopped by dockerd) and starts it again on the same data root
#   infra/lib/extra-engine.sh down N   stops dockerd, removes the namespace and the data root
#   (`up N` after `kill N` is the host coming back: same data root, restart policies apply)
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/common.sh
source "$INFRA_DIR/lib/common.sh"
require_root

action="${1:-}"
n="${2:-}"
flag="${3:-}"
[[ "$action" =~ ^(up|cut|kill|restart|down)$ && "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 200 && ("$flag" == "" || "$action $flag" == "up --tls") ]] ||
  die "usage: $0 up|cut|kill|restart|down N [--tls]   (N in 1..200; --tls with up only)"

ns="pier-engine-$n"
outside="pe${n}h"
inside="pe${n}n"
address="10.231.$n.2"
state="/run/pier-engines/$n"
data="/var/lib/pier-engines/$n"
sock="$state/docker.sock"
logfile="$state/dockerd.log"
tls="$state/tls"
# A cold engine starts in ~2 s; the machine may be busy.
ENGINE_WAIT=60

engine_answers() { docker -H "unix://$sock" info >/dev/null 2>&1; }

# The engine's API listener: plain on 2375, or TLS with client certificates on 2376.
api_listener() {
  if [[ -s "$tls/ca.pem" ]]; then
    echo --tlsverify --tlscacert "$tls/ca.pem" --tlscert "$tls/server-cert.pem" --tlskey "$tls/server-key.pem" -H "tcp://$address:2376"
  else
    # --tls=false said outright: dockerd otherwise waits 15 s at start to warn about a plain TCP listener.
    echo --tls=false -H "tcp://$address:2375"
  fi
}

up() {
  mkdir -p "$state" "$data"
  if [[ "$flag" == "--tls" ]]; then
    if [[ ! -s "$tls/ca.pem" ]] && engine_answers; then die "engine $n already runs without TLS: run '$0 down $n' first"; fi
    bash "$INFRA_DIR/lib/engine-tls.sh" "$tls" "$address"
  fi
  if ! ip netns list | grep -qx "$ns\( (id: [0-9]*)\)\?"; then
    log "creating network namespace $ns ($address)"
    ip netns add "$ns"
  fi
  if ! ip link show "$outside" >/dev/null 2>&1; then
    ip link add "$outside" type veth peer name "$inside"
    ip link set "$inside" netns "$ns"
    ip addr add "10.231.$n.1/24" dev "$outside"
    ip netns exec "$ns" ip addr add "$address/24" dev "$inside"
  fi
  ip link set "$outside" up
  ip netns exec "$ns" ip link set lo up
  ip netns exec "$ns" ip link set "$inside" up
  # Replies from this machine to the engine's containers (they call add-ons published here) go
  # back through the namespace, as a real host's masquerading would send them.
  ip route replace "172.30.$n.0/24" via "$address"
  # A killed dockerd leaves its pid file behind (a rebooted host's /run would be empty).
  local stale
  stale="$(dockerd_pid || true)"
  if [[ -n "$stale" ]] && gone "$stale"; then rm -f "$state/dockerd.pid"; fi
  if engine_answers; then
    log "engine $n already answering on $sock ($(api_listener | grep -o 'tcp://.*'))"
  else
    log "starting engine $n in $ns (log: $logfile)"
    # nsenter, not `ip netns exec`: that also makes a mount namespace with a fresh /sys, which
    # hides the cgroup mounts dockerd needs.
    # shellcheck disable=SC2046 # api_listener prints separate arguments (paths without spaces)
    setsid nohup nsenter --net="/run/netns/$ns" dockerd \
      --data-root "$data" --exec-root "$state/exec" --pidfile "$state/dockerd.pid" \
      -H "unix://$sock" $(api_listener) --insecure-registry "10.231.$n.1/32" \
      --bip "172.30.$n.1/24" --iptables=false --ip-masq=false --ip-forward=false \
      --cgroup-parent "pier-engine-$n" >>"$logfile" 2>&1 </dev/null &
    wait_until "$ENGINE_WAIT" "engine $n" engine_answers || die "engine $n did not answer within ${ENGINE_WAIT}s; see the end of $logfile"
  fi
  if [[ -s "$tls/ca.pem" ]]; then
    echo "DOCKER_URL=tcp://$address:2376"
    echo "TLS_CA=$tls/ca.pem"
    echo "TLS_CERT=$tls/cert.pem"
    echo "TLS_KEY=$tls/key.pem"
    echo "TLS_OTHER_CA=$tls/other-ca.pem"
  else
    echo "DOCKER_URL=tcp://$address:2375"
  fi
  echo "ADDRESS=$address"
}

cut() {
  # The inside end, not $outside: with $outside down its connected route goes and packets for
  # 10.231.N.2 would follow the default route off this machine.
  log "taking engine $n's link down ($inside in $ns)"
  ip netns exec "$ns" ip link set "$inside" down
}

dockerd_pid() { [[ -f "$state/dockerd.pid" ]] && cat "$state/dockerd.pid"; }

# Every process of this engine: dockerd, the containerd it started (its socket lives under our
# exec root), the shims, and the containers (in the cgroup-parent the engine was given).
engine_pids() {
  local pid
  pid="$(dockerd_pid || true)"
  [[ -n "$pid" ]] && echo "$pid"
  pgrep -f -- "$state/exec/" || true
  cat /sys/fs/cgroup/pids/"pier-engine-$n"/*/cgroup.procs /sys/fs/cgroup/pids/"pier-engine-$n"/cgroup.procs 2>/dev/null || true
}

# A process that is gone, not even a zombie waiting for init to reap it (dockerd refuses to start
# while the pid in its pid file still has a /proc entry).
gone() { [[ ! -e "/proc/$1" ]]; }

kill_engine() {
  local pid
  pid="$(dockerd_pid || true)"
  log "killing engine $n: dockerd, containerd, shims and containers (SIGKILL)"
  engine_pids | sort -u | xargs -r kill -9 2>/dev/null || true
  wait_until 30 "engine $n's processes gone" bash -c "! docker -H unix://$sock info >/dev/null 2>&1"
  if [[ -n "$pid" ]]; then
    wait_until 30 "dockerd $pid reaped" gone "$pid" || die "dockerd $pid of engine $n is still there 30s after SIGKILL"
  fi
}

restart() {
  local pid
  pid="$(dockerd_pid || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping engine $n (dockerd $pid) as a service restart would"
    kill -TERM "$pid"
    wait_until 60 "engine $n stopped" bash -c "! kill -0 $pid 2>/dev/null"
  fi
  up
}

down() {
  local pid=""
  [[ -f "$state/dockerd.pid" ]] && pid="$(cat "$state/dockerd.pid")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping engine $n (dockerd $pid) and its containers"
    # Reachable again so its containers stop cleanly (a test may have cut the link).
    ip netns exec "$ns" ip link set "$inside" up 2>/dev/null || true
    docker -H "unix://$sock" ps -q | xargs -r docker -H "unix://$sock" rm -f >/dev/null
    kill "$pid"
    wait_until 30 "engine $n stopped" bash -c "! kill -0 $pid" || kill -9 "$pid"
  fi
  # Anything the engine left mounted under its data root (after a kill -9).
  { grep -oE " $data(/[^ ]*)? " /proc/mounts || true; } | sort -r | xargs -r -n1 umount -l
  if ip netns list | grep -q "^$ns\b"; then
    log "removing network namespace $ns"
    ip netns del "$ns"
  fi
  ip link del "$outside" 2>/dev/null || true
  rm -rf "$data" "$state"
}

case "$action" in
  kill) kill_engine ;;
  *) "$action" ;;
esac
