import { Redis } from "ioredis";

/** One place that knows how Pier talks to Redis; BullMQ needs maxRetriesPerRequest: null. */
export function createRedis(url: string, opts: { blocking?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.blocking ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
