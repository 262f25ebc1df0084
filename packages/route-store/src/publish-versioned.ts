import type { Redis } from "ioredis";
import { channelForDb, type RouteStoreKeys } from "./keys.js";

/**
 * Runs inside Redis, so compare, number, store and publish happen as one step: two publishers
 * can never store an older table over a newer one, and versions only go up. The stored JSON
 * starts with `{"version":N,"hash":"..."` (we write it), so the hash is read without decoding
 * the whole table. If the counter was lost while the table survived, numbering resumes above it.
 * If both were lost (Redis restarted without its data), numbering starts a new epoch at Redis's
 * clock in milliseconds, above every version handed out before (publishes come far less often than
 * one per millisecond), so that routers, which ignore
 * versions at or below the last they applied, take the new tables.
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
if version == 1 and stored == 0 then
  local now = redis.call('TIME')
  version = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  redis.call('SET', KEYS[2], version)
elseif version <= stored then
  version = stored + 1
  redis.call('SET', KEYS[2], version)
end
local payload = '{"version":' .. version .. ',"hash":"' .. ARGV[1] .. '","' .. ARGV[4] .. '":' .. ARGV[2] .. '}'
redis.call('SET', KEYS[1], payload)
redis.call('PUBLISH', ARGV[3], payload)
return {1, version}
`;

/**
 * Stores `{"version":N,"hash":H,"<field>":<json>}` under keys.table and publishes it on
 * keys.channel, unless the stored document has the same hash. Route tables and certificate
 * bundles both travel this way.
 */
export async function publishVersioned(redis: Redis, keys: RouteStoreKeys, hash: string, json: string, field: string): Promise<{ changed: boolean; version: number }> {
  const [changed, version] = (await redis.eval(PUBLISH_SCRIPT, 2, keys.table, keys.version, hash, json, channelForDb(keys.channel, redis.options.db), field)) as [number, number];
  return { changed: changed === 1, version };
}
