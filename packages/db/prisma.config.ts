import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { MigrationPgAdapterFactory } from "./src/cli-adapter/migration-pg-adapter.js";

// Prisma CLI configuration for these offline machines (see README.md and /work/shared/PRISMA.md):
// the Wasm schema engine bundled in the `prisma` package, reached through a repaired pg adapter,
// instead of the native engine the CLI would try to download. DATABASE_URL must be set for every
// prisma command, `generate` included (npm run build sets a placeholder for generate).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(repoRoot, "prisma/schema.prisma"),
  migrations: { path: path.join(repoRoot, "prisma/migrations") },
  adapter: async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set: prisma needs it to reach PostgreSQL");
    return new MigrationPgAdapterFactory(databaseUrl);
  },
});
