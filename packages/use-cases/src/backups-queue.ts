import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const BACKUP_QUEUE = "backups";

/**
 * Work the API hands to the worker, where the Docker engines are: take a backup (its record is
 * already `pending`), or restore one into an add-on. The records are the source of truth.
 */
export type BackupJob = { action: "capture"; backupId: string } | { action: "restore"; backupId: string; targetAddonId: string };

/** What a finished restore job returns (BullMQ keeps it for the API to read). */
export interface RestoreOutcome {
  ok: boolean;
  message: string;
}

export function createBackupQueue(connection: Redis): Queue<BackupJob> {
  return new Queue<BackupJob>(BACKUP_QUEUE, { connection, defaultJobOptions: { attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 } });
}
