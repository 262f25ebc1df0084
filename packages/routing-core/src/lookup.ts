import { hostFromHeader } from "./hostname.js";
import type { Route, RouteTable } from "./types.js";

/**
 * The matching structure a router holds. Built once per table and never changed, so a router
 * swaps tables with one reference assignment. Exact names are one Map get; a wildcard is one
 * more Map get keyed by the name minus its first label, whatever the size of the table.
 */
export interface CompiledLookup {
  readonly exact: ReadonlyMap<string, Route>;
  /** `*.example.com` is stored under `example.com`. */
  readonly wildcard: ReadonlyMap<string, Route>;
}

export const EMPTY_LOOKUP: CompiledLookup = Object.freeze({ exact: new Map(), wildcard: new Map() });

export function buildLookup(table: Pick<RouteTable, "routes">): CompiledLookup {
  const exact = new Map<string, Route>();
  const wildcard = new Map<string, Route>();
  const frozen = new Map<Route, Route>();
  for (const [hostname, route] of Object.entries(table.routes)) {
    let r = frozen.get(route);
    if (r === undefined) {
      r = Object.freeze({ ...route, backends: Object.freeze(route.backends.map((b) => Object.freeze({ ...b }))) }) as Route;
      frozen.set(route, r);
    }
    if (hostname.startsWith("*.")) wildcard.set(hostname.slice(2), r);
    else exact.set(hostname, r);
  }
  return Object.freeze({ exact, wildcard });
}

/** Route for an already normalized hostname (see hostFromHeader): exact name first, then wildcard. */
export function lookupHost(lookup: CompiledLookup, hostname: string | undefined): Route | undefined {
  if (hostname === undefined) return undefined;
  const route = lookup.exact.get(hostname);
  if (route !== undefined || lookup.wildcard.size === 0) return route;
  const dot = hostname.indexOf(".");
  return dot > 0 ? lookup.wildcard.get(hostname.slice(dot + 1)) : undefined;
}

/** Route for a raw Host header (`Shop.Example.com:8080`), or undefined when no app claims it. */
export function matchRoute(lookup: CompiledLookup, hostHeader: string | undefined): Route | undefined {
  return lookupHost(lookup, hostFromHeader(hostHeader));
}
