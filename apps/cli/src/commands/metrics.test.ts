import type { MetricsSummary } from "@pier/metrics-core";
import { describe, expect, it } from "vitest";
import { formatTable } from "../print-table.js";
import { instanceColumns } from "./metrics.js";

describe("pier metrics instance columns", () => {
  it("shows readings against the limit and restarts; a crashing instance without readings by its restarts alone", () => {
    const instances: MetricsSummary["instances"] = [
      { dyno: "web.1", cpu_cores: 0.25, memory_bytes: 128 * 1048576, memory_limit_bytes: 512 * 1048576, restarts: 2 },
      { dyno: "web.2", memory_bytes: 1048576 },
      { dyno: "worker.1", restarts: 7 },
    ];
    expect(formatTable(instances, instanceColumns)).toEqual([
      "Instance  CPU (cores, mean)  Memory (highest)  Limit   Of limit  Restarts",
      "web.1     0.25               128 MB            512 MB  25%       2",
      "web.2     -                  1 MB              -       -         -",
      "worker.1  -                  -                 -       -         7",
    ]);
  });
});
