# shellcheck shell=bash
# Finds the Debian mirrors the host's apt uses, so image builds reach the same (often the only
# reachable) mirror. Source it; do not run it.
#
#   debian_mirror main      -> e.g. http://deb.debian.org/debian
#   debian_mirror security  -> e.g. http://deb.debian.org/debian-security
#
# PIER_DEBIAN_MIRROR / PIER_DEBIAN_SECURITY_MIRROR override the detection (operator configuration,
# e.g. on an Ubuntu host whose apt sources are not Debian's).

# Prints "URI SUITE" pairs, one a line, from deb822 (*.sources) and one-line (*.list) apt sources.
_apt_source_pairs() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    # A deb822 stanza ends at a blank line; pair each of its URIs with each of its Suites.
    awk '
      function flush() { if (types ~ /(^| )deb( |$)/) for (u in uris) for (s in suites) print uris[u], suites[s];
                         delete uris; delete suites; types = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "uris:"   { for (i = 2; i <= NF; i++) uris[i] = $i }
      tolower($1) == "suites:" { for (i = 2; i <= NF; i++) suites[i] = $i }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    # deb [options] URI SUITE COMPONENTS...
    sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+).*/\2 \3/p' "$f"
  done
}

debian_mirror() {
  local kind="$1" uri
  case "$kind" in
    main)
      [[ -n "${PIER_DEBIAN_MIRROR:-}" ]] && { echo "${PIER_DEBIAN_MIRROR%/}"; return; }
      # The main archive is the one serving a plain suite name (bookworm, trixie, ...).
      uri=$(_apt_source_pairs | awk '$2 !~ /-/ && $1 ~ /debian/ { print $1; exit }')
      uri="${uri:-http://deb.debian.org/debian}"
      echo "${uri%/}"
      ;;
    security)
      [[ -n "${PIER_DEBIAN_SECURITY_MIRROR:-}" ]] && { echo "${PIER_DEBIAN_SECURITY_MIRROR%/}"; return; }
      uri=$(_apt_source_pairs | awk '$2 ~ /-security$/ && $1 ~ /debian/ { print $1; exit }')
      uri="${uri:-http://deb.debian.org/debian-security}"
      echo "${uri%/}"
      ;;
    *) echo "debian_mirror: unknown kind '$kind' (main|security)" >&2; return 2 ;;
  esac
}
