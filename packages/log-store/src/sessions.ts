import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { logSessionKey } from "./keys.js";

/** What a log session URL stands for; the URL's secret is the only credential its reader needs. */
export interface LogSessionSpec {
  app: string;
  dyno?: string;
  source?: string;
  lines: number;
  tail: boolean;
}

/** Stores the session under a fresh 256-bit secret that expires after ttlSeconds. */
export async function createLogSession(redis: Redis, spec: LogSessionSpec, ttlSeconds: number): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await redis.set(logSessionKey(id), JSON.stringify(spec), "EX", ttlSeconds);
  return id;
}

export async function readLogSession(redis: Redis, id: string): Promise<LogSessionSpec | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const raw = await redis.get(logSessionKey(id));
  return raw === null ? undefined : (JSON.parse(raw) as LogSessionSpec);
}
