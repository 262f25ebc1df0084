import type { Backend } from "@pier/routing-core";
import type { Quarantine } from "./quarantine.js";
import { UpstreamPool } from "./http1/upstream-pool.js";

/** Connection errors after which nothing reached the app, so another instance may take the request. */
export const NEVER_CONNECTED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ETIMEDOUT"]);
/** Tries per request across instances (as Heroku's router). */
export const MAX_ATTEMPTS = 10;

/**
 * A random backend among those not yet tried for this request, preferring ones not in
 * quarantine (refused a connection in the last seconds) while any other is left.
 */
export function pickBackend(all: readonly Backend[], failed: readonly Backend[] | undefined, quarantine: Quarantine): Backend {
  let choices = failed === undefined ? all : all.filter((b) => !failed.includes(b));
  if (choices.length > 1) {
    const healthy = choices.filter((b) => !quarantine.has(UpstreamPool.key(b)));
    if (healthy.length > 0) choices = healthy;
  }
  return choices[(Math.random() * choices.length) | 0]!;
}
