import { Prisma, type App } from "@pier/db";
import { validateAppName } from "@pier/naming-core";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { publishRoutes } from "./publish-routes.js";

export async function createApp(params: { name: string }, actor: Actor, deps: Deps): Promise<App> {
  const problem = validateAppName(params.name);
  if (problem) throw new UseCaseError("invalid_params", problem);
  try {
    const app = await deps.prisma.app.create({
      data: { name: params.name, ownerId: actor.userId, formation: { create: { type: "web", quantity: 1 } } },
    });
    await publishRoutes(deps);
    return app;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new UseCaseError("conflict", `Name ${params.name} is already taken.`);
    }
    throw err;
  }
}

export async function listApps(actor: Actor, deps: Pick<Deps, "prisma">): Promise<App[]> {
  return deps.prisma.app.findMany({
    where: actor.isAdmin ? {} : { ownerId: actor.userId },
    orderBy: { name: "asc" },
  });
}

export const getApp = (params: { name: string }, actor: Actor, deps: Pick<Deps, "prisma">) =>
  findAccessibleApp(params.name, actor, deps);

/**
 * Removes the app from desired state. Its containers are then strays, which the worker's
 * reconciler stops and removes; the route goes with the next published table.
 */
export async function destroyApp(params: { name: string }, actor: Actor, deps: Deps): Promise<App> {
  const app = await findAccessibleApp(params.name, actor, deps);
  await deps.prisma.app.delete({ where: { id: app.id } });
  await publishRoutes(deps);
  return app;
}
