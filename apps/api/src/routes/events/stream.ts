import { SSE_HEARTBEAT } from "@pier/log-core";
import { createRedis } from "@pier/queue";
import { channelForDb, routeStoreKeys } from "@pier/route-store";
import { CERT_WAKE_CHANNEL, type Deps } from "@pier/use-cases";
import type { ServerResponse } from "node:http";
import { AppWatch } from "./app-watch.js";
import { diffSnapshots, formatAppEvent, type AppSnapshot } from "./diff.js";
import { readAppSnapshot } from "./snapshot.js";

export interface StreamTiming {
  /** Looks at the app at least this often; route-table and certificate changes wake it sooner. */
  everyMs: number;
  heartbeatMs: number;
}

export const DEFAULT_TIMING: StreamTiming = { everyMs: 2000, heartbeatMs: 15_000 };

/** The API process's watch over apps with open event streams: one look per app per tick, one Redis subscription. */
export function createAppWatch(deps: Deps, timing: StreamTiming, warn: (message: string) => void): AppWatch<AppSnapshot> {
  const db = deps.redis.options.db;
  return new AppWatch<AppSnapshot>({
    look: (appId) => readAppSnapshot(deps.prisma, appId),
    everyMs: timing.everyMs,
    warn,
    subscribeWakes: (wake) => {
      const subscriber = createRedis(deps.config.redisUrl);
      // A subscription that fails only costs latency (the timer still looks every `everyMs`): said once.
      let warned = false;
      const degrade = (err: Error) => {
        if (!warned) warn(`app events: no wake-ups from Redis (${err.message}); looking every ${timing.everyMs} ms instead`);
        warned = true;
      };
      subscriber.on("message", wake);
      subscriber.on("error", degrade);
      subscriber.subscribe(channelForDb(routeStoreKeys().channel, db), channelForDb(CERT_WAKE_CHANNEL, db)).catch(degrade);
      return () => subscriber.disconnect();
    },
  });
}

/**
 * Streams an app's changes until the client goes: `event: ready` once the first look is taken
 * (a reconnecting console reloads everything then, so nothing missed while away is lost), then
 * one event per change, `event: gone` if the app is destroyed.
 */
export async function streamAppEvents(res: ServerResponse, appId: string, watch: AppWatch<AppSnapshot>, timing: StreamTiming = DEFAULT_TIMING): Promise<void> {
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" });
  // Tells EventSource how long to wait before reconnecting after a drop.
  res.write("retry: 3000\n\n");

  let seq = 0;
  let last: AppSnapshot | undefined;
  let lastWrite = Date.now();
  const write = (text: string) => {
    res.write(text);
    lastWrite = Date.now();
  };
  await new Promise<void>((resolve) => {
    const stop = watch.watch(appId, (next) => {
      if (!next) {
        write(`event: gone\ndata: {}\n\n`);
        finish();
        return;
      }
      if (!last) write(`id: ${++seq}\nevent: ready\ndata: {}\n\n`);
      else for (const e of diffSnapshots(last, next)) write(formatAppEvent(++seq, e));
      last = next;
      // Proxies drop connections that stay silent too long.
      if (Date.now() - lastWrite >= timing.heartbeatMs) write(SSE_HEARTBEAT);
    });
    function finish() {
      stop();
      res.end();
      resolve();
    }
    res.on("close", finish);
  });
}
