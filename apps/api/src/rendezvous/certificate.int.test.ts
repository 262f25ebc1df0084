import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateRendezvousCertificate } from "./certificate.js";

describe("loadOrCreateRendezvousCertificate", () => {
  let dir = "";
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("makes one certificate for the API's host name, shared by processes starting together, and keeps it", async () => {
    dir = await mkdtemp(join(tmpdir(), "pier-rendezvous-"));
    const made = await Promise.all([1, 2, 3].map(() => loadOrCreateRendezvousCertificate(dir, "pier.example.com")));
    expect(new Set(made.map((m) => m.cert)).size).toBe(1);
    const x509 = new X509Certificate(made[0]!.cert);
    expect(x509.subjectAltName).toBe("DNS:pier.example.com, DNS:localhost, IP Address:127.0.0.1");
    expect((await loadOrCreateRendezvousCertificate(dir, "other.example.com")).cert).toBe(made[0]!.cert);
    expect(await readdir(dir)).toEqual(["rendezvous"]);
  });
});
