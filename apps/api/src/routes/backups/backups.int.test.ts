import { createHash, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { execStreaming } from "@pier/backup-store";
import { LABEL } from "@pier/docker";
import { createRedis } from "@pier/queue";
import { BACKUP_QUEUE, captureBackup, createAddon, restoreBackup, type Actor, type BackupJob, type EngineDeps } from "@pier/use-cases";
import { Worker } from "bullmq";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

// The API through app.inject, a backup worker like the real one, a real Redis add-on in Docker.
const docker = new Dockerode({ socketPath: "/var/run/docker.sock" });
const installationId = `bk${randomBytes(3).toString("hex")}-0000-4000-8000-000000000000`;
let t: TestApi;
let worker: Worker<BackupJob>;
let addon: { name: string; containerName: string; password: string };
const app = `bk-${randomBytes(3).toString("hex")}`;
const base = () => `/apps/${app}/addons/${addon.name}/backups`;

async function redisCli(...args: string[]): Promise<string> {
  let out = "";
  const r = await execStreaming(docker, addon.containerName, { argv: ["redis-cli", "--no-auth-warning", ...args], env: { REDISCLI_AUTH: addon.password } }, async (s) => {
    for await (const c of s) out += (c as Buffer).toString();
  });
  if (r.exitCode !== 0) throw new Error(r.stderr);
  return out.trim();
}

async function waitFinished(id: string) {
  for (;;) {
    const res = await t.server.inject({ method: "GET", url: `${base()}/${id}`, headers: bearer(t.adminToken) });
    const b = res.json() as { state: string };
    if (b.state === "succeeded" || b.state === "failed") return res.json() as { name: string; state: string; sha256: string; size_bytes: number; error: string | null };
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  t = await startTestApi("backups_api", { PIER_SECRET_KEY: randomBytes(32).toString("base64") });
  const engine: EngineDeps = { ...t.deps, docker, installationId };
  worker = new Worker<BackupJob>(
    BACKUP_QUEUE,
    // The worker's processor in miniature; it returns the state, as the worker's does (a backup
    // record holds a BigInt size, which BullMQ cannot store as a job's result).
    async (job) => {
      if (job.data.action === "capture") return (await captureBackup(job.data, engine)).state;
      if (job.data.action === "restore") return restoreBackup(job.data, engine);
    },
    { connection: createRedis(t.config.redisUrl, { blocking: true }), concurrency: 1 },
  );
  const created = await t.server.inject({ method: "POST", url: "/apps", headers: bearer(t.adminToken), payload: { name: app } });
  expect(created.statusCode).toBe(201);
  const admin = await t.prisma.user.findFirstOrThrow({ where: { isAdmin: true } });
  const actor: Actor = { userId: admin.id, isAdmin: true };
  const view = await createAddon({ app, kind: "redis" }, actor, { ...engine, releaseQueue: t.deps.releaseQueue });
  const row = await t.prisma.addon.findUniqueOrThrow({ where: { name: view.name } });
  const vars = await t.server.inject({ method: "GET", url: `/apps/${app}/config-vars`, headers: bearer(t.adminToken) });
  addon = { name: row.name, containerName: row.containerName, password: decodeURIComponent(new URL((vars.json() as Record<string, string>).REDIS_URL!).password) };
});

afterAll(async () => {
  await worker?.close();
  const mine = { label: [`${LABEL.installation}=${installationId}`] };
  for (const c of await docker.listContainers({ all: true, filters: mine })) await docker.getContainer(c.Id).remove({ force: true });
  for (const v of (await docker.listVolumes({ filters: mine })).Volumes ?? []) await docker.getVolume(v.Name).remove();
  for (const n of await docker.listNetworks({ filters: mine })) await docker.getNetwork(n.Id).remove();
  await t?.close();
});

describe("backups API", () => {
  let first: { name: string; sha256: string; size_bytes: number };

  it("captures (202 pending, the worker finishes it), lists, and downloads with the checksum header", async () => {
    await redisCli("SET", "colour", "blue");
    const res = await t.server.inject({ method: "POST", url: base(), headers: bearer(t.adminToken) });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ name: "b001", state: "pending", trigger: "manual", addon: { name: addon.name, kind: "redis" } });
    first = await waitFinished("b001");
    expect(first).toMatchObject({ state: "succeeded", error: null });
    const list = await t.server.inject({ method: "GET", url: base(), headers: bearer(t.adminToken) });
    expect((list.json() as { name: string }[]).map((b) => b.name)).toEqual(["b001"]);

    const dl = await t.server.inject({ method: "GET", url: `${base()}/b001/download`, headers: bearer(t.adminToken) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-type"]).toBe("application/gzip");
    expect(dl.headers["content-disposition"]).toBe(`attachment; filename="${addon.name}-b001.rdb.gz"`);
    expect(dl.headers["x-checksum-sha256"]).toBe(first.sha256);
    expect(createHash("sha256").update(dl.rawPayload).digest("hex")).toBe(first.sha256);
    expect(dl.rawPayload.length).toBe(first.size_bytes);
    expect(gunzipSync(dl.rawPayload).subarray(0, 5).toString()).toBe("REDIS");
  });

  it("restores only with the add-on's name as confirmation, then the data is back", async () => {
    await redisCli("SET", "colour", "red");
    const unconfirmed = await t.server.inject({ method: "POST", url: `${base()}/b001/actions/restore`, headers: bearer(t.adminToken), payload: { confirm: "nope" } });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().message).toContain(`--confirm ${addon.name}`);
    const res = await t.server.inject({ method: "POST", url: `${base()}/b001/actions/restore`, headers: bearer(t.adminToken), payload: { confirm: addon.name } });
    expect(res.json()).toEqual({ message: `Restored b001 of ${addon.name} into ${addon.name}.` });
    expect(await redisCli("GET", "colour")).toBe("blue");
  });

  it("refuses to download or restore a file that no longer matches its checksum (409)", async () => {
    const row = await t.prisma.addonBackup.findFirstOrThrow({ where: { name: "b001", addon: { name: addon.name } } });
    const file = join(t.config.dataDir, "backups", row.targetKey);
    const good = await readFile(file);
    const bad = Buffer.from(good);
    bad[20]! ^= 0x40;
    await writeFile(file, bad);
    const dl = await t.server.inject({ method: "GET", url: `${base()}/b001/download`, headers: bearer(t.adminToken) });
    expect(dl.statusCode).toBe(409);
    expect(dl.json().message).toMatch(/does not match its checksum/);
    const restore = await t.server.inject({ method: "POST", url: `${base()}/b001/actions/restore`, headers: bearer(t.adminToken), payload: { confirm: addon.name } });
    expect(restore.statusCode).toBe(409);
    expect(restore.json().message).toMatch(/does not match its checksum.*was not changed/);
    await writeFile(file, good);
  });

  it("schedule: default, then changed; bad values refused", async () => {
    const url = `/apps/${app}/addons/${addon.name}/backup-schedule`;
    expect((await t.server.inject({ method: "GET", url, headers: bearer(t.adminToken) })).json()).toEqual({ enabled: true, hour_utc: 2, retain: 7, custom: false });
    expect((await t.server.inject({ method: "PATCH", url, headers: bearer(t.adminToken), payload: { hour_utc: 24 } })).statusCode).toBe(400);
    const changed = await t.server.inject({ method: "PATCH", url, headers: bearer(t.adminToken), payload: { hour_utc: 4, retain: 3 } });
    expect(changed.json()).toEqual({ enabled: true, hour_utc: 4, retain: 3, custom: true });
  });

  it("other users see nothing; delete removes the backup and its file", async () => {
    const other = await t.addUser(`other-${app}@example.com`);
    expect((await t.server.inject({ method: "GET", url: base(), headers: bearer(other.token) })).statusCode).toBe(404);
    expect((await t.server.inject({ method: "DELETE", url: `${base()}/b001`, headers: bearer(other.token) })).statusCode).toBe(404);
    const row = await t.prisma.addonBackup.findFirstOrThrow({ where: { name: "b001", addon: { name: addon.name } } });
    const del = await t.server.inject({ method: "DELETE", url: `${base()}/b001`, headers: bearer(t.adminToken) });
    expect(del.statusCode).toBe(200);
    expect((await t.server.inject({ method: "GET", url: `${base()}/b001`, headers: bearer(t.adminToken) })).statusCode).toBe(404);
    await expect(readFile(join(t.config.dataDir, "backups", row.targetKey))).rejects.toThrow(/ENOENT/);
  });
});
