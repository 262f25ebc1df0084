import { configVarName } from "@pier/addon-core";
import { accessibleAppsWhere, findAccessibleApp } from "./app-access.js";
import type { AddonDeps } from "./addons-view.js";
import type { Actor } from "./deps.js";

/**
 * Attachments (Heroku's addon-attachments: which app gets which add-on as which config var) of
 * live add-ons, on the apps the caller can reach, or on one app. `heroku addons` reads these.
 */
export async function listAttachments(params: { app?: string }, actor: Actor, deps: Pick<AddonDeps, "prisma">) {
  const appFilter = params.app ? { appId: (await findAccessibleApp(params.app, actor, deps)).id } : { app: accessibleAppsWhere(actor) };
  const rows = await deps.prisma.addonAttachment.findMany({
    where: { ...appFilter, addon: { state: { not: "destroyed" } } },
    include: { app: true, addon: { include: { app: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    app: { id: a.app.id, name: a.app.name },
    addon: { id: a.addon.id, name: a.addon.name, app: a.addon.app ? { id: a.addon.app.id, name: a.addon.app.name } : null },
    config_vars: [configVarName(a.name)],
    created_at: a.createdAt.toISOString(),
  }));
}
