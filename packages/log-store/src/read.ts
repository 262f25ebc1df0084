import { matchesLogFilter, type LogFilter } from "@pier/log-core";
import type { Redis } from "ioredis";
import { fromEntry, type RawEntry, type StoredLogLine } from "./entries.js";
import { logReadersKey, logStreamKey } from "./keys.js";

/**
 * The last `count` lines matching `filter`, oldest first, and the id of the newest entry in the
 * stream (matching or not): follow from there to get only newer lines.
 */
export async function readRecentLogs(
  redis: Redis,
  app: string,
  opts: { count: number; filter?: LogFilter },
): Promise<{ lines: StoredLogLine[]; lastId: string }> {
  const key = logStreamKey(app);
  const filter = opts.filter ?? {};
  const found: StoredLogLine[] = [];
  let lastId: string | undefined;
  let end = "+";
  const chunk = Math.max(opts.count, 100);
  // Walk back in chunks until enough lines match or the stream is exhausted.
  for (;;) {
    const entries = (await redis.xrevrange(key, end, "-", "COUNT", chunk)) as RawEntry[];
    if (entries.length === 0) break;
    lastId ??= entries[0]![0];
    for (const e of entries) {
      if (found.length >= opts.count) break;
      const line = fromEntry(e);
      if (matchesLogFilter(filter, line)) found.push(line);
    }
    if (found.length >= opts.count || entries.length < chunk) break;
    end = `(${entries[entries.length - 1]![0]}`;
  }
  return { lines: found.reverse(), lastId: lastId ?? "0-0" };
}

/** The line counter in an entry id (`<ms>-<n>`, see appendAppLines). */
export const lineNumber = (id: string) => Number(id.slice(id.indexOf("-") + 1));

/** How long a tail reader's recorded position holds lines back after its last read (see APPEND_LUA). */
export const READER_LEASE_MS = 60_000;

/**
 * Yields batches of lines newer than `afterId` as they arrive; an empty batch when nothing came
 * within blockMs (a chance to send a heartbeat). `dropped` counts lines trimmed from the stream
 * before this reader got to them (it fell too far behind). With `readerId`, each read records
 * how far this reader got, so appends keep the lines it has yet to read (within the retention's
 * readerBufferLines, and while it keeps reading). Holds the connection: give it one of its own.
 */
export async function* followLogs(
  redis: Redis,
  app: string,
  opts: { afterId: string; filter?: LogFilter; blockMs?: number; batch?: number; readerId?: string },
): AsyncGenerator<{ lastId: string; lines: StoredLogLine[]; dropped: number }> {
  const key = logStreamKey(app);
  const readers = logReadersKey(app);
  const filter = opts.filter ?? {};
  const unfiltered = filter.dyno === undefined && filter.source === undefined;
  let lastId = opts.afterId;
  for (;;) {
    // Sent together with the read: one round trip.
    const recorded =
      opts.readerId === undefined
        ? undefined
        : redis
            .multi()
            .hset(readers, opts.readerId, `${lastId === "0-0" ? 0 : lineNumber(lastId)} ${Date.now() + READER_LEASE_MS}`)
            .pexpire(readers, READER_LEASE_MS)
            .exec();
    const [res] = await Promise.all([
      redis.xread("COUNT", opts.batch ?? 5000, "BLOCK", opts.blockMs ?? 15_000, "STREAMS", key, lastId) as Promise<[string, RawEntry[]][] | null>,
      recorded,
    ]);
    const entries = res?.[0]?.[1] ?? [];
    const lines: StoredLogLine[] = [];
    let dropped = 0;
    let previous = lastId === "0-0" ? -1 : lineNumber(lastId);
    for (const e of entries) {
      const n = lineNumber(e[0]);
      // A counter that went backwards is a stream made anew (expired, deleted): not a loss.
      if (previous >= 0 && n > previous + 1) dropped += n - previous - 1;
      previous = n;
      const line = fromEntry(e);
      if (unfiltered || matchesLogFilter(filter, line)) lines.push(line);
    }
    if (entries.length > 0) lastId = entries[entries.length - 1]![0];
    yield { lastId, lines, dropped };
  }
}

/** Forgets a reader's position (it stopped reading); its lease would lapse anyway. */
export async function forgetLogReader(redis: Redis, app: string, readerId: string): Promise<void> {
  await redis.hdel(logReadersKey(app), readerId);
}
