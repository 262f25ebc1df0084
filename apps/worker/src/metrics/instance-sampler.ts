import type Docker from "dockerode";
import { LABEL, listPierContainers } from "@pier/docker";
import { cpuCores, memoryWarning, readingFromDockerStats, type DockerStats, type InstanceReading } from "@pier/metrics-core";
import { recordInstanceSamples, type InstanceSample } from "@pier/metrics-store";
import type { Redis } from "ioredis";

export interface InstanceSamplerOptions {
  docker: Docker;
  redis: Redis;
  installationId: string;
  log: (line: string) => void;
  /** Writes a platform line into an app's log (R14). */
  emit: (app: string, dyno: string, message: string) => Promise<void>;
  everyMs?: number;
}

/** An R14 repeats at most this often per instance, as Heroku's does while the condition lasts. */
const WARN_EVERY_MS = 10 * 60_000;

/**
 * Every `everyMs`, reads CPU and memory of each running instance of this installation from the
 * engine and stores them per app and minute; an instance over its memory limit gets an R14 line
 * in its app's log.
 */
export function startInstanceSampler(o: InstanceSamplerOptions): { stop(): Promise<void> } {
  const previous = new Map<string, { at: number; reading: InstanceReading }>();
  const limits = new Map<string, { dyno: string; limit: number | undefined }>();
  const warned = new Map<string, number>();
  let stopped = false;

  async function sample(): Promise<void> {
    const containers = await listPierContainers(o.docker, { [LABEL.role]: "instance", [LABEL.installation]: o.installationId });
    const running = containers.filter((c) => c.state === "running");
    const samples: InstanceSample[] = [];
    await Promise.all(
      running.map(async (c) => {
        const container = o.docker.getContainer(c.id);
        let meta = limits.get(c.id);
        if (meta === undefined) {
          const info = await container.inspect();
          const dyno = (info.Config.Env ?? []).find((e) => e.startsWith("DYNO="))?.slice(5) ?? `${c.labels[LABEL.processType] ?? "run"}.?`;
          meta = { dyno, limit: info.HostConfig.Memory || undefined };
          limits.set(c.id, meta);
        }
        const stats = (await container.stats({ stream: false, "one-shot": true } as { stream: false })) as unknown as DockerStats;
        const now = Date.now();
        const reading = readingFromDockerStats(stats, meta.limit);
        const before = previous.get(c.id);
        previous.set(c.id, { at: now, reading });
        const app = c.labels[LABEL.app] ?? "unknown";
        const cores = cpuCores(before?.reading, reading, before ? now - before.at : 0);
        samples.push({ app, dyno: meta.dyno, memoryBytes: reading.memoryBytes, ...(reading.limitBytes ? { limitBytes: reading.limitBytes } : {}), ...(cores !== undefined ? { cpuCores: cores } : {}) });
        const warning = memoryWarning(reading);
        if (warning && now - (warned.get(c.id) ?? 0) > WARN_EVERY_MS) {
          warned.set(c.id, now);
          await o.emit(app, meta.dyno, warning);
        }
      }),
    );
    await recordInstanceSamples(o.redis, samples);
    // Forget containers that are gone.
    const live = new Set(running.map((c) => c.id));
    for (const map of [previous, limits, warned]) for (const id of map.keys()) if (!live.has(id)) map.delete(id);
  }

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = sample()
      .catch((err: Error) => o.log(`instance metrics: ${err.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, o.everyMs ?? 20_000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
