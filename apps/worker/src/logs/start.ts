import { logRetention, type EngineDeps } from "@pier/use-cases";
import { startLogCollector } from "./log-collector.js";

/** The worker's log collector over its engine, with the operator's retention settings. */
export function startWorkerLogCollector(deps: EngineDeps): { stop(): Promise<void> } {
  return startLogCollector({
    docker: deps.docker,
    redis: deps.redis,
    installationId: deps.installationId,
    retention: logRetention(),
    log: deps.log ?? ((line) => process.stdout.write(`${line}\n`)),
  });
}
