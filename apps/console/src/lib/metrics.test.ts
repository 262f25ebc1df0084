import { describe, expect, it } from "vitest";
import type { AppMetrics } from "../api/types.js";
import { metricCharts } from "./metrics.js";

const metrics: AppMetrics = {
  app: "shop",
  period: "hour",
  step_seconds: 60,
  router: [
    { time: "2026-11-22T03:00:00Z", requests: 0, rps: 0, status: {} },
    { time: "2026-11-22T03:01:00Z", requests: 120, rps: 2, status: { "2xx": 90, "5xx": 30 }, p50_ms: 10, p95_ms: 40, p99_ms: 90 },
  ],
  instances: {
    "web.10": [{ time: "2026-11-22T03:00:00Z" }, { time: "2026-11-22T03:01:00Z", memory_bytes: 64 * 1024 * 1024, memory_limit_bytes: 512 * 1024 * 1024, cpu_cores: 0.25 }],
    "web.2": [{ time: "2026-11-22T03:00:00Z", memory_bytes: 32 * 1024 * 1024, cpu_cores: 0.5 }, { time: "2026-11-22T03:01:00Z" }],
  },
  restarts_by_type: {
    worker: [{ time: "2026-11-22T03:00:00Z", restarts: 0 }, { time: "2026-11-22T03:01:00Z", restarts: 1 }],
    web: [{ time: "2026-11-22T03:00:00Z", restarts: 2 }, { time: "2026-11-22T03:01:00Z", restarts: 0 }],
  },
};

describe("metricCharts", () => {
  const charts = Object.fromEntries(metricCharts(metrics).map((c) => [c.id, c]));

  it("draws the request rate and latency percentiles from the router series", () => {
    expect(charts.requests!.series[0]!.values).toEqual([0, 2]);
    expect(charts.latency!.series.map((s) => [s.name, s.values])).toEqual([
      ["p50", [undefined, 10]],
      ["p95", [undefined, 40]],
      ["p99", [undefined, 90]],
    ]);
  });

  it("turns status classes into rates, zero where requests came but none of that class", () => {
    expect(charts.status!.series.map((s) => [s.name, s.values])).toEqual([
      ["2xx", [undefined, 1.5]],
      ["3xx", [undefined, 0]],
      ["4xx", [undefined, 0]],
      ["5xx", [undefined, 0.5]],
    ]);
  });

  it("shows each instance's memory in MiB against the highest limit, and CPU in percent, in dyno order", () => {
    expect(charts.memory!.series.map((s) => [s.name, s.values])).toEqual([
      ["web.2", [32, undefined]],
      ["web.10", [undefined, 64]],
      ["limit", [512, 512]],
    ]);
    expect(charts.cpu!.series.map((s) => [s.name, s.values])).toEqual([
      ["web.2", [50, undefined]],
      ["web.10", [undefined, 25]],
    ]);
  });

  it("draws restarts per step for each process type", () => {
    expect(charts.restarts!.unit).toBe("per minute");
    expect(metricCharts({ ...metrics, step_seconds: 900 }).find((c) => c.id === "restarts")!.unit).toBe("per 15 minutes");
    expect(charts.restarts!.series.map((s) => [s.name, s.values])).toEqual([
      ["web", [2, 0]],
      ["worker", [0, 1]],
    ]);
    expect(metricCharts({ ...metrics, restarts_by_type: undefined }).find((c) => c.id === "restarts")!.series).toEqual([]);
  });

  it("has no limit line when no instance reported one", () => {
    const none = metricCharts({ ...metrics, instances: {} });
    expect(none.find((c) => c.id === "memory")!.series).toEqual([]);
  });
});
