import type { App } from "@pier/db";
import type { Actor, Deps } from "./deps.js";
import { notFound } from "./errors.js";

/**
 * The one gate in front of every app-scoped use case: another user's app is reported exactly like
 * a missing one, so its existence does not leak.
 */
export async function findAccessibleApp(name: string, actor: Actor, deps: Pick<Deps, "prisma">): Promise<App> {
  const app = await deps.prisma.app.findUnique({ where: { name } });
  if (!app || (!actor.isAdmin && app.ownerId !== actor.userId)) throw notFound("app");
  return app;
}
