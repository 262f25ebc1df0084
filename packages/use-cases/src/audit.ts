import type { AuditEvent, Prisma } from "@pier/db";
import type { Actor, Deps } from "./deps.js";

export interface AuditEntry {
  action: string;
  app?: { id: string; name: string };
  /** Names and ids only: never secrets (config var values, tokens, passwords). */
  details?: Record<string, unknown>;
}

/** Writes who did what. `tx` lets the record commit together with the change it describes. */
export async function recordAudit(
  entry: AuditEntry,
  actor: Actor | undefined,
  deps: Pick<Deps, "prisma">,
  tx: Prisma.TransactionClient = deps.prisma,
): Promise<void> {
  let email = actor?.email;
  if (actor && !email) email = (await tx.user.findUnique({ where: { id: actor.userId }, select: { email: true } }))?.email;
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actorEmail: email ?? "pier",
      action: entry.action,
      appId: entry.app?.id ?? null,
      appName: entry.app?.name ?? null,
      details: (entry.details ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/**
 * Admins see everything; other users see their own actions and the events of apps they can
 * reach now. `app` narrows to one app (already checked by the caller's access gate).
 */
export async function listAudit(
  params: { appId?: string; limit?: number },
  actor: Actor,
  deps: Pick<Deps, "prisma">,
): Promise<AuditEvent[]> {
  const take = Math.min(params.limit ?? 500, 1000);
  if (params.appId) {
    return deps.prisma.auditEvent.findMany({ where: { appId: params.appId }, orderBy: { createdAt: "desc" }, take });
  }
  if (actor.isAdmin) return deps.prisma.auditEvent.findMany({ orderBy: { createdAt: "desc" }, take });
  const apps = await deps.prisma.app.findMany({
    where: { OR: [{ ownerId: actor.userId }, { collaborators: { some: { userId: actor.userId } } }] },
    select: { id: true },
  });
  return deps.prisma.auditEvent.findMany({
    where: { OR: [{ actorId: actor.userId }, { appId: { in: apps.map((a) => a.id) } }] },
    orderBy: { createdAt: "desc" },
    take,
  });
}
