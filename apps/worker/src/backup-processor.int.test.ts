import { randomBytes } from "node:crypto";
import { parseConfig } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { createRedis } from "@pier/queue";
import { createBackupQueue, encryptValue, secretKey, type EngineDeps } from "@pier/use-cases";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackupProcessor } from "./backup-processor.js";

// Redis db 11 is this test's alone: the processor registers the daily scheduler there.
let deps: EngineDeps;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await createTestDatabase({ prefix: "backup_worker" });
  drop = db.drop;
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/11", PIER_DATA_DIR: `/tmp/pier-backup-worker-${process.pid}`, PIER_SECRET_KEY: randomBytes(32).toString("base64") });
  deps = { prisma: createPrisma(db.url), redis: createRedis(config.redisUrl), config, docker: new Dockerode({ socketPath: "/var/run/docker.sock" }), installationId: randomBytes(4).toString("hex"), log: () => {} };
});

afterAll(async () => {
  const queue = createBackupQueue(deps.redis);
  await queue.obliterate({ force: true });
  await queue.close();
  deps.redis.disconnect();
  await deps.prisma.$disconnect();
  await drop();
});

describe("startBackupProcessor", () => {
  it("fails backups a stopped worker left running, takes pending ones whose job was lost, and registers the schedule pass once", async () => {
    const owner = await deps.prisma.user.create({ data: { email: `w-${randomBytes(3).toString("hex")}@example.com` } });
    const app = await deps.prisma.app.create({ data: { name: `w-${randomBytes(3).toString("hex")}`, ownerId: owner.id } });
    const addon = await deps.prisma.addon.create({
      data: { name: `w-${randomBytes(3).toString("hex")}`, kind: "redis", plan: "small", appId: app.id, state: "available", containerName: "none", volumeName: "none", username: "u", passwordSealed: encryptValue(await secretKey(deps.config), "pw"), databaseName: "d" },
    });
    const cut = await deps.prisma.addonBackup.create({ data: { addonId: addon.id, number: 1, name: "b001", state: "running", targetKey: `${addon.id}/b001.rdb.gz`, startedAt: new Date() } });
    // Pending, but no job in the queue (lost with Redis): the processor takes it at start.
    const lost = await deps.prisma.addonBackup.create({ data: { addonId: addon.id, number: 2, name: "b002", targetKey: `${addon.id}/b002.rdb.gz` } });

    const first = await startBackupProcessor(deps);
    const second = await startBackupProcessor(deps);
    for (let i = 0; i < 200 && (await deps.prisma.addonBackup.findUniqueOrThrow({ where: { id: lost.id } })).state !== "failed"; i++) await new Promise((r) => setTimeout(r, 100));
    await Promise.all([first.close(), second.close()]);
    // Its add-on's container does not exist: it ran (once) and failed with that reason.
    expect(await deps.prisma.addonBackup.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ state: "failed", error: expect.stringMatching(/does not exist/) });

    expect(await deps.prisma.addonBackup.findUniqueOrThrow({ where: { id: cut.id } })).toMatchObject({ state: "failed", error: expect.stringMatching(/worker stopped/) });
    const queue = createBackupQueue(deps.redis);
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([["daily-backups", 300_000]]);
  });
});
