import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRouteTable, type RouteInputApp, type VersionedRouteTable } from "@pier/routing-core";
import { publishRouteTable, readRouteTable, routeStoreKeys, subscribeRouteTable } from "./index.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function tableWith(port: number, apps: RouteInputApp[] = []) {
  return compileRouteTable({
    baseDomain: "localhost",
    apps: [{ name: "shop", domains: ["www.shop.example"], backends: [{ host: "127.0.0.1", port, instance: "web.1" }] }, ...apps],
  });
}

async function until<T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("route-store against Redis", () => {
  const prefix = `pier-test-${randomBytes(4).toString("hex")}:`;
  const opts = { prefix };
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const k = routeStoreKeys(opts);
    await redis.del(k.table, k.version);
    redis.disconnect();
  });

  it("reads nothing before the first publish", async () => {
    expect(await readRouteTable(redis, opts)).toBeUndefined();
  });

  it("publishes only when the hash changes, with versions going up from an epoch (Redis's clock in ms)", async () => {
    const a = tableWith(5001);
    const before = Date.now() - 1000;
    const { version: first } = await publishRouteTable(redis, a, opts);
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThan(Date.now() + 1000);
    expect(await publishRouteTable(redis, tableWith(5001), opts)).toEqual({ changed: false, version: first });
    expect(await readRouteTable(redis, opts)).toEqual({ version: first, ...a });
    const b = tableWith(5002);
    expect(await publishRouteTable(redis, b, opts)).toEqual({ changed: true, version: first + 1 });
    expect(await readRouteTable(redis, opts)).toEqual({ version: first + 1, ...b });
  });

  it("refuses a table whose hash does not match its routes", async () => {
    await expect(publishRouteTable(redis, { ...tableWith(5003), hash: "f".repeat(64) }, opts)).rejects.toThrow(/does not match its routes/);
  });

  it("keeps numbering above the stored table when the counter was lost", async () => {
    const before = (await readRouteTable(redis, opts))!.version;
    await redis.del(routeStoreKeys(opts).version);
    const r = await publishRouteTable(redis, tableWith(5004), opts);
    expect(r).toEqual({ changed: true, version: before + 1 });
  });

  it("starts a new epoch above every earlier version when Redis lost both keys, and subscribers take it", async () => {
    const seen: VersionedRouteTable[] = [];
    const sub = await subscribeRouteTable(REDIS_URL, (t) => seen.push(t), { ...opts, connectionName: `${prefix}epoch` });
    try {
      const before = (await readRouteTable(redis, opts))!.version;
      await expect.poll(() => seen.at(-1)?.version).toBe(before);
      const k = routeStoreKeys(opts);
      await redis.del(k.table, k.version);
      // The epoch is Redis's clock: make sure it has moved past the versions handed out so far.
      await new Promise((r) => setTimeout(r, 20));
      const r = await publishRouteTable(redis, tableWith(5005), opts);
      expect(r.changed).toBe(true);
      expect(r.version).toBeGreaterThan(before);
      await expect.poll(() => seen.at(-1)?.version).toBe(r.version);
    } finally {
      await sub.close();
    }
  });

  it("never goes backwards with concurrent publishers", async () => {
    const start = (await readRouteTable(redis, opts))!.version;
    const clients = Array.from({ length: 8 }, () => new Redis(REDIS_URL));
    try {
      const results = await Promise.all(clients.map((c, i) => publishRouteTable(c, tableWith(6000 + i), opts)));
      const versions = results.map((r) => r.version).sort((x, y) => x - y);
      expect(versions).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
      const winner = results.findIndex((r) => r.version === start + 8);
      expect(await readRouteTable(redis, opts)).toEqual({ version: start + 8, ...tableWith(6000 + winner) });
    } finally {
      clients.forEach((c) => c.disconnect());
    }
  });

  it("delivers the stored table, then published ones, and re-reads after a reconnect", async () => {
    const seen: VersionedRouteTable[] = [];
    const errors: Error[] = [];
    const name = `${prefix}sub`;
    const sub = await subscribeRouteTable(REDIS_URL, (t) => seen.push(t), { ...opts, connectionName: name, onError: (e) => errors.push(e) });
    try {
      const stored = (await readRouteTable(redis, opts))!;
      expect(seen).toEqual([stored]);

      const next = await publishRouteTable(redis, tableWith(7001), opts);
      await until("published table", () => seen.find((t) => t.version === next.version));
      expect(seen.at(-1)!.routes["shop.localhost"]!.backends[0]!.port).toBe(7001);

      // Kill our subscriber connection and publish at once: ioredis waits at least 50 ms before
      // reconnecting, so the message goes to nobody and only the re-read can deliver it.
      const clients = (await redis.client("LIST")) as string;
      const id = /id=(\d+) .*name=(\S+)/g;
      const ours = [...clients.matchAll(id)].find((m) => m[2] === name)?.[1];
      expect(ours).toBeDefined();
      const later = tableWith(7002);
      const k = routeStoreKeys(opts);
      await redis.client("KILL", "ID", ours!);
      const missed = await publishRouteTable(redis, later, opts);
      expect(missed.changed).toBe(true);
      const got = await until("table published while disconnected", () => seen.find((t) => t.version === missed.version));
      expect(got.hash).toBe(later.hash);
      expect(errors.every((e) => /subscriber connection|reader connection/.test(e.message))).toBe(true);
      expect(k.channel).toBe(`${prefix}routes`);

      // Damaged JSON on the channel is reported, not delivered.
      await redis.publish(k.channel, "{not json");
      await until("error for damaged table", () => errors.find((e) => /not valid JSON/.test(e.message)));
    } finally {
      await sub.close();
    }
    const count = seen.length;
    await publishRouteTable(redis, tableWith(7003), opts);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.length).toBe(count);
    const versions = seen.map((t) => t.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it("resolves without Redis and reports the connection error", async () => {
    const errors: Error[] = [];
    const sub = await subscribeRouteTable("redis://127.0.0.1:1", () => undefined, { ...opts, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 400)); // several reconnect attempts
    await sub.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/route table subscription \(127\.0\.0\.1:1\): subscriber connection \(will keep reconnecting\): .*ECONNREFUSED/);
  });
});
