import { emitPlatformEvent, logRetention, type EngineDeps } from "@pier/use-cases";
import { startInstanceSampler } from "../metrics/instance-sampler.js";
import { watchOomKills } from "../metrics/oom-watcher.js";
import { drainCaFromEnv } from "./drains/drain-ca.js";
import { startDrainLoop } from "./drains/drain-loop.js";
import { startLogCollector } from "./log-collector.js";
import { startWorkerMetrics } from "../metrics/worker-metrics.js";

/**
 * What the worker watches on its engine: instances' output (the log collector, with the
 * operator's retention settings), their CPU and memory (the instance sampler) and processes
 * killed for memory (the OOM watcher); and where
 * apps' logs go besides Pier (log drains).
 */
export function startWorkerLogCollector(deps: EngineDeps): { stop(): Promise<void> } {
  const log = deps.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const common = { docker: deps.docker, redis: deps.redis, installationId: deps.installationId, log };
  let storedLines = 0;
  const collector = startLogCollector({ ...common, retention: logRetention(), onStored: (n) => (storedLines += n) });
  const caPem = drainCaFromEnv(process.env);
  const drains = startDrainLoop(deps, { retention: logRetention(), log, ...(caPem ? { caPem } : {}) });
  const metrics = startWorkerMetrics(async () => [
    { name: "pier_log_lines_stored_total", help: "Lines of instances' output stored in apps' logs by this worker.", type: "counter", samples: [{ value: storedLines }] },
    ...(await drains.families()),
  ]).catch((err: Error) => {
    log(`worker /metrics: ${err.message}`);
    return undefined;
  });
  const emit = (app: string, dyno: string, message: string) => emitPlatformEvent(deps, app, dyno, message);
  const sampler = startInstanceSampler({ ...common, emit });
  const memoryKills = watchOomKills({ ...common, emit });
  return {
    async stop() {
      await Promise.all([collector.stop(), sampler.stop(), memoryKills.stop(), drains.stop(), metrics.then((m) => m?.close())]);
    },
  };
}
