// First: stand-ins for modules dockerode and ssh2 load but Pier does not use (see the module).
import "@pier/docker/defer-unused-modules";
import { loadConfigOrExit } from "@pier/config";
import { createPrisma } from "@pier/db";
import { connectDocker } from "@pier/docker";
import { createRedis } from "@pier/queue";
import { installationId, publishRoutes, type EngineDeps } from "@pier/use-cases";
import { startBuildProcessor } from "./build-processor.js";
import { startAddonMaintenanceLoop } from "./addon-maintenance-loop.js";
import { startBuildArtifactsLoop } from "./build-artifacts-loop.js";
import { startWorkerLogCollector } from "./logs/start.js";
import { startCertificateLoop } from "./certificate-loop.js";
import { startReconcileLoop } from "./reconcile-loop.js";
import { startReleaseProcessor } from "./release-processor.js";
import { startBackupProcessor } from "./backup-processor.js";

const config = loadConfigOrExit("worker");
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} pier worker: ${line}\n`);
const prisma = createPrisma(config.databaseUrl);
const deps: EngineDeps = {
  config,
  prisma,
  redis: createRedis(config.redisUrl),
  docker: connectDocker(config.dockerSocket),
  installationId: await installationId({ prisma }),
  log,
};

try {
  await deps.docker.ping();
} catch (err) {
  process.stderr.write(`pier worker: cannot reach the Docker engine at ${config.dockerSocket}: ${(err as Error).message} (start it with: bash infra/ensure-services.sh)\n`);
  process.exit(1);
}

const builds = startBuildProcessor(deps, log);
const releases = startReleaseProcessor(deps);
const backups = await startBackupProcessor(deps);

// Routers that start later read the latest table from Redis: make sure one exists.
await publishRoutes(deps);

const reconciler = startReconcileLoop(deps);
const logCollector = startWorkerLogCollector(deps);
const certificates = startCertificateLoop(deps);
const buildArtifacts = startBuildArtifactsLoop(deps);
const addonMaintenance = startAddonMaintenanceLoop(deps);

/**
 * Finishes the current passes and jobs, but within a deadline: an operator's stop (or a
 * supervisor's SIGKILL after its own grace) must not find the worker still busy. Jobs cut short
 * are stalled in BullMQ and run again at the next start; the reconciler converges what a pass left.
 */
const SHUTDOWN_GRACE_MS = 10_000;
const shutdown = async () => {
  log(`stopping: finishing the current passes and jobs (at most ${SHUTDOWN_GRACE_MS / 1000} s)`);
  // Queues stop taking jobs at once, while the loops finish their passes.
  const finished = Promise.all([
    reconciler.stop(),
    logCollector.stop(),
    certificates.stop(),
    buildArtifacts.stop(),
    addonMaintenance.stop(),
    builds.close(),
    releases.close(),
    backups.close(),
  ]).then(() => true);
  const inTime = await Promise.race([finished, new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_GRACE_MS).unref())]);
  if (!inTime) {
    log(`stopping: still busy after ${SHUTDOWN_GRACE_MS / 1000} s; what was running is left to the next start`);
    process.exit(0);
  }
  await Promise.allSettled([deps.redis.quit(), deps.prisma.$disconnect()]);
  process.exit(0);
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
log("ready");
