import { readFile } from "node:fs/promises";
import https from "node:https";
import * as acme from "acme-client";

export interface AcmeSettings {
  directoryUrl: string;
  /** PEM of the account key (see loadOrCreateAccountKey). */
  accountKeyPem: string;
  email: string;
  /** Extra CA certificate(s) for the directory's own HTTPS (a test CA). */
  caPem?: string;
}

/** Where HTTP-01 answers go: the routers serve them (see route-store acme-challenges). */
export interface ChallengeResponder {
  set(token: string, keyAuthorization: string): Promise<void>;
  remove(token: string): Promise<void>;
}

export interface IssuedCertificate {
  /** Leaf first, then the chain, as the CA sent it. */
  certPem: string;
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
}

let trusted: string | undefined;

/** acme-client talks through one axios instance: a test CA is trusted process-wide, once. */
function trust(caPem: string | undefined): void {
  if (caPem === undefined || caPem === trusted) return;
  trusted = caPem;
  acme.axios.defaults.httpsAgent = new https.Agent({ ca: caPem, keepAlive: true });
}

export async function readCaFile(file: string | undefined): Promise<string | undefined> {
  return file === undefined ? undefined : readFile(file, "utf8");
}

/**
 * Orders one certificate for the hostnames (HTTP-01, an ECDSA P-256 key per certificate).
 * acme-client's own pre-check of the challenge URL is skipped: it would fetch port 80 of the
 * name from here, which says nothing about what the CA sees.
 */
export async function orderCertificate(settings: AcmeSettings, hostnames: string[], responder: ChallengeResponder): Promise<IssuedCertificate> {
  trust(settings.caPem);
  const client = new acme.Client({ directoryUrl: settings.directoryUrl, accountKey: settings.accountKeyPem, backoffAttempts: 12, backoffMin: 250, backoffMax: 5000 });
  const [keyPem, csr] = await acme.crypto.createCsr({ commonName: hostnames[0]!, altNames: hostnames }, await acme.crypto.createPrivateEcdsaKey());
  const certPem = await client.auto({
    csr,
    email: settings.email,
    termsOfServiceAgreed: true,
    challengePriority: ["http-01"],
    skipChallengeVerification: true,
    challengeCreateFn: async (_authz, challenge, keyAuthorization) => {
      if (challenge.type !== "http-01") throw new Error(`only http-01 challenges are answered, the CA offered ${challenge.type}`);
      await responder.set(challenge.token, keyAuthorization);
    },
    challengeRemoveFn: async (_authz, challenge) => {
      await responder.remove(challenge.token);
    },
  });
  const info = acme.crypto.readCertificateInfo(certPem);
  return { certPem, keyPem: keyPem.toString(), notBefore: info.notBefore, notAfter: info.notAfter };
}
