import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, startPier, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

const docker = new Dockerode({ socketPath: "/var/run/docker.sock" });

/**
 * Issue 8, backups, as a user does it: the `pier` CLI against a whole running Pier (API, worker):
 * rows in a provisioned PostgreSQL, a backup, its download, the rows dropped, a restore.
 */
describe("database add-on backups", () => {
  let pier: RunningPier;
  let dir: string;
  let appId: string;
  let addon: string;
  const app = `bk-${process.pid}`;
  const pierCli = (...args: string[]) => runOk([process.execPath, CLI, ...args, "--app", app], { env: pier.env, cwd: dir, timeoutMs: 300_000 });
  const psql = async (sql: string) => (await pierCli("psql", "--command", sql)).stdout;

  beforeAll(async () => {
    pier = await startPier("backups");
    dir = await mkdtemp(join(tmpdir(), "pier-backups-e2e-"));
    await runOk([process.execPath, CLI, "apps:create", app], { env: pier.env, cwd: dir });
    appId = ((await (await fetch(`${pier.apiUrl}/apps/${app}`, { headers: { Authorization: `Bearer ${pier.token}` } })).json()) as { id: string }).id;
    addon = /Created (postgres-[a-z]+-\d{5})/.exec((await pierCli("addons:create", "postgres")).stdout)![1]!;
  });
  afterAll(async () => {
    const mine = { label: [`pier.app-id=${appId}`] };
    for (const c of await docker.listContainers({ all: true, filters: mine })) await docker.getContainer(c.Id).remove({ force: true });
    await pier?.stop();
    for (const v of (await docker.listVolumes({ filters: mine })).Volumes ?? []) await docker.getVolume(v.Name).remove();
    for (const n of await docker.listNetworks({ filters: mine })) await docker.getNetwork(n.Id).remove();
    await rm(dir, { recursive: true, force: true });
  });

  it("capture, list, download (checked), drop the rows, restore, read them back", async () => {
    await psql("CREATE TABLE fruit (name text); INSERT INTO fruit VALUES ('apple'), ('pear'), ('fig')");
    expect((await pierCli("backups:capture")).stdout).toMatch(new RegExp(`Backup b001 of ${addon} succeeded: [\\d.]+ (B|kB), sha256 [0-9a-f]{64}`));
    expect((await pierCli("backups")).stdout).toMatch(new RegExp(`b001\\s+${addon}\\s+\\S+ \\S+\\s+succeeded\\s+[\\d.]+ (B|kB)\\s+manual`));

    const saved = await pierCli("backups:download", "b001", "-o", "latest.dump.gz");
    expect(saved.stdout).toMatch(/Saved latest\.dump\.gz \(sha256 [0-9a-f]{64}, checked\)/);
    expect(gunzipSync(await readFile(join(dir, "latest.dump.gz"))).subarray(0, 5).toString()).toBe("PGDMP");

    await psql("DROP TABLE fruit");
    const unconfirmed = await run([process.execPath, CLI, "backups:restore", "b001", "--app", app], { env: pier.env, cwd: dir });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/--confirm/);
    expect((await pierCli("backups:restore", "b001", "--confirm", addon)).stdout).toMatch(new RegExp(`Restored b001 of ${addon} into ${addon}`));
    expect(await psql("SELECT string_agg(name, ',' ORDER BY name) FROM fruit")).toMatch(/apple,fig,pear/);
    expect((await pierCli("logs", "--num", "50")).stdout).toMatch(new RegExp(`pier\\[backups\\]: Backup b001 of ${addon} succeeded`));
  });

  it("schedule and delete", async () => {
    expect((await pierCli("backups:schedule")).stdout).toMatch(/daily at 02:00 UTC; the 7 newest successful backups are kept \(installation default\)/);
    expect((await pierCli("backups:schedule", "--hour", "5", "--retain", "3")).stdout).toMatch(/daily at 05:00 UTC; the 3 newest/);
    expect((await pierCli("backups:delete", "b001", "--confirm", "b001")).stdout).toMatch(/Deleted backup b001/);
    expect((await pierCli("backups")).stdout).toMatch(/no backups yet/);
  });
});
