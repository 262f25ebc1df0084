import { PERIODS, requestPoint, seriesPlan, sumCounters, type MetricsPeriod, type RequestCounters, type RequestPoint } from "@pier/metrics-core";
import type { Redis } from "ioredis";

/** One hash per app and minute; every router adds its counts to it. Kept a day and an hour. */
export const requestCountersKey = (app: string, minute: number) => `pier:metrics:requests:${app}:${minute}`;
const KEEP_SECONDS = 25 * 3600;

/** Adds counters (per app, per minute) in one round trip. */
export async function addRequestCounters(redis: Redis, batch: { app: string; minute: number; counters: RequestCounters }[]): Promise<void> {
  if (batch.length === 0) return;
  const pipe = redis.pipeline();
  for (const { app, minute, counters } of batch) {
    const key = requestCountersKey(app, minute);
    for (const [field, n] of Object.entries(counters)) pipe.hincrby(key, field, n);
    pipe.expire(key, KEEP_SECONDS);
  }
  const results = (await pipe.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`could not store request metrics: ${failed[0]!.message}`);
}

/** The app's request series for the period ending now. */
export async function readRequestSeries(redis: Redis, app: string, period: MetricsPeriod, now = Date.now()): Promise<{ step_seconds: number; points: RequestPoint[] }> {
  const plan = seriesPlan(period, now);
  const pipe = redis.pipeline();
  for (const p of plan) for (const m of p.minutes) pipe.hgetall(requestCountersKey(app, m));
  const results = (await pipe.exec()) ?? [];
  let i = 0;
  const { stepSeconds } = PERIODS[period];
  const points = plan.map((p) => {
    const minutes = p.minutes.map(() => {
      const [err, raw] = results[i++]!;
      if (err) throw new Error(`could not read request metrics: ${err.message}`);
      return Object.fromEntries(Object.entries(raw as Record<string, string>).map(([k, v]) => [k, Number(v)]));
    });
    return requestPoint(p.start, stepSeconds, sumCounters(minutes));
  });
  return { step_seconds: stepSeconds, points };
}
