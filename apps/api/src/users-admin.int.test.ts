import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "./testing/test-api.js";

describe("users admin: roles, disabling, deleting", () => {
  let api: TestApi;
  const pid = process.pid;
  const inject = (method: string, url: string, token: string, payload?: unknown) =>
    api.server.inject({ method: method as "GET", url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });
  const actions = async () => (await api.prisma.auditEvent.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.action);

  beforeAll(async () => {
    api = await startTestApi("pier_users_admin");
  });
  afterAll(async () => api?.close());

  it("never removes the last admin: not by role change, disabling or deletion", async () => {
    const admin = await api.prisma.user.findFirstOrThrow({ where: { isAdmin: true } });
    const second = await api.addUser(`second-admin-${pid}@example.com`, { admin: true });
    // The second admin acts on the first (nobody may act on themselves for disable/delete).
    const demoteFirst = await inject("PATCH", `/users/${admin.email}`, second.token, { role: "member" });
    expect(demoteFirst.statusCode).toBe(200);
    expect(demoteFirst.json()).toMatchObject({ admin: false });
    const demoteLast = await inject("PATCH", `/users/${second.id}`, second.token, { role: "member" });
    expect(demoteLast.statusCode).toBe(409);
    expect(demoteLast.json().message).toMatch(/last admin/);
    expect((await inject("PATCH", `/users/${admin.email}`, second.token, { role: "admin" })).json()).toMatchObject({ admin: true });
    expect((await inject("DELETE", `/users/${second.id}`, second.token)).statusCode).toBe(409); // yourself
    expect(await actions()).toEqual(expect.arrayContaining(["user.role"]));
  });

  it("lets only admins change users; a member gets 403 and changes nothing", async () => {
    const member = await api.addUser(`member-${pid}@example.com`);
    const res = await inject("PATCH", `/users/~`, member.token, { role: "admin" });
    expect(res.statusCode).toBe(403);
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: member.id } })).isAdmin).toBe(false);
    expect((await inject("DELETE", `/users/admin@example.com`, member.token)).statusCode).toBe(403);
  });

  it("disables a user: their token, password and login stop working until enabled again", async () => {
    const email = `disabled-${pid}@example.com`;
    const user = await api.addUser(email, { password: "user-password" });
    expect((await inject("GET", "/account", user.token)).statusCode).toBe(200);
    const off = await inject("PATCH", `/users/${email}`, api.adminToken, { disabled: true });
    expect(off.json()).toMatchObject({ disabled: true });
    expect((await inject("GET", "/account", user.token)).statusCode).toBe(401);
    const login = await api.server.inject({ method: "POST", url: "/auth/login", payload: { email, password: "user-password" } });
    expect(login.statusCode).toBe(403);
    expect(login.json().message).toMatch(/disabled/);
    expect((await inject("PATCH", `/users/${email}`, api.adminToken, { disabled: false })).json()).toMatchObject({ disabled: false });
    expect((await inject("GET", "/account", user.token)).statusCode).toBe(200);
    expect(await actions()).toEqual(expect.arrayContaining(["user.disable", "user.enable"]));
  });

  it("refuses to delete a user who owns apps, naming them; transfers them on request", async () => {
    const email = `leaving-${pid}@example.com`;
    const heir = `heir-${pid}@example.com`;
    const leaving = await api.addUser(email);
    const heirUser = await api.addUser(heir);
    for (const name of [`kept-a-${pid}`, `kept-b-${pid}`]) expect((await inject("POST", "/apps", leaving.token, { name })).statusCode).toBe(201);
    // The heir collaborates on one of them already: that row goes, ownership replaces it.
    expect((await inject("POST", `/apps/kept-a-${pid}/collaborators`, leaving.token, { user: heir })).statusCode).toBe(201);

    const refused = await inject("DELETE", `/users/${email}`, api.adminToken);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(`kept-a-${pid}, kept-b-${pid}`);
    expect(refused.json().message).toContain("--transfer-to");

    const deleted = await inject("DELETE", `/users/${email}?transfer_to=${heir}`, api.adminToken);
    expect(deleted.statusCode).toBe(200);
    expect(await api.prisma.user.findUnique({ where: { id: leaving.id } })).toBeNull();
    const apps = await api.prisma.app.findMany({ where: { name: { startsWith: "kept-" } }, include: { collaborators: true } });
    expect(apps.map((a) => a.ownerId)).toEqual([heirUser.id, heirUser.id]);
    expect(apps.flatMap((a) => a.collaborators)).toEqual([]);
    expect((await inject("GET", "/account", leaving.token)).statusCode).toBe(401);
    const events = await api.prisma.auditEvent.findMany({ where: { action: { in: ["user.delete", "app.transfer"] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["app.transfer", "app.transfer", "user.delete"]);
  });

  it("deletes a user without apps, and answers 404 for an unknown one", async () => {
    const email = `plain-${pid}@example.com`;
    await api.addUser(email);
    expect((await inject("DELETE", `/users/${email}`, api.adminToken)).statusCode).toBe(200);
    expect((await inject("DELETE", `/users/${email}`, api.adminToken)).statusCode).toBe(404);
  });
});
