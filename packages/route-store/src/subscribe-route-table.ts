import type { VersionedRouteTable } from "@pier/routing-core";
import { routeStoreKeys } from "./keys.js";
import { parseStoredRouteTable } from "./read-route-table.js";
import { subscribeVersioned, type SubscribeOptions, type Subscription } from "./subscribe-versioned.js";

export type SubscribeRouteTableOptions = SubscribeOptions;
export type RouteTableSubscription = Subscription;

/** Follows the route table on Redis (see subscribeVersioned). */
export function subscribeRouteTable(
  redisUrl: string,
  onTable: (table: VersionedRouteTable) => void,
  options: SubscribeRouteTableOptions = {},
): Promise<RouteTableSubscription> {
  const doc = { keys: routeStoreKeys(options), what: "route table", parse: parseStoredRouteTable };
  return subscribeVersioned(redisUrl, doc, onTable, options);
}
