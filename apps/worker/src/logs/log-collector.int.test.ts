import { randomBytes } from "node:crypto";
import { connectDocker, LABEL, stopContainer } from "@pier/docker";
import { logCursorsKey, logStreamKey, readRecentLogs } from "@pier/log-store";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startLogCollector } from "./log-collector.js";

const msg = (l: { text: string }) => l.text.slice(l.text.indexOf("]: ") + 3);

// Needs the stack image (infra/stack/build-python.sh), the Docker engine and Redis.
const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const installationId = `test-${randomBytes(4).toString("hex")}`;
const app = `collect-${installationId}`;
const RETENTION = { maxLines: 100_000, maxAgeMs: 3600_000 };
const LINES = 3000;

// Prints in bursts (stdout and stderr), then exits 3. The pause after the first 1000 lines is when
// the test stops the first collector: on a busy machine the whole run could otherwise be over first.
const PRINTER = [
  "import sys, time",
  `for i in range(${LINES}):`,
  "    print(f'line {i}', file=sys.stderr if i % 7 == 0 else sys.stdout, flush=True)",
  "    if i % 100 == 99: time.sleep(0.05)",
  "    if i == 999: time.sleep(4)",
  "sys.exit(3)",
].join("\n");

async function until(what: string, probe: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("log collector on a real Docker engine", () => {
  let redis: Redis;
  let containerId = "";
  const noise: string[] = [];
  const collector = () => startLogCollector({ docker, redis, installationId, retention: RETENTION, log: (l) => noise.push(l), pollMs: 200 });

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    await docker.getImage(STACK).inspect();
  });
  const crashed: string[] = [];
  afterAll(async () => {
    for (const id of [containerId, ...crashed]) if (id) await stopContainer(docker, id, { graceSeconds: 0 });
    await redis.del(logStreamKey(app), logCursorsKey(installationId));
    redis.disconnect();
  });

  it("stores every line once, in order, across a collector restart, then the exit", async () => {
    const container = await docker.createContainer({
      Image: STACK,
      Cmd: ["python3", "-c", PRINTER],
      Env: ["DYNO=web.1"],
      Labels: { [LABEL.app]: app, [LABEL.role]: "instance", [LABEL.installation]: installationId, [LABEL.processType]: "web", [LABEL.instance]: "i-1" },
    });
    containerId = container.id;
    await container.start();

    let first = collector();
    await until("some lines", async () => (await redis.xlen(logStreamKey(app))) >= 300);
    await first.stop();
    const mid = await redis.xlen(logStreamKey(app));
    expect(mid).toBeLessThan(LINES);

    first = collector();
    await until("the exit event", async () => (await readRecentLogs(redis, app, { count: 1 })).lines[0]?.text.endsWith("]: Process exited with status 3") === true);
    await first.stop();

    const { lines } = await readRecentLogs(redis, app, { count: LINES + 10 });
    const numbers = lines.slice(0, LINES).map((l) => Number(/^line (\d+)$/.exec(msg(l))?.[1]));
    // Docker keeps each stream's order; between stdout and stderr it orders by pipe reads.
    const stderr = numbers.filter((n) => n % 7 === 0);
    const stdout = numbers.filter((n) => n % 7 !== 0);
    expect(stderr).toEqual([...stderr].sort((a, b) => a - b));
    expect(stdout).toEqual([...stdout].sort((a, b) => a - b));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i));
    expect(new Set(lines.slice(0, LINES).map((l) => `${l.source}[${l.dyno}]`))).toEqual(new Set(["app[web.1]"]));
    expect(lines.slice(LINES).map((l) => `${l.source}[${l.dyno}] ${msg(l)}`)).toEqual(["pier[web.1] Process exited with status 3"]);
    expect(noise.filter((l) => !/pausing/.test(l))).toEqual([]);
  });

  it("does not follow or report a finished container again", async () => {
    const before = await redis.xlen(logStreamKey(app));
    const again = collector();
    await new Promise((r) => setTimeout(r, 1500));
    await again.stop();
    expect(await redis.xlen(logStreamKey(app))).toBe(before);
  });

  it("reports a crash loop when an instance keeps exiting", async () => {
    const c = collector();
    for (let i = 0; i < 3; i++) {
      const container = await docker.createContainer({
        Image: STACK,
        Cmd: ["python3", "-c", "import sys; print('boom', flush=True); sys.exit(1)"],
        Env: ["DYNO=worker.1"],
        Labels: { [LABEL.app]: app, [LABEL.role]: "instance", [LABEL.installation]: installationId, [LABEL.processType]: "worker", [LABEL.instance]: `i-crash-${i}` },
      });
      crashed.push(container.id);
      await container.start();
      await until(`exit ${i + 1}`, async () => (await readRecentLogs(redis, app, { count: 10, filter: { dyno: "worker.1", source: "pier" } })).lines.filter((l) => l.text.includes("Process exited with status 1")).length > i);
    }
    await until("the crash loop line", async () => (await readRecentLogs(redis, app, { count: 1, filter: { dyno: "worker.1" } })).lines[0]?.text.includes("Crash loop: exited 3 times") === true, 5000);
    await c.stop();
  });
});
