import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { minuteOf } from "@pier/metrics-core";
import { addRequestCounters, instanceStatsKey, recordRestart, requestCountersKey } from "@pier/metrics-store";
import { createRedis } from "@pier/queue";
import { generateToken, hashToken } from "@pier/use-cases";
import Fastify, { type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAuth } from "../../plugins/auth.js";
import { registerErrorHandling } from "../../plugins/errors.js";
import { metricsRoutes } from "./index.js";

describe("metrics routes", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let server: FastifyInstance;
  const admin = generateToken();
  const owner = generateToken();
  const app = `metrics-${process.pid}`;
  const minute = minuteOf(Date.now());
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_metrics" });
    prisma = createPrisma(db.url);
    redis = createRedis("redis://127.0.0.1:6379/15");
    server = Fastify();
    registerErrorHandling(server);
    registerAuth(server, { prisma });
    metricsRoutes(server, { prisma, redis, config: parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15", PIER_DATA_DIR: "/tmp/pier-metrics-test" }) });
    await prisma.user.create({ data: { email: "a@example.com", isAdmin: true, tokens: { create: { name: "t", tokenHash: hashToken(admin) } } } });
    const user = await prisma.user.create({ data: { email: "o@example.com", tokens: { create: { name: "t", tokenHash: hashToken(owner) } } } });
    const created = await prisma.app.create({ data: { name: app, ownerId: user.id } });
    const host = await prisma.host.create({ data: { name: "metrics-host", dockerUrl: "unix:///var/run/docker.sock" } });
    const release = await prisma.release.create({ data: { appId: created.id, version: 1, status: "succeeded", imageTag: "x", processTypes: { web: ["x"] }, config: {} } });
    const instance = (type: string, number: number, state: "up" | "crashed" | "stopped", restarts: number) =>
      prisma.instance.create({ data: { appId: created.id, releaseId: release.id, hostId: host.id, type, number, state, restarts } });
    await instance("web", 1, "up", 0);
    await instance("worker", 1, "crashed", 3);
    await instance("web", 2, "stopped", 7);
    await addRequestCounters(redis, [{ app, minute, counters: { n: 120, s2xx: 100, s5xx: 20, h3: 120 } }]);
    await recordRestart(redis, app, "worker.1");
    await recordRestart(redis, app, "worker.1");
    await recordRestart(redis, app, "worker.2");
  });

  afterAll(async () => {
    await redis?.del(requestCountersKey(app, minute), instanceStatsKey(app, minute), instanceStatsKey(app, minuteOf(Date.now())));
    await server?.close();
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("serves the app's router series for the last hour and day", async () => {
    const hour = await server.inject({ method: "GET", url: `/apps/${app}/metrics`, headers: auth(owner) });
    expect(hour.statusCode).toBe(200);
    const body = hour.json() as { period: string; step_seconds: number; router: { requests: number }[] };
    expect(body).toMatchObject({ app, period: "hour", step_seconds: 60 });
    expect((body as unknown as { restarts: Record<string, number> }).restarts).toEqual({ "web.1": 0, "worker.1": 3 }); // the stopped web.2 is not current
    expect(body.router).toHaveLength(60);
    expect(body.router.at(-1)).toMatchObject({ requests: 120, rps: 2, status: { "2xx": 100, "5xx": 20 }, p50_ms: 10, p99_ms: 10 });
    const day = (await server.inject({ method: "GET", url: `/apps/${app}/metrics?period=day`, headers: auth(owner) })).json() as typeof body;
    expect(day.router).toHaveLength(96);
    expect(day.router.at(-1)!.requests).toBe(120);
    expect((await server.inject({ method: "GET", url: `/apps/${app}/metrics?period=week`, headers: auth(owner) })).statusCode).toBe(422);
  });

  it("serves restarts as a series per instance and per process type", async () => {
    type Body = { instances: Record<string, { time: string; restarts: number }[]>; restarts_by_type: Record<string, { time: string; restarts: number }[]> };
    const hour = (await server.inject({ method: "GET", url: `/apps/${app}/metrics`, headers: auth(owner) })).json() as Body;
    expect(Object.keys(hour.instances)).toEqual(["worker.1", "worker.2"]);
    expect(hour.instances["worker.1"]).toHaveLength(60);
    // Counted in the minute they happened (the test may straddle a minute: the last two steps).
    const recent = (points: { restarts: number }[]) => points.slice(-2).reduce((n, p) => n + p.restarts, 0);
    expect(recent(hour.instances["worker.1"]!)).toBe(2);
    expect(recent(hour.instances["worker.2"]!)).toBe(1);
    expect(hour.instances["worker.1"]!.slice(0, -2).every((p) => p.restarts === 0)).toBe(true);
    expect(Object.keys(hour.restarts_by_type)).toEqual(["worker"]);
    expect(recent(hour.restarts_by_type.worker!)).toBe(3);
    const day = (await server.inject({ method: "GET", url: `/apps/${app}/metrics?period=day`, headers: auth(owner) })).json() as Body;
    expect(day.restarts_by_type.worker).toHaveLength(96);
    expect(recent(day.restarts_by_type.worker!)).toBe(3);
  });

  it("exposes the process in Prometheus format to admins only", async () => {
    const res = await server.inject({ method: "GET", url: "/metrics", headers: auth(admin) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^process_resident_memory_bytes\{process="api"\} \d+$/m);
    expect((await server.inject({ method: "GET", url: "/metrics", headers: auth(owner) })).statusCode).toBe(403);
  });
});
