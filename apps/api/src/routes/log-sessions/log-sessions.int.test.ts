import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { createSseParser } from "@pier/log-core";
import { appendLogLines, logStreamKey } from "@pier/log-store";
import { createRedis } from "@pier/queue";
import { generateToken, hashToken } from "@pier/use-cases";
import Fastify, { type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAuth } from "../../plugins/auth.js";
import { registerErrorHandling } from "../../plugins/errors.js";
import { logSessionRoutes } from "./index.js";

const RETENTION = { maxLines: 1000, maxAgeMs: 3600_000 };
const T = Date.parse("2026-01-01T12:00:00.123Z");

describe("log sessions", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let server: FastifyInstance;
  let base: string;
  const owner = generateToken();
  const stranger = generateToken();
  const app = `logs-${process.pid}`;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const add = (dyno: string, message: string, time = T) =>
    appendLogLines(redis, [{ app, line: { time, source: dyno === "router" || dyno === "api" ? "pier" : "app", dyno, message } }], RETENTION);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_logs" });
    prisma = createPrisma(db.url);
    redis = createRedis("redis://127.0.0.1:6379/15");
    server = Fastify();
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15", PIER_DATA_DIR: "/tmp/pier-logs-test", PIER_API_URL: "http://127.0.0.1:1" });
    registerErrorHandling(server);
    registerAuth(server, { prisma });
    logSessionRoutes(server, { prisma, redis, config });
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const user = await prisma.user.create({ data: { email: "o@example.com", tokens: { create: { name: "t", tokenHash: hashToken(owner) } } } });
    await prisma.user.create({ data: { email: "s@example.com", tokens: { create: { name: "t", tokenHash: hashToken(stranger) } } } });
    await prisma.app.create({ data: { name: app, ownerId: user.id } });
    await redis.del(logStreamKey(app));
    await add("web.1", "hello");
    await add("router", "at=info method=GET path=\"/\" status=200");
    await add("worker.1", "tick");
    await add("api", "Deployed v1");
  });

  afterAll(async () => {
    await redis?.del(logStreamKey(app));
    await server?.close();
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  const start = async (body: object, token = owner) => server.inject({ method: "POST", url: `/apps/${app}/log-sessions`, headers: auth(token), payload: body });
  const sessionPath = (url: string) => new URL(url).pathname;

  it("answers a logplex_url whose stream holds the recent lines, Heroku formatted", async () => {
    const res = await start({ lines: 3 });
    expect(res.statusCode).toBe(201);
    const { logplex_url } = res.json() as { logplex_url: string };
    expect(logplex_url).toMatch(/^http:\/\/127\.0\.0\.1:1\/log-sessions\/[A-Za-z0-9_-]{43}$/);
    const stream = await server.inject({ method: "GET", url: sessionPath(logplex_url) });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    const data: string[] = [];
    createSseParser((e) => data.push(e.data)).push(stream.body);
    expect(data.join("\n").split("\n")).toEqual([
      '2026-01-01T12:00:00.123Z pier[router]: at=info method=GET path="/" status=200',
      "2026-01-01T12:00:00.123Z app[worker.1]: tick",
      "2026-01-01T12:00:00.123Z pier[api]: Deployed v1",
    ]);
  });

  it.each([
    [{ dyno: "web" }, ["app[web.1]: hello"]],
    [{ source: "pier" }, ["pier[router]:", "pier[api]: Deployed v1"]],
    [{ source: "heroku", dyno: "router" }, ["pier[router]:"]],
  ])("filters by %j", async (filter, expected) => {
    const { logplex_url } = (await start(filter)).json() as { logplex_url: string };
    const body = (await server.inject({ method: "GET", url: sessionPath(logplex_url) })).body;
    const lines = body.split("\n").filter((l) => l.startsWith("data: "));
    expect(lines).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(lines[i]).toContain(e));
  });

  it("refuses bad filters, other users' apps and unknown sessions", async () => {
    expect((await start({ source: "kernel" })).statusCode).toBe(422);
    expect((await start({ lines: 1_000_000 })).statusCode).toBe(422);
    expect((await start({}, stranger)).statusCode).toBe(404);
    expect((await server.inject({ method: "POST", url: `/apps/${app}/log-sessions`, payload: {} })).statusCode).toBe(401);
    const missing = await server.inject({ method: "GET", url: `/log-sessions/${"x".repeat(43)}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ id: "not_found" });
  });

  it("tails: history, then lines as they are written, until the client leaves", async () => {
    const { logplex_url } = (await start({ tail: true, lines: 1, dyno: "web" })).json() as { logplex_url: string };
    const abort = new AbortController();
    const res = await fetch(`${base}${sessionPath(logplex_url)}`, { signal: abort.signal });
    expect(res.status).toBe(200);
    const got: string[] = [];
    const parser = createSseParser((e) => got.push(...e.data.split("\n")));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const readUntil = async (n: number) => {
      while (got.length < n) {
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        parser.push(decoder.decode(value, { stream: true }));
      }
    };
    await readUntil(1);
    await add("worker.1", "not this one", T + 1000);
    await add("web.2", "live line", T + 2000);
    await readUntil(2);
    expect(got).toEqual(["2026-01-01T12:00:00.123Z app[web.1]: hello", "2026-01-01T12:00:02.123Z app[web.2]: live line"]);
    abort.abort();
  });
});
