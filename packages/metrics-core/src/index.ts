export { parseRequestLine, type RequestSample } from "./request-line.js";
export {
  LATENCY_BUCKETS_MS,
  type StatusClass,
  type RequestCounters,
  type RequestPoint,
  statusClass,
  bucketIndex,
  addSample,
  sumCounters,
  latencyPercentile,
  requestPoint,
} from "./request-stats.js";
export { type MetricsPeriod, PERIODS, minuteOf, seriesPlan } from "./series.js";
export { type MetricFamily, prometheusText, processFamilies } from "./prometheus.js";
export { type InstancePoint, type InstanceMinute, instanceSeries, restartsByType } from "./instance-series.js";
export { type InstanceReading, type DockerStats, readingFromDockerStats, cpuCores, memoryWarning, memoryKillMessage } from "./instance-stats.js";
export { routerRequestFamilies } from "./router-families.js";
export { type MetricsSummary, summarizeMetrics, parseSince, compareDynoNames } from "./summary.js";
