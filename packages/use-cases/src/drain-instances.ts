import { connectionsTo } from "@pier/docker";
import type { Host, Instance } from "@pier/db";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { INSTANCE_PORT } from "./instance-runner.js";

/** Longest wait for an old instance's requests to finish before it gets SIGTERM anyway. */
export const DRAIN_TIMEOUT_MS = 30_000;
const POLL_MS = 250;
const ENGINE_SLACK_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The promise's value, or undefined once `ms` have passed. */
async function withCutoff<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(r, ms, undefined)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets web instances that left the routes finish what routers already sent them: after
 * `minMs` (routers swap tables within it), waits until none has a TCP connection left on $PORT,
 * served or still in its accept queue, at most `maxMs` in all. A fixed pause alone is not
 * enough: an app server closes the connections still queued when it gets SIGTERM, and under
 * load its queue can hold seconds of requests (each a 502 H13 at the router). Where connections
 * cannot be counted (no `cat` in the image), the pause is all there is.
 */
export async function waitUntilDrained(instances: (Instance & { host: Host })[], deps: EngineDeps, opts: { minMs: number; maxMs?: number }): Promise<void> {
  const deadline = Date.now() + Math.max(opts.minMs, opts.maxMs ?? DRAIN_TIMEOUT_MS);
  await sleep(opts.minMs);
  const web = instances.filter((i) => i.type === "web" && i.containerId && i.host.state !== "down");
  await Promise.all(
    web.map(async (inst) => {
      const engine = engineFor(inst.host, deps);
      for (;;) {
        // An engine that stopped answering (its host is going down) holds the drain a moment past its limit at most.
        const open = await withCutoff(connectionsTo(engine, inst.containerId!, INSTANCE_PORT), Math.max(0, deadline - Date.now()) + ENGINE_SLACK_MS);
        if (open === undefined || open === 0) return;
        if (Date.now() >= deadline) {
          deps.log?.(`drain: ${inst.type}.${inst.number} still has ${open} connection(s) after ${Math.round((opts.maxMs ?? DRAIN_TIMEOUT_MS) / 1000)} s; stopping it anyway`);
          return;
        }
        await sleep(POLL_MS);
      }
    }),
  );
}
