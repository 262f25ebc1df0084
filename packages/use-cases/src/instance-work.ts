import { errorMessage } from "@pier/docker";
import type { EngineDeps } from "./deps.js";

/** Instances this process is starting or stopping now: a later pass (or event) must not act on them twice. */
export const busy = new Set<string>();

/** Runs work on an instance in the background, marked busy until it ends. */
export function inBackground(instanceId: string, work: () => Promise<void>, deps: EngineDeps): void {
  busy.add(instanceId);
  work()
    .catch((err: unknown) => deps.log?.(`reconcile: instance ${instanceId}: ${errorMessage(err)}`))
    .finally(() => busy.delete(instanceId));
}
