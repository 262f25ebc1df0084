import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { processFamilies, prometheusText, type MetricFamily } from "@pier/metrics-core";

/** This process's memory, CPU and uptime as metric families. */
export function currentProcessFamilies(processName: string): MetricFamily[] {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  return processFamilies({ rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, uptimeSeconds: process.uptime(), cpuSeconds: (cpu.user + cpu.system) / 1e6 }, processName);
}

/**
 * `GET /metrics` in Prometheus' text format on a port of its own (the worker has no HTTP server;
 * the router's ports belong to apps, whose paths a metrics path there would shadow).
 */
export async function startMetricsServer(o: {
  port: number;
  host: string;
  processName: string;
  families?: () => MetricFamily[] | Promise<MetricFamily[]>;
}): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics here.\n");
      return;
    }
    Promise.resolve(o.families?.() ?? []).then(
      (extra) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(prometheusText([...currentProcessFamilies(o.processName), ...extra])),
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`Could not gather metrics: ${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The port from PIER_<NAME>_METRICS_PORT (unset or empty: no metrics server). */
export function metricsPortFromEnv(env: Record<string, string | undefined>, name: "WORKER" | "ROUTER"): number | undefined {
  const key = `PIER_${name}_METRICS_PORT`;
  const raw = env[key];
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error(`${key} must be a port number, got "${raw}"`);
  return Number(raw);
}
