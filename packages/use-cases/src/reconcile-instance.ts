import { dockerStatus } from "@pier/docker";
import { backoffDelayMs } from "@pier/reconcile-core";
import { currentRelease } from "./current-release.js";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { restart } from "./instance-lifecycle.js";
import { busy, inBackground } from "./instance-work.js";
import { publishRoutes } from "./publish-routes.js";

/**
 * The fast path of self-healing: a container of this installation died (an engine event named
 * it), so this one instance is checked at once instead of waiting for a pass over every host (a
 * slow or silent host holds a pass up to its listing timeout). Still level-triggered: it acts only
 * when the row says "up, current release, on a ready host, this container" and the engine says the
 * container is not running. Everything else is left to the next pass.
 */
export async function reconcileInstance(instanceId: string, containerId: string, deps: EngineDeps): Promise<void> {
  if (busy.has(instanceId)) return;
  const row = await deps.prisma.instance.findUnique({ where: { id: instanceId }, include: { host: true } });
  if (!row || row.state !== "up" || row.containerId !== containerId || row.command !== null || row.replaceRequested || row.host.state !== "ready") return;
  if ((await currentRelease(row.appId, deps))?.id !== row.releaseId) return;
  let state: { Running: boolean; ExitCode: number } | null;
  try {
    state = (await engineFor(row.host, deps).getContainer(containerId).inspect()).State;
  } catch (err) {
    if (dockerStatus(err) !== 404) throw err;
    state = null;
  }
  if (state?.Running) return;
  const delay = backoffDelayMs(row.restarts);
  const marked = await deps.prisma.instance.updateMany({
    where: { id: row.id, state: "up", containerId },
    data: { state: "crashed", exitCode: state?.ExitCode ?? null, restartAt: new Date(Date.now() + delay) },
  });
  if (marked.count === 0 || busy.has(row.id)) return;
  deps.log?.(`reconcile: instance ${row.id} crashed (exit code ${state?.ExitCode ?? "unknown"})`);
  if (delay === 0) inBackground(row.id, () => restart(row.id, deps), deps);
  await publishRoutes(deps);
}
