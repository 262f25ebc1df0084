import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startLoad } from "./support/load.js";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { fixtureRepo, type FixtureRepo } from "./support/push-app.js";
import { run, runOk } from "./support/run.js";

interface Dyno {
  name: string;
  state: string;
  host: string;
}
interface Host {
  name: string;
  state: string;
  instances: number;
}

/** Engine number for infra/lib/extra-engine.sh: its own namespace and 10.231.N.0/24. */
const ENGINE = 41;
const ENGINE_SCRIPT = join(ROOT, "infra/lib/extra-engine.sh");
const B = "engine-b";

/**
 * Two hosts: this machine's engine and a second dockerd in a network namespace. Placement spreads
 * instances over both, draining moves them without a failed request, and losing a host's network
 * gets its instances served from the other host (time printed).
 */
describe("multi-host: spread, drain, host loss", () => {
  let pier: RunningPier;
  let repo: FixtureRepo;
  let address = "";
  const cli = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo.dir, env: pier.env });
  const dynos = async () => JSON.parse((await cli("ps", "--json", "--app", repo.app)).stdout) as Dyno[];
  const hosts = async () => JSON.parse((await cli("hosts", "--json")).stdout) as Host[];
  const upOn = async (n: number, placement: (ds: Dyno[]) => boolean) => {
    const ds = await dynos();
    return ds.length === n && ds.every((d) => d.state === "up") && placement(ds) ? ds : undefined;
  };
  const count = (ds: Dyno[], host: string) => ds.filter((d) => d.host === host).length;

  beforeAll(async () => {
    const up = await runOk(["bash", ENGINE_SCRIPT, "up", String(ENGINE)]);
    address = /^ADDRESS=(.+)$/m.exec(up.stdout)![1]!;
    pier = await startPier("hosts");
    repo = await fixtureRepo(pier, "flask-hello", `mh-${process.pid}`);
    const pushed = await repo.push();
    expect(pushed.code, pushed.stderr).toBe(0);
  }, 240_000);

  afterAll(async () => {
    if (process.env.PIER_E2E_OUTPUT) await writeFile(process.env.PIER_E2E_OUTPUT, pier?.output() ?? "");
    await pier?.stop();
    // This test's instances on the local engine; the extra engine goes with everything on it.
    const mine = (await run(["docker", "ps", "-aq", "--filter", `label=pier.app=${repo?.app}`])).stdout.trim();
    if (mine) await run(["docker", "rm", "-f", ...mine.split("\n")]);
    await run(["bash", ENGINE_SCRIPT, "down", String(ENGINE)]);
  }, 120_000);

  it("adds the engine (capacity read from it) and lists both hosts", async () => {
    const added = await cli("hosts:add", B, "--docker", `tcp://${address}:2375`);
    expect(added.stdout).toMatch(new RegExp(`Added host ${B} \\(\\d+ cpu, [\\d.]+ GB\\); instances reach routers at ${address.replaceAll(".", "\\.")}`));
    const listed = await cli("hosts");
    expect(listed.stdout).toMatch(new RegExp(`${B}\\s+ready\\s+\\d+s ago\\s+\\d+\\s+[\\d.]+ GB\\s+0\\s+tcp://${address.replaceAll(".", "\\.")}:2375`));
    expect(listed.stdout).toMatch(/local\s+ready/);
  });

  it("spreads web=4 across the two hosts; the router reaches the other host's instances", async () => {
    await cli("ps:scale", "web=4", "--app", repo.app);
    // The first start on engine-b streams the release image there (docker save | load).
    await eventually(() => upOn(4, (ds) => count(ds, "local") === 2 && count(ds, B) === 2), 180_000, "web=4 spread 2 + 2");
    for (let i = 0; i < 12; i++) expect((await viaRouter(pier, repo.host)).status).toBe(200);
  });

  it("refuses to remove a host that still has instances, saying why", async () => {
    const r = await run([process.execPath, CLI, "hosts:remove", B], { cwd: repo.dir, env: pier.env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`Host ${B} still has 2 instances: drain it first (pier hosts:drain ${B})`);
  });

  it("drains a host under load without a failed request, then takes instances again after undrain", async () => {
    const load = startLoad({ port: pier.httpPort, host: repo.host, perSecond: 100 });
    try {
      expect((await cli("hosts:drain", B)).stdout).toContain(`Draining ${B}: 2 instances to move`);
      await eventually(() => upOn(4, (ds) => count(ds, "local") === 4), 120_000, "every instance moved to local");
      await eventually(async () => ((await hosts()).find((h) => h.name === B)?.instances === 0 ? true : undefined), 60_000, `${B} empty`);
      // Stopped instances drain in-flight requests before they stop.
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      const report = await load.stop();
      console.log(`drain: ${report.sent} requests at 100/s, ${report.ok} ok, ${report.failures.length} failed`);
      expect(report.failures.slice(0, 20)).toEqual([]);
    }
    expect((await cli("hosts")).stdout).toMatch(new RegExp(`${B}\\s+draining`));
    await cli("hosts:undrain", B);
    // New instances spread again: scaling down stops web.3 and web.4, scaling up places them on engine-b.
    await cli("ps:scale", "web=2", "--app", repo.app);
    await eventually(() => upOn(2, () => true), 60_000, "web=2");
    await cli("ps:scale", "web=4", "--app", repo.app);
    await eventually(() => upOn(4, (ds) => count(ds, B) === 2), 120_000, "web.3 and web.4 on engine-b again");
  });

  it("marks a host whose network is gone down and serves its instances from the other host (time printed)", async () => {
    const cutAt = Date.now();
    await runOk(["bash", ENGINE_SCRIPT, "cut", String(ENGINE)]);
    await eventually(() => upOn(4, (ds) => count(ds, "local") === 4), 60_000, "engine-b's instances replaced on local", 100);
    const seconds = (Date.now() - cutAt) / 1000;
    for (let i = 0; i < 12; i++) expect((await viaRouter(pier, repo.host)).status).toBe(200);
    console.log(`host loss: engine-b's instances served from local after ${seconds.toFixed(2)} s (target 15 s)`);
    const b = (await hosts()).find((h) => h.name === B)!;
    expect(b).toMatchObject({ state: "down", instances: 0 });
    expect(seconds).toBeLessThanOrEqual(30);
  });
});
