import http from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLookup, compileRouteTable, type Backend } from "@pier/routing-core";
import { getWithHost } from "../get-for-tests.js";
import { closeNow, listenOnFreePort } from "../listen-for-tests.js";
import { createRouterServer, type RouterServer } from "../router-server.js";
import { UpstreamPool } from "./upstream-pool.js";

/** Keep-alive connections to an instance that left the route table close, so its drain ends when its requests do. */
describe("upstream pool after a route table change", () => {
  const pool = new UpstreamPool();
  const open = new Set<Socket>();
  let upstream: http.Server;
  let router: RouterServer;
  let routerPort: number;
  let backend: Backend;

  beforeAll(async () => {
    upstream = http.createServer((_req, res) => res.end("ok")); // keep-alive, as node and gthread apps are
    upstream.on("connection", (s: Socket) => {
      open.add(s);
      s.on("close", () => open.delete(s));
    });
    backend = { host: "127.0.0.1", port: await listenOnFreePort(upstream), instance: "web.1" };
    const lookup = buildLookup(compileRouteTable({ baseDomain: "localhost", apps: [{ name: "app", domains: [], backends: [backend] }] }));
    router = createRouterServer({ getLookup: () => lookup, log: () => {}, pool });
    routerPort = await listenOnFreePort(router);
  });
  afterAll(async () => {
    await closeNow(router);
    pool.destroy();
    await closeNow(upstream);
  });

  it("keeps idle connections to routed instances and closes those to instances no longer routed", async () => {
    expect((await getWithHost(routerPort, "app.localhost")).body).toBe("ok");
    expect(open.size).toBe(1); // pooled, idle
    pool.keepOnly(new Set([UpstreamPool.key(backend)]));
    expect(open.size).toBe(1);
    pool.keepOnly(new Set());
    await expect.poll(() => open.size, { timeout: 5000 }).toBe(0);
    // A request still in flight when its instance left the table does not put its connection back.
    expect((await getWithHost(routerPort, "app.localhost")).body).toBe("ok");
    await expect.poll(() => open.size, { timeout: 5000 }).toBe(0);
  });
});
