#!/usr/bin/env bash
# Certificates for a Docker engine that only talks TLS with client certificates (dockerd
# --tlsverify), as an operator would set one up for `pier hosts:add --tls-ca/--tls-cert/--tls-key`.
#
# Usage: infra/lib/engine-tls.sh DIR IP
#   Writes into DIR (idempotent: existing files are kept):
#     ca.pem, ca-key.pem              the CA both sides trust
#     server-cert.pem, server-key.pem dockerd's certificate (subjectAltName IP:IP, serverAuth)
#     cert.pem, key.pem               the client certificate Pier presents (clientAuth)
#     other-ca.pem                    an unrelated CA, for checking that a wrong CA is refused
#   EC P-256 keys: quick to make on a busy machine. Valid for 30 days (test engines are short-lived).
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/common.sh
source "$INFRA_DIR/lib/common.sh"

dir="${1:-}"
ip="${2:-}"
[[ -n "$dir" && "$ip" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "usage: $0 DIR IP"
command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
mkdir -p "$dir"
cd "$dir"
umask 077

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# self_signed_ca NAME CN
self_signed_ca() {
  new_key "$1-key.pem"
  openssl req -x509 -new -key "$1-key.pem" -sha256 -days 30 -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out "$1.pem"
}

# signed CERT KEY CN EXTENSIONS: a certificate signed by ca.pem.
signed() {
  new_key "$2"
  openssl req -new -key "$2" -subj "/CN=$3" -out "$1.csr"
  printf '%s\n' "$4" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 -sha256 -extfile "$1.ext" -out "$1" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

if [[ ! -s ca.pem ]]; then
  log "making a CA and certificates for an engine at $ip in $dir"
  self_signed_ca ca "pier test engine CA ($ip)"
  signed server-cert.pem server-key.pem "$ip" "subjectAltName=IP:$ip
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature,keyEncipherment"
  signed cert.pem key.pem "pier" "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature,keyEncipherment"
  self_signed_ca other-ca "an unrelated CA"
  rm -f other-ca-key.pem ca.srl
fi
# The client files are read by the tests and the CLI (not root-only secrets of a real host).
chmod 644 ca.pem cert.pem key.pem other-ca.pem
