import { backupDir, LocalDirectoryTarget, type BackupTarget } from "@pier/backup-store";
import type { Deps } from "./deps.js";

/** Deps of backup use cases: a target can be given (tests, an S3 target later); else PIER_BACKUP_DIR. */
export type BackupTargetDeps = { backupTarget?: BackupTarget };

export function backupTargetOf(deps: Pick<Deps, "config"> & BackupTargetDeps, name = "local"): BackupTarget {
  const target = deps.backupTarget ?? new LocalDirectoryTarget(backupDir(process.env, deps.config.dataDir));
  if (target.name !== name) throw new Error(`this backup is kept in the "${name}" target, but Pier is configured with "${target.name}"`);
  return target;
}
