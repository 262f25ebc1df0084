import { describe, expect, it } from "vitest";
import { prometheusText } from "./prometheus.js";
import { addSample, type RequestCounters } from "./request-stats.js";
import { routerRequestFamilies } from "./router-families.js";

describe("routerRequestFamilies", () => {
  it("counts status classes and a cumulative latency histogram per app", () => {
    const c: RequestCounters = {};
    addSample(c, { status: 200, latencyMs: 3 });
    addSample(c, { status: 200, latencyMs: 40 });
    addSample(c, { status: 502, latencyMs: 60_000 });
    const text = prometheusText(routerRequestFamilies(new Map([["shop", c]])));
    expect(text).toContain('pier_router_requests_total{app="shop",status_class="2xx"} 2\n');
    expect(text).toContain('pier_router_requests_total{app="shop",status_class="5xx"} 1\n');
    expect(text).toContain("# TYPE pier_router_upstream_latency_seconds histogram\n");
    expect(text).toContain('pier_router_upstream_latency_seconds_bucket{app="shop",le="0.002"} 0\n');
    expect(text).toContain('pier_router_upstream_latency_seconds_bucket{app="shop",le="0.005"} 1\n');
    expect(text).toContain('pier_router_upstream_latency_seconds_bucket{app="shop",le="0.05"} 2\n');
    expect(text).toContain('pier_router_upstream_latency_seconds_bucket{app="shop",le="+Inf"} 3\n');
    expect(text).toContain('pier_router_upstream_latency_seconds_count{app="shop"} 3\n');
  });
});
