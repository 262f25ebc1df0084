/** How much of each app's log is kept: whichever limit is reached first trims the oldest lines. */
export interface LogRetention {
  maxLines: number;
  maxAgeMs: number;
  /**
   * How far (lines past maxLines) a live tail reader may fall behind a burst and still get every
   * line: the stream keeps what such a reader has yet to read, up to this many lines.
   */
  readerBufferLines?: number;
}

/** About 70 MB of Redis memory at most, and only while a reader lags. */
export const DEFAULT_READER_BUFFER_LINES = 1_000_000;

export const DEFAULT_LOG_RETENTION: LogRetention = { maxLines: 10_000, maxAgeMs: 7 * 24 * 3600_000, readerBufferLines: DEFAULT_READER_BUFFER_LINES };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

function duration(key: string, raw: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`${key} must be a duration such as 7d, 12h or 3600 (seconds), got "${raw}"`);
  return Number(m[1]) * UNIT_MS[m[2] || "s"]!;
}

function count(key: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${key} must be a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

/** PIER_LOG_MAX_LINES (per app), PIER_LOG_MAX_AGE (7d, 12h, 90m or seconds), PIER_LOG_READER_BUFFER_LINES. */
export function logRetentionFromEnv(env: Record<string, string | undefined>): LogRetention {
  const age = env.PIER_LOG_MAX_AGE;
  return {
    maxLines: count("PIER_LOG_MAX_LINES", env.PIER_LOG_MAX_LINES, DEFAULT_LOG_RETENTION.maxLines, 1),
    maxAgeMs: age ? duration("PIER_LOG_MAX_AGE", age) : DEFAULT_LOG_RETENTION.maxAgeMs,
    readerBufferLines: count("PIER_LOG_READER_BUFFER_LINES", env.PIER_LOG_READER_BUFFER_LINES, DEFAULT_READER_BUFFER_LINES, 0),
  };
}

/** What to tell the store at `now`: entries older than minId go; a stream idle for ttlSeconds goes whole. */
export function retentionPlan(r: LogRetention, now: number): { maxLen: number; minId: string; ttlSeconds: number } {
  return { maxLen: r.maxLines, minId: `${Math.max(0, now - r.maxAgeMs)}-0`, ttlSeconds: Math.ceil(r.maxAgeMs / 1000) };
}
