import { routerRequestFamilies } from "@pier/metrics-core";
import { metricsPortFromEnv, startMetricsServer } from "@pier/metrics-store";
import type { AccessLogShipper } from "./access-log-shipper.js";

/**
 * The router's /metrics, on PIER_ROUTER_METRICS_PORT (bound to PIER_METRICS_HOST, default
 * 127.0.0.1): a port of its own, so no app's path is shadowed. Unset: none.
 */
export async function startRouterMetrics(shipper: AccessLogShipper, env = process.env): Promise<{ close(): Promise<void> } | undefined> {
  const port = metricsPortFromEnv(env, "ROUTER");
  if (port === undefined) return undefined;
  const host = env.PIER_METRICS_HOST || "127.0.0.1";
  return startMetricsServer({ port, host, processName: "router", families: () => routerRequestFamilies(shipper.metrics.totals) }).catch((err: Error) => {
    throw new Error(`cannot serve /metrics on ${host}:${port}: ${err.message}`);
  });
}
