export { backupName, parseBackupName, nextBackupNumber } from "./names.js";
export { backupKey, downloadFileName, BACKUP_KINDS, type BackupKind } from "./kinds.js";
export { dumpCommand, restoreSteps, redisCommand, type Command, type DatabaseLogin, type RestoreStep, type RedisFiles } from "./commands.js";
export { nextBackupStatus, isFinished, BackupTransitionError, type BackupState, type BackupEvent, type BackupStatus } from "./states.js";
export { backupsToPrune, type RetainedBackup } from "./retention.js";
export { dueForBackup, latestSlot, checkSchedule, defaultScheduleFromEnv, ScheduleError, type BackupSchedule, type ScheduledAddon } from "./schedule.js";
export { humanSize } from "./size.js";
