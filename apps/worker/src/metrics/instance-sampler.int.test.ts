import { randomBytes } from "node:crypto";
import { connectDocker, LABEL, stopContainer } from "@pier/docker";
import { instanceStatsKey, readInstanceSeries } from "@pier/metrics-store";
import { minuteOf } from "@pier/metrics-core";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { startInstanceSampler } from "./instance-sampler.js";

const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
const installationId = `test-${randomBytes(4).toString("hex")}`;
const app = `sample-${installationId}`;

describe("instance sampler on a real Docker engine", () => {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  let containerId = "";
  afterAll(async () => {
    if (containerId) await stopContainer(docker, containerId, { graceSeconds: 0 });
    const m = minuteOf(Date.now());
    await redis.del(instanceStatsKey(app, m), instanceStatsKey(app, m - 60_000));
    redis.disconnect();
  });

  it("records memory (against the limit) and CPU per dyno and minute", async () => {
    const c = await docker.createContainer({
      Image: STACK,
      // Busy, and holding ~40 MB.
      Cmd: ["python3", "-c", "b = bytearray(40 * 1024 * 1024)\nwhile True: pass"],
      Env: ["DYNO=web.1"],
      Labels: { [LABEL.app]: app, [LABEL.role]: "instance", [LABEL.installation]: installationId, [LABEL.processType]: "web", [LABEL.instance]: "i-1" },
      HostConfig: { Memory: 256 * 1024 * 1024 },
    });
    containerId = c.id;
    await c.start();
    const events: string[] = [];
    const sampler = startInstanceSampler({ docker, redis, installationId, log: (l) => events.push(l), emit: async (_a, _d, m) => void events.push(m), everyMs: 500 });
    const deadline = Date.now() + 30_000;
    let point;
    while (Date.now() < deadline) {
      const series = await readInstanceSeries(redis, app, "hour");
      point = series["web.1"]?.findLast((p) => p.cpu_cores !== undefined);
      if (point) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await sampler.stop();
    expect(point?.memory_bytes).toBeGreaterThan(30 * 1024 * 1024);
    expect(point?.memory_limit_bytes).toBe(256 * 1024 * 1024);
    expect(point?.cpu_cores).toBeGreaterThan(0.05);
    expect(events).toEqual([]);
  });
});
