import { createRedis } from "@pier/queue";
import { BACKUP_QUEUE, BACKUP_SCHEDULE_EVERY_MS, captureBackup, createBackupQueue, failInterruptedBackups, requeuePendingBackups, restoreBackup, runScheduledBackups, type BackupJob, type EngineDeps } from "@pier/use-cases";
import { Worker } from "bullmq";

/**
 * Backups in the worker: captures and restores the API queues, and every few minutes the daily
 * schedule (captures that are due, then retention). One job at a time. Outcomes land on the
 * backup records and in the apps' logs; the processor rethrows only what Pier could not handle.
 */
export async function startBackupProcessor(deps: EngineDeps): Promise<{ close(): Promise<void> }> {
  const log = deps.log ?? (() => {});
  // One worker process is assumed (like the reconciler): a backup still `running` was cut off.
  const interrupted = await failInterruptedBackups(deps);
  if (interrupted) log(`${interrupted} backup(s) interrupted by the last stop marked failed`);
  const queue = createBackupQueue(deps.redis);
  await requeuePendingBackups({ ...deps, backupQueue: queue });
  await queue.upsertJobScheduler("daily-backups", { every: BACKUP_SCHEDULE_EVERY_MS }, { name: "schedule", data: { action: "schedule" } });
  const worker = new Worker<BackupJob>(
    BACKUP_QUEUE,
    async (job) => {
      const data = job.data;
      switch (data.action) {
        case "capture": {
          const b = await captureBackup({ backupId: data.backupId }, deps);
          log(`backup ${b.name} (${b.id}) ${b.state}${b.error ? `: ${b.error}` : ""}`);
          return b.state;
        }
        case "restore": {
          const outcome = await restoreBackup(data, deps);
          log(`restore of backup ${data.backupId} into ${data.targetAddonId}: ${outcome.message}`);
          return outcome;
        }
        case "schedule": {
          const pass = await runScheduledBackups(deps);
          if (pass.captured.length + pass.failed.length + pass.pruned.length) log(`scheduled backups: ${pass.captured.length} taken, ${pass.failed.length} failed, ${pass.pruned.length} pruned`);
          return pass;
        }
      }
    },
    { connection: createRedis(deps.config.redisUrl, { blocking: true }), concurrency: 1 },
  );
  worker.on("failed", (job, err) => log(`backup job ${job?.name} errored: ${err.stack ?? err.message}`));
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
