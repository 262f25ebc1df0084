import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { appNetworkName } from "@pier/addon-core";
import { parseConfig } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { LABEL, runOnce } from "@pier/docker";
import { createRedis } from "@pier/queue";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintainAddons } from "./addons-maintenance.js";
import type { AddonDeps } from "./addons-view.js";
import { createAddon } from "./addons.js";
import { getConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";

// Add-ons on their own Docker engine (infra/lib/extra-engine.sh, engine 46), which is restarted
// as a service and killed like a crashing host: the shared engine other tests use is never touched.
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

const engineScript = (action: "up" | "restart" | "kill" | "down") => promisify(execFile)("bash", [ENGINE_SCRIPT, action, String(ENGINE)], { timeout: 120_000 });

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
  const tar = await new Dockerode({ socketPath: "/var/run/docker.sock" }).getImage(image).get();
  const response = await engine.loadImage(tar, { quiet: true });
  await new Promise<void>((resolve, reject) => response.on("end", resolve).on("error", reject).resume());
  await engine.getImage(image).inspect();
}

beforeAll(async () => {
  await engineScript("up");
  const db = await createTestDatabase();
  dropDb = db.drop;
  dir = await mkdtemp(join(tmpdir(), "pier-addons-engine-"));
  const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/13", PIER_DATA_DIR: dir, PIER_SECRET_KEY: randomBytes(32).toString("base64") });
  await loadDataImage(config.addons.image);
  const releaseQueue = { add: () => Promise.reject(new Error("no deploy expected")) } as unknown as AddonDeps["releaseQueue"];
  deps = { prisma: createPrisma(db.url), redis: createRedis(config.redisUrl), config, docker: engine, installationId: `${prefix}-0000-4000-8000-000000000000`, releaseQueue, log: () => {} };
  const user = await deps.prisma.user.create({ data: { email: `${prefix}@example.com` } });
  actor = { userId: user.id, isAdmin: false };
  network = appNetworkName((await deps.prisma.app.create({ data: { name: app, ownerId: user.id } })).id);
}, 300_000);

afterAll(async () => {
  // Everything this file made lives on the engine, which goes with it.
  await engineScript("down");
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
    const dockerd = (await readFile(`/run/pier-engines/${ENGINE}/dockerd.pid`, "utf8")).trim();
    await engineScript("kill");
    // Until init reaps the killed dockerd (a zombie meanwhile), a new one refuses its pid file.
    await eventually("the killed dockerd reaped", () => access(`/proc/${dockerd}`).then(() => undefined, () => true), 30_000);
    await engineScript("up");
    for (const kind of ["postgres", "redis"] as const) await eventually(`${kind} running again`, async () => ((await state(names[kind])).Running ? true : undefined));
    expect(await maintainAddons(deps)).toEqual([]);
    await dataReadsBack();
    expect((await redis("GET", "after-restart")).out).toBe("yes");
    expect((await psql("SELECT system_identifier FROM pg_control_system()")).out).toBe(systemId);
  });
});
