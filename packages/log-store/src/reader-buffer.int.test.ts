import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAppLines, followLogs, logReadersKey, logStreamKey, trimSlack } from "./index.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const MAX_LINES = 10;

/** Enough lines to pass maxLines plus the trim slack, appended in large batches. */
async function flood(redis: Redis, app: string, readerBufferLines: number, total: number): Promise<void> {
  const retention = { maxLines: MAX_LINES, maxAgeMs: 3600_000, readerBufferLines };
  for (let sent = 0; sent < total; sent += 10_000) {
    const texts = Array.from({ length: Math.min(10_000, total - sent) }, (_, i) => `2026-01-01T00:00:00.000Z app[web.1]: ${sent + i}`);
    await appendAppLines(redis, app, texts, retention);
  }
}

describe("a live reader's unread lines survive trimming (reader buffer)", () => {
  const tag = randomBytes(4).toString("hex");
  const apps = ["none", "reader", "capped"].map((k) => `buffer-${k}-${tag}`);
  let redis: Redis;
  let reading: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    reading = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.del(...apps.flatMap((a) => [logStreamKey(a), logReadersKey(a)]));
    redis.disconnect();
    reading.disconnect();
  });

  const total = trimSlack(MAX_LINES) + 20_000;

  // Cut back to about maxLines once past maxLines + slack; the lines appended after that remain.
  const cutBack = total - trimSlack(MAX_LINES) + 1_000;

  it("without a reader, the stream is cut back to about maxLines", async () => {
    await flood(redis, apps[0]!, 1_000_000, total);
    expect(await redis.xlen(logStreamKey(apps[0]!))).toBeLessThan(cutBack);
  });

  it("keeps every line a live reader has yet to read, and it reads them all in order", async () => {
    const app = apps[1]!;
    await appendAppLines(redis, app, ["2026-01-01T00:00:00.000Z app[web.1]: first"], { maxLines: MAX_LINES, maxAgeMs: 3600_000 });
    const follow = followLogs(reading, app, { afterId: "0-0", blockMs: 100, readerId: "r1" });
    expect((await follow.next()).value!.lines).toHaveLength(1);
    // The next read records the position (one line read) as it blocks.
    const pending = follow.next();
    await new Promise((r) => setTimeout(r, 50));
    await flood(redis, app, 1_000_000, total);
    expect(await redis.xlen(logStreamKey(app))).toBe(total + 1);
    let got = 0;
    let dropped = 0;
    for (let batch = await pending; got < total; batch = await follow.next()) {
      got += batch.value!.lines.length;
      dropped += batch.value!.dropped;
    }
    await follow.return(undefined);
    expect({ got, dropped }).toEqual({ got: total, dropped: 0 });
  });

  it("keeps no more than readerBufferLines past maxLines for a reader", async () => {
    const app = apps[2]!;
    await redis.hset(logReadersKey(app), "stuck", `0 ${Date.now() + 60_000}`);
    await flood(redis, app, 5_000, total);
    expect(await redis.xlen(logStreamKey(app))).toBeLessThan(cutBack + 5_000);
  });
});
