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
const REGISTRY_SCRIPT = join(ROOT, "infra/lib/registry.sh");
/** This file's registry: this machine's engine pushes to 127.0.0.1:PORT, engine-b pulls from 10.231.41.1:PORT. */
const REGISTRY_PORT = 5041;
const B = "engine-b";
/** engine-b's own socket, for looking at what it holds (Pier reaches it over TLS). */
const onB = (...args: string[]) => runOk(["docker", "-H", `unix:///run/pier-engines/${ENGINE}/docker.sock`, ...args]);
const engine = (action: string) => runOk(["bash", ENGINE_SCRIPT, action, String(ENGINE)]);

/**
 * Two hosts: this machine's engine and a second dockerd in a network namespace that only speaks
 * TLS with client certificates; release images reach it through a registry. Placement spreads
 * instances over both, draining moves them without a failed request, and killing the host's engine
 * gets its instances served from the other host (time printed); when it comes back it is ready
 * again and its old containers are removed.
 */
describe("multi-host: TLS engine, registry, spread, drain, host loss", () => {
  let pier: RunningPier;
  let repo: FixtureRepo;
  let address = "";
  let tls: Record<"TLS_CA" | "TLS_CERT" | "TLS_KEY" | "TLS_OTHER_CA", string>;
  const cli = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo.dir, env: pier.env });
  const dynos = async () => JSON.parse((await cli("ps", "--json", "--app", repo.app)).stdout) as Dyno[];
  const hosts = async () => JSON.parse((await cli("hosts", "--json")).stdout) as Host[];
  const upOn = async (n: number, placement: (ds: Dyno[]) => boolean) => {
    const ds = await dynos();
    return ds.length === n && ds.every((d) => d.state === "up") && placement(ds) ? ds : undefined;
  };
  const count = (ds: Dyno[], host: string) => ds.filter((d) => d.host === host).length;

  const mineOnB = async () => (await onB("ps", "-aq", "--filter", `label=pier.app=${repo.app}`)).stdout.trim();

  beforeAll(async () => {
    await runOk(["bash", REGISTRY_SCRIPT, "up", String(REGISTRY_PORT)]);
    const up = await runOk(["bash", ENGINE_SCRIPT, "up", String(ENGINE), "--tls"]);
    const printed = (key: string) => new RegExp(`^${key}=(.+)$`, "m").exec(up.stdout)![1]!;
    address = printed("ADDRESS");
    tls = { TLS_CA: printed("TLS_CA"), TLS_CERT: printed("TLS_CERT"), TLS_KEY: printed("TLS_KEY"), TLS_OTHER_CA: printed("TLS_OTHER_CA") };
    pier = await startPier("hosts", { PIER_REGISTRY: `127.0.0.1:${REGISTRY_PORT}`, PIER_REGISTRY_PULL: `10.231.${ENGINE}.1:${REGISTRY_PORT}` });
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
    // The name the release image was pushed under (the image itself stays, like other tests' app images).
    const pushed = (await run(["docker", "images", "--format", "{{.Repository}}:{{.Tag}}", `127.0.0.1:${REGISTRY_PORT}/*/*`])).stdout.trim();
    const ours = pushed.split("\n").filter((ref) => repo && ref.includes(`/pier/app-${repo.app}:`));
    if (ours.length > 0) await run(["docker", "rmi", ...ours]);
    await run(["bash", ENGINE_SCRIPT, "down", String(ENGINE)]);
    await run(["bash", REGISTRY_SCRIPT, "down", String(REGISTRY_PORT)]);
  }, 120_000);

  it("refuses a TLS engine it cannot trust or that wants a client certificate, saying why", async () => {
    const add = (...flags: string[]) => run([process.execPath, CLI, "hosts:add", B, "--docker", `tcp://${address}:2376`, ...flags], { cwd: repo.dir, env: pier.env });
    const refused = async (flags: string[], why: string) => {
      const r = await add(...flags);
      expect(r.code, r.stdout).not.toBe(0);
      expect(r.stderr).toContain(`Cannot reach the Docker engine of ${B} at tcp://${address}:2376: ${why}`);
    };
    await refused(["--tls-ca", tls.TLS_OTHER_CA, "--tls-cert", tls.TLS_CERT, "--tls-key", tls.TLS_KEY], "the engine's TLS certificate is not signed by the CA given with --tls-ca");
    await refused(["--tls-ca", tls.TLS_CA], "the engine requires a TLS client certificate: give --tls-cert and --tls-key");
    await refused([], "the engine speaks TLS at this address: give --tls-ca, --tls-cert and --tls-key");
  });

  it("adds the TLS engine (capacity read from it) and lists both hosts", async () => {
    const added = await cli("hosts:add", B, "--docker", `tcp://${address}:2376`, "--tls-ca", tls.TLS_CA, "--tls-cert", tls.TLS_CERT, "--tls-key", tls.TLS_KEY);
    expect(added.stdout).toMatch(new RegExp(`Added host ${B} \\(\\d+ cpu, [\\d.]+ GB\\); instances reach routers at ${address.replaceAll(".", "\\.")}`));
    const listed = await cli("hosts");
    expect(listed.stdout).toMatch(new RegExp(`${B}\\s+ready\\s+\\d+s ago\\s+\\d+\\s+[\\d.]+ GB\\s+0\\s+tcp://${address.replaceAll(".", "\\.")}:2376`));
    expect(listed.stdout).toMatch(/local\s+ready/);
  });

  it("spreads web=4 across the two hosts, engine-b pulling the image from the registry; the router reaches its instances", async () => {
    await cli("ps:scale", "web=4", "--app", repo.app);
    await eventually(() => upOn(4, (ds) => count(ds, "local") === 2 && count(ds, B) === 2), 180_000, "web=4 spread 2 + 2");
    for (let i = 0; i < 12; i++) expect((await viaRouter(pier, repo.host)).status).toBe(200);
    // engine-b got the release image by pulling it from the registry (not a streamed `docker load`, which records no digest).
    const image = (await onB("ps", "--filter", `label=pier.app=${repo.app}`, "--format", "{{.Image}}")).stdout.trim().split("\n")[0]!;
    const repository = image.replace(/:[^/:]+$/, "");
    const digests = JSON.parse((await onB("image", "inspect", "--format", "{{json .RepoDigests}}", image)).stdout) as string[];
    expect(digests).toEqual([expect.stringMatching(new RegExp(`^10\\.231\\.${ENGINE}\\.1:${REGISTRY_PORT}/${repository}@sha256:[0-9a-f]{64}$`))]);
    const catalog = (await (await fetch(`http://127.0.0.1:${REGISTRY_PORT}/v2/_catalog`)).json()) as { repositories: string[] };
    expect(catalog.repositories).toContain(repository);
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

  it("marks a host whose engine is killed down, serves its instances from local (time printed), and cleans the host when it comes back", async () => {
    const killedAt = Date.now();
    // dockerd, containerd, the shims and the containers die: connections to it are refused at once.
    await engine("kill");
    await eventually(() => upOn(4, (ds) => count(ds, "local") === 4), 60_000, "engine-b's instances replaced on local", 100);
    const seconds = (Date.now() - killedAt) / 1000;
    for (let i = 0; i < 12; i++) expect((await viaRouter(pier, repo.host)).status).toBe(200);
    console.log(`host loss (engine killed): engine-b's instances served from local after ${seconds.toFixed(2)} s (target 15 s)`);
    expect((await hosts()).find((h) => h.name === B)).toMatchObject({ state: "down", instances: 0 });
    expect(seconds).toBeLessThanOrEqual(30);

    // The host comes back on the same data root: its two old containers exist again, exited (Pier
    // sets no restart policy). It is ready again and they are removed as strays, none left to serve.
    const before = pier.output().length;
    await engine("up");
    await eventually(async () => ((await hosts()).find((h) => h.name === B)?.state === "ready" ? true : undefined), 60_000, `${B} ready again`);
    const removed = () => pier.output().slice(before).match(new RegExp(`reconcile: removing container \\w+ on ${B} \\(instance no longer wanted\\)`, "g")) ?? [];
    await eventually(() => (removed().length === 2 ? true : undefined), 60_000, `${B}'s two old containers removed as strays`);
    expect(await mineOnB()).toBe("");
    const ds = await dynos();
    expect([ds.length, count(ds, "local")]).toEqual([4, 4]);
  });
});
