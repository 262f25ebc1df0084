import type { App } from "@pier/db";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";

/**
 * What a caller needs on an app. `operate`: deploy, scale, configure, read (owner, collaborators,
 * admins). `manage`: destroy, rename, transfer, change who has access (owner and admins).
 */
export type AppPermission = "operate" | "manage";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one gate in front of every app-scoped use case. An app the caller cannot reach is reported
 * exactly like a missing one, so its existence does not leak; a collaborator asking for an
 * owner's action learns only that it is forbidden. Apps are named by name or id, as in Heroku.
 */
export async function findAccessibleApp(
  nameOrId: string,
  actor: Actor,
  deps: Pick<Deps, "prisma">,
  need: AppPermission = "operate",
): Promise<App> {
  const app = await deps.prisma.app.findFirst({ where: UUID.test(nameOrId) ? { OR: [{ id: nameOrId }, { name: nameOrId }] } : { name: nameOrId } });
  if (!app) throw notFound("app");
  if (actor.isAdmin || app.ownerId === actor.userId) return app;
  const collaborator = await deps.prisma.collaborator.findUnique({ where: { appId_userId: { appId: app.id, userId: actor.userId } } });
  if (!collaborator) throw notFound("app");
  if (need === "manage") throw new UseCaseError("forbidden", `Only ${app.name}'s owner or an admin can do that.`);
  return app;
}

/** Prisma filter for the apps a caller can reach (lists). */
export const accessibleAppsWhere = (actor: Actor) =>
  actor.isAdmin ? {} : { OR: [{ ownerId: actor.userId }, { collaborators: { some: { userId: actor.userId } } }] };
