import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzCases, type FuzzCase } from "./testing/fuzz-cases.js";
import { routesOf, type OpenApiDoc } from "./testing/openapi-walk.js";
import { startTestApi, type TestApi } from "./testing/test-api.js";

/** Raw HTTP (no client-side normalising of paths or headers); a hang counts as a failure too. */
function send(port: number, c: FuzzCase, token?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...(token && !c.headers.authorization ? { authorization: `Bearer ${token}` } : {}), ...c.headers };
    const req = request({ host: "127.0.0.1", port, method: c.method, path: c.path, headers, timeout: 15_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(-2));
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(-1);
    });
    req.on("error", () => resolve(-2));
    req.end(c.body);
  });
}

/**
 * Thousands of malformed bodies, paths, headers and oversized values to every route in the
 * OpenAPI document, as an admin (reaching the handlers) and without credentials: no 5xx, no hang.
 */
describe("fuzz: bad input never yields a server error", () => {
  let api: TestApi;
  let port: number;
  let doc: OpenApiDoc;
  const app = `fuzz-${process.pid}`;

  beforeAll(async () => {
    api = await startTestApi("pier_fuzz");
    await api.server.listen({ port: 0, host: "127.0.0.1" });
    port = (api.server.server.address() as AddressInfo).port;
    const auth = { authorization: `Bearer ${api.adminToken}` };
    expect((await api.server.inject({ method: "POST", url: "/apps", headers: auth, payload: { name: app } })).statusCode).toBe(201);
    expect((await api.server.inject({ method: "PATCH", url: `/apps/${app}/config-vars`, headers: auth, payload: { A: "1" } })).statusCode).toBe(200);
    doc = (await api.server.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDoc;
  });
  afterAll(async () => api?.close());

  it("answers every malformed request with a status below 500", async () => {
    const good = (name: string) => (name === "app" ? app : name === "repo" ? `${app}.git` : name === "release" ? "1" : name === "user" ? "~" : "x");
    const failures: string[] = [];
    const counts = { requests: 0, byStatus: new Map<number, number>() };
    let seed = 1;
    for (const route of routesOf(doc)) {
      // Revoking the caller's own token or destroying the fixture would end the run early.
      const selfHarm =
        route.template === "/auth/logout" ||
        (route.method === "DELETE" && (route.template === "/apps/{app}" || route.template === "/oauth/sessions/{session}"));
      for (const c of fuzzCases(doc, route, good, seed++)) {
        for (const token of selfHarm ? [undefined] : [api.adminToken, undefined]) {
          const status = await send(port, c, token);
          counts.requests++;
          counts.byStatus.set(status, (counts.byStatus.get(status) ?? 0) + 1);
          if (status >= 500 || status < 100) failures.push(`${status} ${c.method} ${c.path.slice(0, 120)} ${JSON.stringify(c.headers).slice(0, 120)} ${(c.body ?? "").slice(0, 80)}`);
        }
      }
    }
    console.log(`fuzz: ${counts.requests} requests to ${routesOf(doc).length} routes; statuses ${JSON.stringify(Object.fromEntries(counts.byStatus))}; server errors: ${failures.length}`);
    expect(counts.requests).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
    // Else a route that revokes its caller (a new logout) would quietly turn the rest of the run
    // into 401s and 429s that never reach a handler.
    const stillAdmin = await api.server.inject({ method: "GET", url: "/account", headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(stillAdmin.statusCode, "the admin token still works after the run").toBe(200);
    // ~11,000 requests to 84 routes took 155 s on a loaded 2-core machine; the route count grows.
  }, 600_000);
});
