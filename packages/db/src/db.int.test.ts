import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma, ReleaseStatus, createPrisma, ensureDatabase, migrateDeploy } from "./index.js";
import { databaseNameOf, withDatabase } from "./database-url.js";
import { dropDatabase, testServerUrl, uniqueTestDatabaseUrl } from "./testing.js";

// The life of Pier's database at process start, against the real PostgreSQL of the test server:
// create the database, migrate it (twice), then use it through the Prisma client.

async function databaseExists(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseNameOf(databaseUrl)]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("@pier/db against PostgreSQL", () => {
  const url = uniqueTestDatabaseUrl("pier_db_int");
  const prisma = createPrisma(url);

  afterAll(async () => {
    await prisma.$disconnect();
    await dropDatabase(url);
    expect(await databaseExists(url)).toBe(false);
  });

  it("ensureDatabase creates the database, and a second call is a no-op", async () => {
    expect(await databaseExists(url)).toBe(false);
    await ensureDatabase(url);
    expect(await databaseExists(url)).toBe(true);
    await ensureDatabase(url);
    expect(await databaseExists(url)).toBe(true);
  });

  it("migrateDeploy applies the migrations once; the second run applies nothing", async () => {
    const first = await migrateDeploy(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toMatch(/_init$/);
    const started = Date.now();
    const second = await migrateDeploy(url);
    expect(second.applied).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("round-trips a user, an app and release v1; (appId, version) is unique", async () => {
    const user = await prisma.user.create({ data: { email: "dev@example.test", name: "Dev" } });
    const app = await prisma.app.create({ data: { name: "shop", ownerId: user.id } });
    const release = await prisma.release.create({
      data: { appId: app.id, version: 1, processTypes: { web: ["gunicorn", "app:app"] }, description: "Deploy abc123" },
    });
    expect(release.status).toBe(ReleaseStatus.pending);

    const found = await prisma.app.findUniqueOrThrow({ where: { name: "shop" }, include: { releases: true, owner: true } });
    expect(found.owner.email).toBe("dev@example.test");
    expect(found.releases.map((r) => [r.version, r.processTypes])).toEqual([[1, { web: ["gunicorn", "app:app"] }]]);

    const duplicate = prisma.release.create({ data: { appId: app.id, version: 1 } });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.release.count({ where: { appId: app.id } })).toBe(1);

    const v2 = await prisma.release.create({ data: { appId: app.id, version: 2, status: ReleaseStatus.succeeded } });
    expect(v2.version).toBe(2);
  });
});

describe("ensureDatabase errors", () => {
  const server = new URL(testServerUrl());

  it("names the URL without its password when the credentials are wrong", async () => {
    const wrong = new URL(server.href);
    wrong.password = "definitely-not-the-password";
    wrong.pathname = "/pier_db_int_never";
    const attempt = ensureDatabase(wrong.href);
    await expect(attempt).rejects.toThrow(/^PostgreSQL rejected the credentials in postgresql:\/\/[^:@]+@.*\/pier_db_int_never /);
    await expect(attempt).rejects.not.toThrow(/definitely-not-the-password/);
  });

  it("says PostgreSQL is not reachable when nothing listens on the port", async () => {
    const closed = new URL(server.href);
    closed.hostname = "127.0.0.1";
    closed.port = "1";
    await expect(ensureDatabase(closed.href)).rejects.toThrow(/^PostgreSQL is not reachable at postgresql:\/\/[^:@]+@127\.0\.0\.1:1\//);
  });
});
