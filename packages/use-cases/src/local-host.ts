import type { Host } from "@pier/db";
import type { Deps } from "./deps.js";

export const LOCAL_HOST_NAME = "local";

/** The engine next to the control plane registers itself; more hosts join later (issue 4). */
export async function ensureLocalHost(deps: Pick<Deps, "prisma" | "config">): Promise<Host> {
  const dockerUrl = `unix://${deps.config.dockerSocket}`;
  return deps.prisma.host.upsert({
    where: { name: LOCAL_HOST_NAME },
    create: { name: LOCAL_HOST_NAME, dockerUrl, address: "127.0.0.1", lastHeartbeatAt: new Date() },
    update: { dockerUrl, lastHeartbeatAt: new Date() },
  });
}
