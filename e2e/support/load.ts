import { Agent, request } from "node:http";

export interface LoadReport {
  sent: number;
  ok: number;
  failures: string[];
}

/**
 * Constant load through Pier's router: `perSecond` GETs with the app's Host header over a
 * keep-alive pool, as a browser population would send them. Any non-200 or transport error
 * counts as a failed request.
 */
export function startLoad(opts: { port: number; host: string; perSecond: number; expect?: (body: string) => boolean }): { stop(): Promise<LoadReport> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const report: LoadReport = { sent: 0, ok: 0, failures: [] };
  const inflight = new Set<Promise<void>>();
  const one = () =>
    new Promise<void>((resolve) => {
      report.sent++;
      const started = Date.now();
      const req = request({ host: "127.0.0.1", port: opts.port, path: "/", headers: { Host: opts.host }, agent, timeout: 30_000 }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          if (res.statusCode === 200 && (opts.expect?.(body) ?? true)) report.ok++;
          else report.failures.push(`${new Date(started).toISOString()} status ${res.statusCode}: ${body.slice(0, 200)}`);
          resolve();
        });
        res.on("error", (err) => {
          report.failures.push(`${new Date(started).toISOString()} response error: ${err.message}`);
          resolve();
        });
      });
      req.on("timeout", () => req.destroy(new Error("no response within 30 s")));
      req.on("error", (err) => {
        report.failures.push(`${new Date(started).toISOString()} ${err.message}`);
        resolve();
      });
      req.end();
    });
  // Ticks of 50 ms; each sends what the elapsed time calls for, so a late timer catches up.
  const began = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - began) / 1000) * opts.perSecond) - report.sent;
    for (let i = 0; i < due; i++) {
      const p = one();
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...inflight]);
      agent.destroy();
      return report;
    },
  };
}

/** Polls until `check` returns a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
