import type { App, Release } from "@pier/db";
import type { ReleaseJob } from "@pier/queue";
import type { Queue } from "bullmq";
import { createRelease } from "./create-release.js";
import type { Actor, Deps } from "./deps.js";

/** The release the app is running or about to run: the newest one that has not failed. */
export const latestLiveRelease = (appId: string, deps: Pick<Deps, "prisma">): Promise<Release | null> =>
  deps.prisma.release.findFirst({ where: { appId, status: { not: "failed" } }, orderBy: { version: "desc" } });

/**
 * A new release of the app's current image with its config as it is now, queued for the worker
 * to deploy. Before anything was deployed there is no image: the release only records the config
 * (as Heroku's early releases do) and needs no deploy.
 */
export async function releaseCurrentImage(
  params: { app: App; description: string; /** Image and processes to use instead of the live release's. */ from?: Release },
  actor: Actor,
  deps: Pick<Deps, "prisma"> & { releaseQueue: Queue<ReleaseJob> },
): Promise<Release> {
  const current = params.from ?? (await latestLiveRelease(params.app.id, deps));
  const release = await createRelease(
    {
      appId: params.app.id,
      buildId: current?.buildId ?? undefined,
      userId: actor.userId,
      imageTag: current?.imageTag ?? null,
      processTypes: (current?.processTypes ?? {}) as Record<string, string[]>,
      description: params.description,
      status: current?.imageTag ? "pending" : "succeeded",
    },
    deps,
  );
  if (release.imageTag) await deps.releaseQueue.add("deploy", { releaseId: release.id }, { jobId: release.id });
  return release;
}
