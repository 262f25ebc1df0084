import type { AddressInfo } from "node:net";
import { subscribeRouteTable, type RouteTableSubscription } from "@pier/route-store";
import type { VersionedRouteTable } from "@pier/routing-core";
import { RouteHolder } from "./route-holder.js";
import { createRouterServer, type RouterServer } from "./router-server.js";
import { createSnapshotWriter, loadSnapshot, snapshotPath } from "./snapshot.js";

export interface StartRouterOptions {
  httpPort: number;
  /** Listen address; default all interfaces. */
  listenHost?: string;
  redisUrl: string;
  dataDir: string;
  /** Redis key prefix of the route table (tests use their own). */
  redisPrefix?: string;
  firstByteTimeoutMs?: number;
  /** Request lines and the router's own status lines. */
  log: (line: string) => void;
}

export interface RunningRouter {
  server: RouterServer;
  port: number;
  holder: RouteHolder;
  /** Stops taking connections, unsubscribes, finishes the snapshot write. */
  close(): Promise<void>;
}

function describe(table: VersionedRouteTable): string {
  return `version=${table.version} hostnames=${Object.keys(table.routes).length} hash=${table.hash.slice(0, 12)}`;
}

/** Repeats of one error (Redis down: one per reconnect attempt) are logged once a minute. */
function quietErrors(log: (line: string) => void): (err: Error) => void {
  let last = "";
  let lastAt = 0;
  return (err) => {
    const now = Date.now();
    if (err.message === last && now - lastAt < 60_000) return;
    last = err.message;
    lastAt = now;
    log(`at=warn source=router msg=${JSON.stringify(err.message)}`);
  };
}

/**
 * Boots the data plane: serve from the last snapshot at once, then follow the table on Redis.
 * Each newer table is swapped in and saved as the new snapshot. Without Redis the router keeps
 * serving what it has and reconnects in the background.
 */
export async function startRouter(options: StartRouterOptions): Promise<RunningRouter> {
  const { log } = options;
  const warn = quietErrors(log);
  const holder = new RouteHolder();
  const file = snapshotPath(options.dataDir);
  try {
    const snapshot = await loadSnapshot(file);
    if (snapshot !== undefined) {
      holder.offer(snapshot);
      log(`at=info source=router msg="route table loaded from snapshot" ${describe(snapshot)}`);
    }
  } catch (err) {
    warn(err as Error);
  }
  const snapshots = createSnapshotWriter(file, warn);

  const server = createRouterServer({
    getLookup: () => holder.lookup,
    log,
    firstByteTimeoutMs: options.firstByteTimeoutMs,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.httpPort, options.listenHost, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log(`at=info source=router msg="listening" port=${port}`);

  const subscription: RouteTableSubscription = await subscribeRouteTable(
    options.redisUrl,
    (table) => {
      if (!holder.offer(table)) return;
      log(`at=info source=router msg="route table swapped in" ${describe(table)}`);
      snapshots.save(table);
    },
    { prefix: options.redisPrefix, onError: warn, connectionName: `pier-router-${process.pid}` },
  );

  return {
    server,
    port,
    holder,
    async close() {
      await subscription.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await snapshots.idle();
    },
  };
}
