import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseError } from "./database-errors.js";
import { defaultMigrationsDir, readMigrations } from "./migration-files.js";
import { pendingMigrations, type AppliedMigrationRow, type LocalMigration } from "./migration-plan.js";

// Applies prisma/migrations at process start, writing the same `_prisma_migrations` rows as
// `prisma migrate deploy`, so the Prisma CLI (migrate status/dev/deploy) accepts the database.
// Why not spawn the CLI: it needs the TypeScript config and the Wasm engine at run time and takes
// about 12 s per call here even when nothing is pending; this takes a few milliseconds.

/** The advisory lock key the Prisma schema engine takes: the CLI and this runner exclude each other. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** Same DDL as the Prisma schema engine creates on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrateDeployOptions = {
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  /** How long to wait for another process that is migrating the same database. */
  lockTimeoutMs?: number;
};

export type MigrateDeployResult = { applied: string[] };

async function migrationsTableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass(format('%I._prisma_migrations', current_schema())) IS NOT NULL AS exists`,
  );
  return rows[0]?.exists === true;
}

/** Like Prisma (P3005): never run the first migration over a schema that something else made. */
async function assertSchemaEmpty(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     UNION ALL
     SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = current_schema() AND t.typtype = 'e'
     LIMIT 5`,
  );
  if (rows.length > 0) {
    throw new Error(
      `The database schema is not empty (${rows.map((r) => r.name).join(", ")}) and has no _prisma_migrations table: ` +
        `it was not created by Pier's migrations. Point DATABASE_URL at a new database, or baseline it by hand.`,
    );
  }
}

async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, started_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    // No parameters: one simple-protocol query, which PostgreSQL runs as one implicit transaction,
    // so a failing migration leaves no half-applied schema behind.
    await client.query(migration.script);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new Error(`Migration ${migration.name} failed: ${message}`, { cause: error });
  }
  await client.query(
    `UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1`,
    [id],
  );
}

/**
 * Applies pending migrations. Idempotent; concurrent callers serialise on the advisory lock and
 * the later ones find nothing to do.
 */
export async function migrateDeploy(databaseUrl: string, options: MigrateDeployOptions = {}): Promise<MigrateDeployResult> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const local = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    await client.end();
    throw databaseError(error, databaseUrl, "connecting to apply migrations");
  }
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 120_000))}`);
    try {
      await client.query(`SELECT pg_advisory_lock($1)`, [PRISMA_MIGRATE_LOCK_KEY]);
    } catch (error) {
      throw databaseError(error, databaseUrl, "waiting for the migration lock (another process is migrating)");
    }
    await client.query(`RESET lock_timeout`);

    if (!(await migrationsTableExists(client))) {
      await assertSchemaEmpty(client);
      await client.query(CREATE_MIGRATIONS_TABLE);
    }
    const { rows } = await client.query<AppliedMigrationRow>(
      `SELECT migration_name, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const pending = pendingMigrations(local, rows);
    for (const migration of pending) await applyMigration(client, migration);
    return { applied: pending.map((m) => m.name) };
  } finally {
    // Closing the session releases the advisory lock too.
    await client.end();
  }
}
