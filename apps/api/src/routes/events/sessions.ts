import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * An event session names one app and the user who opened it. Its id is the only credential the
 * stream URL carries, so a browser's EventSource (which cannot send an Authorization header) can
 * open it; the user's access to the app is checked again on every connect.
 */
export interface EventSession {
  appId: string;
  userId: string;
}

/** Idle sessions expire; every connect (EventSource reconnects included) extends the lease. */
export const EVENT_SESSION_TTL_SECONDS = 3600;
const key = (id: string) => `pier:events:session:${id}`;

export async function createEventSession(redis: Redis, session: EventSession): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await redis.set(key(id), JSON.stringify(session), "EX", EVENT_SESSION_TTL_SECONDS);
  return id;
}

export async function readEventSession(redis: Redis, id: string): Promise<EventSession | undefined> {
  const raw = await redis.getex(key(id), "EX", EVENT_SESSION_TTL_SECONDS);
  return raw ? (JSON.parse(raw) as EventSession) : undefined;
}
