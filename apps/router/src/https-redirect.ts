import type { Intercept } from "./proxy-context.js";

/**
 * Plain-HTTP requests for an app that asked for it (route.httpsRedirect) go to HTTPS with 308
 * (method and body kept), but only for hostnames the router has a certificate for: a
 * redirect to a name without one would only trade a page for a TLS error.
 */
export function httpsRedirect(hasCert: (hostname: string) => boolean, httpsPort: number): Intercept {
  const port = httpsPort === 443 ? "" : `:${httpsPort}`;
  return (head, host, route, proto) => {
    if (proto !== "http" || route === undefined || route.httpsRedirect !== true || !hasCert(host)) return undefined;
    return { status: 308, headers: [["Location", `https://${host}${port}${head.target.startsWith("/") ? head.target : "/"}`]], body: "" };
  };
}
