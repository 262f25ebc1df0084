import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { createRedis } from "@pier/queue";
import { generateToken, hashToken } from "@pier/use-cases";
import Fastify, { type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAuth } from "../../plugins/auth.js";
import { registerErrorHandling } from "../../plugins/errors.js";
import { eventRoutes } from "./index.js";

/** Reads server-sent events from a live connection, one `{event, data}` at a time. */
async function openStream(url: string) {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: JSON.parse(data ?? "{}") as Record<string, unknown> });
      }
    }
    ended = true;
  })();
  /** Waits (up to 10 s: a loaded machine) for an event matching `pred`, and answers it. */
  const next = async (pred: (e: { event: string; data: Record<string, unknown> }) => boolean) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const found = events.find(pred);
      if (found) return found;
    }
    throw new Error(`no matching event among ${JSON.stringify(events)}`);
  };
  return { res, events, next, ended: () => ended, close: () => abort.abort(), done: pump };
}

describe("app event streams", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let server: FastifyInstance;
  let base: string;
  const owner = generateToken();
  const outsider = generateToken();
  const app = `events-${process.pid}`;
  let appId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_events" });
    prisma = createPrisma(db.url);
    redis = createRedis("redis://127.0.0.1:6379/15");
    server = Fastify();
    registerErrorHandling(server);
    registerAuth(server, { prisma });
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15", PIER_DATA_DIR: "/tmp/pier-events-test" });
    eventRoutes(server, { prisma, redis, config }, { everyMs: 100, heartbeatMs: 200 });
    const user = await prisma.user.create({ data: { email: `o-${process.pid}@example.com`, tokens: { create: { name: "t", tokenHash: hashToken(owner) } } } });
    await prisma.user.create({ data: { email: `x-${process.pid}@example.com`, tokens: { create: { name: "t", tokenHash: hashToken(outsider) } } } });
    appId = (await prisma.app.create({ data: { name: app, ownerId: user.id } })).id;
    await server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server?.close();
    redis?.disconnect();
    await prisma?.$disconnect();
    await db?.drop();
  });

  const openSession = async (token: string) => server.inject({ method: "POST", url: `/apps/${app}/event-sessions`, headers: auth(token) });

  it("opens sessions only for people who can reach the app, like a missing app otherwise", async () => {
    const made = await openSession(owner);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ url: expect.stringMatching(/\/event-sessions\/[\w-]{32}$/), kinds: expect.arrayContaining(["build", "instance"]) });
    const theirs = await openSession(outsider);
    const missing = await server.inject({ method: "POST", url: "/apps/no-such-app/event-sessions", headers: auth(outsider) });
    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(theirs.body).toBe(missing.body);
    expect((await server.inject({ method: "POST", url: `/apps/${app}/event-sessions` })).statusCode).toBe(401);
    expect((await server.inject({ method: "GET", url: "/event-sessions/not-a-session" })).statusCode).toBe(404);
  });

  it("refuses to stream once the session's user has lost access to the app", async () => {
    const outsiderId = (await prisma.user.findFirstOrThrow({ where: { email: `x-${process.pid}@example.com` } })).id;
    await prisma.collaborator.create({ data: { appId, userId: outsiderId } });
    const { url } = (await openSession(outsider)).json() as { url: string };
    const path = new URL(url).pathname;
    const first = await openStream(base + path);
    await first.next((e) => e.event === "ready");
    first.close();
    await prisma.collaborator.deleteMany({ where: { appId, userId: outsiderId } });
    const again = await server.inject({ method: "GET", url: path });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ id: "not_found", message: expect.stringMatching(/open a new one/) });
  });

  it("streams changes as they happen and says when the app is gone", async () => {
    const { url } = (await openSession(owner)).json() as { url: string };
    const stream = await openStream(base + new URL(url).pathname);
    try {
      expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      await stream.next((e) => e.event === "ready");
      const build = await prisma.build.create({ data: { appId } });
      await stream.next((e) => e.event === "build" && e.data.id === build.id && e.data.state === "pending");
      await prisma.build.update({ where: { id: build.id }, data: { status: "failed" } });
      await stream.next((e) => e.event === "build" && e.data.state === "failed");
      await prisma.domain.create({ data: { appId, hostname: `www.${app}.example` } });
      await stream.next((e) => e.event === "domain" && e.data.id === `www.${app}.example` && e.data.state === "none");
      await prisma.formation.create({ data: { appId, type: "web", quantity: 2 } });
      await stream.next((e) => e.event === "formation" && e.data.state === "2 basic");
      await prisma.app.delete({ where: { id: appId } });
      await stream.next((e) => e.event === "gone");
      await stream.done;
      expect(stream.ended()).toBe(true);
    } finally {
      stream.close();
    }
  });
});
