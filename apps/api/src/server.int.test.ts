import { parseConfig } from "@pier/config";
import { createPrisma } from "@pier/db";
import { createTestDatabase, type TestDatabase } from "@pier/db/testing";
import { createBuildQueue, createRedis, createReleaseQueue } from "@pier/queue";
import { bootstrapAdmin, generateToken, hashToken } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./server.js";

/** The API through app.inject against a real, fresh database and Redis (db 15 for tests). */
describe("API", () => {
  let db: TestDatabase;
  let server: FastifyInstance;
  let close: () => Promise<void>;
  let admin: string;
  let other: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_api" });
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15", PIER_DATA_DIR: "/tmp/pier-api-test" });
    const prisma = createPrisma(db.url);
    const redis = createRedis(config.redisUrl);
    const queueRedis = createRedis(config.redisUrl, { blocking: true });
    const buildQueue = createBuildQueue(queueRedis);
    const releaseQueue = createReleaseQueue(queueRedis);
    server = buildServer({ prisma, redis, config, buildQueue, releaseQueue });
    admin = (await bootstrapAdmin({ email: "admin@example.com" }, { prisma })).token!;
    other = generateToken();
    await prisma.user.create({ data: { email: "other@example.com", tokens: { create: { name: "t", tokenHash: hashToken(other) } } } });
    close = async () => {
      await server.close();
      await buildQueue.close();
      await releaseQueue.close();
      queueRedis.disconnect();
      redis.disconnect();
      await prisma.$disconnect();
    };
  });

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  it("answers /healthz without credentials", async () => {
    const res = await server.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ["no token", {}],
    ["a wrong token", auth("pier_notarealtokenatall000")],
    ["a malformed header", { authorization: "Bearer" }],
    ["basic auth with a wrong password", { authorization: `Basic ${Buffer.from("x:nope-nope-nope").toString("base64")}` }],
  ])("refuses %s with 401 and a Heroku-shaped error", async (_name, headers) => {
    const res = await server.inject({ method: "GET", url: "/apps", headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ id: "unauthorized", message: expect.stringMatching(/pier login/) });
    expect(res.headers["www-authenticate"]).toMatch(/^Basic/);
  });

  it("accepts the token as a Basic password, as git sends it", async () => {
    const res = await server.inject({ method: "GET", url: "/apps", headers: { authorization: `Basic ${Buffer.from(`git:${admin}`).toString("base64")}` } });
    expect(res.statusCode).toBe(200);
  });

  it("creates, lists, shows and destroys an app", async () => {
    const created = await server.inject({ method: "POST", url: "/apps", headers: auth(admin), payload: { name: "shop" } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: "shop", web_url: "http://shop.localhost/", git_url: "http://127.0.0.1:5000/shop.git" });
    expect((await server.inject({ method: "GET", url: "/apps", headers: auth(admin) })).json()).toEqual([expect.objectContaining({ name: "shop" })]);
    expect((await server.inject({ method: "GET", url: "/apps/shop", headers: auth(admin) })).statusCode).toBe(200);
    expect((await server.inject({ method: "DELETE", url: "/apps/shop", headers: auth(admin) })).statusCode).toBe(200);
    expect((await server.inject({ method: "GET", url: "/apps/shop", headers: auth(admin) })).statusCode).toBe(404);
  });

  it.each([
    [{ name: "ab" }, 422, /3 to 30/],
    [{ name: "Bad_Name" }, 422, /lowercase/],
    [{ name: { nested: 1 } }, 400, /Invalid request/],
    [{}, 400, /Invalid request/],
    ["not json", 400, /./],
  ])("rejects the app %j with %i", async (payload, status, message) => {
    const res = await server.inject({
      method: "POST",
      url: "/apps",
      headers: { ...auth(admin), "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toMatch(message);
  });

  it("refuses a name that is taken with 409", async () => {
    await server.inject({ method: "POST", url: "/apps", headers: auth(admin), payload: { name: "taken" } });
    const res = await server.inject({ method: "POST", url: "/apps", headers: auth(other), payload: { name: "taken" } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ id: "conflict", message: "Name taken is already taken." });
  });

  it("shows another user's app to nobody but its owner and admins: 404, never its data", async () => {
    await server.inject({ method: "POST", url: "/apps", headers: auth(admin), payload: { name: "private-app" } });
    for (const [method, url] of [
      ["GET", "/apps/private-app"],
      ["DELETE", "/apps/private-app"],
      ["GET", "/apps/private-app/builds"],
      ["GET", "/private-app.git/info/refs?service=git-receive-pack"],
    ] as const) {
      const res = await server.inject({ method, url, headers: auth(other) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain("private-app\"");
    }
    const list = await server.inject({ method: "GET", url: "/apps", headers: auth(other) });
    expect(list.json().map((a: { name: string }) => a.name)).not.toContain("private-app");
    expect((await server.inject({ method: "GET", url: "/apps/private-app", headers: auth(admin) })).statusCode).toBe(200);
  });

  it("answers unknown endpoints with a JSON 404", async () => {
    const res = await server.inject({ method: "GET", url: "/nope/nope", headers: auth(admin) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ id: "not_found" });
  });

  it("refuses a build without a tar body", async () => {
    await server.inject({ method: "POST", url: "/apps", headers: auth(admin), payload: { name: "tarless" } });
    const res = await server.inject({ method: "POST", url: "/apps/tarless/builds", headers: auth(admin), payload: { source: "x" } });
    expect(res.statusCode).toBe(415);
  });
});
