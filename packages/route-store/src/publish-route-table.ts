import type { Redis } from "ioredis";
import { hashRoutes, type RouteTable } from "@pier/routing-core";
import { routeStoreKeys, type RouteStoreOptions } from "./keys.js";
import { publishVersioned } from "./publish-versioned.js";

/** Stores and announces the table unless the stored one has the same hash. */
export async function publishRouteTable(
  redis: Redis,
  table: RouteTable,
  options: RouteStoreOptions = {},
): Promise<{ changed: boolean; version: number }> {
  const actual = hashRoutes(table.routes);
  if (actual !== table.hash) {
    throw new Error(`refusing to publish a route table whose hash ${table.hash} does not match its routes (${actual}); compile it with compileRouteTable`);
  }
  return publishVersioned(redis, routeStoreKeys(options), table.hash, JSON.stringify(table.routes), "routes");
}
