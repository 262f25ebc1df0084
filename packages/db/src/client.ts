import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";
import { useLeanQueryCompiler } from "./query-compiler-wasm.js";

/**
 * The application's Prisma client, talking to PostgreSQL through the pg driver adapter (no native
 * query engine is needed). Call `$disconnect()` when done.
 */
export function createPrisma(databaseUrl: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  useLeanQueryCompiler(client);
  return client;
}
