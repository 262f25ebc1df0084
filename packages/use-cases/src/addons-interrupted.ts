import { KINDS, parseAdminInfo } from "@pier/addon-core";
import type { Addon } from "@pier/db";
import { chooseAttachmentName } from "./addons.js";
import { addonAdmin, removeAddonContainer, removeAddonVolume, waitUntilReady } from "./addons-docker.js";
import { completeProvisioning } from "./addons-provisioning.js";
import type { AddonDeps } from "./addons-view.js";
import type { Actor } from "./deps.js";

/** Maintenance: an interrupted provisioning whose server runs is finished as createAddon would have. */
export async function finishInterruptedProvisioning(addon: Addon, deps: AddonDeps): Promise<boolean> {
  const app = addon.appId ? await deps.prisma.app.findUnique({ where: { id: addon.appId } }) : null;
  if (!app) return false;
  await waitUntilReady(deps.docker, addon.containerName, 30_000);
  const version = parseAdminInfo((await addonAdmin(deps.docker, addon.containerName, "info")).output).version;
  // The owner's rights (config vars of its own app); the name chosen at creation if still free.
  const actor: Actor = { userId: app.ownerId, isAdmin: true };
  const attachmentName = await chooseAttachmentName(app, addon.name, KINDS[addon.kind].defaultAttachment, undefined, deps).then(async (fallback) => {
    if (!addon.attachAs) return fallback;
    const taken = await deps.prisma.addonAttachment.count({ where: { appId: app.id, name: addon.attachAs } });
    return taken ? fallback : addon.attachAs;
  });
  return completeProvisioning(addon, attachmentName, version, actor, deps);
}

/**
 * Maintenance: an interrupted provisioning whose server is not running. A new add-on becomes
 * `failed` (container and volume removed, no config var); a restore goes back to `destroyed`
 * with its volume kept, so it can be tried again within the grace period.
 */
export async function failInterruptedProvisioning(addon: Addon, reason: string, keepVolume: boolean, deps: AddonDeps): Promise<boolean> {
  const { count } = await deps.prisma.addon.updateMany({
    where: { id: addon.id, state: "provisioning" },
    data: { state: keepVolume ? "destroyed" : "failed", error: reason.slice(0, 2000) },
  });
  if (count === 0) return false;
  await removeAddonContainer(deps.docker, addon.containerName);
  if (!keepVolume) await removeAddonVolume(deps.docker, addon.volumeName);
  deps.log?.(`add-on ${addon.name}: ${reason}`);
  return true;
}
