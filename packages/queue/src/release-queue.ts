import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const RELEASE_QUEUE = "release";

/**
 * Deploys a release the API made (config change, rollback) in the worker, where the Docker
 * engines are. The release record in PostgreSQL is the source of truth; the job carries its id.
 */
export interface ReleaseJob {
  releaseId: string;
}

export function createReleaseQueue(connection: Redis): Queue<ReleaseJob> {
  return new Queue<ReleaseJob>(RELEASE_QUEUE, {
    connection,
    defaultJobOptions: { attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 },
  });
}
