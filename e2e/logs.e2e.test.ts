import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { runOk } from "./support/run.js";

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (app|pier)\[[a-z0-9.-]+\]: /;

/**
 * Logs as a user sees them: after a push and a request, `pier logs` shows the app's own output,
 * the platform's "Deployed v1" and the router's access line, in order; `--tail` shows new lines live.
 */
describe("pier logs shows app, platform and router lines", () => {
  let pier: RunningPier;
  let repo: string;
  const app = `logs-${process.pid}`;
  const host = `${app}.localhost`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });

  beforeAll(async () => {
    pier = await startPier("logs");
    repo = await mkdtemp(join(tmpdir(), "pier-e2e-logs-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "first");
    await pier_("apps:create", app);
    await git("push", "-q", "pier", "main");
  });

  afterAll(async () => {
    await pier?.stop();
  });

  it("lists the app's output, then Deployed v1, then the router's line for a request", async () => {
    expect((await viaRouter(pier, host, "/?from=e2e")).status, pier.output().slice(-3000)).toBe(200);
    let lines: string[] = [];
    const deadline = Date.now() + 30_000;
    const routerLine = (l: string) => /pier\[router\]: at=info method=GET path="\/\?from=e2e" host=/.test(l) && / status=200 /.test(l);
    while (!lines.some(routerLine) && Date.now() < deadline) {
      lines = (await pier_("logs", "--num", "500")).stdout.trimEnd().split("\n");
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const l of lines) expect(l).toMatch(LINE);
    const appLine = lines.findIndex((l) => /app\[web\.1\]: .*Listening at/.test(l));
    const deployed = lines.findIndex((l) => /pier\[api\]: Deployed v1\b/.test(l));
    const router = lines.findIndex(routerLine);
    expect(appLine, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(deployed, lines.join("\n")).toBeGreaterThanOrEqual(0);
    expect(router, lines.join("\n")).toBeGreaterThan(deployed);
    expect(router).toBeGreaterThan(appLine);
    // The app was listening before the deploy was declared done.
    expect(Date.parse(lines[appLine]!.slice(0, 24))).toBeLessThanOrEqual(Date.parse(lines[deployed]!.slice(0, 24)));

    const onlyApp = (await pier_("logs", "--source", "app")).stdout.trimEnd().split("\n");
    expect(onlyApp.length).toBeGreaterThan(0);
    for (const l of onlyApp) expect(l).toMatch(/ app\[web\.1\]: /);
  });

  it("--tail prints new router lines as requests arrive", async () => {
    const child = spawn(process.execPath, [CLI, "logs", "--tail", "--num", "0", "--ps", "router"], { cwd: repo, env: pier.env });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      // Give the session a moment to open, then request until the line shows up.
      const path = `/tail-${Date.now()}`;
      const deadline = Date.now() + 20_000;
      while (!out.includes(`path="${path}"`) && Date.now() < deadline) {
        await viaRouter(pier, host, path);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(out).toContain(`path="${path}"`);
      for (const l of out.trimEnd().split("\n")) expect(l).toMatch(/ pier\[router\]: at=/);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
