// Pure: which migrations `migrateDeploy` must apply, with the rules of `prisma migrate deploy`.

/** A migration folder: prisma/migrations/<name>/migration.sql. */
export type LocalMigration = { name: string; script: string; checksum: string };

/** A row of Prisma's `_prisma_migrations` table (the columns the plan needs). */
export type AppliedMigrationRow = {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

/**
 * Local migrations not yet applied, in name order. A row that neither finished nor was rolled
 * back is a failed migration: like Prisma (P3009), refuse to go on until a person resolves it.
 * Rolled-back rows do not count as applied, so the fixed migration runs again.
 */
export function pendingMigrations(local: readonly LocalMigration[], rows: readonly AppliedMigrationRow[]): LocalMigration[] {
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    const reason = failed.logs?.split("\n")[0]?.trim() || "no error was recorded (the process may have died while applying it)";
    throw new Error(
      `Migration ${failed.migration_name} failed earlier: ${reason}. PostgreSQL rolled the migration back; ` +
        `fix its cause, then run: UPDATE "_prisma_migrations" SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL; and start again.`,
    );
  }
  const applied = new Set(rows.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
  return [...local].sort((a, b) => compareNames(a.name, b.name)).filter((migration) => !applied.has(migration.name));
}

/** Prisma orders migration folders by name (byte order, not locale order). */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
