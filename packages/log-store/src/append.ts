import { DEFAULT_READER_BUFFER_LINES, formatLogLine, retentionPlan, type LogLine, type LogRetention } from "@pier/log-core";
import type { Redis } from "ioredis";
import { logReadersKey, logStreamKey } from "./keys.js";

export interface AppLogLine {
  app: string;
  line: LogLine;
}

/**
 * One call appends a batch to one app's stream, atomically with, for the collector, the
 * container's cursor (a script, not a pipeline of XADDs: one command per line cost the
 * collector four times the CPU). Entries hold the formatted line (one field, `l`).
 *
 * Entry ids are `<ms>-<n>` with n counting every line ever added to the stream, so a reader
 * that finds n jump knows exactly how many lines it missed. The stream is cut back to about
 * maxLines only once it holds `slack` more: a live reader can lag that far behind a flood
 * without losing lines. Live tail readers also record how far they have read (see
 * followLogs): lines one of them has yet to read are kept, up to readerBuffer lines past
 * maxLines, so a reader that keeps reading loses nothing to a burst.
 * KEYS: stream, cursors hash, readers hash.
 * ARGV: maxLen, ttl, cursor field, cursor value, exit field, slack, readerBuffer, the lines joined by
 * newlines (one argument: thousands of small ones cost the caller more than the script's split).
 */
const APPEND_LUA = `
local maxlen = tonumber(ARGV[1])
if ARGV[8] ~= "" then
  local ms, seq = 0, 0
  if redis.call("EXISTS", KEYS[1]) == 1 then
    local info = redis.call("XINFO", "STREAM", KEYS[1])
    for i = 1, #info, 2 do
      if info[i] == "last-generated-id" then
        local dash = string.find(info[i + 1], "-", 1, true)
        ms = tonumber(string.sub(info[i + 1], 1, dash - 1))
        seq = tonumber(string.sub(info[i + 1], dash + 1))
      end
    end
  end
  local t = redis.call("TIME")
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if now > ms then ms = now end
  local prefix = string.format("%.0f", ms) .. "-"
  local text = ARGV[8]
  local from = 1
  while from <= #text do
    local nl = string.find(text, "\\n", from, true) or (#text + 1)
    seq = seq + 1
    redis.call("XADD", KEYS[1], prefix .. string.format("%.0f", seq), "l", string.sub(text, from, nl - 1))
    from = nl + 1
  end
  local len = redis.call("XLEN", KEYS[1])
  local slack = tonumber(ARGV[6])
  if len > maxlen + slack then
    local keep = maxlen
    local readers = redis.call("HGETALL", KEYS[3])
    for i = 1, #readers, 2 do
      local sp = string.find(readers[i + 1], " ", 1, true)
      local at = tonumber(string.sub(readers[i + 1], 1, sp - 1))
      if tonumber(string.sub(readers[i + 1], sp + 1)) < now then
        redis.call("HDEL", KEYS[3], readers[i])
      elseif seq - at > keep then
        keep = seq - at
      end
    end
    keep = math.min(keep, maxlen + tonumber(ARGV[7]))
    if len > math.max(keep, maxlen + slack) then
      redis.call("XTRIM", KEYS[1], "MAXLEN", "~", keep, "LIMIT", 0)
    end
  end
  redis.call("EXPIRE", KEYS[1], ARGV[2])
end
if ARGV[3] ~= "" then redis.call("HSET", KEYS[2], ARGV[3], ARGV[4]) end
if ARGV[5] ~= "" then redis.call("HSET", KEYS[2], ARGV[5], "1") end
return 1`;

/** How far past maxLines a stream grows before it is cut back (see APPEND_LUA). */
export const trimSlack = (maxLines: number) => Math.max(maxLines, 100_000);

type WithAppend = Redis & { pierAppendLogs(...args: (string | number)[]): Promise<number> };

function withAppend(redis: Redis): WithAppend {
  const r = redis as WithAppend;
  if (typeof r.pierAppendLogs !== "function") redis.defineCommand("pierAppendLogs", { numberOfKeys: 3, lua: APPEND_LUA });
  return r;
}

export interface CursorUpdate {
  hashKey: string;
  field: string;
  value: string;
  /** Also record that the container's exit was reported. */
  exitField?: string;
}

/** Appends one app's lines (and a cursor update) atomically; a string is a line already formatted (formatLogText). */
export async function appendAppLines(
  redis: Redis,
  app: string,
  lines: readonly (LogLine | string)[],
  retention: LogRetention,
  cursor?: CursorUpdate,
): Promise<void> {
  const plan = retentionPlan(retention, Date.now());
  const args: (string | number)[] = [
    logStreamKey(app),
    cursor?.hashKey ?? "",
    logReadersKey(app),
    plan.maxLen,
    plan.ttlSeconds,
    cursor?.field ?? "",
    cursor?.value ?? "",
    cursor?.exitField ?? "",
    trimSlack(plan.maxLen),
    retention.readerBufferLines ?? DEFAULT_READER_BUFFER_LINES,
  ];
  const texts = lines.map((l) => (typeof l === "string" ? l : formatLogLine(l)));
  // A newline would split a line in two (the collector's lines never hold one).
  args.push(texts.map((t) => (t.includes("\n") ? t.replace(/\n/g, " ") : t)).join("\n"));
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
