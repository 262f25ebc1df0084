import { LABEL, listPierContainers, errorMessage, type ObservedContainer } from "@pier/docker";
import type { Host } from "@pier/db";
import { nextHostState } from "@pier/reconcile-core";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";

/** An engine that does not answer a listing within this long missed its heartbeat. */
const LIST_TIMEOUT_MS = 2500;

export interface ObservedHost {
  host: Host;
  /** Null when the engine could not be reached. */
  containers: ObservedContainer[] | null;
  /** When the listing began (ms since epoch). */
  listedAt: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/**
 * Lists this installation's instance containers on every host. The listing is the heartbeat:
 * answering keeps a host ready (or brings a down one back); silence for long enough marks it down.
 */
export async function observeHosts(deps: EngineDeps): Promise<ObservedHost[]> {
  const hosts = await deps.prisma.host.findMany({ orderBy: { name: "asc" } });
  return Promise.all(
    hosts.map(async (host): Promise<ObservedHost> => {
      const now = Date.now();
      try {
        const containers = await withTimeout(
          listPierContainers(engineFor(host, deps), { [LABEL.role]: "instance", [LABEL.installation]: deps.installationId }),
          LIST_TIMEOUT_MS,
          `the Docker engine of host ${host.name}`,
        );
        const state = nextHostState({ state: host.state, lastHeartbeatAt: host.lastHeartbeatAt?.getTime() ?? null }, true, now);
        const updated = await deps.prisma.host.update({ where: { id: host.id }, data: { state, lastHeartbeatAt: new Date(now), heartbeatError: null } });
        if (state !== host.state) deps.log?.(`host ${host.name} is ${state} again`);
        return { host: updated, containers, listedAt: now };
      } catch (err) {
        // Judged when the attempt failed (a timeout takes a while), not when it began.
        const state = nextHostState({ state: host.state, lastHeartbeatAt: host.lastHeartbeatAt?.getTime() ?? null }, false, Date.now());
        const updated = await deps.prisma.host.update({ where: { id: host.id }, data: { state, heartbeatError: errorMessage(err) } });
        if (state !== host.state) deps.log?.(`host ${host.name} is ${state}: ${errorMessage(err)}`);
        return { host: updated, containers: null, listedAt: now };
      }
    }),
  );
}
