import { BUILD_QUEUE, createRedis, type BuildJob } from "@pier/queue";
import { performBuild, type EngineDeps } from "@pier/use-cases";
import { Worker } from "bullmq";

/**
 * Runs up to `config.build.concurrency` builds at once on this host; builds of one app wait
 * for each other (performBuild holds the app's build lock).
 */
export function startBuildProcessor(deps: EngineDeps, log: (line: string) => void): Worker<BuildJob> {
  const worker = new Worker<BuildJob>(
    BUILD_QUEUE,
    async (job) => {
      log(`build ${job.data.buildId} started`);
      const outcome = await performBuild({ buildId: job.data.buildId }, deps);
      log(`build ${job.data.buildId} ${outcome.status}${outcome.status === "failed" ? `: ${outcome.error}` : ` (v${outcome.release})`}`);
      return outcome;
    },
    // Longer than the build timeout: BullMQ must not hand a running build to another worker.
    { connection: createRedis(deps.config.redisUrl, { blocking: true }), concurrency: deps.config.build.concurrency, lockDuration: 60_000 },
  );
  worker.on("failed", (job, err) => log(`build ${job?.data.buildId} errored: ${err.stack ?? err.message}`));
  return worker;
}
