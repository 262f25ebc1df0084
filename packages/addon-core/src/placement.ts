import { KINDS, type AddonKind } from "./kinds.js";

/** Where an add-on's server runs and how instances on other hosts reach it. */
export interface AddonPlacement {
  kind: AddonKind;
  /** Its host name on the app's network (the add-on's name), as in the URL the app was given. */
  alias: string;
  hostId: string | null;
  /** The add-on host's address (Host.address). */
  hostAddress: string;
  /** Its port published on that address; null when not published. */
  publishedPort: number | null;
}

/** Published add-on ports start here: below Docker's own range for instances (32768-60999). */
export const ADDON_PORT_BASE = 20000;

/** The lowest port from ADDON_PORT_BASE up that no add-on on the host has claimed. */
export function firstFreePort(taken: ReadonlySet<number>): number {
  let port = ADDON_PORT_BASE;
  while (taken.has(port)) port++;
  return port;
}

/** Loopback addresses are no use to another machine. */
export const isLoopback = (address: string) => /^127\./.test(address) || address === "::1" || address === "localhost";

/** The add-on host address an add-on is published on, or undefined when it must not be (single host). */
export const publishAddress = (hostAddress: string | undefined): string | undefined =>
  hostAddress && !isLoopback(hostAddress) ? hostAddress : undefined;

/**
 * The URL an instance on `instanceHostId` uses for an add-on: unchanged on the add-on's own host
 * (the app's network resolves the alias), else pointed at the add-on host's address and published
 * port. A URL that does not name the add-on (set by hand) or an add-on that is not published is
 * left as it is.
 */
export function addonUrlForHost(url: string, placement: AddonPlacement, instanceHostId: string): string {
  if (placement.hostId === null || placement.hostId === instanceHostId || placement.publishedPort === null) return url;
  // A value that is no URL at all was set by hand: not Pier's to change.
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.hostname !== placement.alias || Number(parsed.port || 0) !== KINDS[placement.kind].port) return url;
  parsed.hostname = placement.hostAddress.includes(":") ? `[${placement.hostAddress}]` : placement.hostAddress;
  parsed.port = String(placement.publishedPort);
  return parsed.toString();
}
