/** What went wrong reaching an engine, as Node and dockerode report it. */
export interface ConnectionFailure {
  code?: string;
  statusCode?: number;
  message: string;
}

/** Node's codes for a server certificate that does not chain to the CA the client trusts. */
const UNTRUSTED_SERVER = new Set(["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_GET_ISSUER_CERT", "CERT_SIGNATURE_FAILURE"]);
/** TLS alerts an engine sends when it does not accept the client's certificate (or got none). */
const CLIENT_REFUSED = /^ERR_SSL_(SSLV3_ALERT_BAD_CERTIFICATE|TLSV13_ALERT_CERTIFICATE_REQUIRED|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_CERTIFICATE_UNKNOWN)$/;

/**
 * Pure: a sentence a person can act on for a failed connection to a Docker engine, given which
 * TLS credentials were offered; undefined when the failure says enough itself.
 */
export function engineConnectionProblem(err: ConnectionFailure, offered: { ca: boolean; cert: boolean }): string | undefined {
  if (err.code && UNTRUSTED_SERVER.has(err.code)) {
    return offered.ca
      ? "the engine's TLS certificate is not signed by the CA given with --tls-ca (give the CA that signed the engine's --tlscert)"
      : "the engine's TLS certificate is not signed by a CA this server trusts: give its CA with --tls-ca";
  }
  if (err.code === "ERR_TLS_CERT_ALTNAME_INVALID") return `the engine's TLS certificate is not for this address (${err.message})`;
  if (err.code && CLIENT_REFUSED.test(err.code)) {
    return offered.cert
      ? "the engine refused the client certificate: give one signed by the CA the engine trusts (its --tlscacert) with --tls-cert and --tls-key"
      : "the engine requires a TLS client certificate: give --tls-cert and --tls-key (signed by the CA the engine trusts)";
  }
  if (err.statusCode === 400 && /HTTP request to an HTTPS server/i.test(err.message)) {
    return "the engine speaks TLS at this address: give --tls-ca, --tls-cert and --tls-key";
  }
  if (err.code === "ERR_SSL_WRONG_VERSION_NUMBER" || err.code === "EPROTO") {
    return "the engine does not speak TLS at this address: leave out the --tls-* options or use the port where dockerd runs with --tlsverify";
  }
  return undefined;
}
