import { describe, expect, it } from "vitest";
import { metricsPortFromEnv, startMetricsServer } from "./metrics-server.js";

describe("startMetricsServer", () => {
  it("serves process figures and the caller's families at /metrics, nothing else", async () => {
    const server = await startMetricsServer({
      port: 0,
      host: "127.0.0.1",
      processName: "worker",
      families: async () => [{ name: "pier_log_lines_stored_total", help: "Lines.", type: "counter", samples: [{ value: 42 }] }],
    });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      const text = await res.text();
      expect(text).toMatch(/^process_resident_memory_bytes\{process="worker"\} \d+$/m);
      expect(text).toContain("pier_log_lines_stored_total 42\n");
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{}, undefined],
    [{ PIER_WORKER_METRICS_PORT: "" }, undefined],
    [{ PIER_WORKER_METRICS_PORT: "9101" }, 9101],
  ])("reads the port from %j", (env, port) => expect(metricsPortFromEnv(env, "WORKER")).toBe(port));

  it("refuses a port that is not one", () => expect(() => metricsPortFromEnv({ PIER_ROUTER_METRICS_PORT: "http" }, "ROUTER")).toThrow(/PIER_ROUTER_METRICS_PORT/));
});
