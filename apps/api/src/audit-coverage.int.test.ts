import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routesOf, type OpenApiDoc } from "./testing/openapi-walk.js";
import { bearer, startTestApi, type TestApi } from "./testing/test-api.js";

/**
 * Every state-changing route leaves an audit event. The table names, for each non-GET route in
 * the OpenAPI document, a call that succeeds and the event it must write, or why the route
 * changes nothing worth auditing. A route added without an entry fails the first test.
 */
const pid = process.pid;
const APP = `audited-${pid}`;
const OTHER = `other-${pid}@example.com`;
const HEIR = `heir-${pid}@example.com`;

interface Step {
  /** `METHOD /openapi/{template}`. */
  route: string;
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  body?: unknown;
  contentType?: string;
  /** Who calls: the admin (default) or the second user. */
  as?: "admin" | "other";
  /** Basic credentials (email:password) instead of a token. */
  basic?: string;
  action: string;
}

/** Run in this order: later steps use what earlier ones made. */
const STEPS: Step[] = [
  { route: "POST /users", method: "POST", url: "/users", body: { email: OTHER, password: "other-password" }, action: "user.create" },
  { route: "POST /auth/login", method: "POST", url: "/auth/login", body: { email: OTHER, password: "other-password" }, action: "login" },
  { route: "POST /oauth/authorizations", method: "POST", url: "/oauth/authorizations", body: {}, basic: `${OTHER}:other-password`, action: "login" },
  { route: "PATCH /users/{user}", method: "PATCH", url: `/users/${OTHER}`, body: { role: "member", disabled: false }, action: "-" },
  { route: "PATCH /account", method: "PATCH", url: "/account", body: { name: "Admin" }, action: "account.update" },
  { route: "POST /account/tokens", method: "POST", url: "/account/tokens", body: { name: "ci" }, action: "token.create" },
  { route: "DELETE /account/tokens/{token}", method: "DELETE", url: "/account/tokens/ci", action: "token.revoke" },
  { route: "POST /account/keys", method: "POST", url: "/account/keys", body: { public_key: "KEY" }, action: "key.add" },
  { route: "DELETE /account/keys/{key}", method: "DELETE", url: "/account/keys/audit-key", action: "key.remove" },
  { route: "POST /apps", method: "POST", url: "/apps", body: { name: APP }, action: "app.create" },
  { route: "PATCH /apps/{app}/config-vars", method: "PATCH", url: `/apps/${APP}/config-vars`, body: { A: "1" }, action: "config.update" },
  { route: "PATCH /apps/{app}/formation", method: "PATCH", url: `/apps/${APP}/formation`, body: { updates: [{ type: "web", quantity: 0 }] }, action: "formation.update" },
  { route: "PATCH /apps/{app}/formation/{type}", method: "PATCH", url: `/apps/${APP}/formation/web`, body: { size: "standard" }, action: "formation.update" },
  { route: "DELETE /apps/{app}/dynos", method: "DELETE", url: `/apps/${APP}/dynos`, action: "dyno.restart" },
  { route: "DELETE /apps/{app}/dynos/{dyno}", method: "DELETE", url: `/apps/${APP}/dynos/web.1`, action: "dyno.restart" },
  { route: "DELETE /apps/{app}/formations/{type}", method: "DELETE", url: `/apps/${APP}/formations/web`, action: "dyno.restart" },
  { route: "POST /apps/{app}/domains", method: "POST", url: `/apps/${APP}/domains`, body: { hostname: `www.audited-${pid}.example.org` }, action: "domain.add" },
  { route: "DELETE /apps/{app}/domains/{hostname}", method: "DELETE", url: `/apps/${APP}/domains/www.audited-${pid}.example.org`, action: "domain.remove" },
  { route: "PATCH /apps/{app}/routing", method: "PATCH", url: `/apps/${APP}/routing`, body: { maintenance: true }, action: "app.routing" },
  { route: "POST /apps/{app}/collaborators", method: "POST", url: `/apps/${APP}/collaborators`, body: { user: OTHER }, action: "collaborator.add" },
  { route: "DELETE /apps/{app}/collaborators/{collaborator}", method: "DELETE", url: `/apps/${APP}/collaborators/${OTHER}`, action: "collaborator.remove" },
  { route: "POST /apps/{app}/builds", method: "POST", url: `/apps/${APP}/builds`, body: "TAR", contentType: "application/x-tar", action: "build.create" },
  { route: "POST /apps/{app}/log-drains", method: "POST", url: `/apps/${APP}/log-drains`, body: { url: "https://logs.example.org/pier" }, action: "drain.add" },
  { route: "DELETE /apps/{app}/log-drains/{drain}", method: "DELETE", url: `/apps/${APP}/log-drains/DRAIN`, action: "drain.remove" },
  { route: "DELETE /apps/{app}/build-cache", method: "DELETE", url: `/apps/${APP}/build-cache`, action: "build_cache.purge" },
  { route: "POST /apps/{app}/releases", method: "POST", url: `/apps/${APP}/releases`, body: { release: "1" }, action: "release.rollback" },
  { route: "PATCH /apps/{app}", method: "PATCH", url: `/apps/${APP}`, body: { name: `${APP}-b` }, action: "app.rename" },
  { route: "POST /hosts", method: "POST", url: "/hosts", body: { name: `audit-host-${pid}`, docker_url: "unix:///var/run/docker.sock" }, action: "host.add" },
  { route: "POST /hosts/{host}/actions/{action}", method: "POST", url: `/hosts/audit-host-${pid}/actions/drain`, action: "host.drain" },
  { route: "POST /admin/secret-key/rotation", method: "POST", url: "/admin/secret-key/rotation", action: "secret_key.rotate" },
  { route: "POST /users", method: "POST", url: "/users", body: { email: HEIR }, action: "user.create" },
  { route: "DELETE /oauth/sessions/{session}", method: "DELETE", url: "/oauth/sessions/~", as: "other", action: "logout" },
  { route: "POST /auth/login", method: "POST", url: "/auth/login", body: { email: OTHER, password: "other-password" }, action: "login" },
  { route: "POST /auth/logout", method: "POST", url: "/auth/logout", as: "other", action: "logout" },
  { route: "DELETE /users/{user}", method: "DELETE", url: `/users/${OTHER}?transfer_to=${HEIR}`, action: "user.delete" },
  { route: "DELETE /apps/{app}", method: "DELETE", url: `/apps/${APP}-b`, action: "app.destroy" },
];

