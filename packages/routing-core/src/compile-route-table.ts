import { compareBackends, hashRoutes } from "./hash-routes.js";
import { isValidRouteHostname, normalizeHostname } from "./hostname.js";
import type { Backend, Route, RouteInputApp, RouteTable } from "./types.js";

export class RouteConflictError extends Error {
  override name = "RouteConflictError";
}

export class RouteInputError extends Error {
  override name = "RouteInputError";
}

function checkBackend(app: string, b: Backend): void {
  if (typeof b.host !== "string" || b.host.length === 0) {
    throw new RouteInputError(`app "${app}": backend ${b.instance || "?"} has no host`);
  }
  if (!Number.isInteger(b.port) || b.port < 1 || b.port > 65535) {
    throw new RouteInputError(`app "${app}": backend ${b.instance || "?"} has port ${b.port}, not 1-65535`);
  }
  if (typeof b.instance !== "string" || b.instance.length === 0) {
    throw new RouteInputError(`app "${app}": backend ${b.host}:${b.port} has no instance name`);
  }
}

function routeFor(app: RouteInputApp): Route {
  const seen = new Set<string>();
  const backends: Backend[] = [];
  for (const b of app.backends) {
    checkBackend(app.name, b);
    const key = `${b.instance}\n${b.host}\n${b.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    backends.push({ host: b.host, port: b.port, instance: b.instance });
  }
  backends.sort(compareBackends);
  const route: Route = { app: app.name, maintenance: app.maintenance === true, backends };
  if (app.httpsRedirect === true) route.httpsRedirect = true;
  return route;
}

/**
 * Compiles the whole route table: each app answers on `<name>.<baseDomain>` and on its custom
 * domains. Two apps claiming one hostname is an error naming both: picking one silently would
 * send one app's users to the other app.
 */
export function compileRouteTable(input: { baseDomain: string; apps: RouteInputApp[] }): RouteTable {
  const baseDomain = normalizeHostname(input.baseDomain);
  if (baseDomain.startsWith("*.") || !isValidRouteHostname(baseDomain)) {
    throw new RouteInputError(`base domain "${input.baseDomain}" is not a DNS name`);
  }
  const owner = new Map<string, string>();
  const byHostname = new Map<string, Route>();
  const appNames = new Set<string>();
  for (const app of input.apps) {
    if (appNames.has(app.name)) throw new RouteInputError(`app "${app.name}" is listed twice`);
    appNames.add(app.name);
    const route = routeFor(app);
    for (const raw of [`${app.name}.${baseDomain}`, ...app.domains]) {
      const hostname = normalizeHostname(raw);
      if (!isValidRouteHostname(hostname)) {
        throw new RouteInputError(`app "${app.name}": "${raw}" is not a valid hostname or *.wildcard`);
      }
      const other = owner.get(hostname);
      if (other === app.name) continue;
      if (other !== undefined) {
        throw new RouteConflictError(`hostname "${hostname}" is claimed by both app "${other}" and app "${app.name}"`);
      }
      owner.set(hostname, app.name);
      byHostname.set(hostname, route);
    }
  }
  const routes: Record<string, Route> = {};
  for (const hostname of [...byHostname.keys()].sort()) routes[hostname] = byHostname.get(hostname)!;
  return { hash: hashRoutes(routes), routes };
}
