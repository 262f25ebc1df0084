import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appNetworkName } from "@pier/addon-core";
import { parseConfig } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { LABEL, runOnce } from "@pier/docker";
import { createRedis } from "@pier/queue";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachAddon, rotateAddonCredentials } from "./addons-attach.js";
import { destroyAddon, restoreAddon } from "./addons-lifecycle.js";
import { listAttachments } from "./addons-attachments.js";
import { maintainAddons } from "./addons-maintenance.js";
import type { AddonDeps } from "./addons-view.js";
import { addonInfo, createAddon, listAddons } from "./addons.js";
import { getConfigVars, updateConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";

// Real Docker, real servers from pier/stack-data, clients in one-off containers like an app's.
const docker = new Dockerode({ socketPath: "/var/run/docker.sock" });
const prefix = `t${randomBytes(3).toString("hex")}`;
let deps: AddonDeps;
let actor: Actor;
let dropDb: () => Promise<void>;
let dir: string;

/** Runs a client from the data image on `network` (an app's, or the default bridge); exit code + output. */
async function client(network: string | undefined, argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { exitCode } = await runOnce(
    docker,
    { name: `${prefix}-client-${randomBytes(3).toString("hex")}`, image: deps.config.addons.image, cmd: argv, env: {}, labels: { [LABEL.role]: "release", [LABEL.installation]: deps.installationId }, memoryBytes: 256 * 1024 ** 2, ...(network ? { networkMode: network } : {}) },
    { timeoutMs: 60_000, onLine: (l) => lines.push(l) },
  );
  return { code: exitCode, out: lines.join("\n") };
}

const vars = (app: string) => getConfigVars({ app }, actor, deps);
const psql = (network: string | undefined, url: string, sql: string) => client(network, ["psql", url, "-XAtqc", sql]);

beforeAll(async () => {
  const db = await createTestDatabase();
  dropDb = db.drop;
  dir = await mkdtemp(join(tmpdir(), "pier-addons-"));
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/13", PIER_DATA_DIR: dir, PIER_SECRET_KEY: randomBytes(32).toString("base64"), PIER_ADDON_GRACE: "3600" });
  // No app here has an image, so releases need no deploy and the queue is never used.
  const releaseQueue = { add: () => Promise.reject(new Error("no deploy expected")) } as unknown as AddonDeps["releaseQueue"];
  deps = { prisma: createPrisma(db.url), redis: createRedis(config.redisUrl), config, docker, installationId: `${prefix}-0000-4000-8000-000000000000`, releaseQueue, log: () => {} };
  const user = await deps.prisma.user.create({ data: { email: `${prefix}@example.com` } });
  actor = { userId: user.id, isAdmin: false };
  for (const name of ["shop", "other"]) await deps.prisma.app.create({ data: { name: `${prefix}-${name}`, ownerId: user.id } });
});

afterAll(async () => {
  const mine = { label: [`${LABEL.installation}=${deps.installationId}`] };
  for (const c of await docker.listContainers({ all: true, filters: mine })) await docker.getContainer(c.Id).remove({ force: true });
  for (const v of (await docker.listVolumes({ filters: { label: [`${LABEL.installation}=${deps.installationId}`] } })).Volumes ?? []) await docker.getVolume(v.Name).remove();
  for (const n of await docker.listNetworks({ filters: mine })) await docker.getNetwork(n.Id).remove();
  await deps.prisma.$disconnect();
  deps.redis.disconnect();
  await dropDb();
  await rm(dir, { recursive: true, force: true });
});

describe("PostgreSQL add-on", () => {
  const app = () => `${prefix}-shop`;
  let name: string;
  let network: string;

  it("is provisioned, sets DATABASE_URL and answers on the app's network only", async () => {
    const addon = await createAddon({ app: app(), kind: "postgres" }, actor, deps);
    name = addon.name;
    expect(addon).toMatchObject({ state: "provisioned", pier_state: "available", kind: "postgres", config_vars: ["DATABASE_URL"], plan: { name: "postgres:small" } });
    expect(addon.version).toMatch(/^15\./);
    const url = (await vars(app())).DATABASE_URL!;
    expect(url).toMatch(new RegExp(`^postgres://u[0-9a-f]+:[A-Za-z0-9]+@${name}:5432/d[0-9a-f]+$`));
    network = appNetworkName((await deps.prisma.app.findUniqueOrThrow({ where: { name: app() } })).id);
    expect(await psql(network, url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept'); SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
    // Not from the default bridge: the name does not resolve, and the address is not routed.
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name } });
    const ip = (await docker.getContainer(row.containerName).inspect()).NetworkSettings.Networks[network]!.IPAddress;
    expect((await psql(undefined, url, "SELECT 1")).code).not.toBe(0);
    expect((await client(undefined, ["pg_isready", "-t", "3", "-h", ip, "-p", "5432"])).code).not.toBe(0);
  });

  it("reports version, size and connections", async () => {
    const info = await addonInfo({ app: app(), addon: name }, actor, deps);
    expect(info.runtime).toMatchObject({ version: expect.stringMatching(/^15\./), connections: 0 });
    expect(info.runtime.sizeBytes).toBeGreaterThan(1_000_000);
  });

  it("rotates credentials: the old URL stops working, the new one reaches the same data", async () => {
    const old = (await vars(app())).DATABASE_URL!;
    await rotateAddonCredentials({ app: app(), addon: name }, actor, deps);
    const rotated = (await vars(app())).DATABASE_URL!;
    expect(rotated).not.toBe(old);
    expect((await psql(network, old, "SELECT 1")).code).not.toBe(0);
    expect(await psql(network, rotated, "SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
  });

  it("comes back with its data when the server dies or its container is removed", async () => {
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name } });
    const url = (await vars(app())).DATABASE_URL!;
    // Stopped behind Pier's back: the maintenance pass starts it again.
    await docker.getContainer(row.containerName).stop();
    expect(await maintainAddons(deps)).toContain(`start ${name}`);
    expect(await psql(network, url, "SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
    // Removed: recreated on the kept volume.
    await docker.getContainer(row.containerName).remove({ force: true });
    expect(await maintainAddons(deps)).toContain(`recreate ${name}`);
    expect(await psql(network, url, "SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
    // The server process crashes: Docker's restart policy brings it back, data intact.
    const container = docker.getContainer(row.containerName);
    const before = (await container.inspect()).RestartCount;
    const kill = await container.exec({ Cmd: ["sh", "-c", "kill -KILL $(head -n 1 /var/lib/pier-data/postgres/postmaster.pid)"], User: "10002" });
    await kill.start({ Detach: true });
    const deadline = Date.now() + 60_000;
    while ((await container.inspect()).RestartCount === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect((await container.inspect()).RestartCount).toBeGreaterThan(before);
    let read = await psql(network, url, "SELECT body FROM notes");
    while (read.code !== 0 && Date.now() < deadline) read = await psql(network, url, "SELECT body FROM notes");
    expect(read).toEqual({ code: 0, out: "kept" });
  });

  it("is destroyed only with its name as confirmation, keeps its volume, and is restored with its data", async () => {
    await expect(destroyAddon({ app: app(), addon: name, confirm: "nope" }, actor, deps)).rejects.toThrow(/needs confirmation/);
    const destroyed = await destroyAddon({ app: app(), addon: name, confirm: name }, actor, deps);
    expect(destroyed).toMatchObject({ state: "deprovisioned", pier_state: "destroyed", config_vars: [] });
    expect(new Date(destroyed.purge_after!).getTime() - new Date(destroyed.destroyed_at!).getTime()).toBe(3600_000);
    expect((await vars(app())).DATABASE_URL).toBeUndefined();
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name } });
    await expect(docker.getContainer(row.containerName).inspect()).rejects.toThrow();
    await docker.getVolume(row.volumeName).inspect();

    const restored = await restoreAddon({ app: app(), addon: name }, actor, deps);
    expect(restored).toMatchObject({ pier_state: "available", config_vars: ["DATABASE_URL"], purge_after: null });
    expect(await psql(network, (await vars(app())).DATABASE_URL!, "SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
  });

  it("is attached to another app: same server on that app's network, under its own name", async () => {
    const other = `${prefix}-other`;
    const view = await attachAddon({ addon: name, to: other, as: "main-db" }, actor, deps);
    expect(view.attachments.map((a) => [a.app.name, a.config_var]).sort()).toEqual([[other, "MAIN_DB_URL"], [app(), "DATABASE_URL"]]);
    const otherNetwork = appNetworkName((await deps.prisma.app.findUniqueOrThrow({ where: { name: other } })).id);
    expect(await psql(otherNetwork, (await vars(other)).MAIN_DB_URL!, "SELECT body FROM notes")).toEqual({ code: 0, out: "kept" });
    expect((await listAddons({ app: other }, actor, deps)).map((a) => a.name)).toEqual([name]);
  });

  it("past its grace period, a destroyed add-on's volume is purged", async () => {
    await destroyAddon({ app: app(), addon: name, confirm: name }, actor, deps);
    expect((await vars(`${prefix}-other`)).MAIN_DB_URL).toBeUndefined();
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name } });
    expect(await maintainAddons(deps, new Date(Date.now() + 2 * 3600_000))).toContain(`purge-volume ${name}`);
    await expect(docker.getVolume(row.volumeName).inspect()).rejects.toThrow();
    await expect(restoreAddon({ app: app(), addon: name }, actor, deps)).rejects.toThrow(/was deleted/);
  });
});

