import type { ExistingPlacement, PlacementHost } from "@pier/placement-core";
import { findSize, DEFAULT_SIZE } from "@pier/placement-core";
import type { Deps } from "./deps.js";

/** Hosts and what runs on them, as placement needs them. */
export async function placementHosts(deps: Pick<Deps, "prisma">): Promise<{ hosts: PlacementHost[]; existing: ExistingPlacement[] }> {
  const [hosts, live] = await Promise.all([
    deps.prisma.host.findMany(),
    deps.prisma.instance.findMany({ where: { state: { in: ["starting", "up", "draining", "crashed"] } }, select: { appId: true, type: true, hostId: true, size: true } }),
  ]);
  const allocated = new Map<string, number>();
  for (const i of live) allocated.set(i.hostId, (allocated.get(i.hostId) ?? 0) + (findSize(i.size) ?? findSize(DEFAULT_SIZE)!).memoryBytes);
  return {
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, ready: h.state === "ready", memoryBytes: Number(h.memoryBytes ?? 0n), allocatedBytes: allocated.get(h.id) ?? 0 })),
    existing: live.map((i) => ({ group: `${i.appId}/${i.type}`, hostId: i.hostId })),
  };
}
