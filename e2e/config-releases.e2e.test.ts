import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

/** The app greets with $GREETING: a config change must reach the running instances. */
const APP_PY = `import os
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return os.environ.get("GREETING", "no greeting set")
`;

/**
 * Config vars and releases as a user drives them: push, `config:set` (new release, deployed by
 * the worker), see the value served, `rollback` to the release before it, see it gone again.
 */
describe("config:set deploys a new release; rollback restores the old one", () => {
  let pier: RunningPier;
  let repo: string;
  const app = `cfg-${process.pid}`;
  const host = `${app}.localhost`;
  const cli = (...args: string[]) => run([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const cliOk = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });

  /** Deploys happen in the worker after the API answers: wait for the router to serve `body`. */
  async function servedEventually(body: string, timeoutMs = 120_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      const res = await viaRouter(pier, host);
      last = `${res.status} ${res.body}`;
      if (res.status === 200 && res.body === body) return res.body;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the router never served "${body}"; last answer: ${last}\n${pier.output().slice(-3000)}`);
  }

  beforeAll(async () => {
    pier = await startPier("config");
    repo = await mkdtemp(join(tmpdir(), "pier-e2e-config-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await writeFile(join(repo, "app.py"), APP_PY);
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "greeting from env");
    await cliOk("apps:create", app);
    const push = await run(["git", "push", "pier", "main"], { cwd: repo, env: pier.env });
    expect(push.code, push.stderr).toBe(0);
    expect(await servedEventually("no greeting set")).toBe("no greeting set");
  });

  afterAll(async () => {
    await pier?.stop();
  });

  it("config:set makes v2 and the app serves the new value", async () => {
    const set = await cliOk("config:set", "GREETING=Hola from config");
    expect(set.stdout).toContain(`Set GREETING and restarting ${app}... done, v2`);
    expect(await servedEventually("Hola from config")).toBe("Hola from config");
    expect((await cliOk("config:get", "GREETING")).stdout.trim()).toBe("Hola from config");
    const releases = JSON.parse((await cliOk("releases", "--json")).stdout) as { version: number; status: string; current: boolean }[];
    expect(releases.map((r) => [r.version, r.status, r.current])).toEqual([
      [2, "succeeded", true],
      [1, "succeeded", false],
    ]);
  });

  it("the value is not stored in clear in the database", async () => {
    const dump = await run(["psql", pier.env.DATABASE_URL!, "-Atc", 'SELECT value FROM "ConfigVar"'], { env: pier.env });
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(dump.stdout).not.toContain("Hola");
  });

  it("rollback to v1 makes v3 with v1's image and config", async () => {
    const rolled = await cliOk("rollback", "v1");
    expect(rolled.stdout).toContain("Rollback to v1, v3");
    expect(await servedEventually("no greeting set")).toBe("no greeting set");
    const missing = await cli("config:get", "GREETING");
    expect(missing.code).toBe(4);
    expect((await cliOk("releases")).stdout).toMatch(/v3\s+Rollback to v1/);
  });

  it("config:unset on a missing app fails with exit 4 and one line saying what to do", async () => {
    const res = await cli("config:unset", "GREETING", "--app", "no-such-app-here");
    expect(res.code).toBe(4);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(/Couldn't find that app.*pier apps/);
  });
});
