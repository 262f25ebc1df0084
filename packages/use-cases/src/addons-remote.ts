import { addonUrlForHost, configVarName, firstFreePort, publishAddress } from "@pier/addon-core";
import type { Addon, PrismaClient } from "@pier/db";

/**
 * The environment of an instance of `appId` on `hostId`: add-on URLs of add-ons running on another
 * host point at that host's address and the add-on's published port (the app's network, where
 * the add-on's name resolves, exists only on the add-on's own host). Other values are unchanged.
 */
export async function addonEnvForHost(appId: string, hostId: string, env: Record<string, string>, deps: { prisma: PrismaClient }): Promise<Record<string, string>> {
  const attachments = await deps.prisma.addonAttachment.findMany({
    where: { appId, addon: { state: "available", publishedPort: { not: null }, hostId: { not: hostId } } },
    include: { addon: { include: { host: true } } },
  });
  const out = { ...env };
  for (const { name, addon } of attachments) {
    const key = configVarName(name);
    const url = out[key];
    if (url === undefined || !addon.host) continue;
    out[key] = addonUrlForHost(url, { kind: addon.kind, alias: addon.name, hostId: addon.hostId, hostAddress: addon.host.address, publishedPort: addon.publishedPort }, hostId);
  }
  return out;
}

/** Advisory lock key of the port claim (any constant no other lock uses). */
const PORT_CLAIM_LOCK = 8_245_020_001n;

/**
 * Where an add-on's server is published for instances on other hosts: on its host's address when
 * that is not loopback (a single-host install publishes nothing), at a port claimed once and kept
 * on the row, so URLs stay valid across restarts and re-creations of the container.
 */
export async function addonPublishing(addon: Pick<Addon, "id" | "hostId" | "publishedPort">, deps: { prisma: PrismaClient }): Promise<{ ip: string; port: number } | undefined> {
  if (!addon.hostId) return undefined;
  const host = await deps.prisma.host.findUnique({ where: { id: addon.hostId }, select: { address: true } });
  const ip = publishAddress(host?.address);
  if (!ip) return undefined;
  if (addon.publishedPort !== null) return { ip, port: addon.publishedPort };
  const hostId = addon.hostId;
  const port = await deps.prisma.$transaction(async (tx) => {
    // Provisionings running at once (API and worker processes) must not pick the same port.
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${PORT_CLAIM_LOCK})`;
    const claimed = await tx.addon.findMany({ where: { hostId, publishedPort: { not: null } }, select: { publishedPort: true } });
    const free = firstFreePort(new Set(claimed.map((a) => a.publishedPort!)));
    await tx.addon.update({ where: { id: addon.id }, data: { publishedPort: free } });
    return free;
  });
  return { ip, port };
}
