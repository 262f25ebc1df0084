import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

describe("log drains (Heroku's /apps/:app/log-drains)", () => {
  let api: TestApi;
  const call = (method: "GET" | "POST" | "DELETE", url: string, payload?: object) => api.server.inject({ method, url, payload, headers: bearer(api.adminToken) });

  beforeAll(async () => {
    api = await startTestApi("pier_drains");
    expect((await call("POST", "/apps", { name: "drained" })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("adds, lists and removes drains by id, token or URL", async () => {
    const a = await call("POST", "/apps/drained/log-drains", { url: "syslog+tls://logs.example.com:6514" });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ url: "syslog+tls://logs.example.com:6514", token: expect.stringMatching(/^d\.[0-9a-f-]{36}$/), addon: null });
    const b = (await call("POST", "/apps/drained/log-drains", { url: "https://user:pw@in.example.com/drain" })).json() as { id: string; token: string };
    const c = (await call("POST", "/apps/drained/log-drains", { url: "syslog://10.1.2.3:514" })).json() as { id: string };
    expect((await call("POST", "/apps/drained/log-drains", { url: "syslog+tls://logs.example.com:6514" })).statusCode).toBe(409);
    expect(((await call("GET", "/apps/drained/log-drains")).json() as { url: string }[]).map((d) => d.url)).toEqual([
      "syslog+tls://logs.example.com:6514",
      "https://user:pw@in.example.com/drain",
      "syslog://10.1.2.3:514",
    ]);
    expect((await call("DELETE", `/apps/drained/log-drains/${encodeURIComponent("syslog+tls://logs.example.com:6514")}`)).statusCode).toBe(200);
    expect((await call("DELETE", `/apps/drained/log-drains/${b.token}`)).statusCode).toBe(200);
    expect((await call("DELETE", `/apps/drained/log-drains/${c.id}`)).statusCode).toBe(200);
    expect((await call("DELETE", `/apps/drained/log-drains/${c.id}`)).statusCode).toBe(404);
    expect((await call("GET", "/apps/drained/log-drains")).json()).toEqual([]);
  });

  it.each(["logs.example.com:514", "ftp://x.example", "syslog://x.example:1/path", ""])("refuses %j", async (url) => {
    expect((await call("POST", "/apps/drained/log-drains", { url })).statusCode).toBe(422);
  });
});
