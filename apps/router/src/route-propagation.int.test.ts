import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRouteTable, routeStoreKeys } from "@pier/route-store";
import { compileRouteTable, type RouteInputApp } from "@pier/routing-core";
import { getWithHost as get } from "./get-for-tests.js";
import { startRouter, type RunningRouter } from "./start-router.js";

// The promise: a new route is live in every router within 100 ms of the change being
// committed, and several routers converge. Two routers follow one Redis; we publish the way
// publishRoutes does after a DB commit and time, per router, until the new hostname proxies.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const TARGET_MS = 100;
// CI machines are loaded (2 shared cores): the assertion is loose, the printed figure is the proof.
const LOOSE_BOUND_MS = 1000;

/** Milliseconds from `since` until `host` on the router answers with `body`; polls every 3 ms. */
async function liveAfter(router: RunningRouter, host: string, body: string, since: number): Promise<number> {
  const deadline = since + 10_000;
  for (;;) {
    const res = await get(router.port, host);
    if (res.body === body) return performance.now() - since;
    if (performance.now() > deadline) throw new Error(`router on port ${router.port} never served ${host} (last answer ${res.status} ${res.body.slice(0, 80)})`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

describe("route propagation across several routers", () => {
  const prefix = `pier-test-${randomBytes(4).toString("hex")}:`;
  let redis: Redis;
  const dirs: string[] = [];
  const routers: RunningRouter[] = [];
  let backend: { server: http.Server; port: number };
  const apps: RouteInputApp[] = [];

  const publish = (list: RouteInputApp[]) => publishRouteTable(redis, compileRouteTable({ baseDomain: "localhost", apps: list }), { prefix });

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    const server = http.createServer((req, res) => res.end(`hello ${req.headers.host}`));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    backend = { server, port: (server.address() as AddressInfo).port };
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(path.join(tmpdir(), "pier-router-prop-"));
      dirs.push(dataDir);
      routers.push(await startRouter({ httpPort: 0, listenHost: "127.0.0.1", redisUrl: REDIS_URL, redisPrefix: prefix, dataDir, log: () => undefined }));
    }
    apps.push({ name: "base", domains: [], backends: [{ host: "127.0.0.1", port: backend.port, instance: "web.1" }] });
    await publish(apps);
    for (const router of routers) await liveAfter(router, "base.localhost", "hello base.localhost", performance.now());
  });
  afterAll(async () => {
    await Promise.all(routers.map((r) => r.close()));
    const k = routeStoreKeys({ prefix });
    await redis.del(k.table, k.version);
    redis.disconnect();
    backend.server.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("makes a new hostname live in both routers within the target", async () => {
    apps.push({ name: "fresh", domains: [], backends: [{ host: "127.0.0.1", port: backend.port, instance: "web.1" }] });
    const committed = performance.now();
    const published = publish(apps);
    const [a, b] = await Promise.all(routers.map((r) => liveAfter(r, "fresh.localhost", "hello fresh.localhost", committed)));
    const { changed } = await published;
    expect(changed).toBe(true);
    console.log(`route propagation: router A ${a.toFixed(1)} ms, router B ${b.toFixed(1)} ms (target ${TARGET_MS} ms)`);
    expect(a).toBeLessThanOrEqual(LOOSE_BOUND_MS);
    expect(b).toBeLessThanOrEqual(LOOSE_BOUND_MS);
  });

  it("converges every router to the same table version after rapid changes", async () => {
    const publishes: Promise<{ version: number }>[] = [];
    for (let i = 0; i < 20; i++) {
      apps.push({ name: `burst${i}`, domains: [], backends: [{ host: "127.0.0.1", port: backend.port, instance: "web.1" }] });
      // Not awaited one by one: the publishes overlap like several use cases committing at once.
      publishes.push(publish([...apps]));
    }
    await Promise.all(publishes);
    const stored = JSON.parse((await redis.get(routeStoreKeys({ prefix }).table))!) as { version: number };
    const deadline = Date.now() + 5000;
    while (routers.some((r) => r.holder.version !== stored.version) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(routers.map((r) => r.holder.version)).toEqual([stored.version, stored.version]);
    for (const router of routers) expect((await get(router.port, "burst19.localhost")).body).toBe("hello burst19.localhost");
  });
});
