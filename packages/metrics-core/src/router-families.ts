import type { MetricFamily } from "./prometheus.js";
import { LATENCY_BUCKETS_MS, type RequestCounters } from "./request-stats.js";

const CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

/**
 * A router's request totals since it started, per app: requests by status class and the upstream
 * latency histogram (cumulative buckets, in seconds as Prometheus expects).
 */
export function routerRequestFamilies(totals: ReadonlyMap<string, RequestCounters>): MetricFamily[] {
  const requests: MetricFamily = { name: "pier_router_requests_total", help: "Requests answered, by app and status class.", type: "counter", samples: [] };
  const latency: MetricFamily = { name: "pier_router_upstream_latency_seconds", help: "Time to the app's response, by app.", type: "histogram", samples: [] };
  for (const [app, c] of [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const cls of CLASSES) if (c[`s${cls}`]) requests.samples.push({ labels: { app, status_class: cls }, value: c[`s${cls}`]! });
    let cumulative = 0;
    LATENCY_BUCKETS_MS.forEach((ms, i) => {
      cumulative += c[`h${i}`] ?? 0;
      latency.samples.push({ suffix: "_bucket", labels: { app, le: String(ms / 1000) }, value: cumulative });
    });
    cumulative += c[`h${LATENCY_BUCKETS_MS.length}`] ?? 0;
    latency.samples.push({ suffix: "_bucket", labels: { app, le: "+Inf" }, value: cumulative });
    latency.samples.push({ suffix: "_count", labels: { app }, value: cumulative });
  }
  return [requests, latency];
}
