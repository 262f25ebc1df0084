import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addonContainerSpec, PLANS, type AddonKind } from "@pier/addon-core";
import { execStreaming, LocalDirectoryTarget } from "@pier/backup-store";
import { parseConfig } from "@pier/config";
import { createPrisma, type Addon, type PrismaClient } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { dockerStatus, LABEL } from "@pier/docker";
import { logStreamKey, readRecentLogs } from "@pier/log-store";
import { createRedis } from "@pier/queue";
import Dockerode from "dockerode";
import type Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureBackup, type BackupDeps } from "./backups-capture.js";
import { restoreBackup } from "./backups-restore.js";
import { runScheduledBackups } from "./backups-schedule-pass.js";
import { createBackupRecord } from "./backups.js";
import type { EngineDeps } from "./deps.js";
import { encryptValue, secretKey } from "./secret-box.js";

const DATA_IMAGE = process.env.PIER_STACK_DATA_IMAGE ?? "pier/stack-data:bookworm";

/** Runs argv in the add-on's container; stdout as text; throws with stderr on a non-zero exit. */
async function sh(docker: Docker, container: string, argv: string[], env: Record<string, string> = {}): Promise<string> {
  let out = "";
  const r = await execStreaming(docker, container, { argv, env }, async (s) => {
    for await (const c of s) out += (c as Buffer).toString("utf8");
  });
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} exited with ${r.exitCode}: ${r.stderr}`);
  return out.trim();
}

/** Until the server answers the app's own credentials over TCP. */
async function waitReady(docker: Docker, addon: Pick<Addon, "kind" | "containerName"> & { password: string }): Promise<void> {
  const probe: Record<AddonKind, [string[], Record<string, string>]> = {
    postgres: [["pg_isready", "-q", "-h", "127.0.0.1", "-U", "app_user", "-d", "app_db"], {}],
    mysql: [["mariadb", "-h", "127.0.0.1", "-u", "app_user", "app_db", "-e", "SELECT 1"], { MYSQL_PWD: addon.password }],
    redis: [["redis-cli", "--no-auth-warning", "PING"], { REDISCLI_AUTH: addon.password }],
  };
  const [argv, env] = probe[addon.kind];
  const deadline = Date.now() + 180_000;
  let last = "";
  for (;;) {
    const r = await execStreaming(docker, addon.containerName, { argv, env }).catch((err: Error) => ({ exitCode: -1, stderr: err.message }));
    if (r.exitCode === 0) return;
    last = r.stderr;
    if (Date.now() > deadline) throw new Error(`${addon.containerName} did not become ready: ${last}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** An available add-on row and its running container on a network of the test's own. */
