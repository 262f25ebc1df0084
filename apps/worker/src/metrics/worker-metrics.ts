import type { MetricFamily } from "@pier/metrics-core";
import { metricsPortFromEnv, startMetricsServer } from "@pier/metrics-store";

/**
 * The worker's /metrics on PIER_WORKER_METRICS_PORT (bound to PIER_METRICS_HOST, default
 * 127.0.0.1): process figures plus what `families` adds (log lines stored, drain backlogs).
 * Unset: none. The rate of lines is `rate(pier_log_lines_stored_total[1m])`.
 */
export async function startWorkerMetrics(families: () => Promise<MetricFamily[]>, env = process.env): Promise<{ close(): Promise<void> } | undefined> {
  const port = metricsPortFromEnv(env, "WORKER");
  if (port === undefined) return undefined;
  return startMetricsServer({ port, host: env.PIER_METRICS_HOST || "127.0.0.1", processName: "worker", families }).catch((err: Error) => {
    throw new Error(`cannot serve /metrics on ${env.PIER_METRICS_HOST || "127.0.0.1"}:${port}: ${err.message}`);
  });
}
