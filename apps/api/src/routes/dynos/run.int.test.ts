import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { ensureLocalHost } from "@pier/use-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, startTestApi, type TestApi } from "../../testing/test-api.js";

/** The stack image stands in for a release image: it has python3. */
const IMAGE = "pier/stack-python:3.11";

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
});
