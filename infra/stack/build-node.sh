#!/usr/bin/env bash
# Builds the Node.js stack image pier/stack-node:18: Node from Debian bookworm's nodejs package,
# and npm, yarn (classic) and pnpm from the npm registry as self-contained tarballs. (Debian's npm
# and yarnpkg packages pull ~400 node-* packages: 4.5 min and 394 MB against ~1 min here.)
# Python is included: Pier's static-site server and helpers are small Python programs.
#
# Usage: infra/stack/build-node.sh [--force]
#   Does nothing when the image already exists, unless --force is given.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$INFRA_DIR/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/debian-mirror.sh
source "$INFRA_DIR/lib/debian-mirror.sh"
# shellcheck source=SCRIPTDIR/lib.sh
source "$INFRA_DIR/stack/lib.sh"

IMAGE="${PIER_STACK_NODE_IMAGE:-pier/stack-node:18}"
SUITE=bookworm            # bookworm's nodejs is 18.x, which the tag promises
RECIPE=2                  # bump when the package list or image settings below change
PACKAGES=nodejs,python3,ca-certificates,netbase,tzdata,git
# Package managers for Node 18 apps, resolved to their newest release in these lines.
TOOLS=(npm@9 yarn@1 pnpm@8)

force="$(stack_force_flag "$@")"
stack_up_to_date "$IMAGE" "$RECIPE" "$force" && exit 0

stack_require_tools

workdir="$(mktemp -d /var/tmp/pier-stack-node.XXXXXX)"
trap 'rm -rf "$workdir"' EXIT
rootfs="$workdir/rootfs.tar"
started=$SECONDS
log "fetching ${TOOLS[*]} from the npm registry"
mkdir -p "$workdir/tools"
(cd "$workdir/tools" && npm pack --silent "${TOOLS[@]}" >/dev/null) \
  || die "could not fetch ${TOOLS[*]} with npm pack (is the npm registry reachable?)"
# shellcheck disable=SC2016
stack_rootfs "$SUITE" "$PACKAGES" "$rootfs" "$workdir" \
  --customize-hook="'$INFRA_DIR/stack/install-node-tools.sh' \"\$1\" '$workdir/tools'" \
  --customize-hook="chroot \"\$1\" dpkg-query -W -f='\${Version}' nodejs > '$workdir/node-version'"
node_version="$(cat "$workdir/node-version")"
log "rootfs ready: $(du -h "$rootfs" | cut -f1), nodejs $node_version, after $(elapsed_since "$started")"

log "importing rootfs as $IMAGE"
docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/app/node_modules/.bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_ENV=production' \
  --change 'WORKDIR /app' \
  --change 'CMD ["node"]' \
  --change "LABEL pier.stack=node" \
  --change "LABEL pier.stack.version=18" \
  --change "LABEL pier.stack.node=$node_version" \
  --change "LABEL pier.stack.distro=debian-$SUITE" \
  --change "LABEL pier.stack.recipe=$RECIPE" \
  --message "Pier Node.js stack: Debian $SUITE minbase + $PACKAGES" \
  "$rootfs" "$IMAGE" >/dev/null

log "checking that the image runs node, npm, yarn and pnpm"
docker run --rm "$IMAGE" sh -c 'node --version && npm --version && yarn --version && pnpm --version' >/dev/null \
  || die "$IMAGE was built but cannot run node, npm, yarn and pnpm"
stack_drop_old "$IMAGE"
size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
log "built $IMAGE ($((size / 1024 / 1024)) MB) in $(elapsed_since "$started")"
