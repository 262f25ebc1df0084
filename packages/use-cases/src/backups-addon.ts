import type { Addon, AddonBackup, App, Host } from "@pier/db";
import { findAccessibleApp, type AppPermission } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { findAppAddon } from "./addons-view.js";
import { notFound } from "./errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AddonWithHost = Addon & { host: Host | null };

/**
 * An add-on as seen from an app the caller can reach: owned by that app or attached to it, by
 * name or id (anything else is "not found"), with the host its container runs on.
 */
export async function findBackupAddon(params: { app: string; addon: string }, actor: Actor, deps: Pick<Deps, "prisma">, need: AppPermission = "operate"): Promise<{ app: App; addon: AddonWithHost }> {
  const app = await findAccessibleApp(params.app, actor, deps, need);
  const { app: _owner, attachments: _links, ...addon } = await findAppAddon(app, params.addon, deps, true);
  const host = addon.hostId ? await deps.prisma.host.findUnique({ where: { id: addon.hostId } }) : null;
  return { app, addon: { ...addon, host } };
}

/** One backup of an add-on by name ("b004") or id. */
export async function findBackup(addon: Pick<Addon, "id">, ref: string, deps: Pick<Deps, "prisma">): Promise<AddonBackup> {
  const where = UUID.test(ref) ? { addonId: addon.id, id: ref } : { addonId: addon.id, name: ref.trim().toLowerCase() };
  const backup = await deps.prisma.addonBackup.findFirst({ where });
  if (!backup) throw notFound("backup");
  return backup;
}
