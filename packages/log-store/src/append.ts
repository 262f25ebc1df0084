import { formatLogLine, retentionPlan, type LogLine, type LogRetention } from "@pier/log-core";
import type { Redis } from "ioredis";
import { logStreamKey } from "./keys.js";

export interface AppLogLine {
  app: string;
  line: LogLine;
}

/**
 * One call appends a batch to one app's stream: each XADD capped at maxLines (approximately, so
 * Redis trims whole nodes cheaply), the stream set to expire once idle for maxAge, and, for the
 * collector, the container's cursor stored in the same atomic step. A script rather than a
 * pipeline of XADDs: building one command per line cost the collector four times the CPU.
 * Entries hold the formatted line (one field, `l`): readers stream it as is.
 * KEYS: stream, cursors hash. ARGV: maxLen, ttl, cursor field, cursor value, exit field, lines.
 */
const APPEND_LUA = `
local maxlen = ARGV[1]
for i = 6, #ARGV do
  redis.call("XADD", KEYS[1], "MAXLEN", "~", maxlen, "*", "l", ARGV[i])
end
if #ARGV >= 6 then redis.call("EXPIRE", KEYS[1], ARGV[2]) end
if ARGV[3] ~= "" then redis.call("HSET", KEYS[2], ARGV[3], ARGV[4]) end
if ARGV[5] ~= "" then redis.call("HSET", KEYS[2], ARGV[5], "1") end
return 1`;

type WithAppend = Redis & { pierAppendLogs(...args: (string | number)[]): Promise<number> };

function withAppend(redis: Redis): WithAppend {
  const r = redis as WithAppend;
  if (typeof r.pierAppendLogs !== "function") redis.defineCommand("pierAppendLogs", { numberOfKeys: 2, lua: APPEND_LUA });
  return r;
}

export interface CursorUpdate {
  hashKey: string;
  field: string;
  value: string;
  /** Also record that the container's exit was reported. */
  exitField?: string;
}

/** Appends one app's lines (and a cursor update) atomically. */
export async function appendAppLines(
  redis: Redis,
  app: string,
  lines: LogLine[],
  retention: LogRetention,
  cursor?: CursorUpdate,
): Promise<void> {
  const plan = retentionPlan(retention, Date.now());
  const args: (string | number)[] = [logStreamKey(app), cursor?.hashKey ?? "", plan.maxLen, plan.ttlSeconds, cursor?.field ?? "", cursor?.value ?? "", cursor?.exitField ?? ""];
  for (const l of lines) args.push(formatLogLine(l));
  await withAppend(redis).pierAppendLogs(...args);
}

/** Appends lines of any apps, one atomic call per app, in one round trip. */
export async function appendLogLines(redis: Redis, lines: AppLogLine[], retention: LogRetention): Promise<void> {
  if (lines.length === 0) return;
  const byApp = new Map<string, LogLine[]>();
  for (const { app, line } of lines) {
    const list = byApp.get(app);
    if (list) list.push(line);
    else byApp.set(app, [line]);
  }
  const results = await Promise.allSettled([...byApp].map(([app, appLines]) => appendAppLines(redis, app, appLines, retention)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw new Error(`could not store log lines: ${(failed.reason as Error).message}`);
}
