export { requestCountersKey, addRequestCounters, readRequestSeries } from "./request-series.js";
export { instanceStatsKey, recordInstanceSamples, readInstanceSeries, type InstanceSample, type InstancePoint } from "./instance-series.js";
export { startMetricsServer, currentProcessFamilies, metricsPortFromEnv } from "./metrics-server.js";
