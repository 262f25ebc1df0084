export { requestCountersKey, addRequestCounters, readRequestSeries } from "./request-series.js";
export { instanceStatsKey, recordInstanceSamples, recordRestart, readInstanceSeries, type InstanceSample } from "./instance-series.js";
export type { InstancePoint } from "@pier/metrics-core";
export { startMetricsServer, currentProcessFamilies, metricsPortFromEnv } from "./metrics-server.js";
