import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishRouteTable, routeStoreKeys } from "@pier/route-store";
import { compileRouteTable } from "@pier/routing-core";
import { getWithHost as get } from "./get-for-tests.js";
import { startRouter, type RunningRouter } from "./start-router.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function upstream(name: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((_req, res) => res.end(name));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

async function eventually(what: string, probe: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const tableTo = (port: number) =>
  compileRouteTable({ baseDomain: "localhost", apps: [{ name: "shop", domains: [], backends: [{ host: "127.0.0.1", port, instance: "web.1" }] }] });

describe("router process wiring (Redis, snapshot)", () => {
  const prefix = `pier-test-${randomBytes(4).toString("hex")}:`;
  let redis: Redis;
  let dataDir: string;
  let one: { server: http.Server; port: number };
  let two: { server: http.Server; port: number };
  const lines: string[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    dataDir = await mkdtemp(path.join(tmpdir(), "pier-router-"));
    one = await upstream("one");
    two = await upstream("two");
  });
  afterAll(async () => {
    const k = routeStoreKeys({ prefix });
    await redis.del(k.table, k.version);
    redis.disconnect();
    one.server.close();
    two.server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("follows tables published on Redis, saves them, and serves the snapshot when Redis is gone", async () => {
    let router: RunningRouter | undefined = await startRouter({
      httpPort: 0, listenHost: "127.0.0.1", redisUrl: REDIS_URL, redisPrefix: prefix, dataDir, log: (l) => lines.push(l),
    });
    try {
      expect((await get(router.port, "shop.localhost")).status).toBe(404);

      await publishRouteTable(redis, tableTo(one.port), { prefix });
      await eventually("first table", async () => (await get(router!.port, "shop.localhost")).body === "one");

      const second = await publishRouteTable(redis, tableTo(two.port), { prefix });
      await eventually("second table", async () => (await get(router!.port, "shop.localhost")).body === "two");
      expect(router.holder.version).toBe(second.version);
      expect(lines.join("\n")).toContain(`msg="route table swapped in" version=${second.version}`);

      await eventually("snapshot written", async () => {
        const text = await readFile(path.join(dataDir, "router", "routes.json"), "utf8").catch(() => "{}");
        return JSON.parse(text).version === second.version;
      });
    } finally {
      await router.close();
      router = undefined;
    }

    // A new router with no Redis at all starts from the snapshot and keeps serving.
    const offline = await startRouter({
      httpPort: 0, listenHost: "127.0.0.1", redisUrl: "redis://127.0.0.1:1", dataDir, log: (l) => lines.push(l),
    });
    try {
      expect(await get(offline.port, "shop.localhost")).toEqual({ status: 200, body: "two" });
      expect(lines.join("\n")).toMatch(/msg="route table loaded from snapshot" version=\d+/);
      expect(lines.join("\n")).toMatch(/at=warn source=router msg=.*ECONNREFUSED 127\.0\.0\.1:1/);
    } finally {
      await offline.close();
    }
  });
});
