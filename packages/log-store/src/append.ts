import { retentionPlan, type LogLine, type LogRetention } from "@pier/log-core";
import type { ChainableCommander, Redis } from "ioredis";
import { entryFields } from "./entries.js";
import { logStreamKey } from "./keys.js";

export interface AppLogLine {
  app: string;
  line: LogLine;
}

/**
 * Queues the XADDs for a batch: each capped at maxLines (approximately, so Redis trims whole
 * nodes cheaply), and each touched stream set to expire once it has been idle for maxAge.
 */
export function queueAppend(tx: ChainableCommander, lines: AppLogLine[], retention: LogRetention, now = Date.now()): void {
  const plan = retentionPlan(retention, now);
  const touched = new Set<string>();
  for (const { app, line } of lines) {
    const key = logStreamKey(app);
    touched.add(key);
    tx.xadd(key, "MAXLEN", "~", plan.maxLen, "*", ...entryFields(line));
  }
  for (const key of touched) tx.expire(key, plan.ttlSeconds);
}

/** Appends lines to their apps' streams in one round trip. */
export async function appendLogLines(redis: Redis, lines: AppLogLine[], retention: LogRetention): Promise<void> {
  if (lines.length === 0) return;
  const pipe = redis.pipeline();
  queueAppend(pipe, lines, retention);
  const results = (await pipe.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`could not store log lines: ${failed[0]!.message}`);
}
