#!/usr/bin/env bash
# Everything Pier needs from the machine, without touching the Node workspace:
# Debian packages, the running services (Docker engine, Redis, PostgreSQL + role pier) and the
# stack images (Python, Node.js, data add-ons). Called first by `npm test`, `npm start` and infra/setup.sh. Each step is a
# no-op when already done, so a second run takes about a second.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$INFRA_DIR/install-packages.sh"
bash "$INFRA_DIR/start-services.sh"

# The stack images build side by side: each is mostly waiting on Debian mirror downloads, so on a
# fresh machine this takes about as long as the slowest one rather than their sum.
pids=()
for stack in python node data; do
  bash "$INFRA_DIR/stack/build-$stack.sh" &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
if [[ "$failed" != 0 ]]; then
  echo "[ensure-services] a stack image failed to build (see the lines above); rerun: bash infra/ensure-services.sh" >&2
  exit 1
fi
