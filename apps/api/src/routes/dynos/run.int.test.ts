import { spawn } from "node:child_process";
import { readdir, readFile, readlink } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { ensureLocalHost } from "@pier/use-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

/** The stack image stands in for a release image: it has python3 and bash. */
const IMAGE = "pier/stack-python:3.11";
const CLI = fileURLToPath(new URL("../../../../cli/dist/main.js", import.meta.url));

/** Polls until `check` gives a value, or fails saying what it waited for and what it saw. */
async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pseudo-terminal (/dev/pts/N) that the CLI running for `app` has as its stdin. */
async function ptyOf(app: string): Promise<string | undefined> {
  for (const pid of (await readdir("/proc")).filter((p) => /^\d+$/.test(p))) {
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (argv[1] === CLI && argv.includes(app)) return readlink(`/proc/${pid}/fd/0`).catch(() => undefined);
  }
  return undefined;
}

/** POST .../attach with `input` as stdin; the answer's frames decoded. */
function attach(base: string, token: string, path: string, input: string): Promise<{ status: number; stdout: string; stderr: string; exit?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: "POST", headers: { ...bearer(token), "content-type": "application/octet-stream" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        let buf = Buffer.concat(chunks);
        const out = { status: res.statusCode ?? 0, stdout: "", stderr: "", exit: undefined as number | undefined, body: buf.toString() };
        while (res.statusCode === 200 && buf.length >= 8) {
          const size = buf.readUInt32BE(4);
          const payload = buf.subarray(8, 8 + size).toString();
          if (buf[0] === 1) out.stdout += payload;
          else if (buf[0] === 2) out.stderr += payload;
          else out.exit = Number(payload);
          buf = buf.subarray(8 + size);
        }
        resolve(out);
      });
    });
    req.on("error", reject);
    req.end(input);
  });
}

