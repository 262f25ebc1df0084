import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "./ensure-database.js";
import { migrateDeploy } from "./migrate-deploy.js";
import { dropDatabase, uniqueTestDatabaseUrl } from "./testing.js";

// The Prisma CLI through prisma.config.ts (Wasm engine + the repaired pg adapter), offline. This
// guards the adapter fixes, which reach into @prisma/adapter-pg internals, and shows that the CLI
// and migrateDeploy's runner agree on the migration history and on the resulting schema.

const run = promisify(execFile);
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const configFile = fileURLToPath(new URL("../prisma.config.ts", import.meta.url));
const schemaFile = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));
const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

type CliResult = { code: number; output: string };

/** Runs `prisma <args>` with argv (no shell) from an unrelated cwd; never throws on exit codes. */
async function prisma(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" };
  try {
    const { stdout, stderr } = await run(process.execPath, [prismaCli, ...args, "--config", configFile], { cwd: tmpdir(), env, timeout: 90_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Columns, constraints, indexes and enums of the public schema, as sorted text lines. */
async function schemaOf(url: string): Promise<string[]> {
  const rows = await query<{ line: string }>(
    url,
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = 'public'
     UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

async function shadowDatabases(url: string): Promise<string[]> {
  const rows = await query<{ datname: string }>(url, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
  return rows.map((r) => r.datname);
}

describe("prisma CLI through prisma.config.ts", () => {
  const viaCli = uniqueTestDatabaseUrl("pier_db_cli");
  const viaRunner = uniqueTestDatabaseUrl("pier_db_runner");
  let cliDeploy: CliResult;

  // Both empty databases are migrated side by side, one by the CLI, one by migrateDeploy: each is
  // mostly one process's CPU (the CLI's Wasm engine), so on two cores they overlap.
  beforeAll(async () => {
    [cliDeploy] = await Promise.all([
      ensureDatabase(viaCli).then(() => prisma(viaCli, "migrate", "deploy")),
      ensureDatabase(viaRunner).then(() => migrateDeploy(viaRunner)),
    ]);
  });

  afterAll(async () => {
    await Promise.all([dropDatabase(viaCli), dropDatabase(viaRunner)]);
  });

  it("migrate deploy applies the committed migrations to an empty database; migrate status agrees", async () => {
    expect(cliDeploy.output).toContain("All migrations have been successfully applied.");
    expect(cliDeploy.code).toBe(0);
    const status = await prisma(viaCli, "migrate", "status");
    expect(status.output).toContain("Database schema is up to date!");
    expect(status.code).toBe(0);
  });

  it("accepts the history migrateDeploy writes, and both give the same schema", async () => {
    // Both only read: nothing is pending, so deploy applies nothing (status and deploy may overlap).
    const [status, deploy] = await Promise.all([prisma(viaRunner, "migrate", "status"), prisma(viaRunner, "migrate", "deploy")]);
    expect(status.output).toContain("Database schema is up to date!");
    expect(status.code).toBe(0);
    expect(deploy.output).toContain("No pending migrations to apply.");
    expect(deploy.code).toBe(0);

    const [cliSchema, runnerSchema] = await Promise.all([schemaOf(viaCli), schemaOf(viaRunner)]);
    expect(cliSchema.some((line) => line.includes('Release_appId_version_key'))).toBe(true);
    expect(runnerSchema).toEqual(cliSchema);
    const [cliRows, runnerRows] = await Promise.all(
      [viaCli, viaRunner].map((u) => query(u, `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`)),
    );
    expect(runnerRows).toEqual(cliRows);
  });

  it("the committed migrations match schema.prisma (shadow database created and dropped)", async () => {
    const before = await shadowDatabases(viaCli);
    const diff = await prisma(viaCli, "migrate", "diff", "--from-migrations", migrationsDir, "--to-schema-datamodel", schemaFile, "--exit-code");
    expect(diff.output).toContain("No difference detected.");
    expect(diff.code).toBe(0);
    const after = await shadowDatabases(viaCli);
    expect(after.filter((name) => !before.includes(name))).toEqual([]);
  });
});
