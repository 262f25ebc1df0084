import { errorMessage, stopContainer } from "@pier/docker";
import { recordRestart } from "@pier/metrics-store";
import { backoffDelayMs } from "@pier/reconcile-core";
import type { EngineDeps } from "./deps.js";
import { waitUntilDrained } from "./drain-instances.js";
import { engineFor } from "./engines.js";
import { awaitHealthy, runInstanceContainer } from "./instance-runner.js";
import { publishRoutes } from "./publish-routes.js";
import { STOP_GRACE_SECONDS, stopInstances } from "./stop-instances.js";

/** Routers swap tables within milliseconds of a publish; a stopped instance keeps in-flight requests this long. */
const DRAIN_MS = 2000;

/**
 * Brings an instance row (state "starting", no container) up: container, health, then routes.
 * On failure it counts as a crash and waits out its backoff.
 */
export async function bringUp(instanceId: string, deps: EngineDeps): Promise<void> {
  const began = Date.now();
  const inst = await deps.prisma.instance.findUniqueOrThrow({ where: { id: instanceId }, include: { host: true, app: true, release: true } });
  let started = began;
  let healthy = began;
  try {
    const { containerId, hostPort } = await runInstanceContainer(inst, inst.app, inst.release, deps);
    started = Date.now();
    await awaitHealthy(inst, inst.release, containerId, hostPort, deps);
    healthy = Date.now();
  } catch (err) {
    deps.log?.(`${inst.app.name} ${inst.type}.${inst.number} failed to start: ${errorMessage(err)}`);
    await deps.prisma.instance.updateMany({
      where: { id: inst.id, state: "starting" },
      data: { state: "crashed", restartAt: new Date(Date.now() + backoffDelayMs(inst.restarts)) },
    });
    return;
  }
  const marked = await deps.prisma.instance.updateMany({ where: { id: inst.id, state: "starting" }, data: { state: "up", restartAt: null } });
  if (marked.count === 0) return;
  await publishRoutes(deps);
  // Where the time to serve goes (self-healing is measured end to end by e2e/runtime).
  const s = (from: number, to: number) => `${((to - from) / 1000).toFixed(2)} s`;
  deps.log?.(`${inst.app.name} ${inst.type}.${inst.number} up on ${inst.host.name} in ${s(began, Date.now())} (container ${s(began, started)}, health ${s(started, healthy)}, routes ${s(healthy, Date.now())})`);
}

/**
 * A crashed instance gets a new container on the same host; its restart count grows. The dead
 * container is removed while the new one starts (their names differ): removal is not on the
 * path to serving again.
 */
export async function restart(instanceId: string, deps: EngineDeps): Promise<void> {
  const inst = await deps.prisma.instance.findUniqueOrThrow({ where: { id: instanceId }, include: { host: true, app: { select: { name: true } } } });
  const claimed = await deps.prisma.instance.updateMany({
    where: { id: inst.id, state: "crashed" },
    data: { state: "starting", containerId: null, hostPort: null, restarts: { increment: 1 } },
  });
  // Not claimed: the row changed since it was judged crashed (a deploy made it up, another pass
  // restarted it), and its container is not this call's to remove.
  if (claimed.count === 0) return;
  const removal = inst.containerId ? stopContainer(engineFor(inst.host, deps), inst.containerId, { graceSeconds: 0 }) : Promise.resolve();
  // The restarts series of `GET /apps/:app/metrics`; a failure to count it does not hold up the restart.
  const counted = recordRestart(deps.redis, inst.app.name, `${inst.type}.${inst.number}`).catch((err: Error) => deps.log?.(err.message));
  await Promise.all([bringUp(inst.id, deps), removal, counted]);
}

/**
 * Takes an instance out of the routes first, lets in-flight and queued requests finish, then stops it
 * (SIGTERM, SIGKILL after the grace period): scaling down loses no request.
 */
export async function retire(instanceId: string, deps: EngineDeps, opts: { drainMs?: number } = {}): Promise<void> {
  const inst = await deps.prisma.instance.findUnique({ where: { id: instanceId }, include: { host: true } });
  if (!inst) return;
  const wasServing = inst.state === "up" && inst.type === "web";
  await deps.prisma.instance.update({ where: { id: inst.id }, data: { state: "stopped" } });
  if (wasServing) {
    await publishRoutes(deps);
    await waitUntilDrained([inst], deps, { minMs: opts.drainMs ?? DRAIN_MS });
  }
  await stopInstances([inst], deps, STOP_GRACE_SECONDS);
}
