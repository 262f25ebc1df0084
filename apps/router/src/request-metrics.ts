import { addSample, minuteOf, parseRequestLine, type RequestCounters } from "@pier/metrics-core";
import { addRequestCounters } from "@pier/metrics-store";
import type { Redis } from "ioredis";

/**
 * Per-app request counters (rps, status classes, latency histogram) gathered from the router's
 * access lines in memory and added to Redis every few seconds, where every router's counts meet.
 * While Redis is unreachable the counters keep adding up (one small object per app and minute).
 */
export class RequestMetrics {
  private pending = new Map<string, RequestCounters>();
  private flushing: Promise<void> | undefined;
  /** Totals since start, for this router's /metrics. */
  readonly totals = new Map<string, RequestCounters>();

  constructor(private readonly redis: Redis) {}

  observe(app: string, line: string, now = Date.now()): void {
    const sample = parseRequestLine(line);
    if (sample === undefined) return;
    const key = `${app}\n${minuteOf(now)}`;
    let c = this.pending.get(key);
    if (c === undefined) this.pending.set(key, (c = {}));
    addSample(c, sample);
    let t = this.totals.get(app);
    if (t === undefined) this.totals.set(app, (t = {}));
    addSample(t, sample);
  }

  flush(): Promise<void> {
    if (this.flushing !== undefined || this.pending.size === 0) return this.flushing ?? Promise.resolve();
    const batch = this.pending;
    this.pending = new Map();
    const rows = [...batch].map(([key, counters]) => {
      const [app, minute] = key.split("\n") as [string, string];
      return { app, minute: Number(minute), counters };
    });
    this.flushing = addRequestCounters(this.redis, rows).then(
      () => undefined,
      () => {
        // Put them back: they are added to whatever came in meanwhile on the next flush.
        for (const [key, c] of batch) {
          const now = this.pending.get(key);
          if (now === undefined) this.pending.set(key, c);
          else for (const [k, v] of Object.entries(c)) now[k] = (now[k] ?? 0) + v;
        }
      },
    ).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }
}
