import { backupTargetsFromEnv, type BackupTarget, type BackupTargets } from "@pier/backup-store";
import type { Deps } from "./deps.js";

/** Deps of backup use cases: a target can be given (tests); else PIER_BACKUP_TARGET and its settings. */
export type BackupTargetDeps = { backupTarget?: BackupTarget };

const fromEnv = new Map<string, BackupTargets>();
function configured(deps: Pick<Deps, "config">): BackupTargets {
  let targets = fromEnv.get(deps.config.dataDir);
  if (!targets) fromEnv.set(deps.config.dataDir, (targets = backupTargetsFromEnv(process.env, deps.config.dataDir)));
  return targets;
}

/** Where new backups go: "local" or "s3". */
export function currentTargetName(deps: Pick<Deps, "config"> & BackupTargetDeps): string {
  return deps.backupTarget?.name ?? configured(deps).currentName;
}

/** The target a backup was written to (recorded on it), so a change of target keeps old backups usable. */
export async function backupTargetOf(deps: Pick<Deps, "config"> & BackupTargetDeps, name: string): Promise<BackupTarget> {
  if (!deps.backupTarget) return configured(deps).named(name);
  if (deps.backupTarget.name !== name) throw new Error(`this backup is kept in the "${name}" target, but Pier is configured with "${deps.backupTarget.name}"`);
  return deps.backupTarget;
}
