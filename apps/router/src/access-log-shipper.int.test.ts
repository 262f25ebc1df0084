import { randomBytes } from "node:crypto";
import { logStreamKey, readRecentLogs } from "@pier/log-store";
import { readRequestSeries, requestCountersKey } from "@pier/metrics-store";
import { minuteOf } from "@pier/metrics-core";
import { buildLookup, compileRouteTable } from "@pier/routing-core";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createAccessLogShipper } from "./access-log-shipper.js";
import { formatRequestLog } from "./log-line.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const app = `ship-${randomBytes(4).toString("hex")}`;
const counted = `${app}-m`;
const lookup = buildLookup({
  ...compileRouteTable({ baseDomain: "localhost", apps: [app, counted].map((name) => ({ name, domains: [], backends: [] })) }),
  version: 1,
});
const request = (host: string) => formatRequestLog({ method: "GET", path: "/", host, requestId: "r1", fwd: "127.0.0.1", status: 200, bytes: 2 });

describe("access log shipper", () => {
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const minute = minuteOf(Date.now());
    await redis.del(logStreamKey(app), logStreamKey(counted), requestCountersKey(counted, minute), requestCountersKey(counted, minute - 60_000));
    redis.disconnect();
  });

  it("writes each line through and ships request lines of known apps as pier[router]", async () => {
    const written: string[] = [];
    const shipper = createAccessLogShipper({ redisUrl: REDIS_URL, warn: (l) => written.push(l), flushMs: 10 });
    shipper.useLookup(() => lookup);
    const log = shipper.tee((l) => written.push(l));
    log(request(`${app}.localhost`));
    log(request("unknown.localhost"));
    log('at=info source=router msg="listening" port=80');
    await shipper.close();
    expect(written).toHaveLength(3);
    const { lines } = await readRecentLogs(redis, app, { count: 10 });
    expect(lines.map((l) => [l.source, l.dyno, l.text.slice(l.text.indexOf("]: ") + 3)])).toEqual([["pier", "router", request(`${app}.localhost`)]]);
  });

  it("counts requests per app into the minute's metrics", async () => {
    const shipper = createAccessLogShipper({ redisUrl: REDIS_URL, warn: () => {}, flushMs: 10 });
    shipper.useLookup(() => lookup);
    const log = shipper.tee(() => {});
    const served = formatRequestLog({ method: "GET", path: "/", host: `${counted}.localhost`, requestId: "r", fwd: "1", dyno: "web.1", connectMs: 1, serviceMs: 30, status: 200, bytes: 2 });
    log(served);
    log(served.replace("status=200", "status=502"));
    await shipper.close();
    const { points } = await readRequestSeries(redis, counted, "hour");
    const now = points.at(-1)!.requests > 0 ? points.at(-1)! : points.at(-2)!;
    expect(now).toMatchObject({ requests: 2, status: { "2xx": 1, "5xx": 1 }, p50_ms: 50, p99_ms: 50 });
  });

  it("never blocks or throws when Redis is down; keeps a bounded buffer and counts drops", async () => {
    const warnings: string[] = [];
    const shipper = createAccessLogShipper({ redisUrl: "redis://127.0.0.1:1", warn: (l) => warnings.push(l), maxBuffered: 100, flushMs: 5 });
    shipper.useLookup(() => lookup);
    const log = shipper.tee(() => {});
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) log(request(`${app}.localhost`));
    expect(performance.now() - t0).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 100));
    expect(shipper.dropped).toBeGreaterThanOrEqual(9_900);
    await shipper.close();
  });
});
