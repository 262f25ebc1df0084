import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { herokuEnv, installHerokuCli, runHerokuInteractive } from "./support/heroku-cli.js";
import { ROOT, startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { run, runOk, type RunResult } from "./support/run.js";

/**
 * Heroku Platform API compatibility, proven with Heroku's own CLI from npm: HEROKU_HOST points it
 * at Pier's API on localhost, HEROKU_API_KEY carries a Pier token.
 */
describe("the heroku CLI drives Pier", () => {
  let pier: RunningPier;
  let heroku: string;
  let home: string;
  let paths: string[];
  const app = `hk-${process.pid}`;
  const h = async (...args: string[]): Promise<RunResult> => {
    const res = await run([heroku, ...args], { cwd: home, env: herokuEnv(pier.apiUrl, pier.token, home), timeoutMs: 180_000 });
    if (res.code !== 0) throw new Error(`heroku ${args.join(" ")} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
    return res;
  };
  const has = (path: string) => paths.includes(path);

  beforeAll(async () => {
    [heroku, pier] = await Promise.all([installHerokuCli(), startPier("heroku")]);
    home = await mkdtemp(join(tmpdir(), "pier-heroku-home-"));
    paths = Object.keys(((await (await fetch(`${pier.apiUrl}/openapi.json`)).json()) as { paths: object }).paths);
  });

  afterAll(async () => {
    await pier?.stop();
  });

  it("apps:create", async () => {
    const res = await h("apps:create", app, "--no-remote");
    expect(res.stdout + res.stderr).toContain(app);
  });

  it("apps lists it", async () => {
    expect((await h("apps")).stdout).toContain(app);
  });

  it("deploys with git push (Pier's remote), then ps:scale web=2 and ps", async () => {
    const repo = await mkdtemp(join(tmpdir(), "pier-heroku-repo-"));
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo });
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "first");
    const remote = new URL(`${pier.apiUrl}/${app}.git`);
    remote.username = "heroku";
    remote.password = pier.token;
    const push = await run(["git", "push", remote.toString(), "main"], { cwd: repo });
    expect(push.code, push.stderr).toBe(0);
    expect((await viaRouter(pier, `${app}.localhost`)).body).toBe("Hello from Pier v1");
    if (!has("/apps/{app}/formation")) return;
    await h("ps:scale", "web=2", "-a", app);
    const ps = await h("ps", "-a", app);
    expect(ps.stdout).toMatch(/web/);
  });

  it("ps:restart: every dyno, a process type, one dyno", async () => {
    for (const args of [[], ["-p", "web"], ["-d", "web.1"]]) {
      const res = await h("ps:restart", ...args, "-a", app);
      expect(res.stdout + res.stderr).toMatch(/Restarting .*done/s);
    }
    // Each restart asks for replacements: they show in the audit log with who asked.
    const audit = await fetch(`${pier.apiUrl}/audit?app=${app}`, { headers: { authorization: `Bearer ${pier.token}` } });
    const targets = ((await audit.json()) as { action: string; details: { target: string } }[]).filter((e) => e.action === "dyno.restart").map((e) => e.details.target);
    expect(targets.sort()).toEqual(["all", "web", "web.1"]);
  });

  it("login -i: email and password make a token heroku stores, whoami uses it, logout revokes it", async () => {
    const email = `heroku-login-${process.pid}@example.com`;
    const made = await fetch(`${pier.apiUrl}/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${pier.token}`, "content-type": "application/json" },
      body: JSON.stringify({ email, password: "heroku-login-password" }),
    });
    expect(made.status).toBe(201);
    const loginHome = await mkdtemp(join(tmpdir(), "pier-heroku-login-"));
    // No HEROKU_API_KEY: heroku refuses to log in while one is set.
    const { HEROKU_API_KEY: _unused, ...env } = herokuEnv(pier.apiUrl, "", loginHome);
    const login = await runHerokuInteractive(heroku, ["login", "-i"], env, loginHome, [[/Email/, email], [/Password/, "heroku-login-password"]]);
    expect(login.code, login.output).toBe(0);
    expect(login.output).toContain(`Logged in as ${email}`);
    const whoami = await run([heroku, "auth:whoami"], { cwd: loginHome, env, timeoutMs: 60_000 });
    expect(whoami.stdout.trim()).toBe(email);
    const token = /password (\S+)/.exec(await readFile(join(loginHome, ".netrc"), "utf8"))?.[1];
    expect(token).toMatch(/^pier_/);
    const logout = await run([heroku, "logout"], { cwd: loginHome, env, timeoutMs: 60_000 });
    expect(logout.code, logout.stdout + logout.stderr).toBe(0);
    expect((await fetch(`${pier.apiUrl}/account`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("config:set, config:get, config:unset", async () => {
    const set = await h("config:set", "GREETING=hello-heroku", "-a", app);
    expect(set.stdout + set.stderr).toMatch(/v\d+/);
    expect((await h("config:get", "GREETING", "-a", app)).stdout.trim()).toBe("hello-heroku");
    expect((await h("config", "-a", app)).stdout).toContain("GREETING");
    await h("config:unset", "GREETING", "-a", app);
    expect((await h("config:get", "GREETING", "-a", app)).stdout.trim()).toBe("");
  });

  it("domains:add and domains:remove (when Pier has domains)", async () => {
    if (!has("/apps/{app}/domains")) return;
    await h("domains:add", `www.${app}.example.com`, "-a", app);
    expect((await h("domains", "-a", app)).stdout).toContain(`www.${app}.example.com`);
    await h("domains:remove", `www.${app}.example.com`, "-a", app);
  });

  it("releases and rollback", async () => {
    const releases = await h("releases", "-a", app);
    expect(releases.stdout).toMatch(/v1\b/);
    expect(releases.stdout).toMatch(/Set GREETING config vars/);
    const rolled = await h("rollback", "v1", "-a", app);
    expect(rolled.stdout + rolled.stderr).toMatch(/v1/);
    expect((await h("releases", "-a", app)).stdout).toMatch(/Rollback to v1/);
  });

  it("logs (when Pier has log sessions)", async () => {
    if (!has("/apps/{app}/log-sessions")) return;
    const logs = await h("logs", "-n", "50", "-a", app);
    expect(logs.stdout).toMatch(/app\[|heroku\[|pier\[/);
  });

  it("run:detached starts a one-off; its output is in heroku logs under run.N", async () => {
    const started = await h("run:detached", "-a", app, "--", "echo", "detached-ok");
    const dyno = /run\.\d+/.exec(started.stdout + started.stderr)?.[0];
    expect(dyno, started.stdout + started.stderr).toBeDefined();
    await expect
      .poll(async () => (await h("logs", "-n", "200", "-a", app)).stdout, { timeout: 30_000, interval: 1000 })
      .toMatch(new RegExp(`app\\[${dyno!.replace(".", "\\.")}\\]: detached-ok`));
  });

  it("run: attached through Pier's rendezvous endpoint, output back, input read to its end", async () => {
    // The heroku CLI checks the endpoint's certificate: Pier's own, made at first start.
    const env = { ...herokuEnv(pier.apiUrl, pier.token, home), NODE_EXTRA_CA_CERTS: join(pier.env.PIER_DATA_DIR!, "rendezvous", "cert.pem") };
    const echoed = await run([heroku, "run", "-a", app, "--", "echo", "attached-ok"], { cwd: home, env, timeoutMs: 120_000 });
    expect(echoed.code, echoed.stdout + echoed.stderr).toBe(0);
    expect(echoed.stdout).toContain("attached-ok");
    const counted = await run([heroku, "run", "-a", app, "--", "wc", "-l"], { cwd: home, env, input: "one\ntwo\nthree\n", timeoutMs: 120_000 });
    expect(counted.code, counted.stdout + counted.stderr).toBe(0);
    expect(counted.stdout.trim()).toBe("3");
  });

  it("run from a terminal: the one-off gets a terminal of the client's size, and Ctrl-D ends its shell", async () => {
    const env = { ...herokuEnv(pier.apiUrl, pier.token, home), TERM: "xterm", NODE_EXTRA_CA_CERTS: join(pier.env.PIER_DATA_DIR!, "rendezvous", "cert.pem") };
    // `script` gives the CLI a pseudo-terminal (33 lines, 101 columns); what is written to its stdin arrives as keystrokes.
    const child = spawn("script", ["-qec", `stty rows 33 cols 101; ${heroku} run -a ${app} -- bash; echo "rc=$?"`, "/dev/null"], { cwd: home, env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const deadline = Date.now() + 60_000;
    const seen = async (re: RegExp) => {
      while (!re.test(out)) {
        if (Date.now() > deadline) throw new Error(`${re} not in ${JSON.stringify(out.slice(-800))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await seen(/run\.\d+/);
      child.stdin.write("tty; stty size\n");
      await seen(/\/dev\/pts\/\d+\s+33 101/);
      child.stdin.write("\x04");
      await seen(/rc=0/);
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
  });

  it("addons:create heroku-postgresql:mini sets DATABASE_URL; addons lists it with its attachment", async () => {
    const created = await h("addons:create", "heroku-postgresql:mini", "-a", app);
    expect(created.stdout + created.stderr).toMatch(/Created postgres-[a-z]+-\d{5} as DATABASE_URL/);
    expect((await h("config:get", "DATABASE_URL", "-a", app)).stdout).toMatch(/^postgres:\/\/u[0-9a-f]+:/);
    const list = await h("addons", "-a", app);
    expect(list.stdout).toMatch(/postgres \(postgres-[a-z]+-\d{5}\)\s+small\s+free\s+free\s+created/);
    expect(list.stdout).toMatch(/as DATABASE/);
  });

  it("apps:destroy", async () => {
    await h("apps:destroy", "-a", app, "--confirm", app);
    expect((await h("apps")).stdout).not.toContain(app);
  });
});
