import http from "node:http";
import type { AddressInfo } from "node:net";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challtestsrvDns } from "./dns-provider.js";
import { orderCertificate } from "./order-certificate.js";
import { startPebble, type Pebble } from "./testing.js";
import * as acme from "acme-client";

describe("orderCertificate against pebble", () => {
  const answers = new Map<string, string>();
  let server: http.Server;
  let pebble: Pebble;

  beforeAll(async () => {
    // Stands in for the router: answers HTTP-01 from what the responder stored.
    server = http.createServer((req, res) => {
      const token = req.url?.split("/").pop() ?? "";
      const answer = answers.get(token);
      res.writeHead(answer ? 200 : 404).end(answer ?? "");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    pebble = await startPebble({ httpPort: (server.address() as AddressInfo).port });
  }, 30_000);
  afterAll(async () => {
    await pebble?.stop();
    server.close();
  });

  it("issues a certificate for the names, chained to pebble's root", async () => {
    const accountKeyPem = (await acme.crypto.createPrivateEcdsaKey()).toString();
    const responder = { set: async (t: string, k: string) => void answers.set(t, k), remove: async (t: string) => void answers.delete(t) };
    const issued = await orderCertificate({ directoryUrl: pebble.directoryUrl, accountKeyPem, email: "ops@example.test", caPem: pebble.caPem }, ["shop.pier.test", "www.shop.test"], responder);
    const leaf = new X509Certificate(issued.certPem);
    expect(leaf.subjectAltName).toContain("DNS:shop.pier.test");
    expect(leaf.subjectAltName).toContain("DNS:www.shop.test");
    expect(issued.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(leaf.checkPrivateKey((await import("node:crypto")).createPrivateKey(issued.keyPem))).toBe(true);
    expect(answers.size).toBe(0); // challenges cleaned up
    const chain = issued.certPem.split(/(?<=-----END CERTIFICATE-----)\s*/).filter((p) => p.includes("BEGIN")).map((p) => new X509Certificate(p));
    const root = new X509Certificate(await pebble.rootPem());
    expect(chain[0]!.verify(chain[1]!.publicKey)).toBe(true);
    expect(chain.at(-1)!.verify(root.publicKey)).toBe(true);
  }, 60_000);

  it("issues a wildcard certificate through DNS-01 (TXT records on the CA's DNS server), the base name through HTTP-01", async () => {
    const accountKeyPem = (await acme.crypto.createPrivateEcdsaKey()).toString();
    const responder = { set: async (t: string, k: string) => void answers.set(t, k), remove: async (t: string) => void answers.delete(t) };
    const settings = { directoryUrl: pebble.directoryUrl, accountKeyPem, email: "ops@example.test", caPem: pebble.caPem };
    await expect(orderCertificate(settings, ["*.wild.test"], responder)).rejects.toThrow(/need a DNS provider/);
    const issued = await orderCertificate(settings, ["*.wild.test", "wild.test"], responder, challtestsrvDns(pebble.dnsManagementUrl));
    const leaf = new X509Certificate(issued.certPem);
    expect(leaf.subjectAltName).toContain("DNS:*.wild.test");
    expect(leaf.subjectAltName).toContain("DNS:wild.test");
  }, 60_000);
});
