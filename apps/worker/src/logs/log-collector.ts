import type Docker from "dockerode";
import { LABEL, listPierContainers, type ObservedContainer } from "@pier/docker";
import { CRASH_LOOP_WINDOW_MS, crashLoopMessage, processExitMessages, type LogRetention } from "@pier/log-core";
import { appendContainerLines, forgetContainers, readContainerLogStates, trimOldLogs } from "@pier/log-store";
import type { Redis } from "ioredis";
import { CollectorLease } from "./collector-lease.js";
import { followContainer, type FollowedContainer } from "./follow-container.js";

export interface LogCollectorOptions {
  docker: Docker;
  redis: Redis;
  installationId: string;
  retention: LogRetention;
  log: (line: string) => void;
  /** Told how many lines each stored batch held (for /metrics). */
  onStored?: (lines: number) => void;
  /** How often containers are listed even without a Docker event. */
  pollMs?: number;
}

const TRIM_EVERY_MS = 60_000;

/**
 * Follows the stdout/stderr of every instance container of this installation into its app's log
 * stream, level-triggered: each pass lists the containers and follows those not yet followed,
 * resuming from the stored cursor; a Docker "start" event triggers a pass at once. When a
 * container ends, its exit is reported once as a platform line.
 */
export function startLogCollector(o: LogCollectorOptions): { stop(): Promise<void> } {
  const lease = new CollectorLease(o.redis, `pier:logs:collector:${o.installationId}`);
  const following = new Map<string, Promise<void>>();
  const abort = new AbortController();
  let wake: (() => void) | undefined;
  let lastTrim = 0;
  let leaseLost = false;
  /** Recent crash times per app and dyno (a restarted instance is a new container with the same dyno). */
  const crashes = new Map<string, number[]>();

  async function pass(): Promise<void> {
    if (!(await lease.hold())) {
      if (!leaseLost && following.size > 0) o.log("log collector: another worker holds the collector lease; pausing");
      leaseLost = true;
      return;
    }
    leaseLost = false;
    const [containers, states] = await Promise.all([
      listPierContainers(o.docker, { [LABEL.role]: "instance", [LABEL.installation]: o.installationId }),
      readContainerLogStates(o.redis, o.installationId),
    ]);
    for (const c of containers) {
      const state = states.get(c.id);
      if (following.has(c.id) || (c.state !== "running" && state?.exitReported)) continue;
      const run = follow(c, state?.cursor)
        .catch((err: Error) => o.log(`log collector: ${c.name}: ${err.message} (will resume from the stored position)`))
        .finally(() => following.delete(c.id));
      following.set(c.id, run);
    }
    const listed = new Set(containers.map((c) => c.id));
    await forgetContainers(o.redis, o.installationId, [...states.keys()].filter((id) => !listed.has(id) && !following.has(id)));
    if (Date.now() - lastTrim > TRIM_EVERY_MS) {
      lastTrim = Date.now();
      await trimOldLogs(o.redis, o.retention);
    }
  }

  async function follow(c: ObservedContainer, cursor: Parameters<typeof followContainer>[0]["cursor"]): Promise<void> {
    const info = await o.docker.getContainer(c.id).inspect();
    const target = describeContainer(c, info.Config.Env ?? []);
    const end = await followContainer({ ...o, container: target, cursor, signal: abort.signal });
    if (abort.signal.aborted) return;
    const after = await o.docker.getContainer(c.id).inspect();
    if (after.State.Running || after.State.Restarting) return;
    const time = Date.parse(after.State.FinishedAt) || Date.now();
    const messages = processExitMessages({ exitCode: after.State.ExitCode, oomKilled: after.State.OOMKilled });
    if (isCrash(after.State.ExitCode, after.State.OOMKilled)) {
      const key = `${target.app}\n${target.dyno}`;
      const times = [...(crashes.get(key) ?? []).filter((t) => time - t < CRASH_LOOP_WINDOW_MS), time];
      crashes.set(key, times);
      const loop = crashLoopMessage(times);
      if (loop) messages.push(loop);
    }
    const lines = messages.map((message) => ({
      time,
      source: "pier" as const,
      dyno: target.dyno,
      message,
    }));
    await appendContainerLines(
      o.redis,
      { installationId: o.installationId, containerId: c.id, app: target.app, lines, cursor: end, exitReported: true },
      o.retention,
    );
  }

  const events = watchStarts(o.docker, o.installationId, () => wake?.(), o.log);
  const loop = (async () => {
    while (!abort.signal.aborted) {
      await pass().catch((err: Error) => o.log(`log collector: ${err.message}`));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, o.pollMs ?? 5000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        abort.signal.addEventListener("abort", wake, { once: true });
      });
    }
  })();

  return {
    async stop() {
      abort.abort();
      (await events)?.destroy();
      await loop;
      await Promise.allSettled(following.values());
      await lease.release().catch((err: Error) => o.log(`log collector: could not release its lease: ${err.message}`));
    },
  };
}

/** Exits that count towards a crash loop: not a clean exit, nor Pier's own stop (SIGTERM, SIGKILL after the grace period). */
const isCrash = (exitCode: number, oomKilled: boolean) => oomKilled || (exitCode !== 0 && exitCode !== 143 && exitCode !== 137);

/** The app and dyno name a container's lines go under; DYNO is set in every instance's env. */
export function describeContainer(c: ObservedContainer, env: string[]): FollowedContainer {
  const dyno = env.find((e) => e.startsWith("DYNO="))?.slice(5) || `${c.labels[LABEL.processType] ?? "run"}.${(c.labels[LABEL.instance] ?? c.id).slice(0, 8)}`;
  return { id: c.id, app: c.labels[LABEL.app] ?? "unknown", dyno };
}

/** Docker "start" events for this installation's instances; without them the poll still finds containers. */
async function watchStarts(docker: Docker, installationId: string, onStart: () => void, log: (line: string) => void) {
  try {
    const stream = (await docker.getEvents({
      filters: { type: ["container"], event: ["start"], label: [`${LABEL.installation}=${installationId}`] },
    })) as NodeJS.ReadableStream & { destroy(): void };
    stream.on("data", onStart);
    stream.on("error", (err: Error) => log(`log collector: Docker events stream failed (${err.message}); relying on polling`));
    return stream;
  } catch (err) {
    log(`log collector: cannot watch Docker events (${(err as Error).message}); relying on polling`);
    return undefined;
  }
}
