import type { Host } from "@pier/db";
import type { EngineDeps } from "./deps.js";

export const LOCAL_HOST_NAME = "local";

/**
 * The engine next to the control plane registers itself, with the capacity the engine reports and
 * the address other hosts reach it at (PIER_HOST_ADDRESS; kept as registered when unset).
 */
export async function ensureLocalHost(deps: Pick<EngineDeps, "prisma" | "config" | "docker">): Promise<Host> {
  const dockerUrl = `unix://${deps.config.dockerSocket}`;
  const info = (await deps.docker.info()) as { NCPU?: number; MemTotal?: number };
  const capacity = { cpus: info.NCPU ?? null, memoryBytes: info.MemTotal !== undefined ? BigInt(info.MemTotal) : null };
  return deps.prisma.host.upsert({
    where: { name: LOCAL_HOST_NAME },
    create: { name: LOCAL_HOST_NAME, dockerUrl, address: deps.config.hostAddress ?? "127.0.0.1", lastHeartbeatAt: new Date(), ...capacity },
    update: { dockerUrl, ...capacity, ...(deps.config.hostAddress ? { address: deps.config.hostAddress } : {}) },
  });
}
