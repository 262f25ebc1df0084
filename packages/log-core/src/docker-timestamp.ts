/**
 * Docker stamps each log message with an RFC 3339 time in nanoseconds, trailing zeros trimmed
 * (`2026-01-01T12:00:00.1234Z`). Normalized to nine fraction digits they compare as strings.
 */
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

export function normalizeDockerTimestamp(ts: string): string | undefined {
  // Already nine digits (the common case): no work, beyond checking its shape.
  if (ts.length === 30 && TS.test(ts)) return ts;
  const m = TS.exec(ts);
  if (!m) return undefined;
  return `${m[1]}.${(m[2] ?? "").padEnd(9, "0")}Z`;
}

/** Milliseconds since the epoch of a normalized timestamp. */
export function dockerTimestampMs(normalized: string): number {
  return Date.parse(`${normalized.slice(0, 19)}Z`) + Number(normalized.slice(20, 23));
}

/**
 * The millisecond ISO time of a normalized timestamp, as `new Date(dockerTimestampMs(t)).toISOString()`
 * gives it, without the Date: `2026-01-01T12:00:00.123456789Z` -> `2026-01-01T12:00:00.123Z`.
 */
export const dockerTimestampIso = (normalized: string): string => `${normalized.slice(0, 23)}Z`;

/** Docker's `since` parameter (seconds.nanoseconds) for a normalized timestamp: lines at that time and later. */
export function dockerSinceParam(normalized: string): string {
  const seconds = Date.parse(`${normalized.slice(0, 19)}Z`) / 1000;
  return `${seconds}.${normalized.slice(20, 29)}`;
}
