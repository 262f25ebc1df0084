import { errorMessage } from "@pier/docker";
import { maintainAddons, type EngineDeps } from "@pier/use-cases";
import { startTimerLoop } from "./timer-loop.js";

/**
 * Docker's restart policy restarts a crashed database server at once; this pass covers the rest
 * (a container stopped or removed behind Pier's back, destroyed add-ons' containers, volumes past
 * their grace period, networks of destroyed apps) every 15 s.
 */
export const startAddonMaintenanceLoop = (deps: EngineDeps) =>
  startTimerLoop({
    everyMs: 15_000,
    firstAfterMs: 5_000,
    pass: async () => {
      try {
        for (const line of await maintainAddons(deps)) deps.log?.(`add-ons: ${line}`);
      } catch (err) {
        deps.log?.(`add-on maintenance failed (next try in 15 s): ${errorMessage(err)}`);
      }
    },
  });
