import { randomBytes } from "node:crypto";
import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { appendLogLines, logStreamKey } from "@pier/log-store";
import { createRedis } from "@pier/queue";
import { addLogDrain, removeLogDrain, type Actor } from "@pier/use-cases";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainCaFromEnv } from "./drain-ca.js";
import { startDrainLoop } from "./drain-loop.js";
import { DRAIN_POSITIONS_KEY } from "./drain-sender.js";
import { frames, messageOf, selfSignedCert, syslogReceiver, until, type SyslogReceiver } from "./drain-testing.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const RETENTION = { maxLines: 1000, maxAgeMs: 3600_000 };

describe("drain loop: drains added and removed through the use cases (local syslog+tls receiver)", () => {
  const app = `drain-loop-${randomBytes(4).toString("hex")}`;
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let cert: ReturnType<typeof selfSignedCert>;
  let rx: SyslogReceiver;
  let actor: Actor;
  let loop: ReturnType<typeof startDrainLoop>;
  const logged: string[] = [];
  const say = (...messages: string[]) =>
    appendLogLines(redis, messages.map((message) => ({ app, line: { time: Date.now(), source: "app" as const, dyno: "web.1", message } })), RETENTION);
  const received = () => frames(rx.data()).map(messageOf);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_drain_loop" });
    prisma = createPrisma(db.url);
    redis = createRedis(REDIS_URL);
    cert = selfSignedCert();
    rx = await syslogReceiver({ tls: cert });
    const user = await prisma.user.create({ data: { email: "owner@example.com" } });
    await prisma.app.create({ data: { name: app, ownerId: user.id } });
    actor = { userId: user.id, isAdmin: false };
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL, PIER_DATA_DIR: "/tmp/pier-drain-loop-test" });
    const caPem = drainCaFromEnv({ PIER_DRAIN_CA_FILE: cert.certFile })!;
    loop = startDrainLoop(
      { prisma, redis, config, installationId: `drain-loop-test-${randomBytes(4).toString("hex")}` },
      { retention: RETENTION, log: (line) => logged.push(line), everyMs: 200, caPem },
    );
  });

  afterAll(async () => {
    await loop?.stop();
    await rx?.close();
    cert?.cleanup();
    await redis?.del(logStreamKey(app));
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("starts sending an added drain the app's new lines, in order, and stops when it is removed", async () => {
    await say("before any drain");
    const drain = await addLogDrain({ app, url: `syslog+tls://localhost:${rx.port}` }, actor, { prisma });
    // The sender starts from the newest line when it starts: ping until the first line gets through.
    let pings = 0;
    await until("the loop to start a sender that delivers", async () => {
      await say(`ping ${++pings}`);
      return received().length > 0;
    }, 20_000);
    await say("one", "two", "three");
    await until("the three lines", () => received().includes("three"));
    const got = received();
    expect(got).not.toContain("before any drain");
    expect(got.slice(-3)).toEqual(["one", "two", "three"]);
    expect(got.slice(0, -3).every((m) => /^ping \d+$/.test(m))).toBe(true);
    expect(frames(rx.data())[0]).toMatch(new RegExp(`^<190>1 \\S+ ${drain.token.replace(/\./g, "\\.")} app web\\.1 - ping \\d+$`));
    expect(logged).toContain(`log drain syslog+tls://localhost:${rx.port}: sending ${app}'s log`);

    await removeLogDrain({ app, drain: drain.token }, actor, { prisma });
    // The loop forgets a removed drain's position once its sender has stopped.
    await until("the sender to stop", async () => (await redis.hexists(DRAIN_POSITIONS_KEY, drain.id)) === 0, 10_000);
    const before = rx.data().length;
    await say("after removal");
    await new Promise((r) => setTimeout(r, 1500));
    expect(rx.data().length).toBe(before);
    expect(received()).not.toContain("after removal");
  });
});
