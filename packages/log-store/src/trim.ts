import { retentionPlan, type LogRetention } from "@pier/log-core";
import type { Redis } from "ioredis";
import { LOG_STREAM_PREFIX } from "./keys.js";

/**
 * Drops lines older than maxAge from every app's stream (appends cap the line count; age needs
 * this sweep). Returns how many streams were visited.
 */
export async function trimOldLogs(redis: Redis, retention: LogRetention, now = Date.now()): Promise<number> {
  const { minId } = retentionPlan(retention, now);
  let cursor = "0";
  let visited = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${LOG_STREAM_PREFIX}*`, "COUNT", 200);
    cursor = next;
    if (keys.length > 0) {
      const pipe = redis.pipeline();
      for (const key of keys) pipe.xtrim(key, "MINID", minId);
      await pipe.exec();
      visited += keys.length;
    }
  } while (cursor !== "0");
  return visited;
}
