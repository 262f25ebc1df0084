import { dumpCommand, humanSize, nextBackupStatus, type BackupEvent } from "@pier/backup-core";
import { execStreaming, type StoredBackup } from "@pier/backup-store";
import type { AddonBackup } from "@pier/db";
import { addonEngine, addonLogin, BackupFailure, commandFailure, describeEngineError } from "./backups-engine.js";
import { backupTargetOf, type BackupTargetDeps } from "./backups-target.js";
import type { EngineDeps } from "./deps.js";
import { emitPlatformEvent } from "./platform-events.js";

export type BackupDeps = EngineDeps & BackupTargetDeps;

async function move(backup: AddonBackup, event: BackupEvent, data: Record<string, unknown>, deps: BackupDeps): Promise<AddonBackup> {
  const next = nextBackupStatus(backup.state, event);
  return deps.prisma.addonBackup.update({ where: { id: backup.id }, data: { ...next, ...data } });
}

/**
 * Takes a pending backup: runs the kind's dump command inside the add-on's container (docker
 * exec, argv only) and streams its stdout through gzip into the backup target, recording size and
 * sha256. Any failure ends as `failed` with its reason, and a platform event in the app's log;
 * a half-written file is removed. Returns the finished record.
 */
export async function captureBackup(params: { backupId: string }, deps: BackupDeps): Promise<AddonBackup> {
  const found = await deps.prisma.addonBackup.findUnique({ where: { id: params.backupId }, include: { addon: { include: { host: true, app: true } } } });
  if (!found) throw new Error(`backup ${params.backupId} does not exist (deleted before its turn came?)`);
  const { addon, ...record } = found;
  if (record.state !== "pending") return record; // a job delivered twice: the first one did the work
  const app = addon.app?.name;
  const target = await backupTargetOf(deps, record.target);
  let backup = await move(record, { type: "start" }, { startedAt: new Date() }, deps);
  try {
    if (addon.state !== "available") throw new BackupFailure(`${addon.name} is ${addon.state}`);
    const command = dumpCommand(await addonLogin(addon, deps));
    let stored: StoredBackup | undefined;
    const result = await execStreaming(addonEngine(addon, deps), addon.containerName, command, async (stdout) => {
      stored = await target.save(backup.targetKey, stdout);
    }).catch((err: unknown) => {
      throw new BackupFailure(describeEngineError(err, addon.containerName));
    });
    if (result.exitCode !== 0 || !stored) {
      await target.remove(backup.targetKey);
      throw commandFailure(command.argv[0]!, result.exitCode, result.stderr);
    }
    backup = await move(backup, { type: "succeed" }, { finishedAt: new Date(), sizeBytes: BigInt(stored.sizeBytes), sha256: stored.sha256 }, deps);
    if (app) await emitPlatformEvent(deps, app, "backups", `Backup ${backup.name} of ${addon.name} succeeded (${humanSize(stored.sizeBytes)})`);
    return backup;
  } catch (err) {
    const reason = describeEngineError(err, addon.containerName);
    backup = await move(backup, { type: "fail", reason }, { finishedAt: new Date() }, deps);
    if (app) await emitPlatformEvent(deps, app, "backups", `Backup ${backup.name} of ${addon.name} failed: ${reason}`);
    return backup;
  }
}

/** Backups left `running` by a worker that stopped midway: nothing will finish them. */
export async function failInterruptedBackups(deps: Pick<BackupDeps, "prisma">): Promise<number> {
  const { count } = await deps.prisma.addonBackup.updateMany({
    where: { state: "running" },
    data: { state: "failed", error: "the worker stopped while this backup was running; take a new one", finishedAt: new Date() },
  });
  return count;
}