async function startTestAddon(deps: EngineDeps & { prisma: PrismaClient }, opts: { kind: AddonKind; appId: string; network: string; prefix: string; made: Addon[] }): Promise<Addon & { password: string }> {
  const name = `${opts.prefix}-${opts.kind}-${randomBytes(3).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  const addon = await deps.prisma.addon.create({
    data: {
      name, kind: opts.kind, plan: "small", appId: opts.appId, state: "available", containerName: name, volumeName: `${name}-data`,
      username: "app_user", passwordSealed: encryptValue(await secretKey(deps.config), password), databaseName: "app_db",
    },
  });
  const spec = addonContainerSpec({
    kind: opts.kind, plan: PLANS.small!, image: DATA_IMAGE, containerName: name, volumeName: `${name}-data`, networkName: opts.network, alias: name,
    username: "app_user", password, databaseName: "app_db",
    labels: { [LABEL.installation]: deps.installationId, [LABEL.role]: "addon" },
  });
  const c = await deps.docker.createContainer(spec);
  opts.made.push(addon);
  await c.start();
  await waitReady(deps.docker, { ...addon, password });
  return { ...addon, password };
}

/** Removes the add-on's container and its volume: the data is gone for good. */
async function destroyTestAddon(docker: Docker, addon: Pick<Addon, "containerName" | "volumeName">): Promise<void> {
  const gone = (err: unknown) => {
    if (dockerStatus(err) !== 404) throw err;
  };
  await docker.getContainer(addon.containerName).remove({ force: true }).catch(gone);
  await docker.getVolume(addon.volumeName).remove().catch(gone);
}

// Real add-on containers from pier/stack-data (infra/stack/build-data.sh), a real database and Redis.
const prefix = `pier-test-bk-${randomBytes(3).toString("hex")}`;
const network = `${prefix}-net`;
let deps: BackupDeps & { prisma: PrismaClient };
let dropDb: () => Promise<void>;
let dir: string;
let appId: string;
const made: Addon[] = [];

beforeAll(async () => {
  const db = await createTestDatabase({ prefix: "backups" });
  dropDb = db.drop;
  dir = await mkdtemp(join(tmpdir(), "pier-backups-"));
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/14", PIER_DATA_DIR: dir, PIER_SECRET_KEY: randomBytes(32).toString("base64") });
  const docker = new Dockerode({ socketPath: "/var/run/docker.sock" });
  await docker.getImage(DATA_IMAGE).inspect();
  deps = { prisma: createPrisma(db.url), redis: createRedis(config.redisUrl), config, docker, installationId: prefix, backupTarget: new LocalDirectoryTarget(join(dir, "backups")), log: () => {} };
  const owner = await deps.prisma.user.create({ data: { email: `${prefix}@example.com` } });
  appId = (await deps.prisma.app.create({ data: { name: `${prefix}-app`, ownerId: owner.id } })).id;
  await docker.createNetwork({ Name: network, Labels: { "pier.installation": prefix } });
});

afterAll(async () => {
  for (const a of made) await destroyTestAddon(deps.docker, a);
  await deps.docker.getNetwork(network).remove();
  await deps.redis.del(logStreamKey(`${prefix}-app`));
  deps.redis.disconnect();
  await deps.prisma.$disconnect();
  await dropDb();
  await rm(dir, { recursive: true, force: true });
});

async function addon(kind: AddonKind) {
  return startTestAddon(deps, { kind, appId, network, prefix, made });
}

async function backUp(a: Addon) {
  return captureBackup({ backupId: (await createBackupRecord(a, "manual", deps)).id }, deps);
}

const psql = (a: Addon & { password: string }, sql: string) => sh(deps.docker, a.containerName, ["psql", "-X", "-qAt", "-h", "127.0.0.1", "-U", "app_user", "-d", "app_db", "-c", sql], { PGPASSWORD: a.password });
const mysql = (a: Addon & { password: string }, sql: string) => sh(deps.docker, a.containerName, ["mariadb", "-h", "127.0.0.1", "-u", "app_user", "-N", "-B", "app_db", "-e", sql], { MYSQL_PWD: a.password });
const redis = (a: Addon & { password: string }, ...args: string[]) => sh(deps.docker, a.containerName, ["redis-cli", "--no-auth-warning", ...args], { REDISCLI_AUTH: a.password });

async function appLog(): Promise<string[]> {
  return (await readRecentLogs(deps.redis, `${prefix}-app`, { count: 100 })).lines.map((l) => l.text.slice(l.text.indexOf("]: ") + 3));
}

describe("backups round trip against real add-ons", () => {
  it("postgres: rows survive backup, destroying the add-on, and a restore into a new one", async () => {
    const a = await addon("postgres");
    await psql(a, "CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) SELECT 'note ' || g FROM generate_series(1, 500) g;");
    const backup = await backUp(a);
    expect(backup).toMatchObject({ state: "succeeded", name: "b001", error: null });
    expect(Number(backup.sizeBytes)).toBeGreaterThan(100);
    expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
    await destroyTestAddon(deps.docker, a);
    await deps.prisma.addon.update({ where: { id: a.id }, data: { state: "destroyed" } });

    const b = await addon("postgres");
    expect(await restoreBackup({ backupId: backup.id, targetAddonId: b.id }, deps)).toEqual({ ok: true, message: `Restored b001 of ${a.name} into ${b.name}.` });
    expect(await psql(b, "SELECT count(*), max(body) FROM notes")).toBe("500|note 99");
    expect(await appLog()).toContain(`Restored b001 of ${a.name} into ${b.name}`);
    // Restoring again over existing tables works: --clean drops what the dump recreates.
    await psql(b, "DELETE FROM notes WHERE id > 10");
    expect((await restoreBackup({ backupId: backup.id, targetAddonId: b.id }, deps)).ok).toBe(true);
    expect(await psql(b, "SELECT count(*) FROM notes")).toBe("500");
  });

  it("mysql: a dropped table comes back", { timeout: 300_000 }, async () => {
    const a = await addon("mysql");
    await mysql(a, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50)); INSERT INTO items VALUES (1, 'apple'), (2, 'pear'), (3, 'fig');");
    const backup = await backUp(a);
    expect(backup).toMatchObject({ state: "succeeded", error: null });
    await mysql(a, "DROP TABLE items");
    expect(await restoreBackup({ backupId: backup.id, targetAddonId: a.id }, deps)).toMatchObject({ ok: true });
    expect(await mysql(a, "SELECT GROUP_CONCAT(name ORDER BY id) FROM items")).toBe("apple,pear,fig");
  });

  it("redis: flushed keys come back after the server restarts on the snapshot, and persist", async () => {
    const a = await addon("redis");
    await redis(a, "SET", "greeting", "hello");
    await redis(a, "RPUSH", "queue", "a", "b", "c");
    const backup = await backUp(a);
    expect(backup).toMatchObject({ state: "succeeded", error: null });
    await redis(a, "FLUSHALL");
    await redis(a, "SET", "newer", "x");
    const outcome = await restoreBackup({ backupId: backup.id, targetAddonId: a.id }, deps);
    expect(outcome).toMatchObject({ ok: true });
    expect(await redis(a, "GET", "greeting")).toBe("hello");
    expect(await redis(a, "LRANGE", "queue", "0", "-1")).toBe("a\nb\nc");
    expect(await redis(a, "EXISTS", "newer")).toBe("0");
    expect(await redis(a, "CONFIG", "GET", "appendonly")).toBe("appendonly\nyes");
    // The append-only file was rebuilt from the restored data: a plain restart keeps it.
    await deps.docker.getContainer(a.containerName).restart();
    await waitReady(deps.docker, a);
    expect(await redis(a, "GET", "greeting")).toBe("hello");
  });

  it("a backup of a stopped add-on fails with the reason, in the record and in the app's log", async () => {
    const a = await addon("redis");
    await deps.docker.getContainer(a.containerName).stop();
    const backup = await backUp(a);
    expect(backup.state).toBe("failed");
    expect(backup.error).toMatch(/is not running/);
    expect(backup.finishedAt).not.toBeNull();
    expect(await appLog()).toContain(`Backup ${backup.name} of ${a.name} failed: ${backup.error}`);
    expect(await readFile(join(dir, "backups", backup.targetKey)).catch((e: NodeJS.ErrnoException) => e.code)).toBe("ENOENT");
  });

  it("a dump command that fails is a failed backup with its stderr, never a success", async () => {
    const a = await addon("postgres");
    // The add-on's recorded password no longer works (e.g. rotated outside Pier): pg_dump cannot log in.
    await deps.prisma.addon.update({ where: { id: a.id }, data: { passwordSealed: (await deps.prisma.addon.findUniqueOrThrow({ where: { id: made[0]!.id } })).passwordSealed } });
    const backup = await backUp(a);
    expect(backup.state).toBe("failed");
    expect(backup.error).toMatch(/^pg_dump exited with code 1: .*password authentication failed/);
  });

  it("a backup whose file changed is refused before the add-on is touched", async () => {
    const a = await addon("redis");
    await redis(a, "SET", "k", "v1");
    const backup = await backUp(a);
    await redis(a, "SET", "k", "v2");
    const file = join(dir, "backups", backup.targetKey);
    const bytes = await readFile(file);
    bytes[bytes.length - 9]! ^= 0x01;
    await writeFile(file, bytes);
    const outcome = await restoreBackup({ backupId: backup.id, targetAddonId: a.id }, deps);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/does not match its checksum.*was not changed/);
    expect(await redis(a, "GET", "k")).toBe("v2");
    expect(await appLog()).toContain(`Restore of ${backup.name} of ${a.name} into ${a.name} failed: ${outcome.message}`);
  });

  it("refuses a restore across kinds", async () => {
    const pg = await deps.prisma.addonBackup.findFirstOrThrow({ where: { state: "succeeded", addon: { kind: "postgres" } } });
    const r = await deps.prisma.addon.findFirstOrThrow({ where: { kind: "redis", state: "available" } });
    expect(await restoreBackup({ backupId: pg.id, targetAddonId: r.id }, deps)).toMatchObject({ ok: false, message: expect.stringMatching(/is a postgres backup; .* is redis/) });
  });

  it("the scheduled pass backs up due add-ons once per slot and applies retention", async () => {
    const a = await addon("redis");
    // Only this add-on is scheduled: the others get a disabled schedule.
    const others = await deps.prisma.addon.findMany({ where: { id: { not: a.id } } });
    for (const o of others) await deps.prisma.addonBackupSchedule.create({ data: { addonId: o.id, enabled: false, hourUtc: 0, retain: 1 } });
    await deps.prisma.addonBackupSchedule.create({ data: { addonId: a.id, enabled: true, hourUtc: 3, retain: 2 } });
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 4));
    const first = await runScheduledBackups(deps, day(20));
    expect(first.captured).toHaveLength(1);
    expect(first.failed).toEqual([]);
    // Same slot: nothing is due. (The record's createdAt is now, after day(20)'s slot.)
    expect((await runScheduledBackups(deps, day(20))).captured).toEqual([]);
    const backups = () => deps.prisma.addonBackup.findMany({ where: { addonId: a.id }, orderBy: { number: "asc" } });
    // Make the attempts look older so the next days' slots come due.
    const age = async () => deps.prisma.addonBackup.updateMany({ where: { addonId: a.id }, data: { createdAt: new Date(Date.UTC(2026, 10, 1)) } });
    await age();
    await runScheduledBackups(deps, day(21));
    await age();
    const third = await runScheduledBackups(deps, day(22));
    expect(third.pruned).toHaveLength(1);
    expect((await backups()).map((b) => [b.name, b.trigger, b.state])).toEqual([
      ["b002", "scheduled", "succeeded"],
      ["b003", "scheduled", "succeeded"],
    ]);
    expect(await readFile(join(dir, "backups", `${a.id}/b001.rdb.gz`)).catch((e: NodeJS.ErrnoException) => e.code)).toBe("ENOENT");
  });
});
