#!/usr/bin/env bash
# Builds the Python stack image pier/stack-python:3.11 from Debian bookworm packages:
# mmdebstrap writes a minimal root filesystem as a tar, `docker import` turns it into an image.
# No registry is involved, so it works on hosts that can reach only a Debian mirror.
#
# Usage: infra/stack/build-python.sh [--force]
#   Does nothing when the image already exists, unless --force is given.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$INFRA_DIR/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/debian-mirror.sh
source "$INFRA_DIR/lib/debian-mirror.sh"
# shellcheck source=SCRIPTDIR/lib.sh
source "$INFRA_DIR/stack/lib.sh"

IMAGE="${PIER_STACK_PYTHON_IMAGE:-pier/stack-python:3.11}"
SUITE=bookworm            # bookworm's python3 is 3.11, which the tag promises
STACK_VERSION=3.11
RECIPE=1                  # bump when the package list or image settings below change
PACKAGES=python3,python3-venv,ca-certificates,netbase,tzdata

force="$(stack_force_flag "$@")"

# An image built by an older recipe is rebuilt too, so changing this file reaches every machine.
stack_up_to_date "$IMAGE" "$RECIPE" "$force" && exit 0

stack_require_tools

workdir="$(mktemp -d /var/tmp/pier-stack-python.XXXXXX)"
trap 'rm -rf "$workdir"' EXIT
rootfs="$workdir/rootfs.tar"

started=$SECONDS
# The customize hook records the exact Python package version for a label.
stack_rootfs "$SUITE" "$PACKAGES" "$rootfs" "$workdir" \
  --customize-hook="chroot \"\$1\" dpkg-query -W -f='\${Version}' python3.11 > '$workdir/python-version'"
python_version="$(cat "$workdir/python-version")"
log "rootfs ready: $(du -h "$rootfs" | cut -f1), python3.11 $python_version, after $(elapsed_since "$started")"

log "importing rootfs as $IMAGE"
docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PYTHONUNBUFFERED=1' \
  --change 'ENV PIP_DISABLE_PIP_VERSION_CHECK=1' \
  --change 'WORKDIR /app' \
  --change 'CMD ["python3"]' \
  --change "LABEL pier.stack=python" \
  --change "LABEL pier.stack.version=$STACK_VERSION" \
  --change "LABEL pier.stack.python=$python_version" \
  --change "LABEL pier.stack.distro=debian-$SUITE" \
  --change "LABEL pier.stack.recipe=$RECIPE" \
  --message "Pier Python stack: Debian $SUITE minbase + $PACKAGES" \
  "$rootfs" "$IMAGE" >/dev/null

log "checking that the image runs python3 and can make a venv with pip"
docker run --rm "$IMAGE" sh -c 'python3 -m venv /tmp/v && /tmp/v/bin/pip --version' >/dev/null \
  || die "$IMAGE was built but cannot create a venv with pip"

stack_drop_old "$IMAGE"

size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
log "built $IMAGE ($((size / 1024 / 1024)) MB) in $(elapsed_since "$started")"
