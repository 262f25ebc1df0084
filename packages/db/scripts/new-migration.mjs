#!/usr/bin/env node
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql: the SQL that takes the committed
// migrations to the current prisma/schema.prisma. Offline-safe: `prisma migrate diff` through
// ../prisma.config.ts; it needs no development database, only a server where DATABASE_URL's role
// may create (and drops again) a temporary shadow database.
//
//   DATABASE_URL=postgresql://pier:pier@127.0.0.1:5432/postgres npm run migration:new -w @pier/db -- add_domains
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageDir, "../..");
const migrationsDir = path.join(repoRoot, "prisma/migrations");
const schemaFile = path.join(repoRoot, "prisma/schema.prisma");

function fail(message) {
  console.error(`new-migration: ${message}`);
  process.exit(1);
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) fail("give the migration a name of lowercase letters, digits and _, e.g. add_domains");
if (!process.env.DATABASE_URL) fail("set DATABASE_URL to a PostgreSQL server where the role may CREATE DATABASE (for the shadow database)");

const timestamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${timestamp}_${name}`);
const file = path.join(dir, "migration.sql");
if (existsSync(dir)) fail(`${dir} exists already`);

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const args = [
  prismaCli, "migrate", "diff", "--config", path.join(packageDir, "prisma.config.ts"),
  "--from-migrations", migrationsDir, "--to-schema-datamodel", schemaFile, "--script", "--output", file,
];
const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
if (result.status !== 0) {
  rmSync(dir, { recursive: true, force: true });
  fail(`prisma migrate diff failed (exit ${result.status ?? result.signal})`);
}
if (readFileSync(file, "utf8").includes("This is an empty migration.")) {
  rmSync(dir, { recursive: true, force: true });
  console.log("No schema changes: the migrations already match prisma/schema.prisma. Nothing written.");
} else {
  console.log(`Wrote ${path.relative(repoRoot, file)}: review it, run the tests, commit it.`);
}
