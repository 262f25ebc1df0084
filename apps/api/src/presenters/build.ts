import type { App, Build } from "@pier/db";

/** Heroku Platform API v3 build shape. */
export function presentBuild(build: Build, app: Pick<App, "id" | "name">, apiUrl: string, releaseId?: string | null) {
  return {
    id: build.id,
    status: build.status === "succeeded" ? "succeeded" : build.status === "failed" ? "failed" : "pending",
    created_at: build.createdAt.toISOString(),
    updated_at: (build.finishedAt ?? build.startedAt ?? build.createdAt).toISOString(),
    app: { id: app.id, name: app.name },
    source_blob: { checksum: null, url: null, version: build.sourceVersion, version_description: null },
    buildpacks: build.kind ? [{ name: build.kind, url: `pier:${build.kind}` }] : [],
    stack: (build.plan as { stack?: string } | null)?.stack ?? "pier",
    output_stream_url: `${apiUrl}/apps/${encodeURIComponent(app.name)}/builds/${build.id}/output`,
    release: releaseId ? { id: releaseId } : null,
    slug: build.imageId ? { id: build.id } : null,
    user: build.userId ? { id: build.userId } : null,
    error: build.error,
  };
}
