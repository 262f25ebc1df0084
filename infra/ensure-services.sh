#!/usr/bin/env bash
# Everything Pier needs from the machine, without touching the Node workspace:
# Debian packages, the running services (Docker engine, Redis, PostgreSQL + role pier) and the
# stack images (Python, Node.js, data add-ons). Called first by `npm test`, `npm start` and infra/setup.sh. Each step is a
# no-op when already done, so a second run takes about a second.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$INFRA_DIR/install-packages.sh"
bash "$INFRA_DIR/start-services.sh"
bash "$INFRA_DIR/stack/build-python.sh"
bash "$INFRA_DIR/stack/build-node.sh"
bash "$INFRA_DIR/stack/build-data.sh"
