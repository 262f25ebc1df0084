import { randomBytes } from "node:crypto";
import { connectDocker, LABEL, stopContainer } from "@pier/docker";
import { afterAll, describe, expect, it } from "vitest";
import { watchOomKills } from "./oom-watcher.js";

const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
const installationId = `test-${randomBytes(4).toString("hex")}`;
const app = `oom-${installationId}`;

// The main process starts a child that allocates past the 64 MB limit (the kernel kills the child), then goes on.
const MAIN = [
  "import subprocess, sys, time",
  "subprocess.run([sys.executable, '-c', 'chunks = []\\nwhile True: chunks.append(b\"x\" * (8 << 20))'])",
  "print('child gone', flush=True)",
  "time.sleep(600)",
].join("\n");

describe("memory kills on a real Docker engine", () => {
  let containerId = "";
  afterAll(async () => {
    if (containerId) await stopContainer(docker, containerId, { graceSeconds: 0 });
  });

  it("reports a process killed for memory in an instance that keeps running as R15", async () => {
    const emitted: string[] = [];
    const logged: string[] = [];
    const watcher = watchOomKills({ docker, installationId, log: (l) => logged.push(l), emit: async (a, d, m) => void emitted.push(`${a} ${d} ${m}`), settleMs: 300 });
    try {
      await watcher.following;
      const c = await docker.createContainer({
        Image: STACK,
        Cmd: ["python3", "-c", MAIN],
        Env: ["DYNO=web.1"],
        Labels: { [LABEL.app]: app, [LABEL.role]: "instance", [LABEL.installation]: installationId, [LABEL.processType]: "web", [LABEL.instance]: "i-1" },
        HostConfig: { Memory: 64 * 1024 * 1024, MemorySwap: 64 * 1024 * 1024, Init: true },
      });
      containerId = c.id;
      await c.start();
      const deadline = Date.now() + 20_000;
      while (emitted.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await watcher.stop();
    }
    expect(emitted).toEqual([`${app} web.1 Error R15 (Memory quota vastly exceeded): a process was killed for using more memory than its 64MB limit; the instance keeps running`]);
    expect((await docker.getContainer(containerId).inspect()).State.Running).toBe(true);
    expect(logged).toEqual([]);
  });
});
