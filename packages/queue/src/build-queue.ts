import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const BUILD_QUEUE = "build";

/** A build job carries only the build's id: the record in PostgreSQL is the source of truth. */
export interface BuildJob {
  buildId: string;
}

export function createBuildQueue(connection: Redis): Queue<BuildJob> {
  return new Queue<BuildJob>(BUILD_QUEUE, {
    connection,
    defaultJobOptions: { attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 },
  });
}
