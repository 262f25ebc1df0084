#!/usr/bin/env bash
# Unpacks npm, yarn and pnpm tarballs (from `npm pack`) into a rootfs as global packages with their
# commands in /usr/local/bin. Called by build-node.sh as an mmdebstrap customize hook.
#
# Usage: install-node-tools.sh ROOTFS TARBALL_DIR
set -euo pipefail
rootfs="$1" tools="$2"
modules="$rootfs/usr/local/lib/node_modules"
mkdir -p "$modules" "$rootfs/usr/local/bin"

# install_tool TARBALL_PREFIX NAME COMMAND=BIN_PATH...
install_tool() {
  local prefix="$1" name="$2" tarball
  shift 2
  tarball="$(find "$tools" -maxdepth 1 -name "$prefix-*.tgz" | head -n1)"
  [[ -n "$tarball" ]] || { echo "install-node-tools: no $prefix tarball in $tools" >&2; exit 1; }
  mkdir -p "$modules/$name"
  tar -xzf "$tarball" -C "$modules/$name" --strip-components=1 --no-same-owner
  local pair
  for pair in "$@"; do
    ln -sf "../lib/node_modules/$name/${pair#*=}" "$rootfs/usr/local/bin/${pair%%=*}"
  done
}

install_tool npm npm npm=bin/npm-cli.js npx=bin/npx-cli.js
install_tool yarn yarn yarn=bin/yarn.js yarnpkg=bin/yarn.js
install_tool pnpm pnpm pnpm=bin/pnpm.cjs pnpx=bin/pnpx.cjs
