import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "./testing/test-api.js";

describe("accounts: passwords, login, tokens, users", () => {
  let api: TestApi;
  const email = `dev-${process.pid}@example.com`;
  const inject = (method: string, url: string, token?: string, payload?: unknown, headers: Record<string, string> = {}) =>
    api.server.inject({ method: method as "GET", url, headers: { ...(token ? bearer(token) : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    api = await startTestApi("pier_accounts");
  });
  afterAll(async () => api?.close());

  it("lets an admin create a user, who logs in with email and password and gets a working token", async () => {
    const created = await inject("POST", "/users", api.adminToken, { email, password: "s3cret-password" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email, admin: false, has_password: true });
    expect(created.body).not.toContain("s3cret");
    const stored = await api.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);

    const login = await inject("POST", "/auth/login", undefined, { email: email.toUpperCase(), password: "s3cret-password" });
    expect(login.statusCode).toBe(201);
    const { token, user } = login.json();
    expect(user.email).toBe(email);
    expect(token).toMatch(/^pier_/);
    const account = await inject("GET", "/account", token);
    expect(account.json()).toMatchObject({ email, admin: false });
  });

  it("refuses a wrong password with 401, and an unknown email the same way", async () => {
    for (const body of [{ email, password: "wrong-password" }, { email: "nobody@example.com", password: "whatever-pw" }]) {
      const res = await inject("POST", "/auth/login", undefined, body);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ id: "unauthorized", message: expect.stringMatching(/Wrong email or password/) });
    }
  });

  it("rate limits logins per account with 429", async () => {
    const victim = `victim-${process.pid}@example.com`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await inject("POST", "/auth/login", undefined, { email: victim, password: "guess-number-" + i })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const res = await inject("POST", "/auth/login", undefined, { email: victim, password: "x" });
    expect(res.json()).toMatchObject({ id: "rate_limited", message: expect.stringMatching(/wait \d+ s/) });
  });

  it("makes named tokens shown once, lists them without the secret, revokes them", async () => {
    const { token: me } = await api.addUser(`tokens-${process.pid}@example.com`);
    const made = await inject("POST", "/account/tokens", me, { name: "ci", expires_in: 3600 });
    expect(made.statusCode).toBe(201);
    const { token, id, expires_at } = made.json();
    expect(new Date(expires_at).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect((await inject("GET", "/account", token)).statusCode).toBe(200);
    const list = await inject("GET", "/account/tokens", me);
    expect(list.json().map((t: { name: string }) => t.name).sort()).toEqual(["ci", "test"]);
    expect(list.body).not.toContain(token);
    expect(list.json().find((t: { current: boolean }) => t.current).name).toBe("test");
    expect((await inject("DELETE", `/account/tokens/${id}`, me)).statusCode).toBe(200);
    expect((await inject("GET", "/account", token)).statusCode).toBe(401);
  });

  it("refuses expired tokens", async () => {
    const { id, token } = await api.addUser(`expired-${process.pid}@example.com`);
    await api.prisma.apiToken.updateMany({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await inject("GET", "/account", token)).statusCode).toBe(401);
  });

  it("logs out by revoking the token in use", async () => {
    const { token } = await api.addUser(`logout-${process.pid}@example.com`);
    expect((await inject("POST", "/auth/logout", token)).statusCode).toBe(204);
    expect((await inject("GET", "/account", token)).statusCode).toBe(401);
  });

  it("changes a password only with the current one", async () => {
    const address = `passwd-${process.pid}@example.com`;
    const { token } = await api.addUser(address, { password: "first-password" });
    expect((await inject("PATCH", "/account", token, { password: "second-password", current_password: "nope-nope" })).statusCode).toBe(403);
    expect((await inject("PATCH", "/account", token, { password: "second-password", current_password: "first-password" })).statusCode).toBe(200);
    expect((await inject("POST", "/auth/login", undefined, { email: address, password: "second-password" })).statusCode).toBe(201);
  });

  it("keeps user management to admins", async () => {
    const { token } = await api.addUser(`plain-${process.pid}@example.com`);
    expect((await inject("GET", "/users", token)).statusCode).toBe(403);
    expect((await inject("POST", "/users", token, { email: "x@example.com" })).statusCode).toBe(403);
    expect((await inject("GET", "/users", api.adminToken)).statusCode).toBe(200);
    expect((await inject("POST", "/users", api.adminToken, { email })).statusCode).toBe(409);
    expect((await inject("POST", "/users", api.adminToken, { email: "short@example.com", password: "short" })).statusCode).toBe(422);
  });

  it("answers Heroku's Accept header, refuses other API versions with 406", async () => {
    const ok = await inject("GET", "/account", api.adminToken, undefined, { accept: "application/vnd.heroku+json; version=3" });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toMatch(/^application\/json/);
    const v2 = await inject("GET", "/account", api.adminToken, undefined, { accept: "application/vnd.heroku+json; version=2" });
    expect(v2.statusCode).toBe(406);
    expect(v2.json().id).toBe("not_acceptable");
  });

  it("parses JSON sent as application/vnd.heroku+json", async () => {
    const res = await api.server.inject({
      method: "POST",
      url: "/apps",
      headers: { ...bearer(api.adminToken), "content-type": "application/vnd.heroku+json; version=3" },
      payload: JSON.stringify({ name: "vendor-json" }),
    });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ["bad JSON", { "content-type": "application/json" }, "{nope", 400, "bad_request"],
    ["an oversized body", { "content-type": "application/json" }, JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }), 413, "payload_too_large"],
    ["an unknown content type", { "content-type": "text/x-nope" }, "hello", 415, "unsupported_media_type"],
  ])("answers %s with a Heroku-shaped %i", async (_name, headers, payload, status, id) => {
    const res = await api.server.inject({ method: "POST", url: "/apps", headers: { ...bearer(api.adminToken), ...headers }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ id, message: expect.any(String) });
  });

  it("serves the OpenAPI document and the reference page", async () => {
    const doc = await inject("GET", "/openapi.json");
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/apps", "/apps/{app}", "/apps/{app}/config-vars", "/apps/{app}/releases", "/auth/login", "/account/tokens"]));
    expect(doc.json().paths["/apps/{app}/config-vars"].patch.requestBody).toBeDefined();
    const page = await inject("GET", "/reference/");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });
});