/**
 * Routes whose successful call needs a Docker engine (add-on containers, one-off instances): their
 * own integration tests make them succeed; here the event's name must be written by a use case.
 */
const AUDITED_WITH_DOCKER: Record<string, string> = {
  "POST /apps/{app}/addons": "addon.create",
  "DELETE /apps/{app}/addons/{addon}": "addon.destroy",
  "POST /apps/{app}/addons/{addon}/actions/restore": "addon.restore",
  "POST /apps/{app}/addons/{addon}/actions/rotate-credentials": "addon.rotate_credentials",
  "POST /addon-attachments": "addon.attach",
  "POST /apps/{app}/addons/{addon}/backups": "backup.capture",
  "DELETE /apps/{app}/addons/{addon}/backups/{backup}": "backup.delete",
  "POST /apps/{app}/addons/{addon}/backups/{backup}/actions/restore": "backup.restore",
  "PATCH /apps/{app}/addons/{addon}/backup-schedule": "backup.schedule",
  "POST /apps/{app}/dynos": "dyno.run",
  "POST /apps/{app}/dynos/{dyno}/attach": "dyno.run",
};

/** Routes that change no state a person would ask "who did this" about. */
const EXEMPT: Record<string, string> = {
  "POST /apps/{app}/log-sessions": "opens a read-only log stream",
  "POST /apps/{app}/event-sessions": "opens a read-only event stream",
  "POST /apps/{app}/dynos/{dyno}/resize": "sets the terminal size of an attached one-off (its start, dyno.run, is audited)",
  "POST /{repo}/git-receive-pack": "git transport: the push uploads its build through POST /apps/{app}/builds (build.create)",
  "POST /{repo}/git-upload-pack": "git fetch/clone: reads only",
};

