import type { RequestSample } from "./request-line.js";

/** Upper bounds (ms) of the latency histogram's buckets; the last bucket is everything above. */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000] as const;

export type StatusClass = "1xx" | "2xx" | "3xx" | "4xx" | "5xx";

/**
 * Requests of one app over some window, in a shape that adds up: counters only, so routers
 * can each add theirs to the same Redis hash (HINCRBY) and readers sum minutes into hours.
 * Field names: `n`, `s2xx`..., `h0`...`h14` (histogram bucket counts).
 */
export type RequestCounters = Record<string, number>;

export function statusClass(status: number): StatusClass {
  const c = Math.min(5, Math.max(1, Math.floor(status / 100)));
  return `${c}xx` as StatusClass;
}

export function bucketIndex(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((b) => ms <= b);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
}

export function addSample(into: RequestCounters, s: RequestSample): void {
  into.n = (into.n ?? 0) + 1;
  const cls = `s${statusClass(s.status)}`;
  into[cls] = (into[cls] ?? 0) + 1;
  if (s.latencyMs !== undefined) {
    const h = `h${bucketIndex(s.latencyMs)}`;
    into[h] = (into[h] ?? 0) + 1;
  }
}

export function sumCounters(list: RequestCounters[]): RequestCounters {
  const out: RequestCounters = {};
  for (const c of list) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The p-th percentile latency (0 < p < 1) from histogram counters: the upper bound of the bucket
 * it falls in (undefined without samples; the last bucket answers its lower bound, "more than").
 */
export function latencyPercentile(c: RequestCounters, p: number): number | undefined {
  let total = 0;
  for (let i = 0; i <= LATENCY_BUCKETS_MS.length; i++) total += c[`h${i}`] ?? 0;
  if (total === 0) return undefined;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let i = 0; i <= LATENCY_BUCKETS_MS.length; i++) {
    seen += c[`h${i}`] ?? 0;
    if (seen >= rank) return LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
  }
  return undefined;
}

export interface RequestPoint {
  /** Start of the interval, ISO 8601. */
  time: string;
  requests: number;
  rps: number;
  status: Record<StatusClass, number>;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
}

/** One chart point from an interval's counters. */
export function requestPoint(start: number, seconds: number, c: RequestCounters): RequestPoint {
  const n = c.n ?? 0;
  const point: RequestPoint = {
    time: new Date(start).toISOString(),
    requests: n,
    rps: Math.round((n / seconds) * 1000) / 1000,
    status: { "1xx": c.s1xx ?? 0, "2xx": c.s2xx ?? 0, "3xx": c.s3xx ?? 0, "4xx": c.s4xx ?? 0, "5xx": c.s5xx ?? 0 },
  };
  const p50 = latencyPercentile(c, 0.5);
  if (p50 !== undefined) {
    point.p50_ms = p50;
    point.p95_ms = latencyPercentile(c, 0.95)!;
    point.p99_ms = latencyPercentile(c, 0.99)!;
  }
  return point;
}
