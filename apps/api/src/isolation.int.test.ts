import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillPath, routesOf, type OpenApiDoc, type RouteCall } from "./testing/openapi-walk.js";
import { startTestApi, type TestApi } from "./testing/test-api.js";

/**
 * Every route in the OpenAPI document, called by a second user against the first user's app,
 * must answer exactly as it does for an app that does not exist (404), and never with the app's
 * data. Routes added later are covered without editing this test.
 */
describe("scoping: another user's app is invisible on every route", () => {
  let api: TestApi;
  let base: string;
  let routes: RouteCall[];
  const app = `private-${process.pid}`;
  const SECRET = `secret-value-${process.pid}`;
  let owner: { id: string; token: string };
  let outsider: { id: string; token: string };
  let appId: string;
  const ownerEmail = `owner-${process.pid}@example.com`;

  const valueFor = (appName: string) => (name: string): string => {
    if (name === "app" || name === "app_id_or_name") return appName;
    if (name === "repo") return `${appName}.git`;
    if (name === "release") return "1";
    if (name === "collaborator" || name === "user") return ownerEmail;
    if (name === "dyno") return "web.1";
    return "x";
  };

  async function call(route: RouteCall, token: string, appName: string) {
    const res = await fetch(`${base}${fillPath(route.template, valueFor(appName))}`, {
      method: route.method,
      headers: { authorization: `Bearer ${token}`, accept: "application/vnd.heroku+json; version=3", ...(route.contentType ? { "content-type": route.contentType } : {}) },
      body: route.body === undefined ? undefined : typeof route.body === "string" ? route.body : JSON.stringify(route.body),
      redirect: "manual",
      // Streaming endpoints (logs) would never end for someone allowed in.
      signal: AbortSignal.timeout(5000),
    }).catch((err: Error) => ({ status: -1, text: async () => `aborted: ${err.message}` }));
    return { status: res.status, body: await res.text().catch(() => "(stream)") };
  }

  beforeAll(async () => {
    api = await startTestApi("pier_isolation");
    await api.server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`;
    owner = await api.addUser(ownerEmail, { password: "owner-password" });
    outsider = await api.addUser(`outsider-${process.pid}@example.com`, { password: "outsider-password" });
    const auth = { authorization: `Bearer ${owner.token}` };
    expect((await api.server.inject({ method: "POST", url: "/apps", headers: auth, payload: { name: app } })).statusCode).toBe(201);
    expect((await api.server.inject({ method: "PATCH", url: `/apps/${app}/config-vars`, headers: auth, payload: { SECRET } })).statusCode).toBe(200);
    appId = (await api.prisma.app.findUniqueOrThrow({ where: { name: app } })).id;
    routes = routesOf((await api.server.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDoc);
  });
  afterAll(async () => api?.close());

  it("finds the routes in the OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((r) => r.params.includes("app")).length).toBeGreaterThan(8);
  });

  it("answers app-scoped routes for another user's app exactly like for a missing app", async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.params.some((p) => p === "app" || p === "repo"))) {
      const real = await call(route, outsider.token, app);
      const missing = await call(route, outsider.token, "no-such-app-zz");
      const label = `${route.method} ${route.template}`;
      if (real.status < 400 || real.status >= 500) problems.push(`${label}: ${real.status} ${real.body.slice(0, 200)}`);
      if (real.status !== missing.status || real.body.replaceAll(app, "no-such-app-zz") !== missing.body) {
        problems.push(`${label}: differs from a missing app (${real.status} ${real.body.slice(0, 120)} vs ${missing.status} ${missing.body.slice(0, 120)})`);
      }
      for (const leak of [SECRET, appId]) if (real.body.includes(leak)) problems.push(`${label}: leaks ${leak}`);
      if (route.method === "GET") {
        // Where the owner is served, the outsider must get 404.
        const mine = await call(route, owner.token, app);
        if (mine.status >= 200 && mine.status < 300 && real.status !== 404) problems.push(`${label}: owner gets ${mine.status}, outsider ${real.status} (want 404)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("never shows the app in routes that are not about one app", async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => !r.params.some((p) => p === "app" || p === "repo"))) {
      if (route.template === "/auth/logout" || (route.method === "DELETE" && route.template.startsWith("/account"))) continue;
      const res = await call(route, outsider.token, app);
      for (const leak of [app, appId, SECRET]) if (res.body.includes(leak)) problems.push(`${route.method} ${route.template}: leaks ${leak}`);
    }
    expect(problems).toEqual([]);
  });

  it("lets the owner still see everything afterwards (nothing was changed by the outsider)", async () => {
    const vars = await api.server.inject({ method: "GET", url: `/apps/${app}/config-vars`, headers: { authorization: `Bearer ${owner.token}` } });
    expect(vars.json()).toEqual({ SECRET });
  });

  it("gives a collaborator operate rights but not destroy or access changes", async () => {
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const added = await api.server.inject({ method: "POST", url: `/apps/${app}/collaborators`, headers: auth(owner.token), payload: { user: `outsider-${process.pid}@example.com` } });
    expect(added.statusCode).toBe(201);
    expect((await api.server.inject({ method: "GET", url: `/apps/${app}/config-vars`, headers: auth(outsider.token) })).json()).toEqual({ SECRET });
    const apps = (await api.server.inject({ method: "GET", url: "/apps", headers: auth(outsider.token) })).json() as { name: string }[];
    expect(apps.map((a) => a.name)).toContain(app);
    expect((await api.server.inject({ method: "DELETE", url: `/apps/${app}`, headers: auth(outsider.token) })).statusCode).toBe(403);
    expect((await api.server.inject({ method: "PATCH", url: `/apps/${app}`, headers: auth(outsider.token), payload: { name: "stolen-name" } })).statusCode).toBe(403);
    expect((await api.server.inject({ method: "POST", url: `/apps/${app}/collaborators`, headers: auth(outsider.token), payload: { user: ownerEmail } })).statusCode).toBe(403);
    expect((await api.server.inject({ method: "DELETE", url: `/apps/${app}/collaborators/outsider-${process.pid}@example.com`, headers: auth(owner.token) })).statusCode).toBe(200);
    expect((await api.server.inject({ method: "GET", url: `/apps/${app}/config-vars`, headers: auth(outsider.token) })).statusCode).toBe(404);
  });
});
