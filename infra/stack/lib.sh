# shellcheck shell=bash
# Shared steps of the stack image builds (build-python.sh, build-node.sh): a Debian root
# filesystem from mmdebstrap, imported with `docker import`. Source it; do not run it.

# stack_force_flag ARGS...: prints true for --force, false for nothing; dies on anything else.
stack_force_flag() {
  case "${1:-}" in
    --force) echo true ;;
    "") echo false ;;
    *) die "unknown argument '$1' (usage: $0 [--force])" ;;
  esac
}

# stack_require_tools: root, mmdebstrap and a running Docker engine.
stack_require_tools() {
  require_root
  command -v mmdebstrap >/dev/null || die "mmdebstrap is missing: run infra/install-packages.sh first"
  docker info >/dev/null 2>&1 || die "Docker engine is not answering: run infra/start-services.sh first"
}

# stack_up_to_date IMAGE RECIPE FORCE: true when IMAGE exists, was built by RECIPE and FORCE is false.
stack_up_to_date() {
  local image="$1" recipe="$2" force="$3" old_recipe
  STACK_OLD_ID="$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
  [[ -n "$STACK_OLD_ID" ]] || return 1
  $force && return 1
  old_recipe="$(docker image inspect --format '{{index .Config.Labels "pier.stack.recipe"}}' "$image")"
  if [[ "$old_recipe" == "$recipe" ]]; then
    log "image $image already present (use --force to rebuild)"
    return 0
  fi
  log "image $image was built by recipe '$old_recipe', this is recipe $recipe: rebuilding"
  return 1
}

# stack_rootfs SUITE PACKAGES ROOTFS_TAR WORKDIR [mmdebstrap options...]: minbase + PACKAGES.
# The merged-usr hook lays out /usr itself and installs usr-is-merged, so apt does not pull the
# usrmerge converter and all of perl. dpkg skips docs, man pages, info and translations.
stack_rootfs() {
  local suite="$1" packages="$2" rootfs="$3" workdir="$4"
  shift 4
  local mirror security
  mirror="$(debian_mirror main)"
  security="$(debian_mirror security)"
  log "building $suite rootfs with $packages from $mirror (log: $workdir/mmdebstrap.log)"
  # shellcheck disable=SC2016
  if ! mmdebstrap \
    --variant=minbase \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --include="$packages" \
    --aptopt='Acquire::Languages "none"' \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --customize-hook='mkdir -p "$1/app"' \
    "$@" \
    "$suite" "$rootfs" \
    "deb $mirror $suite main" \
    "deb $mirror $suite-updates main" \
    "deb $security $suite-security main" \
    >"$workdir/mmdebstrap.log" 2>&1; then
    tail -n 30 "$workdir/mmdebstrap.log" >&2
    die "mmdebstrap failed (last lines above); check that $mirror is reachable"
  fi
}

# stack_drop_old IMAGE: removes the image IMAGE replaced (STACK_OLD_ID), unless still in use.
stack_drop_old() {
  local image="$1" new_id
  new_id="$(docker image inspect --format '{{.Id}}' "$image")"
  if [[ -n "${STACK_OLD_ID:-}" && "$STACK_OLD_ID" != "$new_id" ]]; then
    if docker image rm "$STACK_OLD_ID" >/dev/null 2>&1; then
      log "removed the previous image ${STACK_OLD_ID#sha256:}"
    else
      log "kept the previous image ${STACK_OLD_ID#sha256:} (still used by a container)"
    fi
  fi
}
