import { compileRouteTable, type RouteInputApp } from "@pier/routing-core";
import { publishRouteTable } from "@pier/route-store";
import type { Deps } from "./deps.js";

/** Reads routing-relevant desired state, compiles it whole and publishes it when it changed. */
export async function publishRoutes(deps: Pick<Deps, "prisma" | "redis" | "config">): Promise<{ changed: boolean; version: number }> {
  const apps = await deps.prisma.app.findMany({
    select: {
      name: true,
      maintenance: true,
      httpsRedirect: true,
      domains: { select: { hostname: true } },
      instances: {
        where: { type: "web", state: "up", hostPort: { not: null } },
        select: { number: true, hostPort: true, host: { select: { address: true } } },
      },
    },
  });
  const input: RouteInputApp[] = apps.map((a) => ({
    name: a.name,
    maintenance: a.maintenance,
    httpsRedirect: a.httpsRedirect,
    domains: a.domains.map((d) => d.hostname),
    backends: a.instances.map((i) => ({ host: i.host.address, port: i.hostPort!, instance: `web.${i.number}` })),
  }));
  const table = compileRouteTable({ baseDomain: deps.config.baseDomain, apps: input });
  return publishRouteTable(deps.redis, table);
}
