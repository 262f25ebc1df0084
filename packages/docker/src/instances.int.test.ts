import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDocker } from "./connect.js";
import { LABEL } from "./labels.js";
import { listPierContainers } from "./list.js";
import { containerLiveness } from "./liveness.js";
import { containerLogsTail } from "./logs.js";
import { startInstance } from "./instances.js";
import { stopContainer } from "./stop.js";
import { waitForHttp } from "./wait-for-http.js";

// Needs the stack image (infra/stack/build-python.sh) and the Docker engine.
const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
const prefix = `pier-test-docker-${randomBytes(3).toString("hex")}`;
const labels = { [LABEL.app]: prefix, [LABEL.processType]: "web" };

// A tiny HTTP server that reads PORT, as an app would; it logs to stdout and handles SIGTERM.
const SERVER = [
  "import http.server, os, signal, sys",
  "signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))",
  "class H(http.server.BaseHTTPRequestHandler):",
  "    def do_GET(self):",
  "        self.send_response(200); self.end_headers(); self.wfile.write(b'hi from ' + os.environ['PORT'].encode())",
  "print('listening on', os.environ['PORT'], flush=True)",
  "http.server.HTTPServer(('0.0.0.0', int(os.environ['PORT'])), H).serve_forever()",
].join("\n");

let n = 0;
const name = () => `${prefix}-${++n}`;

beforeAll(async () => {
  await docker.getImage(STACK).inspect();
});

afterAll(async () => {
  for (const c of await listPierContainers(docker, { [LABEL.app]: prefix })) {
    await stopContainer(docker, c.id, { graceSeconds: 0 });
  }
});

describe("instances on a real Docker engine", () => {
  it("starts with PORT published on loopback, is listed, logs, and stops on SIGTERM", async () => {
    const { containerId, hostPort } = await startInstance(docker, {
      name: name(), image: STACK, cmd: ["python3", "-c", SERVER], env: { GREETING: "x" }, labels, port: 5000,
    });
    await waitForHttp({ host: "127.0.0.1", port: hostPort, timeoutMs: 20_000, ...containerLiveness(docker, containerId) });
    expect(await (await fetch(`http://127.0.0.1:${hostPort}/`)).text()).toBe("hi from 5000");

    const listed = await listPierContainers(docker, { [LABEL.app]: prefix, [LABEL.role]: "instance" });
    expect(listed).toEqual([
      expect.objectContaining({ id: containerId, state: "running", hostPort, labels: expect.objectContaining({ ...labels, [LABEL.role]: "instance" }) }),
    ]);
    expect(await containerLogsTail(docker, containerId, 5)).toMatch(/listening on 5000/);

    const t0 = Date.now();
    await stopContainer(docker, containerId, { graceSeconds: 10 });
    expect(Date.now() - t0).toBeLessThan(5_000); // SIGTERM was handled, no wait for SIGKILL
    expect(await listPierContainers(docker, { [LABEL.app]: prefix })).toEqual([]);
    // Already gone: tolerated.
    await expect(stopContainer(docker, containerId, { graceSeconds: 1 })).resolves.toBeUndefined();
  });

  it("SIGKILLs a process that ignores SIGTERM after the grace period", async () => {
    const { containerId } = await startInstance(docker, {
      name: name(), image: STACK, port: 5000, env: {}, labels,
      cmd: ["python3", "-c", "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('ignoring SIGTERM', flush=True)\ntime.sleep(600)"],
    });
    // SIGTERM before the handler is installed would kill it at once: wait until it says so.
    const deadline = Date.now() + 20_000;
    while (!(await containerLogsTail(docker, containerId, 5)).includes("ignoring SIGTERM")) {
      if (Date.now() > deadline) throw new Error("the test process never installed its SIGTERM handler");
      await new Promise((r) => setTimeout(r, 50));
    }
    const t0 = Date.now();
    await stopContainer(docker, containerId, { graceSeconds: 2 });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(8_000);
    expect(await listPierContainers(docker, { [LABEL.app]: prefix })).toEqual([]);
  });

  it("waitForHttp rejects quickly, with the exit code and last logs, when the container exits", async () => {
    const { containerId, hostPort } = await startInstance(docker, {
      name: name(), image: STACK, port: 5000, env: {}, labels,
      cmd: ["python3", "-c", "import sys, time\ntime.sleep(0.5)\nprint('cannot import app', flush=True)\nsys.exit(3)"],
    });
    const t0 = Date.now();
    const wait = waitForHttp({ host: "127.0.0.1", port: hostPort, timeoutMs: 60_000, ...containerLiveness(docker, containerId) });
    await expect(wait).rejects.toThrow(/will not answer: container exited with exit code 3; last log lines:\ncannot import app/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await stopContainer(docker, containerId, { graceSeconds: 0 });
  });

  it("a command that does not exist is reported with the init's exit code and message", async () => {
    // The process dies at once: startInstance reports it if the port mapping is already gone,
    // else the wait does. Either way the user sees the same reason, and nothing is left behind.
    const started = startInstance(docker, { name: name(), image: STACK, port: 5000, env: {}, labels, cmd: ["/no/such/binary"] });
    const outcome = started.then(({ containerId, hostPort }) =>
      waitForHttp({ host: "127.0.0.1", port: hostPort, timeoutMs: 30_000, ...containerLiveness(docker, containerId) }),
    );
    await expect(outcome).rejects.toThrow(/exit code 127; last log lines:\n.*exec \/no\/such\/binary failed: No such file or directory/);
    const live = await started.catch(() => undefined);
    if (live) await stopContainer(docker, live.containerId, { graceSeconds: 0 });
    expect(await listPierContainers(docker, { [LABEL.app]: prefix })).toEqual([]);
  });
});
