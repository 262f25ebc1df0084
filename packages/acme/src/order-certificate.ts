import { readFile } from "node:fs/promises";
import https from "node:https";
import { dns01RecordName, type DnsProvider } from "./dns-provider.js";
import { loadAcmeClient } from "./load-acme-client.js";

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
function trust(acme: Awaited<ReturnType<typeof loadAcmeClient>>, caPem: string | undefined): void {
  if (caPem === undefined || caPem === trusted) return;
  trusted = caPem;
  acme.axios.defaults.httpsAgent = new https.Agent({ ca: caPem, keepAlive: true });
}

export async function readCaFile(file: string | undefined): Promise<string | undefined> {
  return file === undefined ? undefined : readFile(file, "utf8");
}

/**
 * Orders one certificate for the hostnames (an ECDSA P-256 key per certificate): HTTP-01
 * answered by the routers, or DNS-01 through `dns` where HTTP-01 is not offered (wildcard names
 * can only be validated by DNS). acme-client's own pre-checks are skipped: they would ask from
 * here, which says nothing about what the CA sees.
 */
export async function orderCertificate(settings: AcmeSettings, hostnames: string[], responder: ChallengeResponder, dns?: DnsProvider): Promise<IssuedCertificate> {
  const acme = await loadAcmeClient();
  trust(acme, settings.caPem);
  const client = new acme.Client({ directoryUrl: settings.directoryUrl, accountKey: settings.accountKeyPem, backoffAttempts: 12, backoffMin: 250, backoffMax: 5000 });
  const [keyPem, csr] = await acme.crypto.createCsr({ commonName: hostnames[0]!, altNames: hostnames }, await acme.crypto.createPrivateEcdsaKey());
  const certPem = await client.auto({
    csr,
    email: settings.email,
    termsOfServiceAgreed: true,
    challengePriority: dns === undefined ? ["http-01"] : ["http-01", "dns-01"],
    skipChallengeVerification: true,
    challengeCreateFn: async (authz, challenge, keyAuthorization) => {
      if (challenge.type === "http-01") return responder.set(challenge.token, keyAuthorization);
      // For dns-01 acme-client hands over the TXT value (the key authorization's digest).
      if (challenge.type === "dns-01" && dns !== undefined) return dns.setTxt(dns01RecordName(authz.identifier.value), keyAuthorization);
      throw new Error(`cannot answer ${challenge.type} for ${authz.identifier.value}${dns === undefined ? " (wildcard names need a DNS provider for dns-01)" : ""}`);
    },
    challengeRemoveFn: async (authz, challenge, keyAuthorization) => {
      if (challenge.type === "http-01") await responder.remove(challenge.token);
      else if (challenge.type === "dns-01" && dns !== undefined) await dns.removeTxt(dns01RecordName(authz.identifier.value), keyAuthorization);
    },
  });
  const info = acme.crypto.readCertificateInfo(certPem);
  return { certPem, keyPem: keyPem.toString(), notBefore: info.notBefore, notAfter: info.notAfter };
}
