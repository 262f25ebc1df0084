/** An add-on as the maintenance pass sees it (narrow view of the database row). */
export interface AddonRecord {
  id: string;
  state: "provisioning" | "available" | "failed" | "destroyed";
  containerName: string;
  volumeName: string;
  purgeAfter: Date | null;
  purgedAt: Date | null;
  /** Set while destroyed and during a restore (cleared when the restore succeeds). */
  destroyedAt: Date | null;
  /** Last change of the row: when a provisioning (or restore) began. */
  updatedAt: Date;
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
  | { kind: "remove-container"; addonId: string; containerName: string }
  /** An interrupted provisioning whose server runs: mark it available and attach it, as createAddon would. */
  | { kind: "finish-provisioning"; addonId: string; containerName: string }
  /** An interrupted provisioning whose server is not running: failed (a restore: destroyed again, data kept). */
  | { kind: "fail-provisioning"; addonId: string; containerName: string; reason: string; keepVolume: boolean };

/**
 * createAddon / restoreAddon wait up to 180 s for the server; a row still `provisioning` well
 * after that belongs to a process that died (API restarted mid-create).
 */
export const PROVISIONING_TIMEOUT_MS = 5 * 60_000;

/**
 * Keeps add-ons' containers in line with their rows. Docker's restart policy brings a crashed
 * server back; this covers what it does not: a container stopped or removed behind Pier's back
 * (started again, or recreated on the kept volume), a destroyed add-on's container that is still
 * there, and volumes whose grace period is over.
 */
export function planAddonMaintenance(
  addons: readonly AddonRecord[],
  containers: readonly ObservedAddonContainer[],
  now: Date,
  provisioningTimeoutMs = PROVISIONING_TIMEOUT_MS,
): AddonAction[] {
  const byName = new Map(containers.map((c) => [c.name, c]));
  const actions: AddonAction[] = [];
  for (const a of addons) {
    const container = byName.get(a.containerName);
    if (a.state === "destroyed") {
      if (container) actions.push({ kind: "remove-container", addonId: a.id, containerName: a.containerName });
      else if (!a.purgedAt && a.purgeAfter && a.purgeAfter <= now) actions.push({ kind: "purge-volume", addonId: a.id, volumeName: a.volumeName });
      continue;
    }
    if (a.state === "provisioning") {
      if (now.getTime() - a.updatedAt.getTime() >= provisioningTimeoutMs) actions.push(interruptedProvisioning(a, container));
      continue;
    }
    if (a.state !== "available") continue;
    if (!container) actions.push({ kind: "recreate", addonId: a.id });
    else if (["exited", "dead", "created"].includes(container.state)) actions.push({ kind: "start", addonId: a.id, containerName: a.containerName });
  }
  return actions;
}

function interruptedProvisioning(a: AddonRecord, container: ObservedAddonContainer | undefined): AddonAction {
  if (container?.state === "running") return { kind: "finish-provisioning", addonId: a.id, containerName: a.containerName };
  const restore = a.destroyedAt !== null;
  const what = container ? `its server's container is ${container.state}` : "its server's container is gone";
  return {
    kind: "fail-provisioning",
    addonId: a.id,
    containerName: a.containerName,
    keepVolume: restore,
    reason: `${restore ? "Restore" : "Provisioning"} was interrupted (Pier stopped while it ran) and ${what}.`,
  };
}

/** When a destroyed add-on's volume goes. */
export const purgeTime = (destroyedAt: Date, graceMs: number) => new Date(destroyedAt.getTime() + graceMs);
