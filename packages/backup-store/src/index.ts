export { ChecksumMismatchError, BackupMissingError, type BackupTarget, type StoredBackup } from "./target.js";
export { LocalDirectoryTarget, backupDir } from "./local-target.js";
export { execStreaming, type StreamExec, type ExecResult } from "./exec-stream.js";
