import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { claimRendezvousSecret, mintRendezvousSecret, RENDEZVOUS_SECRET_TTL_SECONDS } from "./secrets.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
afterAll(() => redis.disconnect());

describe("rendezvous secrets", () => {
  const session = { app: "demo", dyno: "run.7", userId: "u1", isAdmin: false, tty: true, size: { columns: 80, lines: 24 } };

  it("stand for their session once, then for nothing", async () => {
    const secret = await mintRendezvousSecret(redis, session);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await redis.ttl(`pier:rendezvous:${secret}`)).toBeGreaterThan(RENDEZVOUS_SECRET_TTL_SECONDS - 5);
    expect(await claimRendezvousSecret(redis, secret)).toEqual(session);
    expect(await claimRendezvousSecret(redis, secret)).toBeUndefined();
  });

  it("refuses what is not a secret without asking Redis for arbitrary keys", async () => {
    await redis.set("pier:rendezvous:x", JSON.stringify(session), "EX", 60);
    expect(await claimRendezvousSecret(redis, "x")).toBeUndefined();
    expect(await claimRendezvousSecret(redis, "a".repeat(31) + "*")).toBeUndefined();
    await redis.del("pier:rendezvous:x");
  });
});
