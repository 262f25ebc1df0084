/** One running instance that can take requests, e.g. `{host: "10.0.0.5", port: 32768, instance: "web.1"}`. */
export interface Backend {
  host: string;
  port: number;
  instance: string;
}

/** What the compiler needs to know about one app: its name, custom domains and live web backends. */
export interface RouteInputApp {
  name: string;
  maintenance?: boolean;
  /** Plain-HTTP requests to hostnames with a certificate are redirected to HTTPS. */
  httpsRedirect?: boolean;
  /** Custom domains; `*.example.com` matches exactly one label in front of `example.com`. */
  domains: string[];
  backends: Backend[];
}

export interface Route {
  app: string;
  maintenance: boolean;
  backends: Backend[];
  /** Present (true) only when the app redirects HTTP to HTTPS, so older tables keep their hash. */
  httpsRedirect?: true;
}

/** The whole route table. Keys are lowercase hostnames or `*.`-wildcards, in sorted order. */
export interface RouteTable {
  hash: string;
  routes: Record<string, Route>;
}

/** A table as published on Redis and kept in router snapshots: versions only go up. */
export interface VersionedRouteTable extends RouteTable {
  version: number;
}
