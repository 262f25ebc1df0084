import { instanceSeries, minuteOf, seriesPlan, type InstanceMinute, type InstancePoint, type MetricsPeriod } from "@pier/metrics-core";
import type { Redis } from "ioredis";

/** One hash per app and minute (fields: metrics-core's InstanceMinute). */
export const instanceStatsKey = (app: string, minute: number) => `pier:metrics:instances:${app}:${minute}`;
const KEEP_SECONDS = 25 * 3600;

export interface InstanceSample {
  app: string;
  dyno: string;
  memoryBytes: number;
  limitBytes?: number;
  cpuCores?: number;
}

export async function recordInstanceSamples(redis: Redis, samples: InstanceSample[], now = Date.now()): Promise<void> {
  if (samples.length === 0) return;
  const pipe = redis.pipeline();
  for (const s of samples) {
    const key = instanceStatsKey(s.app, minuteOf(now));
    pipe.hset(key, `${s.dyno}:mem`, s.memoryBytes);
    if (s.limitBytes !== undefined) pipe.hset(key, `${s.dyno}:limit`, s.limitBytes);
    if (s.cpuCores !== undefined) pipe.hset(key, `${s.dyno}:cpu`, Math.round(s.cpuCores * 1000));
    pipe.expire(key, KEEP_SECONDS);
  }
  const results = (await pipe.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`could not store instance metrics: ${failed[0]!.message}`);
}

/** Counts a restart of an instance after a crash in the current minute (the reconciler calls it as it restarts one). */
export async function recordRestart(redis: Redis, app: string, dyno: string, now = Date.now()): Promise<void> {
  const key = instanceStatsKey(app, minuteOf(now));
  const results = (await redis.multi().hincrby(key, `${dyno}:restarts`, 1).expire(key, KEEP_SECONDS).exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`could not count a restart of ${app} ${dyno}: ${failed[0]!.message}`);
}

/** Per dyno, the memory, CPU and restarts series of the period ending now. */
export async function readInstanceSeries(redis: Redis, app: string, period: MetricsPeriod, now = Date.now()): Promise<Record<string, InstancePoint[]>> {
  const plan = seriesPlan(period, now);
  const pipe = redis.pipeline();
  for (const p of plan) for (const m of p.minutes) pipe.hgetall(instanceStatsKey(app, m));
  const results = (await pipe.exec()) ?? [];
  let next = 0;
  const steps = plan.map((p) => ({
    start: p.start,
    minutes: p.minutes.map(() => {
      const [err, raw] = results[next++]!;
      if (err) throw new Error(`could not read instance metrics: ${err.message}`);
      return raw as InstanceMinute;
    }),
  }));
  return instanceSeries(steps);
}
