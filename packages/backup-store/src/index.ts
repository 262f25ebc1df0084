export { ChecksumMismatchError, BackupMissingError, type BackupTarget, type StoredBackup } from "./target.js";
export { LocalDirectoryTarget, backupDir } from "./local-target.js";
export type { S3Settings } from "./s3-target.js";
export { backupTargetsFromEnv, type BackupTargets } from "./targets.js";
export { execStreaming, type StreamExec, type ExecResult } from "./exec-stream.js";
