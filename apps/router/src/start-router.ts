import type { Keyring } from "@pier/secret-box-core";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { readChallenge, subscribeCertBundle, subscribeRouteTable, type Subscription } from "@pier/route-store";
import type { VersionedRouteTable } from "@pier/routing-core";
import { CERT_BUNDLE_CODEC, certSnapshotPath } from "./cert-snapshot.js";
import { httpsRedirect } from "./https-redirect.js";
import { UpstreamPool } from "./http1/upstream-pool.js";
import { RouteHolder } from "./route-holder.js";
import { createRouterServer, type RouterServer, type RouterServerOptions } from "./router-server.js";
import { createSnapshotWriter, createSnapshotWriterOf, loadSnapshot, loadSnapshotOf, snapshotPath } from "./snapshot.js";
import { CertHolder } from "./tls/cert-holder.js";

export interface StartRouterOptions {
  httpPort: number;
  /** Serve HTTPS (certificates from the bundle on Redis) on this port; 0 picks a free one. */
  httpsPort?: number;
  /** The installation's secret keys, which open certificate keys; read when first needed. */
  secretKey?: () => Keyring | undefined;
  /** Listen address; default all interfaces. */
  listenHost?: string;
  redisUrl: string;
  dataDir: string;
  /** Redis key prefix of the route table (tests use their own). */
  redisPrefix?: string;
  firstByteTimeoutMs?: number;
  /** Request bodies above this many bytes get 413. */
  maxBodyBytes?: number;
  /** Request lines and the router's own status lines. */
  log: (line: string) => void;
}

export interface RunningRouter {
  server: RouterServer;
  port: number;
  holder: RouteHolder;
  httpsServer?: RouterServer;
  httpsPort?: number;
  certs: CertHolder;
  /** Stops taking connections, unsubscribes, finishes the snapshot write. */
  close(): Promise<void>;
}

/** The pool keys (host:port) of every backend a table routes to. */
function backendKeys(table: VersionedRouteTable): Set<string> {
  return new Set(Object.values(table.routes).flatMap((r) => r.backends.map((b) => UpstreamPool.key(b))));
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

  const certs = new CertHolder(options.secretKey ?? (() => undefined));
  const certFile = certSnapshotPath(options.dataDir);
  try {
    const bundle = await loadSnapshotOf(certFile, CERT_BUNDLE_CODEC);
    if (bundle !== undefined) {
      certs.offer(bundle);
      log(`at=info source=router msg="certificates loaded from snapshot" version=${bundle.version} certificates=${bundle.certs.length}`);
    }
  } catch (err) {
    warn(err as Error);
  }
  const certSnapshots = createSnapshotWriterOf(certFile, CERT_BUNDLE_CODEC, warn);

  // Challenge lookups fail fast while Redis is down instead of queueing.
  const challenges = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: `pier-router-${process.pid}:acme` });
  challenges.on("error", warn);
  const prefix = { prefix: options.redisPrefix };
  const pool = new UpstreamPool();
  const common: RouterServerOptions = {
    getLookup: () => holder.lookup,
    log,
    pool,
    firstByteTimeoutMs: options.firstByteTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    acmeChallenge: (token) => readChallenge(challenges, token, prefix),
  };
  const servers: RouterServer[] = [];
  const listen = async (server: RouterServer, port: number, what: string): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, options.listenHost, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const actual = (server.address() as AddressInfo).port;
    log(`at=info source=router msg="listening" ${what}=${actual}`);
    return actual;
  };
  let httpsServer: RouterServer | undefined;
  let httpsPort: number | undefined;
  if (options.httpsPort !== undefined) {
    // HTTPS failing to bind (port taken, no privilege) must not take plain HTTP down with it.
    const candidate = createRouterServer({ ...common, tls: { SNICallback: certs.sniCallback, minVersion: "TLSv1.2", ALPNProtocols: ["h2", "http/1.1"] } });
    try {
      httpsPort = await listen(candidate, options.httpsPort, "https_port");
      httpsServer = candidate;
    } catch (err) {
      servers.pop();
      log(`at=error source=router msg=${JSON.stringify(`cannot serve HTTPS on port ${options.httpsPort}: ${(err as Error).message}`)}`);
    }
  }
  const intercept = httpsPort === undefined ? undefined : httpsRedirect((host) => certs.has(host), httpsPort);
  const server = createRouterServer({ ...common, intercept });
  const port = await listen(server, options.httpPort, "port");

  const subscriptions: Subscription[] = [];
  const subscribeOptions = { prefix: options.redisPrefix, onError: warn };
  subscriptions.push(await subscribeRouteTable(
    options.redisUrl,
    (table) => {
      if (!holder.offer(table)) return;
      pool.keepOnly(backendKeys(table));
      log(`at=info source=router msg="route table swapped in" ${describe(table)}`);
      snapshots.save(table);
    },
    { ...subscribeOptions, connectionName: `pier-router-${process.pid}` },
  ));
  subscriptions.push(await subscribeCertBundle(
    options.redisUrl,
    (bundle) => {
      if (!certs.offer(bundle)) return;
      log(`at=info source=router msg="certificates swapped in" version=${bundle.version} certificates=${bundle.certs.length}`);
      certSnapshots.save(bundle);
    },
    { ...subscribeOptions, connectionName: `pier-router-${process.pid}:certs` },
  ));

  return {
    server,
    port,
    holder,
    httpsServer,
    httpsPort,
    certs,
    async close() {
      await Promise.all(subscriptions.map((s) => s.close()));
      challenges.disconnect();
      const closed = servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve())));
      for (const srv of servers) srv.closeIdleConnections();
      await Promise.all(closed);
      pool.destroy();
      await Promise.all([snapshots.idle(), certSnapshots.idle()]);
    },
  };
}
