import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseError } from "./database-errors.js";
import { databaseNameOf, quoteIdentifier, withDatabase } from "./database-url.js";
import { ensureDatabase } from "./ensure-database.js";
import { migrateDeploy } from "./migrate-deploy.js";

// Test support, exported as "@pier/db/testing": throw-away databases on the test server.

/** The server and role tests use: TEST_DATABASE_URL, else Pier's default development role. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://pier:pier@127.0.0.1:5432/pier";
}

/** A URL for a database name nobody else uses (not created yet). */
export function uniqueTestDatabaseUrl(prefix = "pier_test"): string {
  const suffix = `${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, "_")}_${suffix}`.slice(0, 63);
  return withDatabase(testServerUrl(), name);
}

/** Drops the database in the URL (disconnecting its sessions), from the maintenance database. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  const maintenanceUrl = withDatabase(databaseUrl, "postgres");
  const client = new pg.Client({ connectionString: maintenanceUrl });
  try {
    await client.connect();
    // An autovacuum worker on the database belongs to the superuser, which a non-superuser's
    // FORCE cannot terminate (42501): it ends within moments, so try again a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "42501" || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  } catch (error) {
    throw databaseError(error, maintenanceUrl, `dropping database "${name}"`);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/** Creates a fresh database and, unless told otherwise, applies Pier's migrations to it. */
export async function createTestDatabase(options: { prefix?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  const url = uniqueTestDatabaseUrl(options.prefix);
  await ensureDatabase(url);
  if (options.migrate ?? true) await migrateDeploy(url);
  return { url, drop: () => dropDatabase(url) };
}