describe.each([
  ["redis", "REDIS_URL", (url: string) => ["sh", "-c", 'redis-cli --no-auth-warning -u "$0" SET greeting hi >/dev/null && redis-cli --no-auth-warning -u "$0" GET greeting', url]],
  ["mysql", "MYSQL_URL", (url: string) => {
    const u = new URL(url);
    return ["mariadb", "-h", u.hostname, "-u", u.username, `-p${decodeURIComponent(u.password)}`, u.pathname.slice(1), "-Nse", "CREATE TABLE t (v text); INSERT INTO t VALUES ('hi'); SELECT v FROM t"];
  }],
] as const)("%s add-on", (kind, varName, argv) => {
  it(`is provisioned, sets ${varName} and stores data reachable from the app's network`, async () => {
    const app = `${prefix}-shop`;
    const addon = await createAddon({ app, kind, plan: "small" }, actor, deps);
    expect(addon).toMatchObject({ pier_state: "available", config_vars: [varName] });
    const network = appNetworkName((await deps.prisma.app.findUniqueOrThrow({ where: { name: app } })).id);
    expect(await client(network, argv((await vars(app))[varName]!))).toEqual({ code: 0, out: "hi" });
    const info = await addonInfo({ app, addon: addon.name }, actor, deps);
    expect(info.runtime.version).toMatch(/^\d+\.\d+/);
  });
});