describe("audit: every state-changing route writes an audit event", () => {
  let api: TestApi;
  let tar: Buffer;
  let otherToken: string | undefined;
  let KEY: string;

  beforeAll(async () => {
    api = await startTestApi("pier_audit_coverage");
    const dir = mkdtempSync(join(tmpdir(), "pier-audit-"));
    writeFileSync(join(dir, "app.py"), "print('hi')\n");
    tar = execFileSync("tar", ["-cf", "-", "-C", dir, "app.py"]);
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "audit-key", "-f", join(dir, "key")]);
    KEY = readFileSync(join(dir, "key.pub"), "utf8").trim();
  });
  afterAll(async () => api?.close());

  it("has an entry (a call or a reason) for every non-GET route in the OpenAPI document", async () => {
    const doc = (await api.server.inject({ method: "GET", url: "/openapi.json" })).json() as OpenApiDoc;
    const covered = new Set([...STEPS.map((s) => s.route), ...Object.keys(EXEMPT), ...Object.keys(AUDITED_WITH_DOCKER)]);
    const routes = routesOf(doc)
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.template}`);
    expect(routes.filter((r) => !covered.has(r)), "add these routes to STEPS (with the audit event they write) or EXEMPT").toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r)), "these entries name no route any more").toEqual([]);
  });

  it("finds the events of the routes that need Docker written by a use case", () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), "../../../packages/use-cases/src");
    const source = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const missing = Object.entries(AUDITED_WITH_DOCKER).filter(([, action]) => !source.includes(`"${action}"`));
    expect(missing).toEqual([]);
  });

  it("finds the expected event after each successful call", async () => {
    const problems: string[] = [];
    for (const step of STEPS) {
      if (step.route === "PATCH /apps/{app}/formation") await seedReleases(api, APP);
      if (step.route === "DELETE /apps/{app}/dynos/{dyno}") await seedInstance(api, APP);
      // The drain's id is known only once it exists.
      const url = step.url.includes("DRAIN") ? step.url.replace("DRAIN", (await api.prisma.logDrain.findFirstOrThrow()).id) : step.url;
      const before = new Date(Date.now() - 1);
      const token = step.as === "other" ? otherToken! : api.adminToken;
      const body = step.body === "TAR" ? tar : step.body === undefined ? undefined : JSON.stringify(step.body).replace('"KEY"', JSON.stringify(KEY));
      const res = await api.server.inject({
        method: step.method,
        url,
        headers: { ...(step.basic ? { authorization: `Basic ${Buffer.from(step.basic).toString("base64")}` } : bearer(token)), ...(body !== undefined ? { "content-type": step.contentType ?? "application/json" } : {}) },
        ...(body !== undefined ? { payload: body } : {}),
      });
      if (step.route === "POST /auth/login") otherToken = res.json<{ token: string }>().token;
      if (res.statusCode >= 300) {
        problems.push(`${step.route}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      if (step.action === "-") continue;
      const events = await api.prisma.auditEvent.findMany({ where: { action: step.action, createdAt: { gte: before } } });
      if (events.length === 0) problems.push(`${step.route}: answered ${res.statusCode} but wrote no "${step.action}" event`);
    }
    expect(problems).toEqual([]);
  });

  it("records role changes and disabling too (PATCH /users/{user})", async () => {
    const email = `patched-${pid}@example.com`;
    await api.addUser(email);
    for (const body of [{ role: "admin" }, { disabled: true }]) {
      expect((await api.server.inject({ method: "PATCH", url: `/users/${email}`, headers: bearer(api.adminToken), payload: body })).statusCode).toBe(200);
    }
    const actions = (await api.prisma.auditEvent.findMany({ where: { details: { path: ["email"], equals: email } } })).map((e) => e.action);
    expect(actions.sort()).toEqual(["user.disable", "user.role"]);
  });
});

/** Config changes made releases without images (nothing was built): give them one, and add a newer release, so v1 can be rolled back to. */
async function seedReleases(api: TestApi, name: string): Promise<void> {
  const app = await api.prisma.app.findUniqueOrThrow({ where: { name } });
  const data = { imageTag: `pier/${name}:built`, status: "succeeded" as const, processTypes: { web: ["python", "app.py"] } };
  await api.prisma.release.updateMany({ where: { appId: app.id }, data });
  const last = await api.prisma.release.count({ where: { appId: app.id } });
  await api.prisma.release.create({ data: { appId: app.id, version: last + 1, ...data } });
}

async function seedInstance(api: TestApi, name: string): Promise<void> {
  const app = await api.prisma.app.findUniqueOrThrow({ where: { name } });
  const release = await api.prisma.release.findFirstOrThrow({ where: { appId: app.id }, orderBy: { version: "desc" } });
  const host = await api.prisma.host.upsert({ where: { name: "local" }, create: { name: "local", dockerUrl: "unix:///var/run/docker.sock" }, update: {} });
  await api.prisma.instance.create({ data: { appId: app.id, releaseId: release.id, hostId: host.id, type: "web", number: 1, state: "up" } });
}
