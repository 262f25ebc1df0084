import type { App } from "@pier/db";
import { eligibleForRollback, type ReleaseWithUser } from "@pier/use-cases";

/** Heroku Platform API v3 release. */
export function presentRelease(release: ReleaseWithUser, app: Pick<App, "id" | "name">, currentId: string | undefined, keptImages: ReadonlySet<string>) {
  return {
    id: release.id,
    version: release.version,
    description: release.description,
    status: release.status,
    current: release.id === currentId,
    eligible_for_rollback: eligibleForRollback(release, keptImages),
    created_at: release.createdAt.toISOString(),
    updated_at: release.createdAt.toISOString(),
    app: { id: app.id, name: app.name },
    user: release.user ? { id: release.user.id, email: release.user.email } : null,
    slug: release.buildId ? { id: release.buildId } : null,
    addon_plan_names: [],
    output_stream_url: null,
    error: release.error,
  };
}
