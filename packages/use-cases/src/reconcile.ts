import { stopContainer } from "@pier/docker";
import { planReconcile, type ReconcileAction } from "@pier/reconcile-core";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { bringUp, restart, retire } from "./instance-lifecycle.js";
import { busy, inBackground } from "./instance-work.js";
import { ensureLocalHost } from "./local-host.js";
import { observeHosts } from "./observe-hosts.js";
import { publishRoutes } from "./publish-routes.js";
import { STOP_GRACE_SECONDS } from "./stop-instances.js";

/** Unplaceable reasons already logged, so a pass every few seconds does not repeat them. */
const reported = new Map<string, string>();
/** The local engine's capacity is re-read this often, not on every pass (a crash's pass must be quick). */
const LOCAL_HOST_REFRESH_MS = 60_000;
let localHostCheckedAt = 0;

export interface ReconcileResult {
  actions: ReconcileAction[];
  /** Something changed that the next pass should look at at once (a crash to restart). */
  again: boolean;
  hosts: { id: string; name: string; state: string; listed: boolean }[];
}

/** One pass of the reconciler over every host: observe, plan (pure), act. Starts and stops run in the background. */
export async function reconcile(deps: EngineDeps): Promise<ReconcileResult> {
  if (Date.now() - localHostCheckedAt > LOCAL_HOST_REFRESH_MS) {
    await ensureLocalHost(deps);
    localHostCheckedAt = Date.now();
  }
  const observed = await observeHosts(deps);
  const [apps, instances] = await Promise.all([
    deps.prisma.app.findMany({ include: { formation: true, releases: { where: { status: "succeeded" }, orderBy: { version: "desc" }, take: 1 } } }),
    deps.prisma.instance.findMany(),
  ]);
  const now = Date.now();
  const actions = planReconcile({
    now,
    bootTimeoutMs: deps.config.bootTimeoutMs,
    stopTimeoutMs: (STOP_GRACE_SECONDS + 5) * 1000,
    apps: apps.map((a) => ({
      id: a.id,
      name: a.name,
      currentReleaseId: a.releases[0]?.id ?? null,
      processTypes: Object.keys((a.releases[0]?.processTypes ?? {}) as object),
      formation: a.formation.map((f) => ({ type: f.type, quantity: f.quantity, size: f.size })),
    })),
    instances: instances.map((i) => ({ ...i, restartAt: i.restartAt?.getTime() ?? null, startedAt: i.startedAt?.getTime() ?? null, expiresAt: i.expiresAt?.getTime() ?? null, updatedAt: i.updatedAt.getTime(), oneOff: i.command !== null })),
    hosts: observed.map(({ host, containers, listedAt }) => ({ id: host.id, name: host.name, state: host.state, memoryBytes: Number(host.memoryBytes ?? 0n), listed: containers !== null, listedAt })),
    containers: observed.flatMap(({ host, containers }) =>
      (containers ?? []).map((c) => ({ hostId: host.id, containerId: c.id, instanceId: c.labels["pier.instance"], running: c.state === "running" })),
    ),
  });
  const hostsById = new Map(observed.map((o) => [o.host.id, o.host]));
  const containerOf = new Map(instances.map((i) => [i.id, i.containerId]));
  const containerOwner = new Map(observed.flatMap(({ containers }) => (containers ?? []).map((c) => [c.id, c.labels["pier.instance"]] as const)));
  let routesChanged = false;
  let again = false;
  for (const action of actions) {
    if (isBusy(action, containerOwner)) continue;
    switch (action.type) {
      case "remove-stray":
        deps.log?.(`reconcile: removing container ${action.containerId.slice(0, 12)} on ${hostsById.get(action.hostId)?.name} (${action.reason})`);
        await stopContainer(engineFor(hostsById.get(action.hostId)!, deps), action.containerId, { graceSeconds: 10 });
        break;
      case "mark-crashed": {
        const marked = await deps.prisma.instance.updateMany({
          // Only the container this pass judged: a restart may have replaced it meanwhile.
          where: { id: action.instanceId, state: { in: ["up", "starting"] }, containerId: containerOf.get(action.instanceId) ?? null },
          data: { state: "crashed", exitCode: action.exitCode, restartAt: new Date(action.restartAt) },
        });
        deps.log?.(`reconcile: instance ${action.instanceId} crashed (exit code ${action.exitCode ?? "unknown"})`);
        routesChanged ||= marked.count > 0;
        break;
      }
      case "forget":
        deps.log?.(`reconcile: instance ${action.instanceId} lost (${action.reason})`);
        await deps.prisma.instance.deleteMany({ where: { id: action.instanceId } });
        routesChanged = again = true;
        break;
      case "start": {
        const row = await deps.prisma.instance.create({
          data: { appId: action.appId, releaseId: action.releaseId, hostId: action.hostId, type: action.processType, number: action.number, size: action.size },
        });
        inBackground(row.id, () => bringUp(row.id, deps), deps);
        break;
      }
      case "restart":
        inBackground(action.instanceId, () => restart(action.instanceId, deps), deps);
        break;
      case "stop":
        deps.log?.(`reconcile: stopping instance ${action.instanceId} (${action.reason})`);
        inBackground(action.instanceId, () => retire(action.instanceId, deps), deps);
        break;
      case "unplaceable": {
        const key = `${action.appId}/${action.processType}`;
        if (reported.get(key) !== action.reason) deps.log?.(`reconcile: cannot place ${key}: ${action.reason}`);
        reported.set(key, action.reason);
        break;
      }
    }
  }
  if (routesChanged) await publishRoutes(deps);
  return { actions, again, hosts: observed.map(({ host, containers }) => ({ id: host.id, name: host.name, state: host.state, listed: containers !== null })) };
}

/** Actions on an instance this process is already starting or stopping wait for the next pass. */
function isBusy(action: ReconcileAction, containerOwner: Map<string, string | undefined>): boolean {
  if ("instanceId" in action) return busy.has(action.instanceId);
  if (action.type === "remove-stray") return busy.has(containerOwner.get(action.containerId) ?? "");
  return false;
}
