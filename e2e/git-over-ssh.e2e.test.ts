import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { fixtureRepo, type FixtureRepo } from "./support/push-app.js";
import { run, runOk } from "./support/run.js";

/** `git push ssh://git@host:PORT/<app>.git` with a key added by `pier keys:add`. */
describe("git over SSH", () => {
  let pier: RunningPier;
  let repo: FixtureRepo;
  let keys: string;
  const sshEnv = (key: string) => ({
    ...pier.env,
    GIT_SSH_COMMAND: `ssh -i ${key} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR`,
  });
  const url = () => `ssh://git@127.0.0.1:${pier.env.PIER_SSH_PORT}/${repo.app}.git`;
  const push = (key: string) => run(["git", "push", url(), "main"], { cwd: repo.dir, env: sshEnv(key) });
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo.dir, env: pier.env });

  beforeAll(async () => {
    pier = await startPier("ssh");
    repo = await fixtureRepo(pier, "flask-hello", `ssh-${process.pid}`);
    keys = await mkdtemp(join(tmpdir(), "pier-e2e-keys-"));
    for (const name of ["known", "unknown"]) await runOk(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", `${name}@e2e`, "-f", join(keys, name)]);
  });
  afterAll(async () => {
    await pier?.stop();
  });

  it("refuses a key nobody added, saying how to add it", async () => {
    await writeFile(join(repo.dir, "touched"), "1");
    await runOk(["git", "add", "-A"], { cwd: repo.dir });
    await runOk(["git", "-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-qm", "ssh"], { cwd: repo.dir });
    const res = await push(join(keys, "unknown"));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Pier does not know the SSH key SHA256:\S+: add its .pub file with `pier keys:add`/);
  });

  it("builds and serves a push made with an added key", async () => {
    const added = await pier_("keys:add", join(keys, "known.pub"));
    expect(added.stdout).toMatch(/^Added .*known.pub \(SHA256:/);
    expect((await pier_("keys")).stdout).toContain("known@e2e");
    const res = await push(join(keys, "known"));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/-----> Deployed v1/);
    expect(await viaRouter(pier, repo.host)).toEqual({ status: 200, body: "Hello from Pier v1" });
  });

  it("refuses an app the key's owner cannot reach, and anything but git", async () => {
    const other = await run(["git", "push", `ssh://git@127.0.0.1:${pier.env.PIER_SSH_PORT}/nosuchapp.git`, "main"], { cwd: repo.dir, env: sshEnv(join(keys, "known")) });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/Couldn't find that app\. \(app "nosuchapp"/);
    const shell = await run(["ssh", ...sshEnv(join(keys, "known")).GIT_SSH_COMMAND.split(" ").slice(1), "-p", pier.env.PIER_SSH_PORT!, "git@127.0.0.1", "ls /"]);
    expect(shell.code).not.toBe(0);
    expect(shell.stderr).toMatch(/serves git only/);
  });

  it("removes a key: its pushes are refused again", async () => {
    await pier_("keys:remove", "known@e2e");
    await writeFile(join(repo.dir, "touched"), (await readFile(join(repo.dir, "touched"), "utf8")) + "2");
    const res = await push(join(keys, "known"));
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/Pier does not know the SSH key/);
  });
});
