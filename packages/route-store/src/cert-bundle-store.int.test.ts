import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { makeCertBundle, type VersionedCertBundle } from "@pier/cert-core";
import { certStoreKeys, publishCertBundle, subscribeCertBundle } from "./index.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const cert = (host: string) => ({ hostnames: [host], certPem: `CERT ${host}`, keySealed: "v1:sealed", notAfter: "2030-01-01T00:00:00.000Z" });

describe("certificate bundle on Redis", () => {
  const prefix = `pier-test-${randomBytes(4).toString("hex")}:`;
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const k = certStoreKeys({ prefix });
    await redis.del(k.table, k.version);
    redis.disconnect();
  });

  it("publishes only changes and delivers the stored bundle, then newer ones", async () => {
    const first = makeCertBundle([cert("b.test"), cert("a.test")]);
    const { version } = await publishCertBundle(redis, first, { prefix });
    expect(await publishCertBundle(redis, makeCertBundle([cert("a.test"), cert("b.test")]), { prefix })).toEqual({ changed: false, version });
    const seen: VersionedCertBundle[] = [];
    const sub = await subscribeCertBundle(REDIS_URL, (b) => seen.push(b), { prefix });
    try {
      expect(seen.map((b) => b.certs.map((c) => c.hostnames[0]))).toEqual([["a.test", "b.test"]]);
      await publishCertBundle(redis, makeCertBundle([cert("c.test")]), { prefix });
      for (let i = 0; i < 100 && seen.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(seen[1]).toMatchObject({ version: version + 1, certs: [{ hostnames: ["c.test"] }] });
    } finally {
      await sub.close();
    }
  });
});
