import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  ColumnType,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { quoteIdentifier } from "../database-url.js";
import { fixCatalogColumn } from "./catalog-types.js";

// The driver-adapter factory that the Prisma CLI (Wasm schema engine) uses, from prisma.config.ts.
// It is @prisma/adapter-pg 6.19.3 with four bugs corrected (see /work/shared/PRISMA.md). The fixes
// reach into adapter internals, so the versions are pinned and prisma-cli.int.test.ts runs
// `migrate deploy`, `migrate status` and a shadow-database `migrate diff` through this factory.
// The application's runtime client uses a plain PrismaPg (see client.ts).

/** Members of the adapter that its typings mark private/protected but that the fixes rely on. */
type AdapterInternals = {
  performIO(query: SqlQuery): Promise<pg.QueryArrayResult<unknown[]>>;
  onError(error: unknown): never;
};

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/** Bug 1: catalog columns of type name / "char" are rejected; present them as the native engine does. */
function repairQueryRaw(queryable: SqlQueryable): void {
  const internals = queryable as unknown as SqlQueryable & AdapterInternals;
  const originalQueryRaw = queryable.queryRaw;
  queryable.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const overrides = new Map<number, ColumnType>();
    // The adapter's queryRaw reads rows through `this.performIO`; hand it a per-call view whose
    // result carries the corrected type OIDs (a per-call object, so concurrent queries don't mix).
    const view = Object.create(internals) as AdapterInternals;
    view.performIO = async (ioQuery) => {
      const result = await internals.performIO(ioQuery);
      result.fields.forEach((field, index) => {
        const fix = fixCatalogColumn(field.dataTypeID);
        field.dataTypeID = fix.oid;
        if (fix.columnType !== undefined) overrides.set(index, fix.columnType);
      });
      return result;
    };
    const resultSet = await originalQueryRaw.call(view, query);
    for (const [index, columnType] of overrides) resultSet.columnTypes[index] = columnType;
    return resultSet;
  };
}

/**
 * Bug 4: executeScript split the script on every ";" and ran the pieces on any pooled connection,
 * breaking $$ bodies and string literals and losing atomicity. Send the whole script as one
 * simple-protocol query on one connection: PostgreSQL runs it as one implicit transaction.
 */
function repairExecuteScript(adapter: PgAdapter): void {
  const internals = adapter as unknown as AdapterInternals;
  adapter.executeScript = async (script: string): Promise<void> => {
    const pool = adapter.underlyingDriver();
    const connection = await pool.connect().catch((error: unknown) => internals.onError(error));
    let failure: unknown = undefined;
    try {
      await connection.query(script); // no values: the simple query protocol, multi-statement allowed
    } catch (error) {
      failure = error ?? new Error("executeScript failed");
    }
    // After a failure, a script with its own BEGIN may have left the session inside an aborted
    // transaction: destroy that connection instead of returning it to the pool.
    connection.release(failure !== undefined);
    if (failure !== undefined) internals.onError(failure);
  };
}

function repairAdapter(adapter: PgAdapter): PgAdapter {
  repairQueryRaw(adapter);
  repairExecuteScript(adapter);
  const originalStartTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await originalStartTransaction(isolationLevel);
    repairQueryRaw(transaction);
    return transaction;
  };
  return adapter;
}

export class MigrationPgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly #config: pg.PoolConfig;

  constructor(databaseUrl: string) {
    // Bug 2: the adapter derives the shadow database's config as { ...config, database }, and a
    // connectionString would win over that `database`. Discrete fields let `database` take effect.
    // allowExitOnIdle: the CLI does not close the pool when it is done, and idle pooled connections
    // would otherwise keep the process alive for pg's 10 s idle timeout after every command.
    this.#config = { ...parseIntoClientConfig(databaseUrl), allowExitOnIdle: true };
  }

  async connect(): Promise<SqlDriverAdapter> {
    return repairAdapter(await new PrismaPg(this.#config).connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const main = await this.connect();
    const shadowName = `prisma_migrate_shadow_db_${randomUUID()}`;
    const database = quoteIdentifier(shadowName);
    const dropShadowAndClose = async (): Promise<void> => {
      try {
        await main.executeScript(`DROP DATABASE IF EXISTS ${database}`);
      } finally {
        await main.dispose();
      }
    };
    let shadow: PgAdapter;
    try {
      await main.executeScript(`CREATE DATABASE ${database}`);
      shadow = repairAdapter(await new PrismaPg({ ...this.#config, database: shadowName }).connect());
    } catch (error) {
      await dropShadowAndClose();
      throw error;
    }
    // Bug 3: the adapter dropped the shadow database while its own pool was still connected to it
    // (and never closed the main pool). Close the shadow pool first, then drop, then close.
    const closeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await closeShadowPool();
      } finally {
        await dropShadowAndClose();
      }
    };
    return shadow;
  }
}
