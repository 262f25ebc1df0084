import { randomBytes } from "node:crypto";
import type { LogLine } from "@pier/log-core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  appendContainerLines,
  appendLogLines,
  createLogSession,
  followLogs,
  forgetContainers,
  logCursorsKey,
  logStreamKey,
  readContainerLogStates,
  readLogSession,
  readRecentLogs,
  trimOldLogs,
} from "./index.js";

const msg = (l: { text: string }) => l.text.slice(l.text.indexOf("]: ") + 3);

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const RETENTION = { maxLines: 10_000, maxAgeMs: 3600_000 };
const line = (dyno: string, message: string, time = Date.now()): LogLine => ({
  time,
  source: dyno === "router" ? "pier" : "app",
  dyno,
  message,
});

describe("log-store against Redis", () => {
  const tag = randomBytes(4).toString("hex");
  const app = `logs-${tag}`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.del(logStreamKey(app), logStreamKey(`${app}-b`), logStreamKey(`${app}-old`), logCursorsKey(tag));
    redis.disconnect();
  });

  it("keeps lines in order and reads the last N matching a filter", async () => {
    await appendLogLines(
      redis,
      [line("web.1", "one"), line("router", "at=info"), line("worker.1", "w"), line("web.2", "two"), line("web.1", "three")].map((l) => ({ app, line: l })),
      RETENTION,
    );
    const all = await readRecentLogs(redis, app, { count: 100 });
    expect(all.lines.map((l) => msg(l))).toEqual(["one", "at=info", "w", "two", "three"]);
    expect(all.lastId).toBe(all.lines[4]!.id);
    const web = await readRecentLogs(redis, app, { count: 2, filter: { dyno: "web" } });
    expect(web.lines.map((l) => msg(l))).toEqual(["two", "three"]);
    expect(web.lastId).toBe(all.lastId);
    const router = await readRecentLogs(redis, app, { count: 10, filter: { source: "pier" } });
    expect(router.lines).toEqual([{ ...all.lines[1]! }]);
    expect(await readRecentLogs(redis, "no-such-app-logs", { count: 10 })).toEqual({ lines: [], lastId: "0-0" });
  });

  it("finds matching lines further back than one chunk", async () => {
    const b = `${app}-b`;
    const lines = [line("worker.1", "old match"), ...Array.from({ length: 450 }, (_, i) => line("web.1", `n${i}`))];
    await appendLogLines(redis, lines.map((l) => ({ app: b, line: l })), RETENTION);
    const got = await readRecentLogs(redis, b, { count: 5, filter: { dyno: "worker" } });
    expect(got.lines.map((l) => msg(l))).toEqual(["old match"]);
  });

  it("follows new lines after an id, filtered", async () => {
    const conn = new Redis(REDIS_URL);
    const { lastId } = await readRecentLogs(redis, app, { count: 0 });
    const it = followLogs(conn, app, { afterId: lastId, filter: { dyno: "web.1" }, blockMs: 2000 });
    const next = it.next();
    await appendLogLines(redis, [line("web.2", "skip"), line("web.1", "live")].map((l) => ({ app, line: l })), RETENTION);
    const batch = (await next).value!;
    expect(batch.lines.map((l) => msg(l))).toEqual(["live"]);
    conn.disconnect();
  });

  it("caps each stream at about maxLines (plus slack) and drops lines older than maxAge", async () => {
    const b = `${app}-old`;
    const now = Date.now();
    await appendLogLines(redis, Array.from({ length: 100_300 }, (_, i) => ({ app: b, line: line("web.1", `x${i}`) })), { maxLines: 200, maxAgeMs: 60_000 });
    const len = await redis.xlen(logStreamKey(b));
    expect(len).toBeGreaterThanOrEqual(200);
    expect(len).toBeLessThan(400);
    expect(await redis.ttl(logStreamKey(b))).toBeGreaterThan(50);
    // Seen from an hour later, everything is older than maxAge.
    await trimOldLogs(redis, { maxLines: 200, maxAgeMs: 60_000 }, now + 3600_000);
    expect(await redis.xlen(logStreamKey(b))).toBe(0);
  });

  it("numbers entries per line, and a reader that fell behind a cut learns how many lines it missed", async () => {
    const b = `${app}-old`;
    await redis.del(logStreamKey(b));
    const first = Array.from({ length: 10 }, (_, i) => ({ app: b, line: line("web.1", `a${i}`) }));
    await appendLogLines(redis, first, { maxLines: 100, maxAgeMs: 60_000 });
    const { lines } = await readRecentLogs(redis, b, { count: 10 });
    expect(lines.map((l) => Number(l.id.split("-")[1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const conn = new Redis(REDIS_URL);
    const it = followLogs(conn, b, { afterId: lines[2]!.id, blockMs: 1000, batch: 200_000 });
    // Past maxLines + slack (100,000) the stream is cut back to about maxLines.
    await appendLogLines(redis, Array.from({ length: 110_000 }, (_, i) => ({ app: b, line: line("web.1", `b${i}`) })), { maxLines: 100, maxAgeMs: 60_000 });
    expect(await redis.xlen(logStreamKey(b))).toBeLessThan(1000);
    const batch = (await it.next()).value!;
    expect(batch.dropped + batch.lines.length).toBe(110_007);
    expect(batch.dropped).toBeGreaterThan(109_000);
    expect(msg(batch.lines.at(-1)!)).toBe("b109999");
    conn.disconnect();
  });

  it("stores a container's lines and cursor together, and forgets containers", async () => {
    const cursor = { timestamp: "2026-01-01T12:00:00.100000000Z", count: 2 };
    await appendContainerLines(redis, { installationId: tag, containerId: "c1", app, lines: [line("web.1", "c")], cursor }, RETENTION);
    await appendContainerLines(redis, { installationId: tag, containerId: "c2", app, lines: [], cursor, exitReported: true }, RETENTION);
    await appendContainerLines(redis, { installationId: tag, containerId: "c3", app, lines: [], exitReported: true }, RETENTION);
    const states = await readContainerLogStates(redis, tag);
    expect(Object.fromEntries(states)).toEqual({ c1: { cursor, exitReported: false }, c2: { cursor, exitReported: true }, c3: { exitReported: true } });
    await forgetContainers(redis, tag, ["c2", "c3"]);
    expect([...(await readContainerLogStates(redis, tag)).keys()]).toEqual(["c1"]);
  });

  it("log sessions expire and only exact secrets read them", async () => {
    const id = await createLogSession(redis, { app, lines: 10, tail: true, dyno: "web" }, 1);
    expect(await readLogSession(redis, id)).toEqual({ app, lines: 10, tail: true, dyno: "web" });
    expect(await readLogSession(redis, id.slice(1))).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2100));
    expect(await readLogSession(redis, id)).toBeUndefined();
  });
});
