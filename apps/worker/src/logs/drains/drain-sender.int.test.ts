import { randomBytes } from "node:crypto";
import { parseDrainUrl } from "@pier/log-core";
import { appendLogLines, logStreamKey, readRecentLogs } from "@pier/log-store";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDrainTransport } from "./drain-transport.js";
import { frames, logplexReceiver, messageOf, syslogReceiver, until } from "./drain-testing.js";
import { DRAIN_POSITIONS_KEY, startDrainSender } from "./drain-sender.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const RETENTION = { maxLines: 1000, maxAgeMs: 3600_000 };

describe("log drain sender (local syslog and HTTP receivers)", () => {
  const tag = randomBytes(4).toString("hex");
  const apps: string[] = [];
  let redis: Redis;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const say = (app: string, ...messages: string[]) =>
    appendLogLines(redis, messages.map((message) => ({ app, line: { time: Date.parse("2026-01-01T12:00:00.123Z"), source: "app" as const, dyno: "web.1", message } })), RETENTION);
  const sender = (app: string, url: string, id = `${app}-drain`) =>
    startDrainSender({ drain: { id, app, url, token: "d.test" }, transport: createDrainTransport(parseDrainUrl(url), "d.test"), redis, reading: new Redis(REDIS_URL), retention: RETENTION, log });

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.del(...apps.map(logStreamKey));
    await redis.hdel(DRAIN_POSITIONS_KEY, ...apps.map((a) => `${a}-drain`));
    redis.disconnect();
  });

  it("sends new lines as RFC 5424 octet-counted frames over TCP, not the history", async () => {
    const app = `drain-tcp-${tag}`;
    apps.push(app);
    await say(app, "before the drain");
    const rx = await syslogReceiver();
    const s = sender(app, `syslog://127.0.0.1:${rx.port}`);
    await new Promise((r) => setTimeout(r, 300));
    await say(app, "one", "two é");
    await until("two frames", () => frames(rx.data()).length >= 2);
    await s.stop();
    rx.server.close();
    expect(frames(rx.data())).toEqual(["<190>1 2026-01-01T12:00:00.123Z d.test app web.1 - one", "<190>1 2026-01-01T12:00:00.123Z d.test app web.1 - two é"]);
  });

  it("posts logplex batches to an HTTP drain, with its credentials as Basic auth", async () => {
    const app = `drain-http-${tag}`;
    apps.push(app);
    await say(app, "history");
    const rx = await logplexReceiver();
    const s = sender(app, `http://user:pw@127.0.0.1:${rx.port}/logs`);
    await new Promise((r) => setTimeout(r, 300));
    await say(app, "a", "b");
    await until("a batch", () => rx.frames().length >= 2);
    await s.stop();
    await rx.close();
    expect(rx.posts[0]!.headers).toMatchObject({ "content-type": "application/logplex-1", "logplex-drain-token": "d.test", authorization: `Basic ${Buffer.from("user:pw").toString("base64")}` });
    expect(rx.frames().map(messageOf)).toEqual(["a", "b"]);
  });

  it("retries a drain that is down, and reports lines it lost meanwhile as L10 in the app's log", async () => {
    const app = `drain-down-${tag}`;
    apps.push(app);
    await say(app, "start");
    const probe = await syslogReceiver();
    const port = probe.port;
    await new Promise((r) => probe.server.close(r)); // nothing listens there now
    const s = sender(app, `syslog://127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 300));
    await say(app, "kept-1");
    await new Promise((r) => setTimeout(r, 300));
    await say(app, "lost-1", "lost-2", "lost-3");
    // The sender holds "kept-1" for its retry; the log loses the next three before the drain is back.
    const ids = ((await redis.xrange(logStreamKey(app), "-", "+")) as [string, string[]][]).map((e) => e[0]);
    await redis.xtrim(logStreamKey(app), "MINID", ids[ids.length - 1]!);
    await redis.xdel(logStreamKey(app), ids[ids.length - 1]!);
    await say(app, "after");
    const rx = await syslogReceiver({ port });
    await until("the L10 line", () => frames(rx.data()).some((f) => f.includes("L10")), 20_000);
    await s.stop();
    rx.server.close();
    const messages = frames(rx.data()).map((f) => f.slice(f.indexOf(" - ") + 3));
    expect(messages[0]).toBe("kept-1");
    expect(messages[1]).toBe("after");
    expect(messages[2]).toMatch(/^Error L10 \(output buffer overflow\): 3 messages dropped since .* for drain syslog:\/\/127\.0\.0\.1:\d+$/);
    expect((await readRecentLogs(redis, app, { count: 1 })).lines[0]!.text).toContain("pier[logs]: Error L10");
  });
});
