import { type App } from "@pier/db";
import { logStreamKey } from "@pier/log-store";
import { validateAppName } from "@pier/naming-core";
import { retireAppAddons } from "./addons-lifecycle.js";
import { accessibleAppsWhere, findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { publishRoutes } from "./publish-routes.js";
import { isUniqueViolation } from "./unique-violation.js";


export async function createApp(params: { name: string }, actor: Actor, deps: Deps): Promise<App> {
  const problem = validateAppName(params.name);
  if (problem) throw new UseCaseError("invalid_params", problem);
  try {
    const app = await deps.prisma.app.create({
      data: { name: params.name, ownerId: actor.userId, formation: { create: { type: "web", quantity: 1 } } },
    });
    await recordAudit({ action: "app.create", app }, actor, deps);
    await publishRoutes(deps);
    return app;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `Name ${params.name} is already taken.`);
    throw err;
  }
}

/** The apps the caller owns or collaborates on (every app for admins). */
export async function listApps(actor: Actor, deps: Pick<Deps, "prisma">): Promise<App[]> {
  return deps.prisma.app.findMany({ where: accessibleAppsWhere(actor), orderBy: { name: "asc" } });
}

export const getApp = (params: { name: string }, actor: Actor, deps: Pick<Deps, "prisma">) =>
  findAccessibleApp(params.name, actor, deps);

/**
 * Removes the app from desired state. Its containers are then strays, which the worker's
 * reconciler stops and removes; the route goes with the next published table.
 */
export async function destroyApp(params: { name: string }, actor: Actor, deps: Deps): Promise<App> {
  const app = await findAccessibleApp(params.name, actor, deps, "manage");
  // Its add-ons become destroyed: their containers go, their volumes stay for the grace period.
  await retireAppAddons(app, deps);
  await deps.prisma.app.delete({ where: { id: app.id } });
  await recordAudit({ action: "app.destroy", app }, actor, deps);
  await publishRoutes(deps);
  // Logs are keyed by name: a later app of the same name must not inherit them.
  await deps.redis.del(logStreamKey(app.name));
  return app;
}

/** New name, same app: the default hostname and git URL follow the name. */
export async function renameApp(params: { name: string; newName: string }, actor: Actor, deps: Deps): Promise<App> {
  const app = await findAccessibleApp(params.name, actor, deps, "manage");
  if (params.newName === app.name) return app;
  const problem = validateAppName(params.newName);
  if (problem) throw new UseCaseError("invalid_params", problem);
  try {
    const renamed = await deps.prisma.app.update({ where: { id: app.id }, data: { name: params.newName } });
    await recordAudit({ action: "app.rename", app: renamed, details: { from: app.name, to: renamed.name } }, actor, deps);
    await publishRoutes(deps);
    return renamed;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `Name ${params.newName} is already taken.`);
    throw err;
  }
}
