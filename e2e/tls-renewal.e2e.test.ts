import http2 from "node:http2";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { startPebble, type Pebble } from "@pier/acme/testing";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, freePort, startPier, type RunningPier } from "./support/pier.js";
import { runOk } from "./support/run.js";

interface Served { serial: string; validTo: number; status: number }

/** The certificate the router serves for a name (and the status of GET /), trusting only the test root. */
function served(port: number, servername: string, ca: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    https.get({ host: "127.0.0.1", port, servername, ca, agent: false, headers: { host: servername } }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate();
      res.resume();
      res.on("end", () => resolve({ serial: cert.serialNumber, validTo: Date.parse(cert.valid_to), status: res.statusCode ?? 0 }));
    }).on("error", reject);
  });
}

/**
 * Renewal as it happens in production, sped up: pebble issues certificates that live 30 s, so the
 * worker's planner (renew in the last third of a short lifetime) renews each after ~20 s, leaving
 * 10 s for the order (about 1 s on a quiet machine); the router must then serve the new
 * certificate without a restart, and the domain stays `issued`.
 */
describe("certificate renewal with short-lived certificates from a real ACME server", () => {
  const LIFETIME_S = 30;
  let pebble: Pebble;
  let pier: RunningPier;
  let root: string;
  const app = `renew-${process.pid}`;
  const host = `${app}.pier.test`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { env: pier.env });

  beforeAll(async () => {
    const httpPort = await freePort();
    pebble = await startPebble({ httpPort, certificateValiditySeconds: LIFETIME_S });
    const dir = await mkdtemp(join(tmpdir(), "pier-e2e-renew-"));
    await writeFile(join(dir, "pebble-ca.pem"), pebble.caPem);
    pier = await startPier("renew", {
      PIER_HTTP_PORT: String(httpPort),
      PIER_BASE_DOMAIN: "pier.test",
      PIER_ACME_DIRECTORY_URL: pebble.directoryUrl,
      PIER_ACME_CA_FILE: join(dir, "pebble-ca.pem"),
    });
    root = await pebble.rootPem();
  }, 240_000);
  afterAll(async () => {
    await pier?.stop();
    await pebble?.stop();
  });

  it("renews before expiry and the router serves the new certificate without a restart, over HTTP/1.1 and HTTP/2", async () => {
    await pier_("apps:create", app);
    let first: Served | undefined;
    for (const deadline = Date.now() + 90_000; first === undefined && Date.now() < deadline;) {
      first = await served(pier.httpsPort, host, root).catch(() => undefined);
      if (first === undefined) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(first, "a first certificate within 90 s").toBeDefined();
    expect(first!.status).toBe(503); // nothing deployed: the router's own page, over TLS
    expect(first!.validTo - Date.now()).toBeLessThanOrEqual(LIFETIME_S * 1000 + 2000);

    let next = first!;
    for (const deadline = Date.now() + 90_000; next.serial === first!.serial && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 1000));
      next = await served(pier.httpsPort, host, root);
    }
    expect(next.serial, "a renewed certificate served within 90 s").not.toBe(first!.serial);
    expect(next.validTo).toBeGreaterThan(first!.validTo);
    // Renewed before the old one expired, by the worker's own pass (no restart, no wake).
    console.log(`renewed certificate served ${((first!.validTo - Date.now()) / 1000).toFixed(1)} s before the first one expired`);
    expect(Date.now()).toBeLessThan(first!.validTo);
    const domains = JSON.parse((await pier_("domains", "--app", app, "--json")).stdout) as { hostname: string; acm_status: string }[];
    expect(domains.find((d) => d.hostname === host)?.acm_status).toBe("issued");

    const session = http2.connect(`https://${host}:${pier.httpsPort}`, { host: "127.0.0.1", servername: host, ca: root } as http2.SecureClientSessionOptions);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = session.request({ ":path": "/" });
        req.on("response", (h) => resolve(Number(h[":status"])));
        req.on("error", reject);
        req.resume();
      });
      expect((session.socket as TLSSocket).alpnProtocol).toBe("h2");
      expect((session.socket as TLSSocket).getPeerCertificate().serialNumber).toBe(next.serial);
      expect(status).toBe(503);
    } finally {
      session.close();
    }
  }, 240_000);
});
