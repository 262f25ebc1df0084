import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

/** What a rendezvous secret stands for: one attach to one one-off, by the user who made it. */
export interface RendezvousSession {
  app: string;
  dyno: string;
  userId: string;
  isAdmin: boolean;
  /** The one-off has a terminal (keystrokes go to it raw), of this size when the client gave one. */
  tty: boolean;
  size?: { columns: number; lines: number };
}

const key = (secret: string) => `pier:rendezvous:${secret}`;
/** The heroku CLI connects as soon as the one-off is made; a secret not used by then is dropped. */
export const RENDEZVOUS_SECRET_TTL_SECONDS = 120;

/** A single-use secret for `attach_url`, kept in Redis so any API process can take the connection. */
export async function mintRendezvousSecret(redis: Redis, session: RendezvousSession): Promise<string> {
  const secret = randomBytes(24).toString("base64url");
  await redis.set(key(secret), JSON.stringify(session), "EX", RENDEZVOUS_SECRET_TTL_SECONDS);
  return secret;
}

/** The session a secret stands for, once: GETDEL, so a second connection with it gets nothing. */
export async function claimRendezvousSecret(redis: Redis, secret: string): Promise<RendezvousSession | undefined> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(secret)) return undefined;
  const stored = await redis.getdel(key(secret));
  return stored ? (JSON.parse(stored) as RendezvousSession) : undefined;
}
