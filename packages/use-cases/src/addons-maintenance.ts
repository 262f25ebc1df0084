import { planAddonMaintenance, type AddonAction } from "@pier/addon-core";
import { LABEL, errorMessage, listPierContainers } from "@pier/docker";
import { runAddonContainer } from "./addons-container.js";
import { removeAddonContainer, removeAddonVolume, waitUntilReady } from "./addons-docker.js";
import { failInterruptedProvisioning, finishInterruptedProvisioning } from "./addons-interrupted.js";
import type { AddonDeps } from "./addons-view.js";
import type { EngineDeps } from "./deps.js";

/**
 * The worker's add-on pass: brings back servers that are gone or stopped (data survives on the
 * volume), removes destroyed add-ons' containers, and purges volumes whose grace period is over.
 * Returns what it did, one line each; a failing action is reported and the others still run.
 */
export async function maintainAddons(deps: AddonDeps, now = new Date()): Promise<string[]> {
  const addons = await deps.prisma.addon.findMany({ where: { OR: [{ state: { in: ["available", "provisioning"] } }, { state: "destroyed", purgedAt: null }] } });
  const containers = await listPierContainers(deps.docker, { [LABEL.role]: "addon", [LABEL.installation]: deps.installationId });
  const actions = planAddonMaintenance(addons, containers, now);
  const done: string[] = [];
  for (const action of actions) {
    const addon = addons.find((a) => a.id === action.addonId)!;
    try {
      if (await carryOut(action, addon, deps)) done.push(`${action.kind} ${addon.name}`);
    } catch (err) {
      done.push(`${action.kind} ${addon.name} failed: ${errorMessage(err)}`);
    }
  }
  for (const network of await strayAppNetworks(deps)) {
    await deps.docker.getNetwork(network).remove().then(
      () => done.push(`remove network ${network}`),
      (err: unknown) => done.push(`remove network ${network} failed: ${errorMessage(err)}`),
    );
  }
  return done;
}

/** App networks of this installation whose app is gone (after `apps:destroy`). */
async function strayAppNetworks(deps: EngineDeps): Promise<string[]> {
  const networks = (await deps.docker.listNetworks({ filters: { label: [`${LABEL.role}=network`, `${LABEL.installation}=${deps.installationId}`] } })) as { Name: string; Labels?: Record<string, string> }[];
  const appIds = networks.map((n) => n.Labels?.[LABEL.appId]).filter((id): id is string => !!id);
  const live = new Set((await deps.prisma.app.findMany({ where: { id: { in: appIds } }, select: { id: true } })).map((a) => a.id));
  return networks.filter((n) => n.Labels?.[LABEL.appId] && !live.has(n.Labels[LABEL.appId]!)).map((n) => n.Name);
}

/** Carries out one action; false when there was nothing left to do (another process got there first). */
async function carryOut(action: AddonAction, addon: Parameters<typeof runAddonContainer>[0], deps: AddonDeps): Promise<boolean> {
  switch (action.kind) {
    case "finish-provisioning":
      return finishInterruptedProvisioning(addon, deps);
    case "fail-provisioning":
      return failInterruptedProvisioning(addon, action.reason, action.keepVolume, deps);
    case "start":
      await deps.docker.getContainer(action.containerName).start();
      await waitUntilReady(deps.docker, action.containerName);
      return true;
    case "recreate":
      await runAddonContainer(addon, deps);
      return true;
    case "remove-container":
      await removeAddonContainer(deps.docker, action.containerName);
      return true;
    case "purge-volume": {
      // Only if still due: a restore may have claimed the add-on since it was read.
      const claimed = await deps.prisma.addon.updateMany({ where: { id: addon.id, state: "destroyed", purgedAt: null }, data: { purgedAt: new Date() } });
      if (claimed.count === 0) return false;
      await removeAddonVolume(deps.docker, action.volumeName).catch(async (err: unknown) => {
        await deps.prisma.addon.update({ where: { id: addon.id }, data: { purgedAt: null } });
        throw err;
      });
      return true;
    }
  }
}
