import { dockerStatus } from "@pier/docker";
import { imageRepository } from "@pier/naming-core";
import type { App } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import { buildCacheVolume } from "./build-stacks.js";
import type { Actor, Deps, EngineDeps } from "./deps.js";

const purgeKey = (appId: string) => `pier:build-cache-purge:${appId}`;

/**
 * `pier builds:cache:purge`: the app's next build starts from nothing (no installed
 * dependencies, no package caches). The API has no Docker engine; the worker purges when that
 * build starts, before anything is reused.
 */
export async function requestBuildCachePurge(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma" | "redis">): Promise<App> {
  const app = await findAccessibleApp(params.app, actor, deps);
  await deps.redis.set(purgeKey(app.id), new Date().toISOString());
  await recordAudit({ action: "build_cache.purge", app }, actor, deps);
  return app;
}

async function ignoreMissing(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    // Already gone is what we want; "in use" (409) would mean a build is running: report it.
    if (dockerStatus(err) !== 404) throw err;
  }
}

/** Removes the app's dependency layers and cache volume, if a purge was asked for. True if it did. */
export async function purgeBuildCacheIfRequested(app: Pick<App, "id" | "name">, deps: EngineDeps): Promise<boolean> {
  const asked = await deps.redis.get(purgeKey(app.id));
  if (!asked) return false;
  const layers = await deps.docker.listImages({ filters: JSON.stringify({ reference: [`${imageRepository(app.name)}:deps-*`] }) });
  for (const tag of layers.flatMap((l) => l.RepoTags ?? [])) await ignoreMissing(deps.docker.getImage(tag).remove());
  await ignoreMissing(deps.docker.getVolume(buildCacheVolume(app.id)).remove());
  await deps.redis.del(purgeKey(app.id));
  return true;
}
