import { restartsByType, type MetricsPeriod, type RequestPoint } from "@pier/metrics-core";
import { readInstanceSeries, readRequestSeries, type InstancePoint } from "@pier/metrics-store";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";

export interface AppMetrics {
  app: string;
  period: MetricsPeriod;
  step_seconds: number;
  /** From the routers: requests, rps, status classes and latency percentiles per step. */
  router: RequestPoint[];
  /** From the engines, per instance (`web.1`): highest memory against its limit, mean CPU in cores; restarts after a crash per step. */
  instances: Record<string, InstancePoint[]>;
  /** Per process type (`web`): its instances' restarts per step. */
  restarts_by_type: Record<string, { time: string; restarts: number }[]>;
  /** Per current instance (`web.1`): how often Pier has restarted it after a crash since its release began. */
  restarts: Record<string, number>;
}

/** An app's metrics for the last hour (by minute) or day (by 15 minutes), for charts and `pier metrics`. */
export async function appMetrics(p: { app: string; period?: string }, actor: Actor, deps: Deps): Promise<AppMetrics> {
  const period = p.period ?? "hour";
  if (period !== "hour" && period !== "day") throw new UseCaseError("invalid_params", `period must be hour or day, got "${period}".`);
  const app = await findAccessibleApp(p.app, actor, deps);
  const [series, instances, rows] = await Promise.all([
    readRequestSeries(deps.redis, app.name, period),
    readInstanceSeries(deps.redis, app.name, period),
    deps.prisma.instance.findMany({ where: { appId: app.id, state: { not: "stopped" } }, select: { type: true, number: true, restarts: true } }),
  ]);
  // During a rolling deploy two rows may share a dyno name (old draining, new starting): their counts add up.
  const restarts: Record<string, number> = {};
  for (const r of rows) restarts[`${r.type}.${r.number}`] = (restarts[`${r.type}.${r.number}`] ?? 0) + r.restarts;
  return { app: app.name, period, step_seconds: series.step_seconds, router: series.points, instances, restarts_by_type: restartsByType(instances), restarts };
}
