/** How much of each app's log is kept: whichever limit is reached first trims the oldest lines. */
export interface LogRetention {
  maxLines: number;
  maxAgeMs: number;
}

export const DEFAULT_LOG_RETENTION: LogRetention = { maxLines: 10_000, maxAgeMs: 7 * 24 * 3600_000 };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

function duration(key: string, raw: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`${key} must be a duration such as 7d, 12h or 3600 (seconds), got "${raw}"`);
  return Number(m[1]) * UNIT_MS[m[2] || "s"]!;
}

/** PIER_LOG_MAX_LINES (per app) and PIER_LOG_MAX_AGE (7d, 12h, 90m or seconds). */
export function logRetentionFromEnv(env: Record<string, string | undefined>): LogRetention {
  const lines = env.PIER_LOG_MAX_LINES;
  const age = env.PIER_LOG_MAX_AGE;
  if (lines !== undefined && lines !== "" && (!/^\d+$/.test(lines) || Number(lines) === 0)) {
    throw new Error(`PIER_LOG_MAX_LINES must be a positive whole number, got "${lines}"`);
  }
  return {
    maxLines: lines ? Number(lines) : DEFAULT_LOG_RETENTION.maxLines,
    maxAgeMs: age ? duration("PIER_LOG_MAX_AGE", age) : DEFAULT_LOG_RETENTION.maxAgeMs,
  };
}

/** What to tell the store at `now`: entries older than minId go; a stream idle for ttlSeconds goes whole. */
export function retentionPlan(r: LogRetention, now: number): { maxLen: number; minId: string; ttlSeconds: number } {
  return { maxLen: r.maxLines, minId: `${Math.max(0, now - r.maxAgeMs)}-0`, ttlSeconds: Math.ceil(r.maxAgeMs / 1000) };
}
