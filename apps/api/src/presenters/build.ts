import type { Build } from "@pier/db";

/** Heroku Platform API v3 build shape. */
export function presentBuild(build: Build) {
  return {
    id: build.id,
    status: build.status === "succeeded" ? "succeeded" : build.status === "failed" ? "failed" : "pending",
    created_at: build.createdAt.toISOString(),
    updated_at: (build.finishedAt ?? build.startedAt ?? build.createdAt).toISOString(),
    source_blob: { version: build.sourceVersion },
    app: { id: build.appId },
    buildpacks: build.kind ? [{ name: build.kind, url: build.kind }] : [],
    error: build.error,
  };
}
