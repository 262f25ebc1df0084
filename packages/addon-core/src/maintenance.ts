/** An add-on as the maintenance pass sees it (narrow view of the database row). */
export interface AddonRecord {
  id: string;
  state: "provisioning" | "available" | "failed" | "destroyed";
  containerName: string;
  volumeName: string;
  purgeAfter: Date | null;
  purgedAt: Date | null;
}

/** The add-on's container as Docker reports it; absent when there is none. */
export interface ObservedAddonContainer {
  name: string;
  /** Docker's state: running, restarting, exited, dead, created, ... */
  state: string;
}

export type AddonAction =
  | { kind: "purge-volume"; addonId: string; volumeName: string }
  | { kind: "start"; addonId: string; containerName: string }
  | { kind: "recreate"; addonId: string }
  | { kind: "remove-container"; addonId: string; containerName: string };

/**
 * Keeps add-ons' containers in line with their rows. Docker's restart policy brings a crashed
 * server back; this covers what it does not: a container stopped or removed behind Pier's back
 * (started again, or recreated on the kept volume), a destroyed add-on's container that is still
 * there, and volumes whose grace period is over.
 */
export function planAddonMaintenance(addons: readonly AddonRecord[], containers: readonly ObservedAddonContainer[], now: Date): AddonAction[] {
  const byName = new Map(containers.map((c) => [c.name, c]));
  const actions: AddonAction[] = [];
  for (const a of addons) {
    const container = byName.get(a.containerName);
    if (a.state === "destroyed") {
      if (container) actions.push({ kind: "remove-container", addonId: a.id, containerName: a.containerName });
      else if (!a.purgedAt && a.purgeAfter && a.purgeAfter <= now) actions.push({ kind: "purge-volume", addonId: a.id, volumeName: a.volumeName });
      continue;
    }
    if (a.state !== "available") continue;
    if (!container) actions.push({ kind: "recreate", addonId: a.id });
    else if (["exited", "dead", "created"].includes(container.state)) actions.push({ kind: "start", addonId: a.id, containerName: a.containerName });
  }
  return actions;
}

/** When a destroyed add-on's volume goes. */
export const purgeTime = (destroyedAt: Date, graceMs: number) => new Date(destroyedAt.getTime() + graceMs);
