// `node packages/db/dist/migrate-main.js`: creates the database named in DATABASE_URL if it is
// missing and applies pending migrations, then exits (1 with one line on stderr if it cannot).
// The launcher (infra/start.mjs) runs this as a child process so that it does not keep the pg
// driver in memory for the life of Pier while it only supervises the API, worker and router.
import { ensureDatabase } from "./ensure-database.js";
import { migrateDeploy } from "./migrate-deploy.js";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write("DATABASE_URL is not set: the launcher passes the URL it loaded from Pier's configuration.\n");
  process.exit(1);
}
try {
  await ensureDatabase(databaseUrl);
  const { applied } = await migrateDeploy(databaseUrl);
  if (applied.length > 0) process.stdout.write(`applied migrations: ${applied.join(", ")}\n`);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
