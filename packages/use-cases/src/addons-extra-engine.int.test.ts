import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ADDON_PORT_BASE, appNetworkName } from "@pier/addon-core";
import { parseConfig } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { containerLogsTail, LABEL, runOnce } from "@pier/docker";
import { createRedis } from "@pier/queue";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintainAddons } from "./addons-maintenance.js";
import { addonPublishing } from "./addons-remote.js";
import type { AddonDeps } from "./addons-view.js";
import { createAddon } from "./addons.js";
import { getConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";
import { runInstanceContainer } from "./instance-runner.js";

// An extra Docker engine (infra/lib/extra-engine.sh, engine 46) in its own network namespace:
// add-ons on it survive its restarts and crashes (the shared engine other tests use is never
// restarted), and it stands in for another host whose instances reach an add-on on this machine.
const ENGINE = 46;
const ENGINE_SCRIPT = resolve(import.meta.dirname, "../../../infra/lib/extra-engine.sh");
const engine = new Dockerode({ socketPath: `/run/pier-engines/${ENGINE}/docker.sock` });
const prefix = `t${randomBytes(3).toString("hex")}`;
const app = `${prefix}-shop`;
let deps: AddonDeps;
let actor: Actor;
let dropDb: () => Promise<void>;
let dir: string;
let network: string;
const names = { postgres: "", redis: "" };

const run = promisify(execFile);
const engineScript = (action: "up" | "restart" | "kill" | "down") => run("bash", [ENGINE_SCRIPT, action, String(ENGINE)], { timeout: 120_000 });
const local = new Dockerode({ socketPath: "/var/run/docker.sock" });

/** A client from the data image on the app's network on the engine, as an app's instance would be. */
async function client(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const { exitCode } = await runOnce(
    engine,
    { name: `${prefix}-client-${randomBytes(3).toString("hex")}`, image: deps.config.addons.image, cmd: argv, env: {}, labels: { [LABEL.role]: "release", [LABEL.installation]: deps.installationId }, memoryBytes: 256 * 1024 ** 2, networkMode: network },
    { timeoutMs: 60_000, onLine: (l) => lines.push(l) },
  );
  return { code: exitCode, out: lines.join("\n") };
}

const vars = async () => getConfigVars({ app }, actor, deps);
const psql = async (sql: string) => client(["psql", (await vars()).DATABASE_URL!, "-XAtqc", sql]);
const redis = async (...args: string[]) => client(["redis-cli", "--no-auth-warning", "-u", (await vars()).REDIS_URL!, ...args]);
const containerOf = async (name: string) => (await deps.prisma.addon.findUniqueOrThrow({ where: { name } })).containerName;
const state = async (name: string) => (await engine.getContainer(await containerOf(name)).inspect()).State;

/** Polls until `check` holds (servers come back in seconds; the machine may be loaded). */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Both servers answer with the marker written before, through the URLs the app was given. */
async function dataReadsBack(): Promise<void> {
  await eventually("PostgreSQL answers with the marker", async () => ((await psql("SELECT body FROM marker")).out === "kept" ? true : undefined));
  await eventually("Redis answers with the marker", async () => ((await redis("GET", "marker")).out === "kept" ? true : undefined));
}

let systemId = "";

/** `docker save | docker load` of the data image from the shared engine into the test's (~10 s). */
async function loadDataImage(image: string): Promise<void> {
  if (await engine.getImage(image).inspect().then(() => true, () => false)) return;
  const tar = await local.getImage(image).get();
  const response = await engine.loadImage(tar, { quiet: true });
  await new Promise<void>((resolve, reject) => response.on("end", resolve).on("error", reject).resume());
  await engine.getImage(image).inspect();
}

beforeAll(async () => {
  const engineUp = engineScript("up");
  const db = await createTestDatabase();
  dropDb = db.drop;
  dir = await mkdtemp(join(tmpdir(), "pier-addons-engine-"));
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/13", PIER_DATA_DIR: dir, PIER_SECRET_KEY: randomBytes(32).toString("base64") });
  await engineUp;
  await loadDataImage(config.addons.image);
  const releaseQueue = { add: () => Promise.reject(new Error("no deploy expected")) } as unknown as AddonDeps["releaseQueue"];
  deps = { prisma: createPrisma(db.url), redis: createRedis(config.redisUrl), config, docker: engine, installationId: `${prefix}-0000-4000-8000-000000000000`, releaseQueue, log: () => {} };
  const user = await deps.prisma.user.create({ data: { email: `${prefix}@example.com` } });
  actor = { userId: user.id, isAdmin: false };
  network = appNetworkName((await deps.prisma.app.create({ data: { name: app, ownerId: user.id } })).id);
}, 300_000);

afterAll(async () => {
  // What this file made on the engine goes with it (and so does the route to its bridge).
  await engineScript("down");
  const mine = { label: [`${LABEL.installation}=${deps.installationId}`] };
  for (const c of await local.listContainers({ all: true, filters: mine })) await local.getContainer(c.Id).remove({ force: true });
  for (const v of (await local.listVolumes({ filters: mine })).Volumes ?? []) await local.getVolume(v.Name).remove();
  for (const n of await local.listNetworks({ filters: mine })) await local.getNetwork(n.Id).remove();
  await deps?.prisma.$disconnect();
  deps?.redis.disconnect();
  await dropDb?.();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

describe("add-ons across restarts of their Docker engine", () => {
  it("PostgreSQL and Redis are provisioned on the engine and hold a marker", async () => {
    names.postgres = (await createAddon({ app, kind: "postgres" }, actor, deps)).name;
    names.redis = (await createAddon({ app, kind: "redis" }, actor, deps)).name;
    expect(await psql("CREATE TABLE marker (body text); INSERT INTO marker VALUES ('kept'); SELECT body FROM marker")).toEqual({ code: 0, out: "kept" });
    expect(await redis("SET", "marker", "kept")).toEqual({ code: 0, out: "OK" });
    // initdb picks a new system identifier: the same one afterwards means the cluster was not re-initialised.
    systemId = (await psql("SELECT system_identifier FROM pg_control_system()")).out;
    expect(systemId).toMatch(/^\d{10,}$/);
  });

  it("a service restart of Docker: the restart policy starts the running server again, the maintenance pass one stopped before; data, credentials and cluster intact", async () => {
    const before = (await state(names.postgres)).StartedAt;
    // Stopped by hand (as `docker stop` would): unless-stopped keeps it down across the restart.
    await engine.getContainer(await containerOf(names.redis)).stop();
    await engineScript("restart");
    await eventually("postgres running again", async () => {
      const s = await state(names.postgres);
      return s.Running && s.StartedAt !== before ? true : undefined;
    });
    expect((await state(names.redis)).Running).toBe(false);
    // Docker restarted PostgreSQL: the maintenance pass only has Redis to start.
    expect(await maintainAddons(deps)).toEqual([`start ${names.redis}`]);
    expect((await state(names.redis)).Running).toBe(true);
    await dataReadsBack();
    expect((await psql("SELECT system_identifier FROM pg_control_system()")).out).toBe(systemId);
  });

  it("the host crashes (everything SIGKILLed) and comes back: the restart policy starts both servers; nothing lost", async () => {
    await redis("SET", "after-restart", "yes");
    await engineScript("kill");
    await engineScript("up");
    for (const kind of ["postgres", "redis"] as const) await eventually(`${kind} running again`, async () => ((await state(names[kind])).Running ? true : undefined));
    expect(await maintainAddons(deps)).toEqual([]);
    await dataReadsBack();
    expect((await redis("GET", "after-restart")).out).toBe("yes");
    expect((await psql("SELECT system_identifier FROM pg_control_system()")).out).toBe(systemId);
  });
});

describe("an add-on on this machine, reached from an instance on another host", () => {
  const remoteApp = `${prefix}-remote`;

  it("is published on its host's address only; the instance on engine 46 gets a URL for that address and reads the data", async () => {
    // Seen from engine 46, this machine is 10.231.46.1: the local host's address here
    // (extra-engine.sh routes the replies to its containers back through the namespace).
    const localDeps = { ...deps, docker: local };
    await deps.prisma.host.create({ data: { name: "local", dockerUrl: "unix:///var/run/docker.sock", address: `10.231.${ENGINE}.1` } });
    const other = await deps.prisma.host.create({ data: { name: "engine-b", dockerUrl: `unix:///run/pier-engines/${ENGINE}/docker.sock`, address: `10.231.${ENGINE}.2` } });
    const appRow = await deps.prisma.app.create({ data: { name: remoteApp, ownerId: actor.userId } });
    const addon = await createAddon({ app: remoteApp, kind: "redis" }, actor, localDeps);
    const row = await deps.prisma.addon.findUniqueOrThrow({ where: { name: addon.name } });
    expect(row.publishedPort).toBe(ADDON_PORT_BASE);
    expect((await local.getContainer(row.containerName).inspect()).HostConfig.PortBindings).toEqual({ "6379/tcp": [{ HostIp: `10.231.${ENGINE}.1`, HostPort: String(ADDON_PORT_BASE) }] });
    const url = (await getConfigVars({ app: remoteApp }, actor, deps)).REDIS_URL!;
    const lines: string[] = [];
    const set = await runOnce(
      local,
      { name: `${prefix}-client-set`, image: deps.config.addons.image, cmd: ["redis-cli", "--no-auth-warning", "-u", url, "SET", "marker", "from-this-host"], env: {}, labels: { [LABEL.role]: "release", [LABEL.installation]: deps.installationId }, memoryBytes: 256 * 1024 ** 2, networkMode: appNetworkName(appRow.id) },
      { timeoutMs: 60_000, onLine: (l) => lines.push(l) },
    );
    expect([set.exitCode, lines.join("")]).toEqual([0, "OK"]);

    // The app's release (the data image as its image), one worker instance on engine-b, started
    // the way the reconciler starts instances.
    const latest = await deps.prisma.release.findFirstOrThrow({ where: { appId: appRow.id }, orderBy: { version: "desc" } });
    const release = await deps.prisma.release.update({
      where: { id: latest.id },
      data: { imageTag: deps.config.addons.image, processTypes: { worker: ["sh", "-c", 'echo "url=$REDIS_URL"; redis-cli --no-auth-warning -u "$REDIS_URL" GET marker; exec sleep 600'] } },
    });
    const inst = await deps.prisma.instance.create({ data: { appId: appRow.id, releaseId: release.id, hostId: other.id, type: "worker", number: 1 }, include: { host: true } });
    const { containerId } = await runInstanceContainer(inst, appRow, release, localDeps);
    const out = await eventually("the instance's output", async () => {
      const tail = await containerLogsTail(engine, containerId, 10);
      return /from-this-host|Could not connect|NOAUTH|WRONGPASS/.test(tail) ? tail : undefined;
    });
    expect(out).toContain(`url=${url.replace(`@${addon.name}:6379`, `@10.231.${ENGINE}.1:${ADDON_PORT_BASE}`)}`);
    expect(out).toContain("from-this-host");
  });

  it("add-ons provisioned at once on one host claim different ports", async () => {
    const host = await deps.prisma.host.findUniqueOrThrow({ where: { name: "local" } });
    const rows = await Promise.all(["a", "b", "c"].map((n) => deps.prisma.addon.create({
      data: { name: `${prefix}-claim-${n}`, kind: "redis", plan: "small", state: "provisioning", hostId: host.id, containerName: "none", volumeName: "none", username: "u", passwordSealed: "x", databaseName: "d" },
    })));
    const claimed = await Promise.all(rows.map((r) => addonPublishing(r, deps)));
    expect(claimed.map((c) => c?.port).sort()).toEqual([ADDON_PORT_BASE + 1, ADDON_PORT_BASE + 2, ADDON_PORT_BASE + 3]);
    expect(claimed.every((c) => c?.ip === `10.231.${ENGINE}.1`)).toBe(true);
  });
});
