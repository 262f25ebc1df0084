import { ColumnTypeEnum, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "../ensure-database.js";
import { dropDatabase, uniqueTestDatabaseUrl } from "../testing.js";
import { MigrationPgAdapterFactory } from "./migration-pg-adapter.js";

// Each of the four @prisma/adapter-pg 6.19.3 bugs that the CLI factory corrects, shown directly.

const noArgs = { args: [], argTypes: [] };

describe("MigrationPgAdapterFactory", () => {
  const url = uniqueTestDatabaseUrl("pier_db_adapter");
  let adapter: SqlDriverAdapter;

  beforeAll(async () => {
    await ensureDatabase(url);
    adapter = await new MigrationPgAdapterFactory(url).connect();
  });
  afterAll(async () => {
    await adapter?.dispose();
    await dropDatabase(url);
  });

  it('reads catalog columns of type name as text and "char" as character', async () => {
    const result = await adapter.queryRaw({ sql: "SELECT relname, relkind FROM pg_class WHERE relname = 'pg_class'", ...noArgs });
    expect(result.columnTypes).toEqual([ColumnTypeEnum.Text, ColumnTypeEnum.Character]);
    expect(result.rows).toEqual([["pg_class", "r"]]);
  });

  it("reads them inside transactions too", async () => {
    const tx = await adapter.startTransaction();
    try {
      const result = await tx.queryRaw({ sql: "SELECT conname, contype FROM pg_constraint LIMIT 1", ...noArgs });
      expect(result.columnTypes).toEqual([ColumnTypeEnum.Text, ColumnTypeEnum.Character]);
    } finally {
      // The engine sends ROLLBACK itself; the adapter's rollback() only releases the connection.
      await tx.executeRaw({ sql: "ROLLBACK", ...noArgs });
      await tx.rollback();
    }
  });

  it("runs a script whole, on one connection, atomically", async () => {
    await adapter.executeScript(
      "CREATE FUNCTION semi() RETURNS text AS $$ BEGIN RETURN 'a;b'; END; $$ LANGUAGE plpgsql; CREATE TABLE kept (v text DEFAULT 'x;y');",
    );
    const result = await adapter.queryRaw({ sql: "SELECT semi()", ...noArgs });
    expect(result.rows).toEqual([["a;b"]]);

    await expect(adapter.executeScript("CREATE TABLE dropped_with_failure (id int); SELECT no_such_function();")).rejects.toThrow();
    const left = await adapter.queryRaw({ sql: "SELECT to_regclass('dropped_with_failure')::text", ...noArgs });
    expect(left.rows).toEqual([[null]]);
  });

  it("connects the shadow adapter to a new database, and drops it on dispose", async () => {
    const shadow = await new MigrationPgAdapterFactory(url).connectToShadowDb();
    let shadowName: string;
    try {
      const current = await shadow.queryRaw({ sql: "SELECT current_database()", ...noArgs });
      shadowName = String(current.rows[0]?.[0]);
      expect(shadowName).toMatch(/^prisma_migrate_shadow_db_[0-9a-f-]{36}$/);
    } finally {
      await shadow.dispose();
    }
    const exists = await adapter.queryRaw({
      sql: "SELECT count(*)::int FROM pg_database WHERE datname = $1",
      args: [shadowName],
      argTypes: [{ scalarType: "string", arity: "scalar" }],
    });
    expect(exists.rows).toEqual([[0]]);
  });
});
