import type { MetricsSummary } from "@pier/metrics-core";
import { describe, expect, it } from "vitest";
import { formatTable } from "../print-table.js";
import { formatRestartTimes, instanceColumns } from "./metrics.js";

describe("pier metrics instance columns", () => {
  it("shows readings against the limit and restarts; a crashing instance without readings by its restarts alone", () => {
    const instances: MetricsSummary["instances"] = [
      { dyno: "web.1", cpu_cores: 0.25, memory_bytes: 128 * 1048576, memory_limit_bytes: 512 * 1048576, restarts: 2, restarts_since_release: 5 },
      { dyno: "web.2", memory_bytes: 1048576 },
      { dyno: "worker.1", restarts: 7, restarts_since_release: 7 },
    ];
    expect(formatTable(instances, instanceColumns)).toEqual([
      "Instance  CPU (cores, mean)  Memory (highest)  Limit   Of limit  Restarts  Since release",
      "web.1     0.25               128 MB            512 MB  25%       2         5",
      "web.2     -                  1 MB              -       -         -         -",
      "worker.1  -                  -                 -       -         7         7",
    ]);
  });

  it.each<[number, string[]]>([
    [60, ["web.1 restarted at 12:03 (2), 12:07 (1)"]],
    [900, ["web.1 restarted at 01 Jan, 12:03 (2), 01 Jan, 12:07 (1)"]],
  ])("lists when each instance restarted (steps of %i s)", (step, lines) => {
    const instances: MetricsSummary["instances"] = [
      { dyno: "web.1", restarts: 3, restarted_at: [{ time: "2026-01-01T12:03:00.000Z", restarts: 2 }, { time: "2026-01-01T12:07:00.000Z", restarts: 1 }] },
      { dyno: "web.2", restarts: 0 },
    ];
    expect(formatRestartTimes(instances, step, "UTC")).toEqual(lines);
  });
});
