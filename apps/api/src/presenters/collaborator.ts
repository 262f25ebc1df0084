import type { App, AuditEvent } from "@pier/db";
import type { CollaboratorWithUser } from "@pier/use-cases";

const OPERATE = ["view", "deploy", "operate"].map((name) => ({ name }));

export function presentCollaborator(c: CollaboratorWithUser, app: Pick<App, "id" | "name">) {
  return {
    id: c.id,
    app: { id: app.id, name: app.name },
    user: { id: c.user.id, email: c.user.email },
    role: "collaborator" as const,
    permissions: OPERATE,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function presentAuditEvent(e: AuditEvent) {
  return {
    id: e.id,
    created_at: e.createdAt.toISOString(),
    actor: { id: e.actorId, email: e.actorEmail },
    action: e.action,
    app: e.appId && e.appName ? { id: e.appId, name: e.appName } : null,
    details: (e.details ?? {}) as Record<string, unknown>,
  };
}
