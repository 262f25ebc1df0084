import { emitPlatformEvent, logRetention, type EngineDeps } from "@pier/use-cases";
import { startInstanceSampler } from "../metrics/instance-sampler.js";
import { startDrainLoop } from "./drains/drain-loop.js";
import { startLogCollector } from "./log-collector.js";

/**
 * What the worker watches on its engine: instances' output (the log collector, with the
 * operator's retention settings) and their CPU and memory (the instance sampler); and where
 * apps' logs go besides Pier (log drains).
 */
export function startWorkerLogCollector(deps: EngineDeps): { stop(): Promise<void> } {
  const log = deps.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const common = { docker: deps.docker, redis: deps.redis, installationId: deps.installationId, log };
  const collector = startLogCollector({ ...common, retention: logRetention() });
  const drains = startDrainLoop(deps, { retention: logRetention(), log });
  const sampler = startInstanceSampler({ ...common, emit: (app, dyno, message) => emitPlatformEvent(deps, app, dyno, message) });
  return {
    async stop() {
      await Promise.all([collector.stop(), sampler.stop(), drains.stop()]);
    },
  };
}
