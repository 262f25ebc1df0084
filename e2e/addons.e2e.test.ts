import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Dockerode from "dockerode";
import { CLI, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { fixtureRepo, type FixtureRepo } from "./support/push-app.js";
import { run, runOk } from "./support/run.js";

const docker = new Dockerode({ socketPath: "/var/run/docker.sock" });

/** Polls a GET through the router until `want` matches (a release rolling out), or gives up. */
async function eventually(pier: RunningPier, host: string, path: string, want: RegExp, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last = { status: 0, body: "" };
  while (Date.now() < deadline) {
    last = await viaRouter(pier, host, path).catch((err: Error) => ({ status: 0, body: err.message }));
    if (last.status === 200 && want.test(last.body)) return last;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${path} did not answer ${want} in ${timeoutMs / 1000} s; last: ${last.status} ${last.body.slice(0, 300)}`);
}

/**
 * Issue 8: a Django app with DATABASE_URL from a provisioned PostgreSQL add-on (dj-database-url,
 * psycopg), its migrations run by the Procfile `release:` phase, serving rows from the database.
 */
describe("database add-ons", () => {
  let pier: RunningPier;
  let repo: FixtureRepo;
  let appId: string;
  const pierCli = (...args: string[]) => runOk([process.execPath, CLI, ...args, "--app", repo.app], { env: pier.env, timeoutMs: 300_000 });

  beforeAll(async () => {
    pier = await startPier("addons");
    repo = await fixtureRepo(pier, "django-postgres", `addons-${process.pid}`);
    appId = ((await (await fetch(`${pier.apiUrl}/apps/${repo.app}`, { headers: { Authorization: `Bearer ${pier.token}` } })).json()) as { id: string }).id;
  });
  afterAll(async () => {
    // The add-on's volume outlives apps:destroy (grace period): remove what this test made.
    // Pier first, so no reconciler starts anything again; then the app's containers.
    await pier?.stop();
    const mine = { label: [`pier.app-id=${appId}`] };
    for (const c of await docker.listContainers({ all: true, filters: mine })) await docker.getContainer(c.Id).remove({ force: true });
    for (const v of (await docker.listVolumes({ filters: mine })).Volumes ?? []) await docker.getVolume(v.Name).remove();
    for (const n of await docker.listNetworks({ filters: mine })) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  });

  it("addons:create postgres sets DATABASE_URL; the release phase migrates; the app serves rows", async () => {
    const created = await pierCli("addons:create", "postgres");
    expect(created.stdout).toMatch(/Created postgres-[a-z]+-\d{5} \(postgres:small, version 15\.\d+\) as DATABASE_URL/);
    const config = await pierCli("config:get", "DATABASE_URL");
    expect(config.stdout).toMatch(/^postgres:\/\/u[0-9a-f]+:[A-Za-z0-9]+@postgres-[a-z]+-\d{5}:5432\/d[0-9a-f]+/);

    const push = await repo.push("v1");
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/Applying notes\.0001_initial\.\.\. OK/);
    expect(await viaRouter(pier, repo.host, "/add?body=first")).toEqual({ status: 200, body: "added" });
    expect(await viaRouter(pier, repo.host, "/")).toEqual({ status: 200, body: "notes: first" });
  });

  it("lists and describes the add-on, and pier psql runs a query on the app's network", async () => {
    const list = await pierCli("addons");
    expect(list.stdout).toMatch(/postgres-[a-z]+-\d{5}\s+postgres:small\s+available\s+DATABASE_URL/);
    const name = /(postgres-[a-z]+-\d{5})/.exec(list.stdout)![1]!;
    const info = await pierCli("addons:info", name);
    expect(info.stdout).toMatch(/Version:\s+15\.\d+/);
    expect(info.stdout).toMatch(/Connections:\s+\d+/);
    const psql = await pierCli("psql", "--command", "SELECT body FROM notes_note");
    expect(psql.stdout).toMatch(/first/);
  });

  it("a new deploy leaves the data alone; rotated credentials reach the app in a new release", async () => {
    const push = await repo.push("v2");
    expect(push.code, push.stderr).toBe(0);
    expect(await viaRouter(pier, repo.host, "/")).toEqual({ status: 200, body: "notes: first" });

    const name = /(postgres-[a-z]+-\d{5})/.exec((await pierCli("addons")).stdout)![1]!;
    const before = (await pierCli("config:get", "DATABASE_URL")).stdout.trim();
    await pierCli("addons:credentials:rotate", name);
    expect((await pierCli("config:get", "DATABASE_URL")).stdout.trim()).not.toBe(before);
    await eventually(pier, repo.host, "/add?body=second", /added/);
    expect(await viaRouter(pier, repo.host, "/")).toEqual({ status: 200, body: "notes: first,second" });
  });

  it("addons:destroy wants the name; the data comes back with addons:restore", async () => {
    const name = /(postgres-[a-z]+-\d{5})/.exec((await pierCli("addons")).stdout)![1]!;
    const refused = await run([process.execPath, CLI, "addons:destroy", name, "--app", repo.app], { env: pier.env });
    expect(refused.code).toBe(2);
    const destroyed = await pierCli("addons:destroy", name, "--confirm", name);
    expect(destroyed.stdout).toMatch(/its data is kept until/);
    expect((await run([process.execPath, CLI, "config:get", "DATABASE_URL", "--app", repo.app], { env: pier.env })).stdout.trim()).toBe("");
    await pierCli("addons:restore", name);
    await eventually(pier, repo.host, "/", /^notes: first,second$/);
  });

  it("survives a restart of all of Pier and a scale 1 → 2 → 1 and a deploy: same container, never restarted, rows intact", async () => {
    const addonContainer = async () => {
      const [c] = await docker.listContainers({ all: true, filters: { label: [`pier.app-id=${appId}`, "pier.role=addon"] } });
      const inspected = await docker.getContainer(c!.Id).inspect();
      return { id: inspected.Id, startedAt: inspected.State.StartedAt, running: inspected.State.Running };
    };
    const before = await addonContainer();
    expect(before.running).toBe(true);

    await pier.restart();
    await eventually(pier, repo.host, "/", /^notes: first,second$/);
    await eventually(pier, repo.host, "/add?body=third", /added/);
    expect(await addonContainer()).toEqual(before);

    await pierCli("ps:scale", "web=2", "--wait");
    expect(await viaRouter(pier, repo.host, "/")).toEqual({ status: 200, body: "notes: first,second,third" });
    await pierCli("ps:scale", "web=1", "--wait");
    const push = await repo.push("v3");
    expect(push.code, push.stderr).toBe(0);
    await eventually(pier, repo.host, "/", /^notes: first,second,third$/);
    expect(await addonContainer()).toEqual(before);
  });
});
