import type { Redis } from "ioredis";
import { hashRoutes, type RouteTable } from "@pier/routing-core";
import { routeStoreKeys, type RouteStoreOptions } from "./keys.js";

/**
 * Runs inside Redis, so compare, number, store and publish happen as one step: two publishers
 * can never store an older table over a newer one, and versions only go up. The stored JSON
 * starts with `{"version":N,"hash":"..."` (we write it), so the hash is read without decoding
 * the whole table. If the counter was lost while the table survived, numbering resumes above it.
 */
const PUBLISH_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local stored = 0
if current then
  local v, h = string.match(current, '^{"version":(%d+),"hash":"(%x+)"')
  if v then stored = tonumber(v) end
  if h == ARGV[1] then return {0, stored} end
end
local version = redis.call('INCR', KEYS[2])
if version <= stored then
  version = stored + 1
  redis.call('SET', KEYS[2], version)
end
local payload = '{"version":' .. version .. ',"hash":"' .. ARGV[1] .. '","routes":' .. ARGV[2] .. '}'
redis.call('SET', KEYS[1], payload)
redis.call('PUBLISH', ARGV[3], payload)
return {1, version}
`;

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
  const keys = routeStoreKeys(options);
  const [changed, version] = (await redis.eval(
    PUBLISH_SCRIPT,
    2,
    keys.table,
    keys.version,
    table.hash,
    JSON.stringify(table.routes),
    keys.channel,
  )) as [number, number];
  return { changed: changed === 1, version };
}
