import type { Collaborator, User } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";

export type CollaboratorWithUser = Collaborator & { user: User };

export async function listCollaborators(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<CollaboratorWithUser[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  return deps.prisma.collaborator.findMany({ where: { appId: app.id }, include: { user: true }, orderBy: { createdAt: "asc" } });
}

/** Owner or admin adds an existing user (by email) who may then operate the app. */
export async function addCollaborator(params: { app: string; user: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<CollaboratorWithUser> {
  const app = await findAccessibleApp(params.app, actor, deps, "manage");
  const user = await deps.prisma.user.findFirst({ where: { email: { equals: params.user.trim(), mode: "insensitive" } } });
  if (!user) throw new UseCaseError("invalid_params", `No user has the email ${params.user.slice(0, 200)}: an admin creates users with \`pier users:create\`.`);
  if (user.id === app.ownerId) throw new UseCaseError("conflict", `${user.email} owns ${app.name} already.`);
  const row = await deps.prisma.collaborator.upsert({
    where: { appId_userId: { appId: app.id, userId: user.id } },
    create: { appId: app.id, userId: user.id },
    update: {},
    include: { user: true },
  });
  await recordAudit({ action: "collaborator.add", app, details: { user: user.email } }, actor, deps);
  return row;
}

/** By email or collaborator id. */
export async function removeCollaborator(params: { app: string; collaborator: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<CollaboratorWithUser> {
  const app = await findAccessibleApp(params.app, actor, deps, "manage");
  const all = await deps.prisma.collaborator.findMany({ where: { appId: app.id }, include: { user: true } });
  const ref = params.collaborator.toLowerCase();
  const row = all.find((c) => c.id === ref || c.user.email.toLowerCase() === ref);
  if (!row) throw notFound("collaborator");
  await deps.prisma.collaborator.delete({ where: { id: row.id } });
  await recordAudit({ action: "collaborator.remove", app, details: { user: row.user.email } }, actor, deps);
  return row;
}
