import http from "node:http";
import net from "node:net";
import Docker from "dockerode";
import { stopContainer, waitForHttp } from "@pier/docker";
import type { Host, Instance } from "@pier/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineDeps } from "./deps.js";
import { waitUntilDrained } from "./drain-instances.js";

/** One request at a time, each taking 400 ms: concurrent requests wait in the accept queue, as with a busy gunicorn. */
const SLOW_SERVER = [
  "import http.server, time",
  "class H(http.server.BaseHTTPRequestHandler):",
  "    def do_GET(self):",
  "        time.sleep(0.4)",
  "        self.send_response(200)",
  "        self.send_header('Content-Length', '2')",
  "        self.end_headers()",
  "        self.wfile.write(b'ok')",
  "http.server.HTTPServer(('', 5000), H).serve_forever()",
].join("\n");

const get = (port: number) =>
  new Promise<string>((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(String(res.statusCode)));
    });
    req.on("error", (err) => resolve(err.message));
  });

describe("waitUntilDrained", () => {
  const docker = new Docker();
  const lines: string[] = [];
  const deps = { docker, log: (l: string) => lines.push(l) } as unknown as EngineDeps;
  const label = `drain-test-${process.pid}`;
  let container: Docker.Container;
  let port: number;
  const instance = () => ({ type: "web", number: 1, containerId: container.id, host: { name: "local", state: "ready" } }) as unknown as Instance & { host: Host };

  /** A fresh instance of the slow server, answering on `port`. */
  const startServer = async () => {
    container = await docker.createContainer({
      Image: "pier/stack-python:3.11",
      Cmd: ["python3", "-c", SLOW_SERVER],
      Labels: { "pier.installation": label },
      ExposedPorts: { "5000/tcp": {} },
      HostConfig: { PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } },
    });
    await container.start();
    port = Number((await container.inspect()).NetworkSettings.Ports["5000/tcp"]![0]!.HostPort);
    await waitForHttp({ host: "127.0.0.1", port, timeoutMs: 30_000 });
  };

  beforeAll(startServer);
  afterAll(async () => {
    for (const c of await docker.listContainers({ all: true, filters: { label: [`pier.installation=${label}`] } })) await docker.getContainer(c.Id).remove({ force: true });
  });

  it("waits for requests still queued at the instance, so SIGTERM afterwards loses none", async () => {
    const answers = Promise.all([1, 2, 3, 4].map(() => get(port)));
    await new Promise((r) => setTimeout(r, 100)); // all four connected: one served, three queued
    const started = Date.now();
    await waitUntilDrained([instance()], deps, { minMs: 50 });
    const waited = Date.now() - started;
    await stopContainer(docker, container.id, { graceSeconds: 0 });
    expect(await answers).toEqual(["200", "200", "200", "200"]);
    expect(waited).toBeGreaterThan(800); // three more requests of 400 ms were still to come
  });

  it("gives up at its limit when a connection stays open, saying so", async () => {
    await startServer();
    const idle = net.connect(port, "127.0.0.1");
    await new Promise((r) => idle.once("connect", r));
    const started = Date.now();
    await waitUntilDrained([instance()], deps, { minMs: 0, maxMs: 1000 });
    idle.destroy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(lines.join("\n")).toMatch(/web\.1 still has 1 connection\(s\) after 1 s; stopping it anyway/);
  });
});
