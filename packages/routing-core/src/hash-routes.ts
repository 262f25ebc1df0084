import { createHash } from "node:crypto";
import type { Backend, Route } from "./types.js";

export function compareBackends(a: Backend, b: Backend): number {
  if (a.instance !== b.instance) return a.instance < b.instance ? -1 : 1;
  if (a.host !== b.host) return a.host < b.host ? -1 : 1;
  return a.port - b.port;
}

/**
 * sha256 hex over a canonical form of the routes: hostnames sorted, backends sorted, fields in
 * a fixed order. The same routes give the same hash whatever order they were listed in, so
 * publishers can skip unchanged tables and routers can check a snapshot was not damaged.
 */
export function hashRoutes(routes: Record<string, Route>): string {
  const canonical = Object.keys(routes)
    .sort()
    .map((hostname) => {
      const r = routes[hostname]!;
      const backends = [...r.backends].sort(compareBackends).map((b) => [b.instance, b.host, b.port]);
      const canon: unknown[] = [hostname, r.app, r.maintenance, backends];
      if (r.httpsRedirect === true) canon.push("https");
      return canon;
    });
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
