import { errorMessage } from "@pier/docker";
import { createRedis, createReleaseQueue } from "@pier/queue";
import { maintainAddons, type EngineDeps } from "@pier/use-cases";
import { startTimerLoop } from "./wakeable-loop.js";

/**
 * Docker's restart policy restarts a crashed database server at once; this pass covers the rest
 * (a container stopped or removed behind Pier's back, destroyed add-ons' containers, volumes past
 * their grace period, networks of destroyed apps, provisionings interrupted by a dying API) every
 * 15 s. Finishing an interrupted provisioning sets a config var, which makes a release: hence the
 * release queue.
 */
export function startAddonMaintenanceLoop(deps: EngineDeps): { stop(): Promise<void> } {
  const redis = createRedis(deps.config.redisUrl, { blocking: true });
  const releaseQueue = createReleaseQueue(redis);
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
      await redis.quit();
    },
  };
}
