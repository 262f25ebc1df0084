import { createRedis, RELEASE_QUEUE, type ReleaseJob } from "@pier/queue";
import { deployQueuedRelease, type EngineDeps } from "@pier/use-cases";
import { Worker } from "bullmq";

/**
 * Deploys releases the API made (config changes, rollbacks). One at a time: releases of an app
 * deploy in the order they were made. Failures land on the release record; the processor rethrows
 * only what Pier itself could not handle.
 */
export function startReleaseProcessor(deps: EngineDeps): Worker<ReleaseJob> {
  const log = deps.log ?? (() => {});
  const worker = new Worker<ReleaseJob>(
    RELEASE_QUEUE,
    async (job) => {
      const outcome = await deployQueuedRelease({ releaseId: job.data.releaseId }, deps);
      log(`release ${job.data.releaseId} ${outcome}`);
      return outcome;
    },
    { connection: createRedis(deps.config.redisUrl, { blocking: true }), concurrency: 1 },
  );
  worker.on("failed", (job, err) => log(`release ${job?.data.releaseId} errored: ${err.stack ?? err.message}`));
  return worker;
}