describe("failures", () => {
  it("refuses unknown kinds and plans before touching Docker", async () => {
    await expect(createAddon({ app: `${prefix}-shop`, kind: "mongodb" }, actor, deps)).rejects.toThrow(/no "mongodb" add-on/);
    await expect(createAddon({ app: `${prefix}-shop`, kind: "redis", plan: "huge" }, actor, deps)).rejects.toThrow(/choose small or standard/);
  });

  it("a server that cannot start leaves the add-on failed with the reason and no config var", async () => {
    const app = `${prefix}-other`;
    const broken = { ...deps, config: { ...deps.config, addons: { ...deps.config.addons, image: "pier/no-such-image:none" } } };
    await expect(createAddon({ app, kind: "postgres", name: `${prefix}-broken` }, actor, broken)).rejects.toThrow(/could not be provisioned/);
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name: `${prefix}-broken` } });
    expect(row).toMatchObject({ state: "failed", error: expect.stringMatching(/Provisioning failed: .*no-such-image/) });
    expect(Object.keys(await vars(app))).toEqual([]);
  });
});

describe("a provisioning interrupted by a dying API", () => {
  const app = () => `${prefix}-other`;
  const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

  /** Puts a freshly created add-on back where a create that died before attaching leaves it. */
  async function interrupted(name: string, as: string) {
    await createAddon({ app: app(), kind: "redis", name, as }, actor, deps);
    await updateConfigVars({ app: app(), changes: { [`${as}_URL`]: null } }, actor, deps);
    await deps.prisma.addonAttachment.deleteMany({ where: { addon: { name } } });
    return deps.prisma.addon.update({ where: { name }, data: { state: "provisioning", version: null } });
  }

  it("is finished by the maintenance pass once it is stale and its server runs: available, config var under its --as name", async () => {
    const name = `${prefix}-cache`;
    const row = await interrupted(name, "CACHE");
    expect(row.attachAs).toBe("CACHE");
    // Still within the time a live createAddon may take: left alone.
    expect((await maintainAddons(deps, later(1))).filter((l) => l.includes(name))).toEqual([]);
    expect((await deps.prisma.addon.findUniqueOrThrow({ where: { name } })).state).toBe("provisioning");
    expect(await maintainAddons(deps, later(10))).toContain(`finish-provisioning ${name}`);
    expect(await deps.prisma.addon.findUniqueOrThrow({ where: { name } })).toMatchObject({ state: "available", version: expect.stringMatching(/^\d+\.\d+/) });
    const network = appNetworkName((await deps.prisma.app.findUniqueOrThrow({ where: { name: app() } })).id);
    const cacheUrl = (await vars(app())).CACHE_URL!;
    expect(cacheUrl).toMatch(new RegExp(`^redis://default:[A-Za-z0-9]+@${name}:6379$`));
    expect(await client(network, ["redis-cli", "--no-auth-warning", "-u", cacheUrl, "PING"])).toEqual({ code: 0, out: "PONG" });
    // Settled: the next pass has nothing to do for it.
    expect((await maintainAddons(deps, later(10))).filter((l) => l.includes(name))).toEqual([]);
    // Heroku's addon-attachments (what `heroku addons` reads) show it, for the app and for the caller.
    const brief = (a: Awaited<ReturnType<typeof listAttachments>>[number]) => [a.name, a.app.name, a.addon.name, a.addon.app?.name, a.config_vars];
    expect((await listAttachments({ app: app() }, actor, deps)).map(brief)).toContainEqual(["CACHE", app(), name, app(), ["CACHE_URL"]]);
    expect((await listAttachments({}, actor, deps)).map((a) => a.name)).toContain("CACHE");
    expect(await listAttachments({}, { userId: (await deps.prisma.user.create({ data: { email: `${prefix}-x@example.com` } })).id, isAdmin: false }, deps)).toEqual([]);
  });

  it("whose server is gone becomes failed with the reason: no config var, no volume", async () => {
    const name = `${prefix}-lost`;
    const row = await interrupted(name, "LOST");
    await docker.getContainer(row.containerName).remove({ force: true });
    expect(await maintainAddons(deps, later(10))).toContain(`fail-provisioning ${name}`);
    expect(await deps.prisma.addon.findUniqueOrThrow({ where: { name } })).toMatchObject({
      state: "failed",
      error: "Provisioning was interrupted (Pier stopped while it ran) and its server's container is gone.",
    });
    expect((await vars(app())).LOST_URL).toBeUndefined();
    await expect(docker.getVolume(row.volumeName).inspect()).rejects.toThrow();
  });
});
