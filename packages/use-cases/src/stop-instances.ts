import { stopContainer } from "@pier/docker";
import type { Host, Instance } from "@pier/db";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";

/** SIGTERM -> SIGKILL, as Heroku does. */
export const STOP_GRACE_SECONDS = 30;

/** Stops instances' containers (SIGTERM, SIGKILL after the grace period) and forgets their rows. */
export async function stopInstances(instances: (Instance & { host: Host })[], deps: EngineDeps, graceSeconds = STOP_GRACE_SECONDS): Promise<void> {
  await Promise.all(
    instances.map(async (inst) => {
      if (inst.containerId && inst.host.state !== "down") await stopContainer(engineFor(inst.host, deps), inst.containerId, { graceSeconds });
      await deps.prisma.instance.deleteMany({ where: { id: inst.id } });
    }),
  );
}
