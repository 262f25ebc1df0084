import { randomBytes } from "node:crypto";
import { logStreamKey, readRecentLogs } from "@pier/log-store";
import { buildLookup, compileRouteTable } from "@pier/routing-core";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createAccessLogShipper } from "./access-log-shipper.js";
import { formatRequestLog } from "./log-line.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const app = `ship-${randomBytes(4).toString("hex")}`;
const lookup = buildLookup({ ...compileRouteTable({ baseDomain: "localhost", apps: [{ name: app, domains: [], backends: [] }] }), version: 1 });
const request = (host: string) => formatRequestLog({ method: "GET", path: "/", host, requestId: "r1", fwd: "127.0.0.1", status: 200, bytes: 2 });

describe("access log shipper", () => {
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    await redis.del(logStreamKey(app));
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
