import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicCredentials } from "./routes/oauth.js";
import { bearer, startTestApi, type TestApi } from "./testing/test-api.js";

const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

describe("/oauth (heroku login -i, heroku logout)", () => {
  let api: TestApi;
  const email = `heroku-${process.pid}@example.com`;
  const authorize = (authorization: string | undefined, payload: object = { description: "Heroku CLI login from laptop", expires_in: 2_592_000, scope: ["global"] }) =>
    api.server.inject({ method: "POST", url: "/oauth/authorizations", headers: { accept: "application/vnd.heroku+json; version=3", ...(authorization ? { authorization } : {}) }, payload });

  beforeAll(async () => {
    api = await startTestApi("pier_oauth");
    await api.addUser(email, { password: "heroku-password" });
  });
  afterAll(async () => api?.close());

  it("turns Basic email:password into a token in Heroku's shape, named by the description", async () => {
    const res = await authorize(basic(`${email}:heroku-password`));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ description: "Heroku CLI login from laptop", scope: ["global"], user: { email }, access_token: { token: expect.stringMatching(/^pier_/) } });
    expect(body.access_token.expires_in).toBeGreaterThan(2_591_000);
    expect((await api.server.inject({ method: "GET", url: "/account", headers: bearer(body.access_token.token) })).json()).toMatchObject({ email });
    expect(await api.prisma.apiToken.findFirst({ where: { name: "Heroku CLI login from laptop" } })).not.toBeNull();
  });

  it.each<[string, string | undefined]>([
    ["a wrong password", basic(`${email}:wrong-password`)],
    ["no credentials", undefined],
    ["a bearer token instead of a password", "Bearer pier_notapassword"],
  ])("answers 401 to %s", async (_, authorization) => {
    const res = await authorize(authorization);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ id: "unauthorized" });
  });

  it("lets `heroku logout` revoke its token: lists authorizations without tokens, deletes the session ~", async () => {
    const token = (await authorize(basic(`${email}:heroku-password`), { description: "to log out" })).json().access_token.token as string;
    const list = await api.server.inject({ method: "GET", url: "/oauth/authorizations", headers: bearer(token) });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual(expect.arrayContaining([expect.objectContaining({ description: "to log out", access_token: null, user: expect.objectContaining({ email }) })]));
    expect(list.body).not.toContain(token);
    const current = await api.server.inject({ method: "GET", url: "/oauth/authorizations/~", headers: bearer(token) });
    expect(current.json()).toMatchObject({ description: "to log out", access_token: null });
    expect((await api.server.inject({ method: "GET", url: "/oauth/authorizations/nope", headers: bearer(token) })).statusCode).toBe(404);
    const other = await api.server.inject({ method: "DELETE", url: "/oauth/sessions/some-id", headers: bearer(token) });
    expect(other.statusCode).toBe(404);
    const out = await api.server.inject({ method: "DELETE", url: "/oauth/sessions/~", headers: bearer(token) });
    expect(out.statusCode).toBe(200);
    expect((await api.server.inject({ method: "GET", url: "/account", headers: bearer(token) })).statusCode).toBe(401);
    expect(await api.prisma.apiToken.findFirst({ where: { name: "to log out" } })).toBeNull();
  });

  it.each<[string | undefined, ReturnType<typeof basicCredentials>]>([
    [basic("a@b.c:pass:with:colons"), { email: "a@b.c", password: "pass:with:colons" }],
    [basic("no-colon"), undefined],
    [basic(":empty-email"), undefined],
    ["Bearer x", undefined],
    [undefined, undefined],
  ])("basicCredentials(%s)", (header, expected) => expect(basicCredentials(header)).toEqual(expected));
});
