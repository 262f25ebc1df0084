import { cp, readFile, writeFile, mkdtemp, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

/**
 * The walking skeleton as a user drives it: start Pier, create an app with the CLI, `git push`
 * a Flask app, reach it through the router, push a change, push a broken build.
 */
describe("git push a Flask app and it is served through Pier's router", () => {
  let pier: RunningPier;
  let repo: string;
  const app = `hello-${process.pid}`;
  const host = `${app}.localhost`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });
  const commitAll = async (message: string) => {
    await git("add", "-A");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", message);
  };

  beforeAll(async () => {
    pier = await startPier("skeleton");
    repo = await mkdtemp(join(tmpdir(), "pier-e2e-repo-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await git("init", "-q", "-b", "main");
    await commitAll("first");
  });

  afterAll(async () => {
    await pier?.stop();
  });

  it("creates the app and adds the pier git remote", async () => {
    const created = await pier_("apps:create", app);
    expect(created.stdout).toContain(`Created ${app}`);
    const remote = await git("remote", "get-url", "pier");
    expect(remote.stdout.trim()).toBe(`${pier.apiUrl}/${app}.git`);
    const listed = await pier_("apps");
    expect(listed.stdout).toContain(app);
    // Until something is deployed the router knows the app but has nowhere to send it.
    expect((await viaRouter(pier, host)).status).toBe(503);
  });

  it("builds the pushed commit while git waits, and serves it through the router", async () => {
    const push = await run(["git", "push", "pier", "main"], { cwd: repo, env: pier.env });
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/remote: -----> Python app detected/i);
    expect(push.stderr).toMatch(/remote: -----> Deployed v1/);
    const res = await viaRouter(pier, host);
    expect(res).toEqual({ status: 200, body: "Hello from Pier v1" });
  });

  it("serves the new release after a pushed change", async () => {
    const file = join(repo, "app.py");
    await writeFile(file, (await readFile(file, "utf8")).replace("Pier v1", "Pier v2"));
    await commitAll("second");
    const push = await run(["git", "push", "pier", "main"], { cwd: repo, env: pier.env });
    expect(push.code, push.stderr).toBe(0);
    expect(await viaRouter(pier, host)).toEqual({ status: 200, body: "Hello from Pier v2" });
  });

  it("rejects a push whose requirements cannot be installed, and keeps serving the running release", async () => {
    await appendFile(join(repo, "requirements.txt"), "nosuchpackage-pier==1.0\n");
    await writeFile(join(repo, "app.py"), (await readFile(join(repo, "app.py"), "utf8")).replace("Pier v2", "Pier v3"));
    await commitAll("broken");
    const push = await run(["git", "push", "pier", "main"], { cwd: repo, env: pier.env });
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/nosuchpackage-pier/);
    expect(push.stderr).toMatch(/pre-receive hook declined/);
    expect(await viaRouter(pier, host)).toEqual({ status: 200, body: "Hello from Pier v2" });
  });

  it("answers 404 for a host it does not know", async () => {
    const res = await viaRouter(pier, "nosuchapp.localhost");
    expect(res.status).toBe(404);
  });

  it("destroys the app: its instances stop and its route goes", async () => {
    const containers = async () =>
      (await runOk(["docker", "ps", "-aq", "--filter", `label=pier.app=${app}`, "--filter", "label=pier.role=instance"])).stdout.trim();
    expect(await containers()).not.toBe("");
    await pier_("apps:destroy", app, "--confirm", app);
    expect((await git("remote")).stdout).not.toContain("pier");
    expect((await viaRouter(pier, host)).status).toBe(404);
    const deadline = Date.now() + 20_000;
    while ((await containers()) !== "" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await containers()).toBe("");
  });
});
