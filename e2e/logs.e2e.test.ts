import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frames, logplexReceiver, messageOf, selfSignedCert, syslogReceiver, until } from "../apps/worker/src/logs/drains/drain-testing.js";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { run, runOk } from "./support/run.js";

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (app|pier)\[[a-z0-9.-]+\]: /;

/**
 * Logs as a user sees them: after a push and a request, `pier logs` shows the app's own output,
 * the platform's "Deployed v1" and the router's access line, in order; `--tail` shows new lines live;
 * drains (syslog over TCP, HTTPS with the operator's CA) get the app's lines, a drain that is down
 * holds nothing else up and catches up when back.
 */
describe("pier logs shows app, platform and router lines", () => {
  let pier: RunningPier;
  let repo: string;
  const app = `logs-${process.pid}`;
  const host = `${app}.localhost`;
  const pier_ = (...args: string[]) => runOk([process.execPath, CLI, ...args], { cwd: repo, env: pier.env });
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });
  /** The app's running web instance container (one at a time here). */
  const webContainer = async () => (await runOk(["docker", "ps", "-q", "--filter", `label=pier.app=${app}`, "--filter", "label=pier.role=instance"])).stdout.trim();
  // The receiver of the HTTPS drain has a certificate from a CA only the operator trusts.
  const cert = selfSignedCert();

  beforeAll(async () => {
    pier = await startPier("logs", { PIER_DRAIN_CA_FILE: cert.certFile });
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
    cert.cleanup();
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

  it("drains get the app's lines as RFC 5424 frames; one that is down holds up nothing and catches up", async () => {
    const container = await webContainer();
    expect(container.split("\n"), "one web instance").toHaveLength(1);
    // The app "prints": a process in its container writes to the container's stdout (PID 1's).
    const print = (...messages: string[]) =>
      runOk(["docker", "exec", container, "python3", "-c", "import sys\nwith open('/proc/1/fd/1', 'w') as out:\n    for m in sys.argv[1:]: print(m, file=out, flush=True)", ...messages]);
    let syslog = await syslogReceiver();
    const https = await logplexReceiver({ tls: cert });
    try {
      await pier_("drains:add", `syslog://127.0.0.1:${syslog.port}`);
      await pier_("drains:add", `https://127.0.0.1:${https.port}/logs`);
      const drains = JSON.parse((await pier_("drains", "--json")).stdout) as { url: string; token: string }[];
      const tokenOf = (scheme: string) => drains.find((d) => d.url.startsWith(scheme))!.token;
      const appLines = (got: string[], prefix: string) => got.map(messageOf).filter((m) => m.startsWith(prefix));

      // A drain starts with the lines after it is picked up (within a drain pass): print until both have one.
      let pings = 0;
      await until("both drains to deliver", async () => {
        await print(`ping ${++pings}`);
        return appLines(frames(syslog.data()), "ping").length > 0 && appLines(https.frames(), "ping").length > 0;
      }, 20_000);
      const tag = `drained-${Date.now()}`;
      const lines = Array.from({ length: 5 }, (_, i) => `${tag} ${i} é`);
      await print(...lines);
      await until("the lines at both drains", () => appLines(frames(syslog.data()), tag).length === 5 && appLines(https.frames(), tag).length === 5);
      expect(appLines(frames(syslog.data()), tag)).toEqual(lines);
      expect(appLines(https.frames(), tag)).toEqual(lines);
      const frameOf = (token: string, message: string) => new RegExp(`^<190>1 \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${token.replace(/\./g, "\\.")} app web\\.1 - ${message}$`);
      expect(frames(syslog.data()).find((f) => f.endsWith(lines[0]!))).toMatch(frameOf(tokenOf("syslog:"), lines[0]!));
      expect(https.frames().find((f) => f.endsWith(lines[0]!))).toMatch(frameOf(tokenOf("https:"), lines[0]!));
      expect(https.posts[0]!.headers).toMatchObject({ "content-type": "application/logplex-1", "logplex-drain-token": tokenOf("https:") });

      // The syslog receiver goes away: the app's lines still reach `pier logs` and the other drain at once.
      const port = syslog.port;
      await syslog.close();
      const down = Array.from({ length: 5 }, (_, i) => `${tag} down ${i}`);
      const printedAt = Date.now();
      await print(...down);
      await until("the lines in pier logs", async () => (await pier_("logs", "--num", "20", "--source", "app")).stdout.includes(down[4]!), 10_000);
      const inLogsMs = Date.now() - printedAt;
      await until("the lines at the https drain", () => appLines(https.frames(), `${tag} down`).length === 5, 10_000);
      console.log(`drains: with the syslog drain down, pier logs had the lines after ${inLogsMs} ms, the https drain after ${Date.now() - printedAt} ms`);
      expect(inLogsMs).toBeLessThan(8000);

      // Back on the same port: the drain gets what it missed, in order, from where it stopped.
      syslog = await syslogReceiver({ port });
      await until("the syslog drain to catch up", () => appLines(frames(syslog.data()), tag).length >= 5, 30_000);
      expect(appLines(frames(syslog.data()), tag)).toEqual(down);
    } finally {
      await syslog.close();
      await https.close();
    }
  });

  it("a process killed for memory, then crashes: R15, exits and a crash loop in the log; restarts in pier metrics by minute", async () => {
    // Run last: it leaves web.1 backing off. Crashes come from inside the container (a process
    // there signals the app's processes): the engine cannot signal the init process of a container.
    const platformLines = async () => (await pier_("logs", "--num", "200", "--ps", "web.1", "--source", "pier")).stdout;
    const R15_RUNNING = /pier\[web\.1\]: Error R15 \(Memory quota vastly exceeded\): a process was killed for using more memory than its 512MB limit; the instance keeps running$/m;
    const crashed: string[] = [];
    for (let i = 0; i < 3; i++) {
      let id = "";
      await until(`instance ${i + 1} to run`, async () => {
        id = await webContainer();
        return id !== "" && !crashed.includes(id);
      }, 30_000);
      const exec = (code: string) => run(["docker", "exec", id, "python3", "-c", code]);
      // The first time, a process in it goes over the instance's memory limit and the kernel kills it (Docker marks the container OOM killed).
      // It is reported while the instance runs on (the worker follows the engine's oom events).
      if (i === 0) {
        expect((await exec("chunks = []\nwhile True: chunks.append(b'x' * (64 << 20))")).code).toBe(137);
        await until("the R15 line", async () => R15_RUNNING.test(await platformLines()), 15_000);
      }
      await exec("import os, signal\nos.kill(-1, signal.SIGSEGV)");
      crashed.push(id);
    }
    await until("the crash loop line", async () => (await platformLines()).includes("Crash loop: exited 3 times"), 20_000);
    const lines = await platformLines();
    expect(lines.match(/pier\[web\.1\]: Process exited with status 139$/gm), lines).toHaveLength(3);
    expect(lines.match(new RegExp(R15_RUNNING.source, "gm")), lines).toHaveLength(1);
    // The later crashes were not the memory kill (exit 139, not a SIGKILL): no R15 for them.
    expect(lines.match(/R15/g), lines).toHaveLength(1);

    type Summary = { instances: { dyno: string; restarts?: number; restarted_at?: { time: string; restarts: number }[]; restarts_since_release?: number }[] };
    let web: Summary["instances"][number] | undefined;
    await until("three restarts in pier metrics", async () => {
      web = (JSON.parse((await pier_("metrics", "--json")).stdout) as Summary).instances.find((i) => i.dyno === "web.1");
      return web?.restarts === 3;
    }, 20_000);
    expect(web!.restarts_since_release).toBe(3);
    expect(web!.restarted_at!.reduce((n, p) => n + p.restarts, 0)).toBe(3);
    for (const p of web!.restarted_at!) expect(Date.now() - Date.parse(p.time)).toBeLessThan(3 * 60_000);
    const table = (await pier_("metrics")).stdout;
    expect(table).toMatch(/^ {2}web\.1 restarted at \d\d:\d\d \([123]\)/m);
  });
});
