export { BUILD_QUEUE, type BuildJob, createBuildQueue } from "./build-queue.js";
export { createRedis } from "./redis.js";
export { buildLogKey, appendBuildLine, finishBuildLog, readBuildLog, type BuildLogEvent } from "./build-log.js";
export { RELEASE_QUEUE, type ReleaseJob, createReleaseQueue } from "./release-queue.js";
