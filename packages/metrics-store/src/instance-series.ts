import { minuteOf, seriesPlan, type MetricsPeriod } from "@pier/metrics-core";
import type { Redis } from "ioredis";

/** One hash per app and minute: `<dyno>:mem`, `<dyno>:limit` (bytes) and `<dyno>:cpu` (thousandths of a core). */
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

export interface InstancePoint {
  time: string;
  /** The highest reading in the step. */
  memory_bytes?: number;
  memory_limit_bytes?: number;
  /** Mean CPU use over the step, in cores. */
  cpu_cores?: number;
}

/** Per dyno, the memory and CPU series of the period ending now. */
export async function readInstanceSeries(redis: Redis, app: string, period: MetricsPeriod, now = Date.now()): Promise<Record<string, InstancePoint[]>> {
  const plan = seriesPlan(period, now);
  const pipe = redis.pipeline();
  for (const p of plan) for (const m of p.minutes) pipe.hgetall(instanceStatsKey(app, m));
  const results = (await pipe.exec()) ?? [];
  const perStep = plan.map((p) => ({ start: p.start, minutes: p.minutes.map(() => results.shift()!) }));
  const dynos = new Set<string>();
  for (const step of perStep) {
    for (const [err, raw] of step.minutes) {
      if (err) throw new Error(`could not read instance metrics: ${err.message}`);
      for (const field of Object.keys(raw as object)) dynos.add(field.slice(0, field.lastIndexOf(":")));
    }
  }
  const out: Record<string, InstancePoint[]> = {};
  for (const dyno of [...dynos].sort()) {
    out[dyno] = perStep.map((step) => {
      const point: InstancePoint = { time: new Date(step.start).toISOString() };
      const cpus: number[] = [];
      for (const [, raw] of step.minutes) {
        const h = raw as Record<string, string>;
        const mem = h[`${dyno}:mem`];
        if (mem !== undefined) point.memory_bytes = Math.max(point.memory_bytes ?? 0, Number(mem));
        const limit = h[`${dyno}:limit`];
        if (limit !== undefined) point.memory_limit_bytes = Number(limit);
        const cpu = h[`${dyno}:cpu`];
        if (cpu !== undefined) cpus.push(Number(cpu) / 1000);
      }
      if (cpus.length > 0) point.cpu_cores = Math.round((cpus.reduce((a, b) => a + b, 0) / cpus.length) * 1000) / 1000;
      return point;
    });
  }
  return out;
}
