import { logRetentionFromEnv, type LogRetention } from "@pier/log-core";
import { appendLogLines, type AppLogLine } from "@pier/log-store";
import { EMPTY_LOOKUP, lookupHost, type CompiledLookup } from "@pier/routing-core";
import { Redis } from "ioredis";
import { RequestMetrics } from "./request-metrics.js";

export interface AccessLogShipperOptions {
  redisUrl: string;
  retention?: LogRetention;
  /** Lines held while Redis is slow or down; past this the oldest are dropped (and counted). */
  maxBuffered?: number;
  flushMs?: number;
  /** The router's own warnings. */
  warn: (line: string) => void;
}

export interface AccessLogShipper {
  /** Wraps the router's log callback: each line is written as before and, if it is a request line for a known app, shipped. */
  tee(log: (line: string) => void): (line: string) => void;
  /** Where hosts are mapped to apps (the router's current route table). */
  useLookup(get: () => CompiledLookup): void;
  /** Lines dropped so far because the log store could not keep up. */
  readonly dropped: number;
  /** Per-app request counters taken from the same lines. */
  readonly metrics: RequestMetrics;
  close(): Promise<void>;
}

const HOST = / host=([^\s"]+)/;
const FLUSH_AT = 2000;
const METRICS_EVERY_MS = 5000;

/**
 * Ships router access lines into each app's log stream (`pier[router]: at=info method=GET ...`).
 * Nothing here waits on Redis in the request path: lines go into a bounded buffer flushed in
 * the background, one pipeline per flush; when Redis is unreachable commands fail at once
 * (no offline queue) and the buffer keeps the newest lines.
 */
export function createAccessLogShipper(o: AccessLogShipperOptions): AccessLogShipper {
  const retention = o.retention ?? logRetentionFromEnv(process.env);
  const maxBuffered = o.maxBuffered ?? 50_000;
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: `pier-router-logs-${process.pid}` });
  let getLookup: () => CompiledLookup = () => EMPTY_LOOKUP;
  let buffer: AppLogLine[] = [];
  let flushing: Promise<void> | undefined;
  let dropped = 0;
  let reportedDrops = 0;
  let lastError = "";
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) o.warn(`at=warn source=router msg=${JSON.stringify(`access log shipping: ${err.message}`)}`);
    lastError = err.message;
  });

  const flush = () => {
    if (flushing !== undefined || buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    flushing = appendLogLines(redis, batch, retention).then(
      () => {
        lastError = "";
        if (dropped > reportedDrops) {
          o.warn(`at=warn source=router msg="access log shipping dropped ${dropped - reportedDrops} lines while the log store was unreachable"`);
          reportedDrops = dropped;
        }
      },
      () => {
        // Keep the newest lines for the next try; the error itself is reported by the "error" handler.
        buffer = batch.concat(buffer);
        trim();
      },
    ).finally(() => {
      flushing = undefined;
    });
  };
  const trim = () => {
    if (buffer.length > maxBuffered) {
      dropped += buffer.length - maxBuffered;
      buffer = buffer.slice(buffer.length - maxBuffered);
    }
  };
  const timer = setInterval(flush, o.flushMs ?? 100);
  timer.unref();
  const metrics = new RequestMetrics(redis);
  const metricsTimer = setInterval(() => void metrics.flush(), METRICS_EVERY_MS);
  metricsTimer.unref();

  const ship = (line: string) => {
    const host = HOST.exec(line)?.[1];
    if (host === undefined) return;
    const app = lookupHost(getLookup(), host)?.app;
    if (app === undefined) return;
    metrics.observe(app, line);
    buffer.push({ app, line: { time: Date.now(), source: "pier", dyno: "router", message: line } });
    if (buffer.length > maxBuffered) trim();
    else if (buffer.length >= FLUSH_AT) flush();
  };

  return {
    tee: (log) => (line) => {
      log(line);
      ship(line);
    },
    useLookup(get) {
      getLookup = get;
    },
    get dropped() {
      return dropped;
    },
    metrics,
    async close() {
      clearInterval(timer);
      clearInterval(metricsTimer);
      await flushing;
      if (buffer.length > 0 && redis.status !== "ready") {
        // Give a connection that is still coming up a moment, so the last lines are not lost.
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 1000);
          redis.once("ready", () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      flush();
      await Promise.all([flushing, metrics.flush()]);
      redis.disconnect();
    },
  };
}
