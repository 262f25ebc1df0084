import { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "./testing/test-api.js";

/** Config vars and releases through the API; the worker's deploy is covered by e2e/config-releases. */
describe("config vars, releases, rollback", () => {
  let api: TestApi;
  const app = `cfg-${process.pid}`;
  const inject = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    api.server.inject({ method: method as "GET", url, headers: { ...bearer(api.adminToken), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    api = await startTestApi("pier_releases");
    expect((await inject("POST", "/apps", { name: app })).statusCode).toBe(201);
  });
  afterAll(async () => api?.close());

  it("records config on an app that never deployed as releases with nothing to deploy", async () => {
    const res = await inject("PATCH", `/apps/${app}/config-vars`, { GREETING: "hello", OTHER: "x" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ GREETING: "hello", OTHER: "x" });
    const releases = (await inject("GET", `/apps/${app}/releases`)).json();
    expect(releases).toEqual([expect.objectContaining({ version: 1, status: "succeeded", description: "Set GREETING, OTHER config vars", eligible_for_rollback: false })]);
  });

  it("stores values encrypted at rest (and in releases)", async () => {
    const rows = await api.prisma.configVar.findMany({ where: { app: { name: app } } });
    expect(rows.map((r) => r.value).every((v) => v.startsWith("v2:") && !v.includes("hello"))).toBe(true);
    const release = await api.prisma.release.findFirstOrThrow({ where: { app: { name: app } } });
    expect(JSON.stringify(release.config)).not.toContain("hello");
  });

  it("unsets with null and keeps the rest", async () => {
    const res = await inject("PATCH", `/apps/${app}/config-vars`, { OTHER: null });
    expect(res.json()).toEqual({ GREETING: "hello" });
    expect((await inject("GET", `/apps/${app}/config-vars`)).json()).toEqual({ GREETING: "hello" });
  });

  it.each([
    [{ "BAD-NAME": "x" }, 422],
    [{ PORT: "80" }, 422],
    [{}, 422],
    [{ N: 5 }, 422],
    [["x"], 400],
  ])("rejects %j with %i", async (body, status) => {
    const res = await inject("PATCH", `/apps/${app}/config-vars`, body);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ id: expect.any(String), message: expect.any(String) });
  });

  it("once deployed, a config change makes a pending release of the running image and queues its deploy", async () => {
    const target = await api.prisma.app.findUniqueOrThrow({ where: { name: app } });
    const last = await api.prisma.release.findFirstOrThrow({ where: { appId: target.id }, orderBy: { version: "desc" } });
    // What a successful push leaves: a release with an image that deployed.
    const deployed = await api.prisma.release.create({
      data: { appId: target.id, version: last.version + 1, imageTag: "pier/test:one", processTypes: { web: ["gunicorn"] }, config: last.config ?? {}, status: "succeeded", description: "Deploy abc" },
    });
    const res = await inject("PATCH", `/apps/${app}/config-vars`, { GREETING: "bonjour" });
    expect(res.statusCode).toBe(200);
    const newest = (await inject("GET", `/apps/${app}/releases`, undefined, { range: "version ..; order=desc,max=1" }));
    expect(newest.statusCode).toBe(206);
    expect(newest.headers["next-range"]).toBe(`version ]${deployed.version + 1}..; max=1, order=desc`);
    const [made] = newest.json();
    expect(made).toMatchObject({ version: deployed.version + 1, status: "pending", current: false, description: "Set GREETING config vars" });
    const row = await api.prisma.release.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.imageTag).toBe("pier/test:one");
    const job = await Job.fromId(api.deps.releaseQueue, made.id);
    expect(job?.data).toEqual({ releaseId: made.id });
    await job?.remove();
  });

  it("pages releases the way the heroku CLI asks, with no Next-Range on the last page", async () => {
    const res = await inject("GET", `/apps/${app}/releases`, undefined, { range: "version ..; max=15, order=desc" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["next-range"]).toBeUndefined();
    const versions = res.json().map((r: { version: number }) => r.version);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    expect(res.json().filter((r: { current: boolean }) => r.current)).toHaveLength(1);
    expect((await inject("GET", `/apps/${app}/releases`, undefined, { range: "version ..; max=0" })).statusCode).toBe(400);
  });

  it("rolls back to a deployed release: its image and config, as a new release", async () => {
    const releases = (await inject("GET", `/apps/${app}/releases`)).json() as { id: string; version: number; eligible_for_rollback: boolean }[];
    const target = releases.find((r) => r.eligible_for_rollback)!;
    const res = await inject("POST", `/apps/${app}/releases`, { release: target.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ description: `Rollback to v${target.version}`, status: "pending" });
    expect((await inject("GET", `/apps/${app}/config-vars`)).json()).toEqual({ GREETING: "hello" });
    expect((await inject("GET", `/apps/${app}/releases/v${target.version}`)).json().id).toBe(target.id);
    const ineligible = releases.find((r) => !r.eligible_for_rollback)!;
    expect((await inject("POST", `/apps/${app}/releases`, { release: String(ineligible.version) })).statusCode).toBe(422);
    expect((await inject("POST", `/apps/${app}/releases`, { release: "v999" })).statusCode).toBe(404);
    await (await Job.fromId(api.deps.releaseQueue, res.json().id))?.remove();
  });

  it("refuses, saying why, to roll back to a release whose image was pruned", async () => {
    const target = await api.prisma.app.findUniqueOrThrow({ where: { name: app } });
    const last = await api.prisma.release.findFirstOrThrow({ where: { appId: target.id }, orderBy: { version: "desc" } });
    // Five newer images: "pier/test:one" falls out of what the artifact cleanup keeps.
    for (let i = 1; i <= 5; i++) {
      await api.prisma.release.create({
        data: { appId: target.id, version: last.version + i, imageTag: `pier/test:newer-${i}`, processTypes: { web: ["gunicorn"] }, config: last.config ?? {}, status: "succeeded", description: `Deploy ${i}` },
      });
    }
    const releases = (await inject("GET", `/apps/${app}/releases`)).json() as { version: number; eligible_for_rollback: boolean }[];
    const old = await api.prisma.release.findFirstOrThrow({ where: { appId: target.id, imageTag: "pier/test:one", status: "succeeded" } });
    expect(releases.find((r) => r.version === old.version)?.eligible_for_rollback).toBe(false);
    expect(releases.find((r) => r.version === last.version + 1)?.eligible_for_rollback).toBe(true);
    const res = await inject("POST", `/apps/${app}/releases`, { release: `v${old.version}` });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe(
      `Cannot roll back to v${old.version}: v${old.version}'s image is no longer kept: Pier keeps the images of each app's last 5 releases. Push that code again to deploy it.`,
    );
  });

  it("writes the audit log without values", async () => {
    const events = (await inject("GET", `/audit?app=${app}`)).json() as { action: string; details: object }[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["app.create", "config.update", "release.rollback"]));
    expect(JSON.stringify(events)).not.toContain("bonjour");
  });

  it("renames an app", async () => {
    const res = await inject("PATCH", `/apps/${app}`, { name: `${app}-renamed` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: `${app}-renamed`, git_url: expect.stringContaining(`/${app}-renamed.git`) });
    expect((await inject("GET", `/apps/${app}`)).statusCode).toBe(404);
    expect((await inject("GET", `/apps/${app}-renamed/config-vars`)).json()).toEqual({ GREETING: "hello" });
  });
});
