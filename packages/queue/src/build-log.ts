import type { Redis } from "ioredis";

/**
 * Build output lives in a Redis stream while the build runs, so a client that connects late
 * (or reconnects) reads it from the start; the final entry carries the outcome.
 */
export type BuildLogEvent =
  | { type: "line"; line: string }
  | { type: "done"; status: "succeeded" | "failed"; error?: string; release?: number };

const MAX_LINES = 20_000;
const KEEP_SECONDS = 7 * 24 * 3600;

export const buildLogKey = (buildId: string) => `pier:build:${buildId}:log`;

export async function appendBuildLine(redis: Redis, buildId: string, line: string): Promise<void> {
  await redis.xadd(buildLogKey(buildId), "MAXLEN", "~", MAX_LINES, "*", "line", line);
}

export async function finishBuildLog(
  redis: Redis,
  buildId: string,
  outcome: Omit<Extract<BuildLogEvent, { type: "done" }>, "type">,
): Promise<void> {
  const key = buildLogKey(buildId);
  await redis.xadd(key, "*", "done", JSON.stringify(outcome));
  await redis.expire(key, KEEP_SECONDS);
}

/**
 * Yields the build's events from the beginning until its outcome. Needs a connection of its own:
 * XREAD BLOCK holds it. `idleTimeoutMs` bounds the wait for the next entry.
 */
export async function* readBuildLog(
  redis: Redis,
  buildId: string,
  opts: { idleTimeoutMs: number },
): AsyncGenerator<BuildLogEvent> {
  const key = buildLogKey(buildId);
  let lastId = "0";
  for (;;) {
    const res = (await redis.xread("BLOCK", opts.idleTimeoutMs, "STREAMS", key, lastId)) as
      | [string, [string, string[]][]][]
      | null;
    if (!res) throw new Error(`no build output for ${Math.round(opts.idleTimeoutMs / 1000)} s`);
    for (const [id, fields] of res[0]![1]) {
      lastId = id;
      if (fields[0] === "line") yield { type: "line", line: fields[1] ?? "" };
      else if (fields[0] === "done") {
        yield { type: "done", ...(JSON.parse(fields[1] ?? "{}") as object) } as BuildLogEvent;
        return;
      }
    }
  }
}
