#!/usr/bin/env bash
# Builds the data stack image pier/stack-data:bookworm for database add-ons from Debian bookworm
# packages in ONE mmdebstrap run: PostgreSQL 15, Redis, MariaDB (server + clients), gzip,
# coreutils, plus Pier's entrypoints and admin script from infra/stack/data/ in /usr/local/bin.
# The servers run as the unprivileged user pierdata (uid 10002), data under /var/lib/pier-data
# (owned by pierdata, so a fresh named volume mounted there is writable without capabilities).
#
# Usage: infra/stack/build-data.sh [--force]
#   Does nothing when the image already exists with this recipe, unless --force is given.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$INFRA_DIR/lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/debian-mirror.sh
source "$INFRA_DIR/lib/debian-mirror.sh"
# shellcheck source=SCRIPTDIR/lib.sh
source "$INFRA_DIR/stack/lib.sh"

IMAGE="${PIER_STACK_DATA_IMAGE:-pier/stack-data:bookworm}"
SUITE=bookworm
DATA_UID=10002
SCRIPTS_DIR="$INFRA_DIR/stack/data"
PACKAGES=postgresql-15,postgresql-client-15,redis-server,redis-tools,mariadb-server,mariadb-client,gzip,coreutils,ca-certificates,netbase,tzdata
# The recipe covers this file's settings (bump the number) and the scripts shipped in the image
# (their hash), so editing an entrypoint reaches every machine on the next ensure-services run.
RECIPE="1-$(cat "$SCRIPTS_DIR"/* | sha256sum | cut -c1-12)"

force="$(stack_force_flag "$@")"
stack_up_to_date "$IMAGE" "$RECIPE" "$force" && exit 0

stack_require_tools

workdir="$(mktemp -d /var/tmp/pier-stack-data.XXXXXX)"
trap 'rm -rf "$workdir"' EXIT
rootfs="$workdir/rootfs.tar"

started=$SECONDS
# Package postinst scripts must not start servers inside the chroot (policy-rc.d), and the
# cluster postgresql-common would create is dropped: the entrypoint runs initdb on the volume.
# shellcheck disable=SC2016
stack_rootfs "$SUITE" "$PACKAGES" "$rootfs" "$workdir" \
  --essential-hook='mkdir -p "$1/etc/postgresql-common/createcluster.d" && echo "create_main_cluster = false" > "$1/etc/postgresql-common/createcluster.d/pier.conf"' \
  --essential-hook='printf "#!/bin/sh\nexit 101\n" > "$1/usr/sbin/policy-rc.d" && chmod +x "$1/usr/sbin/policy-rc.d"' \
  --customize-hook='rm -f "$1/usr/sbin/policy-rc.d"' \
  --customize-hook="chroot \"\$1\" useradd --system --uid $DATA_UID --user-group --home-dir /var/lib/pier-data --shell /usr/sbin/nologin pierdata" \
  --customize-hook="mkdir -p \"\$1/var/lib/pier-data\" && chown $DATA_UID:$DATA_UID \"\$1/var/lib/pier-data\" && chmod 700 \"\$1/var/lib/pier-data\"" \
  --customize-hook="copy-in $SCRIPTS_DIR/pier-postgres-entrypoint $SCRIPTS_DIR/pier-redis-entrypoint $SCRIPTS_DIR/pier-mysql-entrypoint $SCRIPTS_DIR/pier-data-admin /usr/local/bin" \
  --customize-hook="chroot \"\$1\" dpkg-query -W -f='postgresql=\${Version}\n' postgresql-15 > '$workdir/versions'" \
  --customize-hook="chroot \"\$1\" dpkg-query -W -f='redis=\${Version}\n' redis-server >> '$workdir/versions'" \
  --customize-hook="chroot \"\$1\" dpkg-query -W -f='mariadb=\${Version}\n' mariadb-server >> '$workdir/versions'"
version_of() { sed -n "s/^$1=//p" "$workdir/versions"; }
log "rootfs ready: $(du -h "$rootfs" | cut -f1), $(tr '\n' ' ' <"$workdir/versions")after $(elapsed_since "$started")"

log "importing rootfs as $IMAGE"
docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "USER $DATA_UID:$DATA_UID" \
  --change 'WORKDIR /var/lib/pier-data' \
  --change "LABEL pier.stack=data" \
  --change "LABEL pier.stack.postgresql=$(version_of postgresql)" \
  --change "LABEL pier.stack.redis=$(version_of redis)" \
  --change "LABEL pier.stack.mariadb=$(version_of mariadb)" \
  --change "LABEL pier.stack.distro=debian-$SUITE" \
  --change "LABEL pier.stack.recipe=$RECIPE" \
  --message "Pier data stack: Debian $SUITE minbase + $PACKAGES" \
  "$rootfs" "$IMAGE" >/dev/null

log "checking that the image has the servers, clients and Pier's scripts"
docker run --rm "$IMAGE" sh -c 'id -u && /usr/lib/postgresql/15/bin/postgres --version && psql --version && redis-server --version && redis-cli --version && mariadbd --version && mariadb --version && gzip --version && test -x /usr/local/bin/pier-data-admin' >/dev/null \
  || die "$IMAGE was built but lacks a server, a client or Pier's scripts"

stack_drop_old "$IMAGE"

size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
log "built $IMAGE ($((size / 1024 / 1024)) MB) in $(elapsed_since "$started")"
