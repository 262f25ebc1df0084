import { LABEL, listPierContainers, stopContainer } from "@pier/docker";
import { planReconcile } from "@pier/reconcile-core";
import type { EngineDeps } from "./deps.js";
import { ensureLocalHost } from "./local-host.js";
import { publishRoutes } from "./publish-routes.js";

/** One pass of the reconciler over the local engine: list, plan, act. */
export async function reconcile(deps: EngineDeps): Promise<number> {
  const host = await ensureLocalHost(deps);
  const [rows, containers] = await Promise.all([
    deps.prisma.instance.findMany({ where: { hostId: host.id }, select: { id: true, state: true, containerId: true } }),
    listPierContainers(deps.docker, { [LABEL.role]: "instance", [LABEL.installation]: deps.installationId }),
  ]);
  const actions = planReconcile(
    rows,
    containers.map((c) => ({ containerId: c.id, instanceId: c.labels[LABEL.instance], running: c.state === "running" })),
  );
  let routesChanged = false;
  for (const action of actions) {
    if (action.type === "remove-stray") {
      deps.log?.(`reconcile: removing container ${action.containerId.slice(0, 12)} (${action.reason})`);
      await stopContainer(deps.docker, action.containerId, { graceSeconds: 10 });
    } else {
      deps.log?.(`reconcile: instance ${action.instanceId} crashed`);
      await deps.prisma.instance.update({ where: { id: action.instanceId }, data: { state: "crashed" } });
      routesChanged = true;
    }
  }
  if (routesChanged) await publishRoutes(deps);
  return actions.length;
}
