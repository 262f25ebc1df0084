import { addonContainerName, addonVolumeName } from "@pier/addon-core";
import { LABEL } from "@pier/docker";
import type { Addon } from "@pier/db";
import { ADDON_LABEL, addonAdmin, ensureAppNetwork, startAddonContainer, waitUntilReady } from "./addons-docker.js";
import { addonPublishing } from "./addons-remote.js";
import { planOf, type AddonDeps } from "./addons-view.js";
import { parseAdminInfo } from "@pier/addon-core";
import { decryptValue, secretKey } from "./secret-box.js";

export const addonDockerNames = (addonName: string, installationId: string) => ({
  containerName: addonContainerName(addonName, installationId),
  volumeName: addonVolumeName(addonName, installationId),
});

export const addonLabels = (addon: Pick<Addon, "id" | "appId">, installationId: string): Record<string, string> => ({
  [LABEL.role]: "addon",
  [ADDON_LABEL]: addon.id,
  [LABEL.installation]: installationId,
  ...(addon.appId ? { [LABEL.appId]: addon.appId } : {}),
});

/**
 * Starts the add-on's server on its volume (a new one initialises itself; a kept one carries on
 * with its data), on the networks of its owner and of every app it is attached to (and published
 * on its host's address for instances on other hosts), and waits until it accepts connections.
 * Returns the server's version.
 */
export async function runAddonContainer(addon: Addon, deps: AddonDeps): Promise<string | undefined> {
  if (!addon.appId) throw new Error(`add-on ${addon.name} has no app any more`);
  const network = await ensureAppNetwork(deps.docker, addon.appId, deps.installationId);
  const attached = await deps.prisma.addonAttachment.findMany({ where: { addonId: addon.id, appId: { not: addon.appId } }, select: { appId: true } });
  const others = await Promise.all([...new Set(attached.map((a) => a.appId))].map((appId) => ensureAppNetwork(deps.docker, appId, deps.installationId)));
  const password = decryptValue(await secretKey(deps.config), addon.passwordSealed);
  await startAddonContainer(
    deps.docker,
    {
      kind: addon.kind,
      plan: planOf(addon),
      image: deps.config.addons.image,
      containerName: addon.containerName,
      volumeName: addon.volumeName,
      networkName: network,
      alias: addon.name,
      username: addon.username,
      password,
      databaseName: addon.databaseName,
      labels: addonLabels(addon, deps.installationId),
      publish: await addonPublishing(addon, deps),
    },
    others,
  );
  await waitUntilReady(deps.docker, addon.containerName);
  const info = await addonAdmin(deps.docker, addon.containerName, "info");
  return parseAdminInfo(info.output).version;
}
