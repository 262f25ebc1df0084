import type { AppMetrics, InstancePoint, StatusClass } from "../api/types.js";

export interface ChartSeries {
  name: string;
  values: readonly (number | undefined)[];
  /** Colour and dash pattern (`series-1` …, `series-limit`): lines differ by more than colour. */
  style: number | "limit";
}

export interface ChartSpec {
  id: "requests" | "latency" | "status" | "memory" | "cpu" | "restarts";
  title: string;
  unit: string;
  series: ChartSeries[];
}

const MIB = 1024 * 1024;
const STATUS: StatusClass[] = ["2xx", "3xx", "4xx", "5xx"];

/**
 * The charts of an app's metrics: request rate, latency percentiles, status classes (as rates,
 * so hour and day read alike), per instance memory against its limit and CPU, and restarts
 * after a crash per process type.
 */
export function metricCharts(m: AppMetrics): ChartSpec[] {
  const r = m.router;
  const perSecond = (n: number | undefined) => (n === undefined ? undefined : n / m.step_seconds);
  const dynos = Object.keys(m.instances).sort(byDyno);
  const instance = (pick: (p: InstancePoint) => number | undefined) =>
    dynos.map((d, i) => ({ name: d, style: (i % 5) + 1, values: m.instances[d]!.map(pick) }));
  const limit = Math.max(0, ...dynos.flatMap((d) => m.instances[d]!.map((p) => p.memory_limit_bytes ?? 0)));
  const memory: ChartSeries[] = instance((p) => (p.memory_bytes === undefined ? undefined : p.memory_bytes / MIB));
  if (limit > 0) memory.push({ name: "limit", style: "limit", values: (m.instances[dynos[0]!] ?? []).map(() => limit / MIB) });
  return [
    { id: "requests", title: "Requests", unit: "req/s", series: [{ name: "requests", style: 1, values: r.map((p) => p.rps) }] },
    {
      id: "latency",
      title: "Response time",
      unit: "ms",
      series: [
        { name: "p50", style: 1, values: r.map((p) => p.p50_ms) },
        { name: "p95", style: 2, values: r.map((p) => p.p95_ms) },
        { name: "p99", style: 3, values: r.map((p) => p.p99_ms) },
      ],
    },
    {
      id: "status",
      title: "Responses by status",
      unit: "req/s",
      series: STATUS.map((c, i) => ({ name: c, style: [4, 1, 2, 3][i]!, values: r.map((p) => perSecond(p.status[c] ?? (p.requests > 0 ? 0 : undefined))) })),
    },
    { id: "memory", title: "Memory", unit: "MiB", series: memory },
    { id: "cpu", title: "CPU", unit: "%", series: instance((p) => (p.cpu_cores === undefined ? undefined : p.cpu_cores * 100)) },
    {
      id: "restarts",
      title: "Restarts",
      unit: m.step_seconds === 60 ? "per minute" : `per ${m.step_seconds / 60} minutes`,
      series: Object.keys(m.restarts_by_type ?? {})
        .sort()
        .map((type, i) => ({ name: type, style: (i % 5) + 1, values: m.restarts_by_type![type]!.map((p) => p.restarts) })),
    },
  ];
}

/** web.2 before web.10. */
const byDyno = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
