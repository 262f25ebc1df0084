import tls from "node:tls";
import { buildCertIndex, selectCert, type BundleCert, type CertIndex, type VersionedCertBundle } from "@pier/cert-core";
import { openValue, type Keyring } from "@pier/secret-box-core";

const EMPTY: CertIndex<BundleCert> = buildCertIndex([]);

/**
 * The certificates a router serves, by server name. A newer bundle replaces the index with one
 * assignment (as RouteHolder does for routes). Secure contexts are made on first use: a router
 * with many certificates does not open every key at start, and an unused key stays sealed.
 */
export class CertHolder {
  private index = EMPTY;
  private bundle: VersionedCertBundle | undefined;
  private contexts = new WeakMap<BundleCert, tls.SecureContext>();

  /** key: the installation's secret keys, read when first needed (it may not exist at boot). */
  constructor(private readonly key: () => Keyring | undefined) {}

  get version(): number {
    return this.bundle?.version ?? 0;
  }

  get latest(): VersionedCertBundle | undefined {
    return this.bundle;
  }

  offer(bundle: VersionedCertBundle): boolean {
    if (bundle.version <= this.version) return false;
    this.index = buildCertIndex(bundle.certs.map((c) => ({ hostnames: c.hostnames, value: c })));
    this.bundle = bundle;
    this.contexts = new WeakMap();
    return true;
  }

  /** Whether HTTPS can be served for this (normalized) hostname. */
  has(hostname: string): boolean {
    return selectCert(this.index, hostname) !== undefined;
  }

  contextFor(serverName: string | undefined): tls.SecureContext | undefined {
    const cert = selectCert(this.index, serverName);
    if (cert === undefined) return undefined;
    let ctx = this.contexts.get(cert);
    if (ctx === undefined) {
      const key = this.key();
      if (key === undefined) throw new Error("no secret key yet to open certificate keys with");
      ctx = tls.createSecureContext({ cert: cert.certPem, key: openValue(key, cert.keySealed, "a certificate key"), minVersion: "TLSv1.2" });
      this.contexts.set(cert, ctx);
    }
    return ctx;
  }

  /** For tls.createServer: picks the certificate by SNI; no match ends the handshake. */
  readonly sniCallback = (serverName: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void): void => {
    let ctx: tls.SecureContext | undefined;
    try {
      ctx = this.contextFor(serverName);
    } catch (err) {
      return cb(err as Error);
    }
    if (ctx === undefined) return cb(new Error(`no certificate for "${serverName}"`));
    cb(null, ctx);
  };
}
