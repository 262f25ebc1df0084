import type { Redis } from "ioredis";
import { hashCertBundle, parseCertBundle, type CertBundle, type VersionedCertBundle } from "@pier/cert-core";
import { certStoreKeys, type RouteStoreOptions } from "./keys.js";
import { publishVersioned } from "./publish-versioned.js";
import { subscribeVersioned, type SubscribeOptions, type Subscription } from "./subscribe-versioned.js";

export function parseStoredCertBundle(text: string, source: string): VersionedCertBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: certificate bundle is not valid JSON (${(err as Error).message})`, { cause: err });
  }
  return parseCertBundle(value, source);
}

/** Stores and announces the bundle unless the stored one has the same hash. */
export function publishCertBundle(redis: Redis, bundle: CertBundle, options: RouteStoreOptions = {}): Promise<{ changed: boolean; version: number }> {
  if (hashCertBundle(bundle.certs) !== bundle.hash) throw new Error("refusing to publish a certificate bundle whose hash does not match; build it with makeCertBundle");
  return publishVersioned(redis, certStoreKeys(options), bundle.hash, JSON.stringify(bundle.certs), "certs");
}

/** Follows the certificate bundle on Redis, like subscribeRouteTable. */
export function subscribeCertBundle(redisUrl: string, onBundle: (bundle: VersionedCertBundle) => void, options: SubscribeOptions = {}): Promise<Subscription> {
  const doc = { keys: certStoreKeys(options), what: "certificate bundle", parse: parseStoredCertBundle };
  return subscribeVersioned(redisUrl, doc, onBundle, options);
}
