import { errorMessage } from "@pier/docker";
import { createReleaseQueue } from "@pier/queue";
import { maintainAddons, type EngineDeps } from "@pier/use-cases";
import { startTimerLoop } from "./wakeable-loop.js";

/**
 * Docker's restart policy restarts a crashed database server at once; this pass covers the rest
 * (a container stopped or removed behind Pier's back, destroyed add-ons' containers, volumes past
 * their grace period, networks of destroyed apps, provisionings interrupted by a dying API) every
 * 15 s. Finishing an interrupted provisioning sets a config var, which makes a release: hence the
 * release queue, on the worker's own Redis connection: a producer needs no blocking connection of
 * its own, and closing the queue leaves a shared connection open.
 */
export function startAddonMaintenanceLoop(deps: EngineDeps): { stop(): Promise<void> } {
  const releaseQueue = createReleaseQueue(deps.redis);
  const loop = startTimerLoop({
    everyMs: 15_000,
    firstAfterMs: 5_000,
    pass: async () => {
      try {
        for (const line of await maintainAddons({ ...deps, releaseQueue })) deps.log?.(`add-ons: ${line}`);
      } catch (err) {
        deps.log?.(`add-on maintenance failed (next try in 15 s): ${errorMessage(err)}`);
      }
    },
  });
  return {
    async stop() {
      await loop.stop();
      await releaseQueue.close();
    },
  };
}
