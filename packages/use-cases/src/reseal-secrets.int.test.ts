import { randomBytes } from "node:crypto";
import { parseConfig, type PierConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { createRedis } from "@pier/queue";
import { keyId, keyring, openValue } from "@pier/secret-box-core";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfigVars, updateConfigVars } from "./config-vars.js";
import { resealSecrets } from "./reseal-secrets.js";
import { encryptValue, openConfig } from "./secret-box.js";

/** A rotation from an old key to a new one, over every sealed column, as docs/operating.md describes it. */
describe("secret key rotation", () => {
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  let db: { url: string; drop(): Promise<void> };
  let prisma: PrismaClient;
  let redis: Redis;
  let before: PierConfig;
  let during: PierConfig;
  let after: PierConfig;
  const admin = { userId: "", isAdmin: true };
  const releaseQueue = { add: async () => undefined } as never;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_reseal" });
    const base = { DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15" };
    before = parseConfig({ ...base, PIER_SECRET_KEY: oldKey.toString("base64") });
    during = parseConfig({ ...base, PIER_SECRET_KEY: newKey.toString("base64"), PIER_SECRET_KEY_PREVIOUS: oldKey.toString("base64") });
    after = parseConfig({ ...base, PIER_SECRET_KEY: newKey.toString("base64") });
    prisma = createPrisma(db.url);
    redis = createRedis(before.redisUrl);
    admin.userId = (await prisma.user.create({ data: { email: "admin@example.com", isAdmin: true } })).id;
  });
  afterAll(async () => {
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("re-seals config vars, release snapshots, certificate keys and add-on passwords under the new key", async () => {
    const app = await prisma.app.create({ data: { name: "rotating", ownerId: admin.userId } });
    const depsBefore = { prisma, redis, config: before, releaseQueue };
    await updateConfigVars({ app: "rotating", changes: { DATABASE_URL: "postgres://u:p@db/app", TOKEN: "t0k3n" } }, admin, depsBefore);
    // A v1 value (written before key ids existed) must be found and re-sealed too.
    const v1 = `v1:${encryptValue(keyring(oldKey), "legacy").split(":")[2]}`;
    await prisma.configVar.create({ data: { appId: app.id, key: "LEGACY", value: v1 } });
    await prisma.certificate.create({
      data: { appId: app.id, hostname: "rotating.example.org", certPem: "CERT", keySealed: encryptValue(keyring(oldKey), "PRIVATE KEY"), notAfter: new Date(Date.now() + 86_400_000) },
    });
    await prisma.addon.create({
      data: { name: "postgres-rotating", kind: "postgres", plan: "small", containerName: "c", volumeName: "v", username: "u", passwordSealed: encryptValue(keyring(oldKey), "addon-pw"), databaseName: "d" },
    });

    // During the rotation both keys open everything; new writes use the new key.
    const depsDuring = { prisma, redis, config: during, releaseQueue };
    expect(await getConfigVars({ app: "rotating" }, admin, depsDuring)).toMatchObject({ DATABASE_URL: "postgres://u:p@db/app", LEGACY: "legacy" });
    const report = await resealSecrets(admin, depsDuring);
    expect(report).toEqual({ keyId: keyId(newKey), configVars: 3, releases: 1, certificates: 1, addons: 1 });

    // Afterwards the old key is not needed: everything opens with the new key alone.
    const depsAfter = { prisma, redis, config: after, releaseQueue };
    expect(await getConfigVars({ app: "rotating" }, admin, depsAfter)).toEqual({ DATABASE_URL: "postgres://u:p@db/app", TOKEN: "t0k3n", LEGACY: "legacy" });
    const release = await prisma.release.findFirstOrThrow({ where: { appId: app.id } });
    expect(await openConfig(release.config, depsAfter)).toMatchObject({ TOKEN: "t0k3n" });
    const only = keyring(newKey);
    const cert = await prisma.certificate.findFirstOrThrow({ where: { appId: app.id } });
    expect(openValue(only, cert.keySealed!)).toBe("PRIVATE KEY");
    expect(openValue(only, (await prisma.addon.findFirstOrThrow()).passwordSealed)).toBe("addon-pw");
    for (const row of await prisma.configVar.findMany()) expect(row.value.startsWith(`v2:${keyId(newKey)}:`)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "secret_key.rotate" } })).toBe(1);
  });

  it("does nothing on a second run, and refuses a member", async () => {
    const deps = { prisma, redis, config: during };
    expect(await resealSecrets(admin, deps)).toEqual({ keyId: keyId(newKey), configVars: 0, releases: 0, certificates: 0, addons: 0 });
    await expect(resealSecrets({ userId: admin.userId, isAdmin: false }, deps)).rejects.toThrow(/Only an admin/);
  });

  it("names the missing key when the previous one was dropped too early", async () => {
    await prisma.configVar.updateMany({ where: { key: "TOKEN" }, data: { value: encryptValue(keyring(oldKey), "x") } });
    await expect(resealSecrets(admin, { prisma, redis, config: after })).rejects.toThrow(new RegExp(`key ${keyId(oldKey)}.*PIER_SECRET_KEY_PREVIOUS`));
  });
});
