/** One step of an instance's series, as the API serves it. */
export interface InstancePoint {
  time: string;
  /** The highest memory reading in the step. */
  memory_bytes?: number;
  memory_limit_bytes?: number;
  /** Mean CPU use over the step, in cores. */
  cpu_cores?: number;
  /** How often Pier restarted the instance after a crash during the step. */
  restarts: number;
}

/**
 * What is kept per app and minute (a Redis hash): `<dyno>:mem` and `<dyno>:limit` (bytes, the
 * latest reading of the minute), `<dyno>:cpu` (thousandths of a core) from the engine sampler, and
 * `<dyno>:restarts` (restarts in the minute) counted by the reconciler as it restarts.
 */
export type InstanceMinute = Record<string, string>;

/** `web.1:mem` -> `web.1`, `web.1:restarts` -> `web.1`. */
const dynoOf = (field: string) => field.slice(0, field.lastIndexOf(":"));

/**
 * Per dyno, one point per step from the minutes each step holds (the steps of `seriesPlan`):
 * the highest memory, the latest limit, the mean of the CPU readings and the sum of the restarts.
 * Every dyno seen in any minute gets every step, with `restarts: 0` where none happened.
 */
export function instanceSeries(steps: { start: number; minutes: InstanceMinute[] }[]): Record<string, InstancePoint[]> {
  const dynos = new Set<string>();
  for (const step of steps) for (const minute of step.minutes) for (const field of Object.keys(minute)) dynos.add(dynoOf(field));
  const out: Record<string, InstancePoint[]> = {};
  for (const dyno of [...dynos].sort()) {
    out[dyno] = steps.map((step) => {
      const point: InstancePoint = { time: new Date(step.start).toISOString(), restarts: 0 };
      const cpus: number[] = [];
      for (const h of step.minutes) {
        const mem = h[`${dyno}:mem`];
        if (mem !== undefined) point.memory_bytes = Math.max(point.memory_bytes ?? 0, Number(mem));
        const limit = h[`${dyno}:limit`];
        if (limit !== undefined) point.memory_limit_bytes = Number(limit);
        const cpu = h[`${dyno}:cpu`];
        if (cpu !== undefined) cpus.push(Number(cpu) / 1000);
        point.restarts += Number(h[`${dyno}:restarts`] ?? 0);
      }
      if (cpus.length > 0) point.cpu_cores = Math.round((cpus.reduce((a, b) => a + b, 0) / cpus.length) * 1000) / 1000;
      return point;
    });
  }
  return out;
}

/** Per process type (`web`), the instances' restarts added up step by step. */
export function restartsByType(instances: Record<string, InstancePoint[]>): Record<string, { time: string; restarts: number }[]> {
  const out: Record<string, { time: string; restarts: number }[]> = {};
  for (const [dyno, points] of Object.entries(instances)) {
    const type = dyno.slice(0, dyno.lastIndexOf(".")) || dyno;
    const sums = (out[type] ??= points.map((p) => ({ time: p.time, restarts: 0 })));
    points.forEach((p, i) => (sums[i]!.restarts += p.restarts));
  }
  return out;
}
