import type { Redis } from "ioredis";
import type { RouteStoreOptions } from "./keys.js";

/**
 * HTTP-01 challenge answers, from the worker ordering a certificate to every router: one Redis
 * key per token, with a TTL so an abandoned order leaves nothing behind. Routers read them on
 * demand (a challenge request is rare), so no router needs to have seen the write beforehand.
 */
export function challengeKey(token: string, options: RouteStoreOptions = {}): string {
  return `${options.prefix ?? "pier:"}acme:challenge:${token}`;
}

/** Tokens are base64url (RFC 8555); anything else is not looked up. */
export function isChallengeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(token);
}

export async function putChallenge(redis: Redis, token: string, keyAuthorization: string, ttlSeconds = 3600, options: RouteStoreOptions = {}): Promise<void> {
  await redis.set(challengeKey(token, options), keyAuthorization, "EX", ttlSeconds);
}

export async function removeChallenge(redis: Redis, token: string, options: RouteStoreOptions = {}): Promise<void> {
  await redis.del(challengeKey(token, options));
}

export async function readChallenge(redis: Redis, token: string, options: RouteStoreOptions = {}): Promise<string | undefined> {
  if (!isChallengeToken(token)) return undefined;
  return (await redis.get(challengeKey(token, options))) ?? undefined;
}
