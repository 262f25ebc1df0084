export interface RouteStoreOptions {
  /** Prefix of every key and channel; tests use their own so they never touch a live table. */
  prefix?: string;
}

export interface RouteStoreKeys {
  /** Latest table as JSON `{version, hash, routes}`. */
  table: string;
  /** Counter that numbers published tables. */
  version: string;
  /** Pub/sub channel carrying the same JSON on every change. */
  channel: string;
}

export function routeStoreKeys(options: RouteStoreOptions = {}): RouteStoreKeys {
  const prefix = options.prefix ?? "pier:";
  return { table: `${prefix}routes:table`, version: `${prefix}routes:version`, channel: `${prefix}routes` };
}

/** Where the certificate bundle (certificates + sealed keys for every routed hostname) lives. */
export function certStoreKeys(options: RouteStoreOptions = {}): RouteStoreKeys {
  const prefix = options.prefix ?? "pier:";
  return { table: `${prefix}certs:bundle`, version: `${prefix}certs:version`, channel: `${prefix}certs` };
}

/**
 * Redis pub/sub channels are server-wide, not per database: installations sharing a Redis server
 * on different databases (tests, staging) would receive each other's tables. The database number
 * is part of every channel name except database 0's.
 */
export const channelForDb = (channel: string, db: number | undefined) => (db ? `${channel}:db${db}` : channel);
