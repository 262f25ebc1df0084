import { SSE_HEARTBEAT } from "@pier/log-core";
import { createRedis } from "@pier/queue";
import { channelForDb, routeStoreKeys } from "@pier/route-store";
import { CERT_WAKE_CHANNEL, type Deps } from "@pier/use-cases";
import type { ServerResponse } from "node:http";
import { diffSnapshots, emptySnapshot, formatAppEvent, type AppSnapshot } from "./diff.js";
import { readAppSnapshot } from "./snapshot.js";

export interface StreamTiming {
  /** Looks at the app at least this often; route-table and certificate changes wake it sooner. */
  everyMs: number;
  heartbeatMs: number;
}

export const DEFAULT_TIMING: StreamTiming = { everyMs: 2000, heartbeatMs: 15_000 };

/**
 * Streams an app's changes until the client goes: `event: ready` once the first look is taken
 * (a reconnecting console reloads everything then, so nothing missed while away is lost), then
 * one event per change, `event: gone` if the app is destroyed.
 */
export async function streamAppEvents(
  res: ServerResponse,
  appId: string,
  deps: Deps,
  opts: { timing?: StreamTiming; warn: (message: string) => void },
): Promise<void> {
  const timing = opts.timing ?? DEFAULT_TIMING;
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" });
  // Tells EventSource how long to wait before reconnecting after a drop.
  res.write("retry: 3000\n\n");

  let closed = false;
  let wake: (() => void) | undefined;
  const subscriber = createRedis(deps.config.redisUrl);
  const db = deps.redis.options.db;
  subscriber.on("message", () => wake?.());
  // A subscription that fails only costs latency (the timer still looks every `everyMs`): said once.
  let warned = false;
  const degrade = (err: Error) => {
    if (!warned) opts.warn(`app events: no wake-ups from Redis (${err.message}); looking every ${timing.everyMs} ms instead`);
    warned = true;
  };
  subscriber.on("error", degrade);
  await subscriber.subscribe(channelForDb(routeStoreKeys().channel, db), channelForDb(CERT_WAKE_CHANNEL, db)).catch(degrade);
  res.on("close", () => {
    closed = true;
    wake?.();
  });

  let seq = 0;
  let last: AppSnapshot = emptySnapshot();
  let lastWrite = Date.now();
  const write = (text: string) => {
    res.write(text);
    lastWrite = Date.now();
  };
  try {
    for (let first = true; !closed; first = false) {
      const next = await readAppSnapshot(deps.prisma, appId);
      if (!next) {
        write(`event: gone\ndata: {}\n\n`);
        break;
      }
      if (first) write(`id: ${++seq}\nevent: ready\ndata: {}\n\n`);
      else for (const e of diffSnapshots(last, next)) write(formatAppEvent(++seq, e));
      last = next;
      // Proxies drop connections that stay silent too long.
      if (Date.now() - lastWrite >= timing.heartbeatMs) write(SSE_HEARTBEAT);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timing.everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    subscriber.disconnect();
    res.end();
  }
}
