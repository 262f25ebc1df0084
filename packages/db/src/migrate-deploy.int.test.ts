import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureDatabase } from "./ensure-database.js";
import { migrateDeploy } from "./migrate-deploy.js";
import { migrationChecksum } from "./migration-files.js";
import { dropDatabase, uniqueTestDatabaseUrl } from "./testing.js";

// The runner's contract beyond the happy path, on throw-away databases and migration folders.

type Row = { migration_name: string; checksum: string; finished_at: Date | null; logs: string | null; applied_steps_count: number };

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const historyOf = (url: string) =>
  query<Row>(url, `SELECT migration_name, checksum, finished_at, logs, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at`);

describe("migrateDeploy", () => {
  const created: string[] = [];
  let dir: string;
  let url: string;

  async function addMigration(name: string, sql: string): Promise<void> {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pier-migrations-"));
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    url = uniqueTestDatabaseUrl("pier_db_migrate");
    created.push(url);
    await ensureDatabase(url);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await Promise.all(created.map((u) => dropDatabase(u)));
  });

  it("uses the real migrations folder when none is given, wherever the cwd is", async () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const { applied } = await migrateDeploy(url);
      expect(applied).toEqual((await historyOf(url)).map((r) => r.migration_name));
      expect(applied.length).toBeGreaterThan(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it("writes the rows Prisma writes: checksum = sha256 of migration.sql, finished, one step", async () => {
    const sql = "CREATE TABLE t (id int);\n";
    await addMigration("20250101000000_one", sql);
    await migrateDeploy(url, { migrationsDir: dir });
    const [row, ...rest] = await historyOf(url);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ migration_name: "20250101000000_one", checksum: migrationChecksum(sql), logs: null, applied_steps_count: 1 });
    expect(row?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.finished_at).toBeInstanceOf(Date);
  });

  it("runs a script whole: dollar-quoted bodies and semicolons inside strings survive", async () => {
    await addMigration(
      "20250101000000_fn",
      `CREATE FUNCTION semi() RETURNS text AS $$ BEGIN RETURN 'a;b'; END; $$ LANGUAGE plpgsql;\nCREATE TABLE s (v text DEFAULT 'x;y');\n`,
    );
    await migrateDeploy(url, { migrationsDir: dir });
    expect(await query(url, "SELECT semi() AS v")).toEqual([{ v: "a;b" }]);
  });

  it("serialises concurrent callers: each migration is applied exactly once", async () => {
    await addMigration("20250101000000_a", "CREATE TABLE a (id int); SELECT pg_sleep(0.3);");
    await addMigration("20250102000000_b", "CREATE TABLE b (id int);");
    const results = await Promise.all([1, 2, 3, 4].map(() => migrateDeploy(url, { migrationsDir: dir })));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(["20250101000000_a", "20250102000000_b"]);
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect((await historyOf(url)).map((r) => r.migration_name)).toEqual(["20250101000000_a", "20250102000000_b"]);
  });

  it("applies only what is new, in name order", async () => {
    await addMigration("20250101000000_a", "CREATE TABLE a (id int);");
    expect((await migrateDeploy(url, { migrationsDir: dir })).applied).toEqual(["20250101000000_a"]);
    await addMigration("20250103000000_c", "ALTER TABLE a ADD COLUMN c int;");
    await addMigration("20250102000000_b", "ALTER TABLE a ADD COLUMN b int;");
    expect((await migrateDeploy(url, { migrationsDir: dir })).applied).toEqual(["20250102000000_b", "20250103000000_c"]);
    const columns = await query<{ column_name: string }>(url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'a' ORDER BY ordinal_position");
    expect(columns.map((c) => c.column_name)).toEqual(["id", "b", "c"]);
  });

  it("records a failed migration atomically and refuses to go on until it is marked rolled back", async () => {
    await addMigration("20250101000000_bad", "CREATE TABLE half (id int);\nSELECT no_such_function();\n");
    await expect(migrateDeploy(url, { migrationsDir: dir })).rejects.toThrow(/Migration 20250101000000_bad failed: function no_such_function\(\) does not exist/);
    // One implicit transaction: the CREATE TABLE before the error did not stay behind.
    expect(await query(url, "SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    const [row] = await historyOf(url);
    expect(row).toMatchObject({ migration_name: "20250101000000_bad", finished_at: null, applied_steps_count: 0 });
    expect(row?.logs).toMatch(/no_such_function/);

    await expect(migrateDeploy(url, { migrationsDir: dir })).rejects.toThrow(/Migration 20250101000000_bad failed earlier: .*no_such_function.*rolled_back_at = now\(\)/);

    await writeFile(path.join(dir, "20250101000000_bad", "migration.sql"), "CREATE TABLE half (id int);\n");
    await query(url, `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '20250101000000_bad' AND finished_at IS NULL`);
    expect((await migrateDeploy(url, { migrationsDir: dir })).applied).toEqual(["20250101000000_bad"]);
    expect(await query(url, "SELECT to_regclass('half')::text AS t")).toEqual([{ t: "half" }]);
  });

  it("refuses a non-empty schema that has no migration history", async () => {
    await query(url, "CREATE TABLE stranger (id int)");
    await addMigration("20250101000000_a", "CREATE TABLE a (id int);");
    await expect(migrateDeploy(url, { migrationsDir: dir })).rejects.toThrow(/schema is not empty \(stranger\) and has no _prisma_migrations table/);
    expect(await query(url, "SELECT to_regclass('_prisma_migrations') AS t")).toEqual([{ t: null }]);
  });

  it("gives up waiting for the lock after lockTimeoutMs, naming the cause", async () => {
    await addMigration("20250101000000_a", "CREATE TABLE a (id int);");
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707369)");
      await expect(migrateDeploy(url, { migrationsDir: dir, lockTimeoutMs: 300 })).rejects.toThrow(/waiting for the migration lock .*lock timeout/);
    } finally {
      await holder.end();
    }
    expect((await migrateDeploy(url, { migrationsDir: dir })).applied).toEqual(["20250101000000_a"]);
  });

  it("names a migration folder without migration.sql", async () => {
    await mkdir(path.join(dir, "20250101000000_empty"));
    await expect(migrateDeploy(url, { migrationsDir: dir })).rejects.toThrow(/20250101000000_empty has no migration\.sql/);
  });
});
