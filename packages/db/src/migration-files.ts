import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LocalMigration } from "./migration-plan.js";

/**
 * The repository's prisma/migrations folder, found from this file (src/ or dist/ of packages/db,
 * both one level below the package) so that it does not depend on the process's cwd.
 */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));
}

/** Prisma's checksum of a migration: sha256 of migration.sql, lowercase hex. */
export function migrationChecksum(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Every <name>/migration.sql under the folder (other files, e.g. migration_lock.toml, are skipped). */
export async function readMigrations(migrationsDir: string): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`Cannot read the migrations folder ${migrationsDir}: ${(error as Error).message}`, { cause: error });
  }
  const migrations: LocalMigration[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const file = path.join(migrationsDir, entry.name, "migration.sql");
    const exists = await stat(file).then((s) => s.isFile(), () => false);
    if (!exists) throw new Error(`Migration folder ${path.join(migrationsDir, entry.name)} has no migration.sql`);
    const content = await readFile(file);
    migrations.push({ name: entry.name, script: content.toString("utf8"), checksum: migrationChecksum(content) });
  }
  return migrations;
}
