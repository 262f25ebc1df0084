import type { Prisma, User } from "@pier/db";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { findUser, requireAdmin } from "./users.js";

/**
 * Admin changes to other accounts: role, disabling, deletion. One rule holds across all three:
 * the installation always keeps an enabled admin, or nobody could manage users and hosts again.
 */

async function refuseLastAdmin(user: User, doing: string, tx: Prisma.TransactionClient): Promise<void> {
  if (!user.isAdmin || user.disabledAt) return;
  const others = await tx.user.count({ where: { isAdmin: true, disabledAt: null, id: { not: user.id } } });
  if (others === 0) throw new UseCaseError("conflict", `${user.email} is the last admin: make another user admin first (\`pier users:role EMAIL admin\`), then ${doing}.`);
}

export type UserRole = "admin" | "member";

export async function setUserRole(params: { user: string; role: UserRole }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<User> {
  requireAdmin(actor);
  const user = await findUser(params.user, actor, deps);
  const admin = params.role === "admin";
  if (user.isAdmin === admin) return user;
  return deps.prisma.$transaction(async (tx) => {
    if (!admin) await refuseLastAdmin(user, "change this one's role", tx);
    const updated = await tx.user.update({ where: { id: user.id }, data: { isAdmin: admin } });
    await recordAudit({ action: "user.role", details: { user: user.id, email: user.email, role: params.role } }, actor, deps, tx);
    return updated;
  });
}

/** A disabled user's tokens, passwords and SSH keys stop working at once; enabling restores them. */
export async function setUserDisabled(params: { user: string; disabled: boolean }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<User> {
  requireAdmin(actor);
  const user = await findUser(params.user, actor, deps);
  if (Boolean(user.disabledAt) === params.disabled) return user;
  if (params.disabled && user.id === actor.userId) throw new UseCaseError("conflict", "You cannot disable yourself: ask another admin.");
  return deps.prisma.$transaction(async (tx) => {
    if (params.disabled) await refuseLastAdmin(user, "disable this one", tx);
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: params.disabled ? new Date() : null } });
    await recordAudit({ action: params.disabled ? "user.disable" : "user.enable", details: { user: user.id, email: user.email } }, actor, deps, tx);
    return updated;
  });
}

export interface DeleteUserParams {
  user: string;
  /** Another user who becomes the owner of the deleted user's apps. */
  transferTo?: string;
}

/**
 * Deletes an account with its tokens, SSH keys and collaborations. Apps are never deleted with
 * it: a user who owns apps is refused (the apps are named) unless `transferTo` takes them over.
 */
export async function deleteUser(params: DeleteUserParams, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ user: User; transferred: string[] }> {
  requireAdmin(actor);
  const user = await findUser(params.user, actor, deps);
  if (user.id === actor.userId) throw new UseCaseError("conflict", "You cannot delete yourself: ask another admin.");
  const heir = params.transferTo === undefined ? undefined : await findUser(params.transferTo, actor, deps);
  if (heir?.id === user.id) throw new UseCaseError("invalid_params", "Transfer the apps to another user than the one being deleted.");
  if (heir?.disabledAt) throw new UseCaseError("invalid_params", `${heir.email} is disabled: transfer the apps to an enabled user.`);
  return deps.prisma.$transaction(async (tx) => {
    await refuseLastAdmin(user, "delete this one", tx);
    const apps = await tx.app.findMany({ where: { ownerId: user.id }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    if (apps.length > 0 && !heir) {
      const names = apps.map((a) => a.name).join(", ");
      throw new UseCaseError("conflict", `${user.email} owns ${apps.length === 1 ? "the app" : "apps"} ${names}: destroy ${apps.length === 1 ? "it" : "them"} or pass a user to transfer ${apps.length === 1 ? "it" : "them"} to (\`pier users:remove ${user.email} --transfer-to EMAIL\`).`);
    }
    for (const app of apps) {
      // The new owner needs no collaborator row on an app they own.
      await tx.collaborator.deleteMany({ where: { appId: app.id, userId: heir!.id } });
      await tx.app.update({ where: { id: app.id }, data: { ownerId: heir!.id } });
      await recordAudit({ action: "app.transfer", app, details: { from: user.email, to: heir!.email } }, actor, deps, tx);
    }
    await tx.user.delete({ where: { id: user.id } });
    await recordAudit({ action: "user.delete", details: { user: user.id, email: user.email, transferred: apps.map((a) => a.name) } }, actor, deps, tx);
    return { user, transferred: apps.map((a) => a.name) };
  });
}