describe("one-off instances (pier run)", () => {
  let api: TestApi;
  let base: string;
  const app = `run-${process.pid}`;
  const call = (method: "GET" | "POST", url: string, payload?: object) => api.server.inject({ method, url, payload, headers: bearer(api.adminToken) });
  const mine = async () => (await api.deps.docker!.listContainers({ all: true, filters: { label: [`pier.app=${app}`] } })).map((c) => c.Id);

  beforeAll(async () => {
    api = await startTestApi("pier_run");
    await api.server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`;
    await ensureLocalHost({ ...api.deps, docker: api.deps.docker! });
    const created = (await call("POST", "/apps", { name: app })).json() as { id: string };
    expect((await call("POST", `/apps/${app}/dynos`, { command: "true", attach: true })).json().message).toContain("has no release yet");
    await api.prisma.release.create({ data: { appId: created.id, version: 1, status: "succeeded", imageTag: IMAGE, processTypes: {}, config: {} } });
  });
  afterAll(async () => {
    for (const id of (await mine().catch(() => [])) ?? []) await api.deps.docker!.getContainer(id).remove({ force: true });
    await api?.close();
  });

  it("runs attached: stdin in, stdout and stderr out, the exit code back; nothing left behind", async () => {
    const script = "import os, sys; data = sys.stdin.read(); print(data.upper() + os.environ['GREETING'] + ' ' + os.environ['DYNO']); print('to stderr', file=sys.stderr); sys.exit(3)";
    const made = await call("POST", `/apps/${app}/dynos`, { command: "python3", argv: ["python3", "-c", script], attach: true, env: { GREETING: "hi" } });
    expect(made.statusCode).toBe(201);
    const name = made.json().name as string;
    expect(name).toMatch(/^run\.\d{4}$/);
    expect(made.json()).toMatchObject({ type: "run", state: "starting", command: `python3 -c ${script}`, host: "local" });
    const result = await attach(base, api.adminToken, `/apps/${app}/dynos/${name}/attach`, "hello pier");
    expect(result).toMatchObject({ status: 200, stdout: `HELLO PIERhi ${name}\n`, stderr: "to stderr\n", exit: 3 });
    expect(await mine()).toEqual([]);
    expect(await api.prisma.instance.count({ where: { type: "run" } })).toBe(0);
    // Attached once: a second attach finds nothing.
    expect((await attach(base, api.adminToken, `/apps/${app}/dynos/${name}/attach`, "")).status).toBe(404);
  });

  // `script` gives the CLI a pseudo-terminal (33 lines, 101 columns) as stdin and stdout; what the
  // test writes to script's stdin arrives as keystrokes.
  it("runs with a terminal from a terminal: sized, resized on SIGWINCH, raw keys (Ctrl-D), the exit code back, the terminal restored", async () => {
    const env = { ...process.env, PIER_API_URL: base, PIER_API_KEY: api.adminToken, TERM: "xterm" };
    const line = `stty rows 33 cols 101; node ${CLI} run --app ${app} bash; echo "rc=$?"; stty -a`;
    const child = spawn("script", ["-qec", line, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const seen = (re: RegExp) => until(() => (re.test(out) ? true : undefined), () => `${re} in ${JSON.stringify(out.slice(-600))}`);
    try {
      child.stdin.write("tty; stty size\n");
      await seen(/\/dev\/pts\/\d+\s+33 101/);
      // The window changes size: the CLI gets SIGWINCH and the one-off's terminal follows.
      const pty = await until(() => ptyOf(app), () => "the CLI's terminal");
      const resized = spawn("stty", ["-F", pty, "rows", "40", "cols", "120"], { stdio: "ignore" });
      expect(await new Promise((r) => resized.on("close", r))).toBe(0);
      await until(async () => {
        child.stdin.write("stty size\n");
        await new Promise((r) => setTimeout(r, 300));
        return /\b40 120\b/.test(out) ? true : undefined;
      }, () => `40 120 in ${JSON.stringify(out.slice(-600))}`);
      // Ctrl-D is a key like any other: the one-off's bash reads EOF and exits with the last status.
      child.stdin.write("(exit 3)\n\x04");
      await seen(/rc=3/);
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
    // Back to a cooked terminal: line editing and echo on.
    expect(out.slice(out.indexOf("rc=3"))).toMatch(/(?<!-)icanon[\s\S]*(?<!-)echo\b/);
    expect(out).toMatch(/Running bash on run-\d+\.\.\. up, run\.\d{4}/);
    expect(await mine()).toEqual([]);
  });

  it("kills a command at its time limit and says so", async () => {
    const { name } = (await call("POST", `/apps/${app}/dynos`, { command: "sleep", argv: ["sleep", "60"], attach: true })).json() as { name: string };
    const started = Date.now();
    const result = await attach(base, api.adminToken, `/apps/${app}/dynos/${name}/attach?time_to_live=2`, "");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result, result.body).toMatchObject({ status: 200, exit: 137 });
    expect(result.stderr).toContain(`${name} was stopped at its time limit`);
  });

  it("runs detached: started at once, listed by ps as run.N", async () => {
    const made = await call("POST", `/apps/${app}/dynos`, { command: "sleep 30", attach: false });
    expect(made.json()).toMatchObject({ state: "up", command: "sleep 30" });
    const listed = (await call("GET", `/apps/${app}/dynos`)).json() as { name: string }[];
    expect(listed.map((d) => d.name)).toEqual([made.json().name]);
    const [id] = await mine();
    expect((await api.deps.docker!.getContainer(id!).inspect()).State.Running).toBe(true);
  });

  it("refuses what cannot run, saying why", async () => {
    expect((await call("POST", `/apps/${app}/dynos`, { command: "x", size: "huge" })).json().message).toContain('"huge" is not a size');
    expect((await call("POST", `/apps/${app}/dynos`, { command: "x", env: { "BAD NAME": "1" } })).statusCode).toBe(422);
  });

  it("resizes only a running one-off of the app", async () => {
    expect((await call("POST", `/apps/${app}/dynos/run.1/resize`, { columns: 80, lines: 24 })).statusCode).toBe(404);
    expect((await call("POST", `/apps/${app}/dynos/run.1/resize`, { columns: 0, lines: 24 })).statusCode).toBe(400);
    const { name } = (await call("POST", `/apps/${app}/dynos`, { command: "true", attach: true, tty: true })).json() as { name: string };
    expect((await call("POST", `/apps/${app}/dynos/${name}/resize`, { columns: 80, lines: 24 })).json().message).toBe(`${name} is not running.`);
  });
});
