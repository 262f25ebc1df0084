import { describe, expect, it } from "vitest";
import { engineConnectionProblem } from "./connection-problem.js";

const all = { ca: true, cert: true };
const none = { ca: false, cert: false };

describe("engineConnectionProblem", () => {
  it.each([
    ["wrong CA", { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", message: "unable to verify the first certificate" }, all, /not signed by the CA given with --tls-ca/],
    ["no CA given", { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", message: "unable to verify the first certificate" }, { ca: false, cert: true }, /give its CA with --tls-ca/],
    ["self-signed engine", { code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self signed certificate" }, all, /not signed by the CA given/],
    ["certificate for another name", { code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "IP: 10.0.0.3 is not in the cert's list: 10.0.0.2" }, all, /not for this address \(IP: 10\.0\.0\.3/],
    ["no client certificate", { code: "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE", message: "sslv3 alert bad certificate" }, { ca: true, cert: false }, /requires a TLS client certificate: give --tls-cert and --tls-key/],
    ["client certificate refused", { code: "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", message: "tlsv1 alert unknown ca" }, all, /refused the client certificate/],
    ["TLS 1.3 certificate required", { code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", message: "certificate required" }, none, /requires a TLS client certificate/],
    ["plain HTTP to a TLS engine", { statusCode: 400, message: "(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.\n " }, none, /speaks TLS at this address: give --tls-ca, --tls-cert and --tls-key/],
    ["TLS to a plain engine", { code: "ERR_SSL_WRONG_VERSION_NUMBER", message: "wrong version number" }, all, /does not speak TLS at this address/],
  ])("%s", (_, err, offered, expected) => {
    expect(engineConnectionProblem(err, offered)).toMatch(expected);
  });

  it.each([
    [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.2:2376" }],
    [{ statusCode: 500, message: "(HTTP code 500) server error" }],
  ])("leaves %j to its own message", (err) => {
    expect(engineConnectionProblem(err, all)).toBeUndefined();
  });
});
