import { cleanUpBuildArtifacts, type EngineDeps } from "@pier/use-cases";
import { startTimerLoop } from "./wakeable-loop.js";

/** Destroyed apps' images and caches are not urgent: a pass this often (the first one soon after start). */
const EVERY_MS = 10 * 60_000;
const FIRST_AFTER_MS = 60_000;

/**
 * Removes build artifacts nothing needs any more (see cleanUpBuildArtifacts) on a timer. A failed
 * pass is logged and the next one tries again.
 */
export function startBuildArtifactsLoop(deps: EngineDeps): { stop(): Promise<void> } {
  return startTimerLoop({
    everyMs: EVERY_MS,
    firstAfterMs: FIRST_AFTER_MS,
    pass: async () => {
      try {
        const { removed, problems } = await cleanUpBuildArtifacts(deps);
        if (removed.length > 0) deps.log?.(`build artifacts removed: ${removed.join(", ")}`);
        for (const p of problems) deps.log?.(`build artifacts: ${p}`);
      } catch (err) {
        deps.log?.(`build artifacts cleanup failed (next try in ${EVERY_MS / 60_000} min): ${(err as Error).message}`);
      }
    },
  });
}
