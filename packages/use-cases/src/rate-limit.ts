import { createHash } from "node:crypto";
import type { Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";

export interface RateLimit {
  /** What is limited, e.g. "login-email". */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Login attempts per account and per client address; failed token checks per address. */
export const LOGIN_PER_EMAIL: RateLimit = { name: "login-email", limit: 10, windowSeconds: 300 };
export const LOGIN_PER_ADDRESS: RateLimit = { name: "login-address", limit: 50, windowSeconds: 300 };
export const BAD_TOKEN_PER_ADDRESS: RateLimit = { name: "bad-token-address", limit: 200, windowSeconds: 60 };

/** Counters are per installation (several may share one Redis) and never hold the subject in clear. */
function counterKey(rule: RateLimit, subject: string, deps: Pick<Deps, "config">): string {
  const digest = createHash("sha256").update(`${deps.config.databaseUrl}\n${subject}`).digest("hex").slice(0, 32);
  return `pier:ratelimit:${rule.name}:${digest}`;
}

/** Counts one attempt (a fixed window in Redis, so every API process shares it) and throws when over. */
export async function countAttempt(rule: RateLimit, subject: string, deps: Pick<Deps, "redis" | "config">): Promise<void> {
  const key = counterKey(rule, subject, deps);
  const [[, count], [, ttl]] = (await deps.redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
  if (ttl < 0) await deps.redis.expire(key, rule.windowSeconds);
  if (count > rule.limit) {
    const wait = ttl > 0 ? ttl : rule.windowSeconds;
    throw new UseCaseError("rate_limited", `Too many attempts: wait ${wait} s and try again.`);
  }
}

/** True when the subject is already over the limit (without counting). */
export async function isLimited(rule: RateLimit, subject: string, deps: Pick<Deps, "redis" | "config">): Promise<boolean> {
  const count = Number((await deps.redis.get(counterKey(rule, subject, deps))) ?? 0);
  return count > rule.limit;
}
