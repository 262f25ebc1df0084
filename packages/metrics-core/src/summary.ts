import type { RequestPoint, StatusClass } from "./request-stats.js";

/** What `pier metrics` shows for a window: router totals and per instance CPU and memory. */
export interface MetricsSummary {
  seconds: number;
  requests: number;
  rps: number;
  status: Record<StatusClass, number>;
  /** The highest of the steps' percentiles (the series keeps percentiles per step, not the histogram). */
  worst_p50_ms?: number;
  worst_p95_ms?: number;
  worst_p99_ms?: number;
  instances: {
    dyno: string;
    cpu_cores?: number;
    memory_bytes?: number;
    memory_limit_bytes?: number;
    /** Restarts after a crash in the window (from the series). */
    restarts?: number;
    /** The steps of the window with restarts, oldest first. */
    restarted_at?: { time: string; restarts: number }[];
    /** The instance's current count: restarts since its release began. */
    restarts_since_release?: number;
  }[];
}

interface InstanceStep {
  time: string;
  memory_bytes?: number;
  memory_limit_bytes?: number;
  cpu_cores?: number;
  restarts?: number;
}

const max = (values: (number | undefined)[]) => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : Math.max(...present);
};

/**
 * Sums the steps that start at or after `since` (ms); CPU is the mean of the steps, memory the
 * highest, restarts the sum (with the steps they happened in). An instance's current count
 * (since its release began) comes beside them; an instance without readings (a crashing one) is
 * listed with its restarts alone.
 */
export function summarizeMetrics(
  m: { step_seconds: number; router: RequestPoint[]; instances: Record<string, InstanceStep[]>; restarts?: Record<string, number> },
  since: number,
): MetricsSummary {
  const inWindow = <T extends { time: string }>(points: T[]) => points.filter((p) => Date.parse(p.time) >= since);
  const steps = inWindow(m.router);
  const seconds = Math.max(1, steps.length) * m.step_seconds;
  const status: Record<StatusClass, number> = { "1xx": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  let requests = 0;
  for (const p of steps) {
    requests += p.requests;
    for (const k of Object.keys(status) as StatusClass[]) status[k] += p.status[k] ?? 0;
  }
  const summary: MetricsSummary = { seconds, requests, rps: Math.round((requests / seconds) * 1000) / 1000, status, instances: [] };
  const p50 = max(steps.map((p) => p.p50_ms));
  if (p50 !== undefined) {
    summary.worst_p50_ms = p50;
    summary.worst_p95_ms = max(steps.map((p) => p.p95_ms))!;
    summary.worst_p99_ms = max(steps.map((p) => p.p99_ms))!;
  }
  const dynos = new Set([...Object.keys(m.instances), ...Object.keys(m.restarts ?? {})]);
  for (const dyno of [...dynos].sort(compareDynoNames)) {
    const mine = inWindow(m.instances[dyno] ?? []);
    const sinceRelease = m.restarts?.[dyno];
    const restartSteps = mine.filter((p) => (p.restarts ?? 0) > 0).map((p) => ({ time: p.time, restarts: p.restarts! }));
    const counted = mine.some((p) => p.restarts !== undefined);
    const cpu = mine.map((p) => p.cpu_cores).filter((v): v is number => v !== undefined);
    summary.instances.push({
      dyno,
      ...(cpu.length > 0 ? { cpu_cores: Math.round((cpu.reduce((a, b) => a + b, 0) / cpu.length) * 1000) / 1000 } : {}),
      ...(max(mine.map((p) => p.memory_bytes)) !== undefined ? { memory_bytes: max(mine.map((p) => p.memory_bytes))! } : {}),
      ...(max(mine.map((p) => p.memory_limit_bytes)) !== undefined ? { memory_limit_bytes: max(mine.map((p) => p.memory_limit_bytes))! } : {}),
      ...(counted ? { restarts: restartSteps.reduce((n, p) => n + p.restarts, 0) } : {}),
      ...(restartSteps.length > 0 ? { restarted_at: restartSteps } : {}),
      ...(sinceRelease !== undefined ? { restarts_since_release: sinceRelease } : {}),
    });
  }
  return summary;
}

const UNIT: Record<string, number> = { m: 60_000, h: 3600_000, d: 86_400_000 };

/** `--since 10m|2h|1d`: milliseconds back from now (at most a day: the series keep 25 hours). */
/**
 * "web.2" before "web.10", by process type then number. Not localeCompare: collation loads ICU
 * data into every process that sorts this way (~3 MB resident per process).
 */
export function compareDynoNames(a: string, b: string): number {
  const [ta, na] = splitDyno(a);
  const [tb, nb] = splitDyno(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb || (a < b ? -1 : a > b ? 1 : 0);
}

function splitDyno(name: string): [string, number] {
  const dot = name.lastIndexOf(".");
  const n = dot < 0 ? NaN : Number(name.slice(dot + 1));
  return Number.isInteger(n) ? [name.slice(0, dot), n] : [name, 0];
}

export function parseSince(raw: string): number {
  const m = /^(\d+)([mhd])$/.exec(raw.trim());
  if (!m || Number(m[1]) === 0) throw new Error(`--since needs a duration such as 10m, 2h or 1d, got "${raw}"`);
  const ms = Number(m[1]) * UNIT[m[2]!]!;
  if (ms > 86_400_000) throw new Error("--since goes back at most 1d (metrics are kept 25 hours)");
  return ms;
}
