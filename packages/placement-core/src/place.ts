import { formatBytes } from "./sizes.js";

/** A host as placement sees it: only what the decision needs. */
export interface PlacementHost {
  id: string;
  name: string;
  /** Only ready hosts receive instances (draining and down hosts do not). */
  ready: boolean;
  memoryBytes: number;
  /** Memory already promised to instances on this host. */
  allocatedBytes: number;
}

/** An instance already on a host; `group` is what placement spreads, e.g. "shop/web". */
export interface ExistingPlacement {
  group: string;
  hostId: string;
}

export interface PlacementRequest {
  group: string;
  memoryBytes: number;
  count: number;
}

export type PlacementResult =
  | { ok: true; placements: { group: string; hostIds: string[] }[] }
  | { ok: false; group: string; reason: string };

/**
 * Places instances one at a time: first on the host with the fewest instances of the same group
 * (spread an app's process type across hosts), then on the least allocated host (by share of its
 * memory), then by host name, so the same input always gives the same answer. Refuses the whole
 * request when one instance fits nowhere, saying why.
 *
 * Hot loop over typed arrays: 10,000 instances on 1,000 hosts must take well under 100 ms.
 */
export function placeInstances(input: { hosts: PlacementHost[]; existing: ExistingPlacement[]; requests: PlacementRequest[] }): PlacementResult {
  const hosts = input.hosts.filter((h) => h.ready).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const n = hosts.length;
  const capacity = Float64Array.from(hosts, (h) => h.memoryBytes);
  const allocated = Float64Array.from(hosts, (h) => h.allocatedBytes);
  const free = Float64Array.from(hosts, (h) => h.memoryBytes - h.allocatedBytes);
  const share = Float64Array.from(hosts, (h) => h.allocatedBytes / h.memoryBytes);
  const index = new Map(hosts.map((h, i) => [h.id, i]));
  const groupHosts = new Map<string, number[]>();
  for (const e of input.existing) {
    const i = index.get(e.hostId);
    if (i === undefined) continue;
    const list = groupHosts.get(e.group);
    if (list) list.push(i);
    else groupHosts.set(e.group, [i]);
  }

  const sameGroup = new Int32Array(n);
  const placements: { group: string; hostIds: string[] }[] = [];
  for (const req of input.requests) {
    let members = groupHosts.get(req.group);
    if (!members) groupHosts.set(req.group, (members = []));
    for (const i of members) sameGroup[i]!++;
    const hostIds: string[] = [];
    for (let k = 0; k < req.count; k++) {
      let best = -1;
      let bestCount = Number.MAX_SAFE_INTEGER;
      let bestShare = Infinity;
      for (let h = 0; h < n; h++) {
        if (free[h]! < req.memoryBytes) continue;
        const count = sameGroup[h]!;
        if (count < bestCount || (count === bestCount && share[h]! < bestShare)) {
          best = h;
          bestCount = count;
          bestShare = share[h]!;
        }
      }
      if (best < 0) {
        for (const i of members) sameGroup[i] = 0;
        return { ok: false, group: req.group, reason: refusal(req.memoryBytes, hosts, free) };
      }
      allocated[best]! += req.memoryBytes;
      free[best]! -= req.memoryBytes;
      share[best] = allocated[best]! / capacity[best]!;
      sameGroup[best]!++;
      members.push(best);
      hostIds.push(hosts[best]!.id);
    }
    for (const i of members) sameGroup[i] = 0;
    placements.push({ group: req.group, hostIds });
  }
  return { ok: true, placements };
}

function refusal(needed: number, hosts: PlacementHost[], free: Float64Array): string {
  if (hosts.length === 0) return `needs ${formatBytes(needed)}, but no host is ready`;
  let best = 0;
  for (let h = 1; h < hosts.length; h++) if (free[h]! > free[best]!) best = h;
  return `needs ${formatBytes(needed)}, largest free ${formatBytes(Math.max(0, free[best]!))} on ${hosts[best]!.name}`;
}
