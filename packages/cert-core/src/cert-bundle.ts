import { createHash } from "node:crypto";

/**
 * What routers need to serve HTTPS: every current certificate with the hostnames it covers
 * and its private key, sealed (AES-256-GCM, the installation's secret key) so that neither
 * Redis nor a router's snapshot holds a key in the clear.
 */
export interface BundleCert {
  hostnames: string[];
  certPem: string;
  /** `v1:<base64url(nonce | tag | ciphertext)>`, as config vars are stored. */
  keySealed: string;
  /** ISO time. */
  notAfter: string;
}

export interface CertBundle {
  hash: string;
  certs: BundleCert[];
}

export interface VersionedCertBundle extends CertBundle {
  version: number;
}

/** Order-independent sha256 over the bundle's certificates. */
export function hashCertBundle(certs: readonly BundleCert[]): string {
  const canon = certs
    .map((c) => JSON.stringify([[...c.hostnames].sort(), c.certPem, c.keySealed, c.notAfter]))
    .sort();
  return createHash("sha256").update(canon.join("\n")).digest("hex");
}

export function makeCertBundle(certs: BundleCert[]): CertBundle {
  const sorted = [...certs].sort((a, b) => (a.hostnames[0]! < b.hostnames[0]! ? -1 : 1));
  return { hash: hashCertBundle(sorted), certs: sorted };
}

function fail(source: string, what: string): never {
  throw new Error(`${source}: certificate bundle ${what}`);
}

/** Validates a bundle from Redis or a snapshot; throws naming `source` when it is damaged. */
export function parseCertBundle(value: unknown, source: string): VersionedCertBundle {
  if (typeof value !== "object" || value === null) fail(source, "is not an object");
  const v = value as Record<string, unknown>;
  if (typeof v.version !== "number" || !Number.isInteger(v.version) || v.version < 1) fail(source, "has no version");
  if (typeof v.hash !== "string") fail(source, "has no hash");
  if (!Array.isArray(v.certs)) fail(source, "has no certs array");
  const certs = v.certs.map((c: unknown, i): BundleCert => {
    const e = c as Record<string, unknown>;
    const ok = typeof e === "object" && e !== null && Array.isArray(e.hostnames) && e.hostnames.every((h) => typeof h === "string") &&
      typeof e.certPem === "string" && typeof e.keySealed === "string" && typeof e.notAfter === "string";
    if (!ok) fail(source, `entry ${i} is malformed`);
    return { hostnames: e.hostnames as string[], certPem: e.certPem as string, keySealed: e.keySealed as string, notAfter: e.notAfter as string };
  });
  return { version: v.version, hash: v.hash, certs };
}
