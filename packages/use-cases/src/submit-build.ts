import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { storeSourceTar } from "@pier/build-runner";
import type { Build } from "@pier/db";
import type { BuildJob } from "@pier/queue";
import type { Queue } from "bullmq";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import { UseCaseError } from "./errors.js";
import { fetchSourceBlob } from "./source-blob.js";
import type { Actor, Deps } from "./deps.js";

export interface SubmitBuildParams {
  app: string;
  /**
   * A tar archive of the source (what `git archive --format=tar` writes; gzip and a single
   * top-level folder are fine), or the Builds API's `source_blob.url` to download it from.
   */
  source: Readable | { url: string };
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
  // An HTTP request body is a Readable with a `url` of its own (the request path): test for the stream first.
  const source = params.source instanceof Readable ? params.source : await fetchSourceBlob(params.source.url, deps.config.sourceUrlAllow);
  const build = await deps.prisma.build.create({
    data: { appId: app.id, userId: actor.userId, sourceVersion: params.sourceVersion ?? null },
  });
  const dir = join(deps.config.dataDir, "sources");
  const sourcePath = join(dir, `${build.id}.tar`);
  try {
    await mkdir(dir, { recursive: true });
    await storeSourceTar(source, sourcePath);
  } catch (err) {
    await rm(sourcePath, { force: true });
    const error = `The source is not a complete tar archive (plain or gzipped): ${(err as Error).message}`;
    await deps.prisma.build.update({ where: { id: build.id }, data: { status: "failed", error, finishedAt: new Date() } });
    throw new UseCaseError("invalid_params", error);
  }
  const queued = await deps.prisma.build.update({ where: { id: build.id }, data: { sourcePath } });
  await deps.buildQueue.add("build", { buildId: build.id }, { jobId: build.id });
  await recordAudit({ action: "build.create", app, details: { build: build.id, version: build.sourceVersion } }, actor, deps);
  return queued;
}
