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
