const LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(\\.${LABEL})*$`);

/** Lowercases and drops one trailing dot: `Shop.Example.COM.` -> `shop.example.com`. */
export function normalizeHostname(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** A plain DNS name, or `*.` followed by one (a wildcard for exactly one label). */
export function isValidRouteHostname(name: string): boolean {
  return HOSTNAME.test(name.startsWith("*.") ? name.slice(2) : name);
}

/**
 * The hostname part of a Host header, lowercased, port and trailing dot removed.
 * `[::1]:8080` gives `[::1]`. Undefined for a missing or empty header. Runs per request: no regex.
 */
export function hostFromHeader(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader.length === 0) return undefined;
  let end: number;
  if (hostHeader.charCodeAt(0) === 91 /* [ */) {
    end = hostHeader.indexOf("]") + 1;
    if (end === 0) return undefined;
  } else {
    end = hostHeader.indexOf(":");
    if (end === -1) end = hostHeader.length;
  }
  if (end > 0 && hostHeader.charCodeAt(end - 1) === 46 /* . */) end -= 1;
  if (end === 0) return undefined;
  const host = end === hostHeader.length ? hostHeader : hostHeader.slice(0, end);
  return host.toLowerCase();
}
