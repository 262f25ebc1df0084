import type { Addon, AddonBackup, App, Host } from "@pier/db";
import { findAccessibleApp, type AppPermission } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { notFound } from "./errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AddonWithHost = Addon & { host: Host | null };

/**
 * An add-on as seen from an app the caller can reach: owned by that app or attached to it, by
 * name or id. Anything else is "not found", like a missing add-on.
 */
export async function findAppAddon(params: { app: string; addon: string }, actor: Actor, deps: Pick<Deps, "prisma">, need: AppPermission = "operate"): Promise<{ app: App; addon: AddonWithHost }> {
  const app = await findAccessibleApp(params.app, actor, deps, need);
  const addon = await deps.prisma.addon.findFirst({
    where: {
      AND: [UUID.test(params.addon) ? { OR: [{ id: params.addon }, { name: params.addon }] } : { name: params.addon }, { OR: [{ appId: app.id }, { attachments: { some: { appId: app.id } } }] }],
    },
    include: { host: true },
  });
  if (!addon) throw notFound("add-on");
  return { app, addon };
}

/** One backup of an add-on by name ("b004") or id. */
export async function findBackup(addon: Pick<Addon, "id">, ref: string, deps: Pick<Deps, "prisma">): Promise<AddonBackup> {
  const where = UUID.test(ref) ? { addonId: addon.id, id: ref } : { addonId: addon.id, name: ref.trim().toLowerCase() };
  const backup = await deps.prisma.addonBackup.findFirst({ where });
  if (!backup) throw notFound("backup");
  return backup;
}
