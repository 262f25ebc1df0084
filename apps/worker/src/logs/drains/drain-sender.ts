import { drainBackoffMs, drainDroppedMessage, redactDrainUrl, type LogRetention } from "@pier/log-core";
import { appendLogLines, lineNumber, logStreamKey } from "@pier/log-store";
import type { Redis } from "ioredis";
import type { DrainTransport } from "./drain-transport.js";

export interface DrainSpec {
  id: string;
  app: string;
  url: string;
  token: string;
}

/** Drain id -> the stream id of the last line it was sent. */
export const DRAIN_POSITIONS_KEY = "pier:logs:drain-positions";

export interface DrainSenderOptions {
  drain: DrainSpec;
  transport: DrainTransport;
  /** Shared connection: positions and L10 lines. */
  redis: Redis;
  /** This sender's own connection (XREAD BLOCK holds it). */
  reading: Redis;
  retention: LogRetention;
  log: (line: string) => void;
  batchLines?: number;
}

/**
 * Sends an app's log to one drain: reads the app's stream from the drain's stored position,
 * sends a batch, stores the new position, and so on. The stream is the buffer: nothing piles up
 * in memory beyond one batch, and the collector never waits for a drain. A failed send is
 * retried with backoff; lines trimmed from the stream meanwhile are counted and reported in the
 * app's log as an L10 line once the drain takes lines again.
 */
/** What /metrics shows of a sender. */
export interface DrainSenderStats {
  /** The stream id of the last line sent ("" before the first read). */
  position: string;
  /** Lines lost to trimming before they were sent, since start. */
  dropped: number;
  /** Failed sends in a row now. */
  failures: number;
}

export function startDrainSender(o: DrainSenderOptions): { stop(): Promise<void>; stats: DrainSenderStats } {
  const stats: DrainSenderStats = { position: "", dropped: 0, failures: 0 };
  const key = logStreamKey(o.drain.app);
  const name = redactDrainUrl(o.drain.url);
  const abort = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });

  const run = async () => {
    let position = (await o.redis.hget(DRAIN_POSITIONS_KEY, o.drain.id)) ?? (await latestId(o.redis, key));
    stats.position = position;
    let pending: { lastId: string; lines: string[] } | undefined;
    let dropped = 0;
    let droppedSince = "";
    let failures = 0;
    while (!abort.signal.aborted) {
      if (pending === undefined) {
        const res = (await o.reading.xread("COUNT", o.batchLines ?? 500, "BLOCK", 5000, "STREAMS", key, position)) as [string, [string, string[]][]][] | null;
        const entries = res?.[0]?.[1] ?? [];
        if (entries.length === 0) continue;
        // The line counter in entry ids jumps over lines trimmed before this drain got them.
        const gap = position === "0-0" ? 0 : lineNumber(entries[0]![0]) - lineNumber(position) - 1;
        if (gap > 0) {
          dropped += gap;
          stats.dropped += gap;
          droppedSince ||= new Date().toISOString();
        }
        pending = { lastId: entries[entries.length - 1]![0], lines: entries.map((e) => e[1][1] ?? "") };
      }
      try {
        await o.transport.send(pending.lines);
      } catch (err) {
        failures += 1;
        stats.failures = failures;
        if (failures === 1 || failures % 20 === 0) o.log(`log drain ${name} (${o.drain.app}): ${(err as Error).message}; retrying (attempt ${failures})`);
        await sleep(drainBackoffMs(failures));
        continue;
      }
      if (failures > 0) o.log(`log drain ${name} (${o.drain.app}): delivering again after ${failures} failed attempts`);
      failures = 0;
      stats.failures = 0;
      position = pending.lastId;
      stats.position = position;
      pending = undefined;
      await o.redis.hset(DRAIN_POSITIONS_KEY, o.drain.id, position);
      if (dropped > 0) {
        const message = drainDroppedMessage(dropped, droppedSince, name);
        await appendLogLines(o.redis, [{ app: o.drain.app, line: { time: Date.now(), source: "pier", dyno: "logs", message } }], o.retention);
        dropped = 0;
        droppedSince = "";
      }
    }
  };

  const done = run().catch((err: Error) => {
    if (!abort.signal.aborted) o.log(`log drain ${name} (${o.drain.app}) stopped: ${err.message} (restarted on the next pass)`);
  });
  return {
    stats,
    async stop() {
      abort.abort();
      o.reading.disconnect();
      o.transport.close();
      await done;
    },
  };
}

/** Where a new drain starts: after the newest line (it gets lines from now on, not the history). */
async function latestId(redis: Redis, key: string): Promise<string> {
  const last = (await redis.xrevrange(key, "+", "-", "COUNT", 1)) as [string, string[]][];
  return last[0]?.[0] ?? "0-0";
}
