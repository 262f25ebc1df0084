import pg from "pg";
import { databaseError, errorCode } from "./database-errors.js";
import { databaseNameOf, quoteIdentifier, withDatabase } from "./database-url.js";

/** Where CREATE DATABASE is issued from: PostgreSQL's maintenance database, present on every cluster. */
const MAINTENANCE_DATABASE = "postgres";

/** Opens and closes one connection; resolves to the pg error instead of throwing it. */
async function tryConnect(databaseUrl: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await client.end();
  }
}

/**
 * Creates the database named in the URL if it does not exist yet, as the URL's own role (which
 * then owns it). Safe to call at every start and from several processes at once.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  const connectError = await tryConnect(databaseUrl);
  if (connectError === undefined) return;
  if (errorCode(connectError) !== "3D000") throw databaseError(connectError, databaseUrl, "connecting");

  const maintenanceUrl = withDatabase(databaseUrl, MAINTENANCE_DATABASE);
  const admin = new pg.Client({ connectionString: maintenanceUrl });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end();
    throw databaseError(error, maintenanceUrl, `connecting to create database "${name}"`);
  }
  try {
    // DDL takes no bind parameters: the name goes in as a quoted identifier.
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  } catch (error) {
    // Another process created it in the meantime: 42P04 duplicate_database, or 23505 when both
    // inserts into pg_database raced.
    const code = errorCode(error);
    if (code !== "42P04" && code !== "23505") {
      throw databaseError(error, maintenanceUrl, `creating database "${name}"`);
    }
  } finally {
    await admin.end();
  }
}
