import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropDatabase, uniqueTestDatabaseUrl } from "./testing.js";

// Other processes load @pier/db from dist with plain node (the "default" export condition), from
// any working directory. Build it as `npm run build` does, then use it from a child process.

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const distIndex = pathToFileURL(`${packageDir}dist/index.js`).href;

const script = `
const db = await import(${JSON.stringify(distIndex)});
const url = process.env.PIER_TEST_DATABASE_URL;
await db.ensureDatabase(url);
const first = await db.migrateDeploy(url);
const second = await db.migrateDeploy(url);
const prisma = db.createPrisma(url);
const host = await prisma.host.create({ data: { name: "local", dockerUrl: "unix:///var/run/docker.sock", memoryBytes: 2n ** 40n } });
const found = await prisma.host.findUniqueOrThrow({ where: { name: "local" } });
await prisma.$disconnect();
console.log(JSON.stringify({ first: first.applied.length, second: second.applied.length, state: found.state,
  ready: db.HostState.ready, memory: String(found.memoryBytes), same: found.id === host.id }));
`;

describe("@pier/db from dist", () => {
  const url = uniqueTestDatabaseUrl("pier_db_dist");

  beforeAll(async () => {
    const env = { ...process.env, DATABASE_URL: "postgresql://generate:unused@127.0.0.1:5432/unused", CHECKPOINT_DISABLE: "1" };
    await run(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], { cwd: packageDir, env });
    await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: packageDir });
  });
  afterAll(async () => {
    await dropDatabase(url);
  });

  it("creates, migrates and uses a database from a plain node process in another cwd", async () => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: tmpdir(),
      env: { ...process.env, PIER_TEST_DATABASE_URL: url },
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toEqual({ first: expect.any(Number), second: 0, state: "ready", ready: "ready", memory: String(2n ** 40n), same: true });
    expect(result.first).toBeGreaterThan(0);
  });

  // What infra/start.mjs runs before it starts the API, worker and router.
  it("migrate-main.js creates and migrates the database in DATABASE_URL, then exits; says why it cannot", async () => {
    const migrateMain = `${packageDir}dist/migrate-main.js`;
    const fresh = uniqueTestDatabaseUrl("pier_db_migrate_main");
    try {
      const first = await run(process.execPath, [migrateMain], { cwd: tmpdir(), env: { ...process.env, DATABASE_URL: fresh } });
      expect(first.stdout).toMatch(/^applied migrations: \d{14}_\w+/);
      const second = await run(process.execPath, [migrateMain], { cwd: tmpdir(), env: { ...process.env, DATABASE_URL: fresh } });
      expect(second.stdout).toBe("");
    } finally {
      await dropDatabase(fresh);
    }
    const refused = run(process.execPath, [migrateMain], { cwd: tmpdir(), env: { ...process.env, DATABASE_URL: "postgresql://pier:secret@127.0.0.1:1/pier" } });
    await expect(refused).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^PostgreSQL is not reachable at postgresql:\/\/pier@127\.0\.0\.1:1\/pier/) });
    await expect(refused).rejects.not.toMatchObject({ stderr: expect.stringContaining("secret") });
  });
});
