import type { Redis } from "ioredis";
import { parseVersionedRouteTable, type VersionedRouteTable } from "@pier/routing-core";
import { routeStoreKeys, type RouteStoreOptions } from "./keys.js";

/** Parses route table JSON from Redis; throws with `source` in the message when it is damaged. */
export function parseStoredRouteTable(text: string, source: string): VersionedRouteTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: route table is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  return parseVersionedRouteTable(value, source);
}

/** The latest published table, or undefined when none was ever published. */
export async function readRouteTable(redis: Redis, options: RouteStoreOptions = {}): Promise<VersionedRouteTable | undefined> {
  const key = routeStoreKeys(options).table;
  const text = await redis.get(key);
  return text === null ? undefined : parseStoredRouteTable(text, `redis key ${key}`);
}
