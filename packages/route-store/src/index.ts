export { routeStoreKeys, type RouteStoreKeys, type RouteStoreOptions } from "./keys.js";
export { publishRouteTable } from "./publish-route-table.js";
export { parseStoredRouteTable, readRouteTable } from "./read-route-table.js";
export { subscribeRouteTable, type RouteTableSubscription, type SubscribeRouteTableOptions } from "./subscribe-route-table.js";
