export type { Backend, Route, RouteInputApp, RouteTable, VersionedRouteTable } from "./types.js";
export { compileRouteTable, RouteConflictError, RouteInputError } from "./compile-route-table.js";
export { hashRoutes } from "./hash-routes.js";
export { hostFromHeader, isValidRouteHostname, normalizeHostname } from "./hostname.js";
export { buildLookup, EMPTY_LOOKUP, lookupHost, matchRoute, type CompiledLookup } from "./lookup.js";
export { parseVersionedRouteTable, RouteTableFormatError, serializeVersionedRouteTable } from "./parse-route-table.js";
