import { parseSince, summarizeMetrics, type MetricsSummary, type RequestPoint } from "@pier/metrics-core";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { json } from "../output.js";
import { printTable, type Column } from "../print-table.js";

interface AppMetrics {
  step_seconds: number;
  router: RequestPoint[];
  instances: Record<string, { time: string; memory_bytes?: number; memory_limit_bytes?: number; cpu_cores?: number; restarts?: number }[]>;
  restarts?: Record<string, number>;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? "-" : `${Math.round(bytes / 1048576)} MB`);
const ms = (v: number | undefined) => (v === undefined ? "-" : `${v} ms`);

/** One row per instance: mean CPU, highest memory against its limit, restarts in the window and since its release began. */
export const instanceColumns: Column<MetricsSummary["instances"][number]>[] = [
  { header: "Instance", value: (i) => i.dyno },
  { header: "CPU (cores, mean)", value: (i) => (i.cpu_cores === undefined ? "-" : String(i.cpu_cores)) },
  { header: "Memory (highest)", value: (i) => mb(i.memory_bytes) },
  { header: "Limit", value: (i) => mb(i.memory_limit_bytes) },
  { header: "Of limit", value: (i) => (i.memory_bytes !== undefined && i.memory_limit_bytes ? `${Math.round((100 * i.memory_bytes) / i.memory_limit_bytes)}%` : "-") },
  { header: "Restarts", value: (i) => (i.restarts === undefined ? "-" : String(i.restarts)) },
  { header: "Since release", value: (i) => (i.restarts_since_release === undefined ? "-" : String(i.restarts_since_release)) },
];

/** When each instance restarted in the window, step by step: `web.1 restarted at 12:03 (2), 12:07 (1)` (local time). */
export function formatRestartTimes(instances: MetricsSummary["instances"], stepSeconds: number, timeZone?: string): string[] {
  const clock = (iso: string) =>
    new Date(iso).toLocaleString("en-GB", { ...(stepSeconds > 60 ? { day: "2-digit", month: "short" } : {}), hour: "2-digit", minute: "2-digit", hour12: false, ...(timeZone ? { timeZone } : {}) });
  return instances
    .filter((i) => i.restarted_at !== undefined)
    .map((i) => `${i.dyno} restarted at ${i.restarted_at!.map((p) => `${clock(p.time)} (${p.restarts})`).join(", ")}`);
}

export const metricsCommand: Command = {
  name: "metrics",
  usage: "pier metrics [--app NAME] [--since 10m|1h|1d] [--json]",
  summary: "an app's requests (rps, status classes, latency) and each instance's CPU, memory and restarts",
  description:
    "From the routers: requests, requests per second and status classes over the window, and the highest per-minute (per 15 minutes beyond an hour) latency percentiles. From the engines, per instance: mean CPU in cores, the highest memory against its limit, and how often Pier has restarted it after a crash in the window (with the minutes it happened in) and since its release began. Default window: the last hour.",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const raw = flags.since === undefined ? "1h" : flags.since;
    if (raw === true) throw new CliError("--since needs a duration such as 10m, 2h or 1d");
    let back: number;
    try {
      back = parseSince(raw);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const period = back <= 3600_000 ? "hour" : "day";
    const m = await api<AppMetrics>(settings, "GET", `/apps/${encodeURIComponent(app)}/metrics?period=${period}`);
    const s = summarizeMetrics(m, Date.now() - back);
    if (flags.json) return out(json(s));
    out(formatRouterSummary(app, raw, s));
    if (s.instances.length === 0) return out("No instance readings in this window.");
    printTable(s.instances, instanceColumns, { out, title: `${app} instances` });
    const restarts = formatRestartTimes(s.instances, m.step_seconds);
    if (restarts.length > 0) out([m.step_seconds === 60 ? "Restarts by minute:" : `Restarts by ${m.step_seconds / 60} minutes:`, ...restarts.map((l) => `  ${l}`)].join("\n"));
  },
};

function formatRouterSummary(app: string, since: string, s: MetricsSummary): string {
  const classes = Object.entries(s.status).filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`).join(", ") || "none";
  return [
    `=== ${app} over the last ${since}`,
    `Requests: ${s.requests} (${s.rps} rps); status: ${classes}`,
    `Latency (worst step): p50 ${ms(s.worst_p50_ms)}, p95 ${ms(s.worst_p95_ms)}, p99 ${ms(s.worst_p99_ms)}`,
  ].join("\n");
}
