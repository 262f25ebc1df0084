import { randomBytes } from "node:crypto";
import { configVarName, KINDS } from "@pier/addon-core";
import { errorMessage } from "@pier/docker";
import { findAccessibleApp } from "./app-access.js";
import { addonAdmin, connectNetworks, ensureAppNetwork } from "./addons-docker.js";
import { chooseAttachmentName } from "./addons.js";
import { addonInclude, addonUrl, addonView, attachedAppsActor, findAppAddon, type AddonDeps, type AddonView } from "./addons-view.js";
import { recordAudit } from "./audit.js";
import { updateConfigVars } from "./config-vars.js";
import type { Actor } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { encryptValue, secretKey } from "./secret-box.js";

/**
 * Gives another app (`to`) the add-on's URL: the add-on joins that app's network and the app gets
 * <AS>_URL (a release). Add-on names are unique, as in Heroku; the caller must be able to operate
 * both the add-on's owner and `to`.
 */
export async function attachAddon(params: { addon: string; to: string; as?: string }, actor: Actor, deps: AddonDeps): Promise<AddonView> {
  const named = await deps.prisma.addon.findFirst({ where: { name: params.addon }, select: { appId: true } });
  if (!named?.appId) throw notFound("add-on");
  const owner = await findAccessibleApp(named.appId, actor, deps).catch(() => {
    throw notFound("add-on");
  });
  const addon = await findAppAddon(owner, params.addon, deps);
  const target = await findAccessibleApp(params.to, actor, deps);
  if (addon.state !== "available") throw new UseCaseError("conflict", `${addon.name} is ${addon.state}: only an available add-on can be attached.`);
  if (addon.attachments.some((a) => a.appId === target.id)) throw new UseCaseError("conflict", `${addon.name} is already attached to ${target.name}.`);
  const name = await chooseAttachmentName(target, addon.name, KINDS[addon.kind].defaultAttachment, params.as, deps);
  const network = await ensureAppNetwork(deps.docker, target.id, deps.installationId);
  try {
    await connectNetworks(deps.docker, addon.containerName, [network], [addon.name]);
  } catch (err) {
    if (!/already exists/i.test(errorMessage(err))) throw err;
  }
  await deps.prisma.addonAttachment.create({ data: { addonId: addon.id, appId: target.id, name } });
  await recordAudit({ action: "addon.attach", app: target, details: { addon: addon.name, as: name } }, actor, deps);
  await updateConfigVars({ app: target.id, changes: { [configVarName(name)]: await addonUrl(addon, deps) } }, actor, deps);
  return addonView(await deps.prisma.addon.findUniqueOrThrow({ where: { id: addon.id }, include: addonInclude }));
}

/**
 * A new password, set inside the running server first (old connections keep working until they
 * reconnect), then sealed in the row and handed to every attached app (a release each).
 */
export async function rotateAddonCredentials(params: { app: string; addon: string }, actor: Actor, deps: AddonDeps): Promise<AddonView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const addon = await findAppAddon(app, params.addon, deps);
  if (addon.state !== "available") throw new UseCaseError("conflict", `${addon.name} is ${addon.state}: only an available add-on's credentials can be rotated.`);
  const password = randomBytes(24).toString("base64url").replace(/[-_]/g, "x");
  const out = await addonAdmin(deps.docker, addon.containerName, "rotate", { PIER_NEW_PASSWORD: password });
  if (out.exitCode !== 0) throw new UseCaseError("unavailable", `The server did not take the new password (nothing changed): ${out.output.slice(-300)}`);
  const updated = await deps.prisma.addon.update({ where: { id: addon.id }, data: { passwordSealed: encryptValue(await secretKey(deps.config), password) } });
  await recordAudit({ action: "addon.rotate_credentials", app, details: { addon: addon.name } }, actor, deps);
  const url = await addonUrl(updated, deps);
  for (const a of addon.attachments) await updateConfigVars({ app: a.appId, changes: { [configVarName(a.name)]: url } }, attachedAppsActor(actor), deps);
  return addonView(await deps.prisma.addon.findUniqueOrThrow({ where: { id: addon.id }, include: addonInclude }));
}
