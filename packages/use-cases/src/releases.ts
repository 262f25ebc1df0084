import type { Release, User } from "@pier/db";
import { keptReleaseImages, rollbackRefusal } from "@pier/release-core";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { ReleaseDeps } from "./config-vars.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { releaseCurrentImage } from "./release-current-image.js";

export type ReleaseWithUser = Release & { user: User | null };

export interface ReleaseList {
  releases: ReleaseWithUser[];
  /** The release serving now: the newest that succeeded. */
  currentId?: string;
  /** Image tags still kept on the hosts: the releases with one can be rolled back to. */
  keptImages: ReadonlySet<string>;
}

export async function listReleases(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<ReleaseList> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const releases = await deps.prisma.release.findMany({ where: { appId: app.id }, include: { user: true }, orderBy: { version: "asc" } });
  const current = [...releases].reverse().find((r) => r.status === "succeeded");
  return { releases, currentId: current?.id, keptImages: keptReleaseImages(releases) };
}

/** By id, version number or `v<number>`. */
export async function getRelease(
  params: { app: string; release: string },
  actor: Actor,
  deps: Pick<Deps, "prisma">,
): Promise<{ release: ReleaseWithUser; current: boolean; keptImages: ReadonlySet<string> }> {
  const { releases, currentId, keptImages } = await listReleases(params, actor, deps);
  const ref = params.release.replace(/^v(?=\d+$)/, "");
  const release = releases.find((r) => r.id === ref || String(r.version) === ref);
  if (!release) throw notFound("release");
  return { release, current: release.id === currentId, keptImages };
}

/** Rollback needs something to run: a release that deployed, whose image the hosts still keep. */
export const eligibleForRollback = (r: Release, keptImages: ReadonlySet<string>) => rollbackRefusal(r, keptImages) === null;

/**
 * Heroku's rollback: a new release with the old release's image and config (config vars are
 * restored to what they were then), deployed by the worker like any other.
 */
export async function rollback(params: { app: string; release: string }, actor: Actor, deps: ReleaseDeps): Promise<Release> {
  const { release: target, keptImages } = await getRelease(params, actor, deps);
  const refusal = rollbackRefusal(target, keptImages);
  if (refusal) throw new UseCaseError("invalid_params", `Cannot roll back to v${target.version}: ${refusal}.`);
  const app = await findAccessibleApp(params.app, actor, deps);
  const config = target.config as Record<string, string>;
  await deps.prisma.$transaction([
    deps.prisma.configVar.deleteMany({ where: { appId: app.id } }),
    deps.prisma.configVar.createMany({ data: Object.entries(config).map(([key, value]) => ({ appId: app.id, key, value })) }),
  ]);
  await recordAudit({ action: "release.rollback", app, details: { to: target.version } }, actor, deps);
  // The image comes from the release being restored, not from the running one.
  return releaseCurrentImage({ app, description: `Rollback to v${target.version}`, from: target }, actor, deps);
}
