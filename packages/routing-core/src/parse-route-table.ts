import { hashRoutes } from "./hash-routes.js";
import { isValidRouteHostname } from "./hostname.js";
import type { Backend, Route, VersionedRouteTable } from "./types.js";

export class RouteTableFormatError extends Error {
  override name = "RouteTableFormatError";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseBackend(v: unknown, where: string): Backend {
  if (!isRecord(v)) throw new RouteTableFormatError(`${where} is not an object`);
  const { host, port, instance } = v;
  if (typeof host !== "string" || host.length === 0) throw new RouteTableFormatError(`${where}.host must be a non-empty string`);
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RouteTableFormatError(`${where}.port must be a port number`);
  }
  if (typeof instance !== "string" || instance.length === 0) {
    throw new RouteTableFormatError(`${where}.instance must be a non-empty string`);
  }
  return { host, port, instance };
}

function parseRoute(v: unknown, where: string): Route {
  if (!isRecord(v)) throw new RouteTableFormatError(`${where} is not an object`);
  if (typeof v.app !== "string" || v.app.length === 0) throw new RouteTableFormatError(`${where}.app must be a non-empty string`);
  if (typeof v.maintenance !== "boolean") throw new RouteTableFormatError(`${where}.maintenance must be a boolean`);
  if (!Array.isArray(v.backends)) throw new RouteTableFormatError(`${where}.backends must be an array`);
  const backends = v.backends.map((b, i) => parseBackend(b, `${where}.backends[${i}]`));
  if (v.httpsRedirect !== undefined && v.httpsRedirect !== true) throw new RouteTableFormatError(`${where}.httpsRedirect must be true when present`);
  return v.httpsRedirect === true ? { app: v.app, maintenance: v.maintenance, backends, httpsRedirect: true } : { app: v.app, maintenance: v.maintenance, backends };
}

/**
 * Checks a table read from Redis or from a snapshot file (untrusted JSON) and that its hash
 * matches its routes, so a damaged or hand-edited table is refused rather than served.
 * `source` names where it came from, for the error message.
 */
export function parseVersionedRouteTable(value: unknown, source: string): VersionedRouteTable {
  if (!isRecord(value)) throw new RouteTableFormatError(`${source}: route table is not a JSON object`);
  const { version, hash } = value;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
    throw new RouteTableFormatError(`${source}: version must be a positive whole number`);
  }
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new RouteTableFormatError(`${source}: hash must be 64 lowercase hex digits`);
  }
  if (!isRecord(value.routes)) throw new RouteTableFormatError(`${source}: routes must be an object`);
  const routes: Record<string, Route> = {};
  for (const [hostname, route] of Object.entries(value.routes)) {
    if (!isValidRouteHostname(hostname) || hostname !== hostname.toLowerCase()) {
      throw new RouteTableFormatError(`${source}: "${hostname}" is not a lowercase hostname or *.wildcard`);
    }
    routes[hostname] = parseRoute(route, `${source}: routes["${hostname}"]`);
  }
  const actual = hashRoutes(routes);
  if (actual !== hash) {
    throw new RouteTableFormatError(`${source}: hash ${hash.slice(0, 12)}... does not match its routes (${actual.slice(0, 12)}...)`);
  }
  return { version, hash, routes };
}

/** JSON text of a versioned table, in the field order the route store's Lua script relies on. */
export function serializeVersionedRouteTable(table: VersionedRouteTable): string {
  return JSON.stringify({ version: table.version, hash: table.hash, routes: table.routes });
}
