import { configVarName } from "@pier/addon-core";
import type { Addon } from "@pier/db";
import { addonUrl, type AddonDeps } from "./addons-view.js";
import { updateConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";

/**
 * The end of a provisioning (or restore): the row goes from `provisioning` to `available` and the
 * owner is attached, in one transaction, then `<AS>_URL` is set (a release). Claimed on the state,
 * so createAddon and the maintenance pass never both finish (or one finish, one fail) an add-on.
 * Returns false when someone else finished or failed it first.
 */
export async function completeProvisioning(addon: Addon, attachmentName: string, version: string | undefined, actor: Actor, deps: AddonDeps): Promise<boolean> {
  const appId = addon.appId;
  if (!appId) return false;
  const claimed = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.addon.updateMany({
      where: { id: addon.id, state: "provisioning" },
      data: { state: "available", version: version ?? addon.version, error: null, destroyedAt: null, purgeAfter: null },
    });
    if (count === 0) return false;
    await tx.addonAttachment.create({ data: { addonId: addon.id, appId, name: attachmentName } });
    return true;
  });
  if (!claimed) return false;
  await updateConfigVars({ app: appId, changes: { [configVarName(attachmentName)]: await addonUrl(addon, deps) } }, actor, deps);
  return true;
}
