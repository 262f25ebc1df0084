import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const BACKUP_QUEUE = "backups";

/**
 * Work for the worker, where the Docker engines are: take a backup (its record is already
 * `pending`), restore one into an add-on, or run the daily schedule. One queue, one job at a time,
 * so a restore never overlaps a backup of the same add-on. The records are the source of truth.
 */
export type BackupJob = { action: "capture"; backupId: string } | { action: "restore"; backupId: string; targetAddonId: string } | { action: "schedule" };

/** The daily backups are checked this often (a BullMQ job scheduler: one pass at a time across workers). */
export const BACKUP_SCHEDULE_EVERY_MS = 5 * 60_000;

/** What a finished restore job returns (BullMQ keeps it for the API to read). */
export interface RestoreOutcome {
  ok: boolean;
  message: string;
}

export function createBackupQueue(connection: Redis): Queue<BackupJob> {
  return new Queue<BackupJob>(BACKUP_QUEUE, { connection, defaultJobOptions: { attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 } });
}
