import { configVarName, KINDS, purgeTime } from "@pier/addon-core";
import { errorMessage } from "@pier/docker";
import type { App } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import { runAddonContainer } from "./addons-container.js";
import { removeAddonContainer } from "./addons-docker.js";
import { chooseAttachmentName } from "./addons.js";
import { completeProvisioning } from "./addons-provisioning.js";
import { addonInclude, addonView, attachedAppsActor, findAppAddon, type AddonDeps, type AddonView } from "./addons-view.js";
import { recordAudit } from "./audit.js";
import { updateConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";
import { UseCaseError } from "./errors.js";

/**
 * Stops and removes the add-on's container and unsets its config vars on every attached app (a
 * release each). The volume stays until `purgeAfter` (PIER_ADDON_GRACE), so `restoreAddon` can
 * bring the data back; the worker's maintenance pass removes it after that.
 */
export async function destroyAddon(params: { app: string; addon: string; confirm?: string }, actor: Actor, deps: AddonDeps): Promise<AddonView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const addon = await findAppAddon(app, params.addon, deps);
  if (params.confirm !== addon.name) {
    throw new UseCaseError("invalid_params", `Destroying ${addon.name} needs confirmation: pass confirm=${addon.name} (its data is kept for the grace period, then deleted).`);
  }
  if (addon.state === "destroyed") throw new UseCaseError("conflict", `${addon.name} is already destroyed.`);
  await removeAddonContainer(deps.docker, addon.containerName);
  const now = new Date();
  await deps.prisma.$transaction([
    deps.prisma.addon.update({ where: { id: addon.id }, data: { state: "destroyed", destroyedAt: now, purgeAfter: purgeTime(now, deps.config.addons.graceMs) } }),
    deps.prisma.addonAttachment.deleteMany({ where: { addonId: addon.id } }),
  ]);
  await recordAudit({ action: "addon.destroy", app, details: { addon: addon.name } }, actor, deps);
  for (const a of addon.attachments) {
    await updateConfigVars({ app: a.appId, changes: { [configVarName(a.name)]: null } }, attachedAppsActor(actor), deps).catch((err: unknown) => {
      // The attached app may be gone meanwhile: its URL simply stops working.
      deps.log?.(`could not unset ${configVarName(a.name)} on ${a.app.name}: ${errorMessage(err)}`);
    });
  }
  return addonView(await deps.prisma.addon.findUniqueOrThrow({ where: { id: addon.id }, include: addonInclude }));
}

/** Within the grace period: a new container on the kept volume, attached to the owner again. */
export async function restoreAddon(params: { app: string; addon: string; as?: string }, actor: Actor, deps: AddonDeps): Promise<AddonView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const addon = await findAppAddon(app, params.addon, deps);
  if (addon.state !== "destroyed") throw new UseCaseError("conflict", `${addon.name} is ${addon.state}, not destroyed: there is nothing to restore.`);
  if (addon.purgedAt) throw new UseCaseError("conflict", `${addon.name}'s data was deleted when its grace period ended (${addon.purgeAfter?.toISOString()}).`);
  const attachmentName = await chooseAttachmentName(app, addon.name, KINDS[addon.kind].defaultAttachment, params.as, deps);
  // Claimed first, so the maintenance pass cannot purge the volume while the server starts.
  const claimed = await deps.prisma.addon.updateMany({ where: { id: addon.id, state: "destroyed", purgedAt: null }, data: { state: "provisioning", error: null, attachAs: attachmentName } });
  if (claimed.count === 0) throw new UseCaseError("conflict", `${addon.name} is being restored or purged right now.`);
  let version: string | undefined;
  try {
    version = await runAddonContainer(addon, deps);
  } catch (err) {
    await removeAddonContainer(deps.docker, addon.containerName);
    await deps.prisma.addon.update({ where: { id: addon.id }, data: { state: "destroyed", error: `Restore failed: ${errorMessage(err)}`.slice(0, 2000) } });
    throw new UseCaseError("unavailable", `${addon.name} could not be restored (its data is still kept): ${errorMessage(err)}`);
  }
  await recordAudit({ action: "addon.restore", app, details: { addon: addon.name } }, actor, deps);
  await completeProvisioning(addon, attachmentName, version, actor, deps);
  return addonView(await deps.prisma.addon.findUniqueOrThrow({ where: { id: addon.id }, include: addonInclude }));
}

/**
 * Before an app is deleted: its add-ons become destroyed with the usual grace period (the
 * worker removes their containers; the volumes and rows outlive the app until purged).
 */
export async function retireAppAddons(app: Pick<App, "id">, deps: Pick<AddonDeps, "prisma" | "config">): Promise<number> {
  const now = new Date();
  const { count } = await deps.prisma.addon.updateMany({
    where: { appId: app.id, state: { not: "destroyed" } },
    data: { state: "destroyed", destroyedAt: now, purgeAfter: purgeTime(now, deps.config.addons.graceMs) },
  });
  return count;
}
