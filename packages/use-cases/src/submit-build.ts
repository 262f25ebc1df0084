import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Build } from "@pier/db";
import type { BuildJob } from "@pier/queue";
import type { Queue } from "bullmq";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";

export interface SubmitBuildParams {
  app: string;
  /** A tar archive of the source (what `git archive --format=tar` writes). */
  source: Readable;
  /** Commit id or other version label shown to users. */
  sourceVersion?: string;
}

/** Stores the source where the builder will read it, records the build, queues it. */
export async function submitBuild(
  params: SubmitBuildParams,
  actor: Actor,
  deps: Deps & { buildQueue: Queue<BuildJob> },
): Promise<Build> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const build = await deps.prisma.build.create({
    data: { appId: app.id, userId: actor.userId, sourceVersion: params.sourceVersion ?? null },
  });
  const dir = join(deps.config.dataDir, "sources");
  const sourcePath = join(dir, `${build.id}.tar`);
  try {
    await mkdir(dir, { recursive: true });
    await pipeline(params.source, createWriteStream(sourcePath, { mode: 0o600 }));
  } catch (err) {
    await rm(sourcePath, { force: true });
    await deps.prisma.build.update({
      where: { id: build.id },
      data: { status: "failed", error: `The source upload did not complete: ${(err as Error).message}`, finishedAt: new Date() },
    });
    throw err;
  }
  const queued = await deps.prisma.build.update({ where: { id: build.id }, data: { sourcePath } });
  await deps.buildQueue.add("build", { buildId: build.id }, { jobId: build.id });
  return queued;
}
