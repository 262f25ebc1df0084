import type { AddonBackup } from "@pier/db";
import { Job, type Queue } from "bullmq";
import { recordAudit } from "./audit.js";
import { findBackupAddon, findBackup, type AddonWithHost } from "./backups-addon.js";
import type { BackupJob, RestoreOutcome } from "./backups-queue.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";

export interface RestoreRequest {
  app: string;
  addon: string;
  backup: string;
  /** The add-on to restore into (default: the backup's own); `toApp` when it belongs to another app. */
  to?: string;
  toApp?: string;
  /** Must repeat the target add-on's name: a restore replaces its data. */
  confirm: string;
}

/** How long a caller waits for a restore before being told it is still running. */
const RESTORE_WAIT_MS = 30 * 60_000;

async function waitForJob(queue: Queue<BackupJob>, id: string, timeoutMs: number): Promise<RestoreOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await Job.fromId<BackupJob, RestoreOutcome>(queue, id);
    if (!job) throw new UseCaseError("unavailable", "The restore job disappeared from the queue before it finished; check the app's log (pier logs --source pier).");
    const state = await job.getState();
    if (state === "completed") return job.returnvalue;
    if (state === "failed") return { ok: false, message: job.failedReason || "the worker could not run the restore" };
    if (Date.now() > deadline) throw new UseCaseError("unavailable", "The restore is still running; its outcome will appear in the app's log (pier logs --source pier).");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * `pier backups:restore`: checks access, kinds and the confirmation here, then has the worker
 * (where the engines are) restore, and waits for its outcome. A refused or failed restore is a
 * 409 with the reason.
 */
export async function requestRestore(params: RestoreRequest, actor: Actor, deps: Pick<Deps, "prisma"> & { backupQueue: Queue<BackupJob> }): Promise<{ backup: AddonBackup; target: AddonWithHost; outcome: RestoreOutcome }> {
  const { app, addon } = await findBackupAddon(params, actor, deps);
  const backup = await findBackup(addon, params.backup, deps);
  const target = params.to ? (await findBackupAddon({ app: params.toApp ?? params.app, addon: params.to }, actor, deps)).addon : addon;
  if (params.confirm !== target.name) throw new UseCaseError("invalid_params", `Restoring replaces the data of ${target.name}: confirm with its name (--confirm ${target.name}).`);
  if (backup.state !== "succeeded") throw new UseCaseError("conflict", `Backup ${backup.name} is ${backup.state}: only a succeeded backup can be restored.`);
  if (target.kind !== addon.kind) throw new UseCaseError("invalid_params", `Backup ${backup.name} is a ${addon.kind} backup; ${target.name} is ${target.kind}.`);
  if (target.state !== "available") throw new UseCaseError("conflict", `${target.name} is ${target.state}: only an available add-on can be restored into.`);
  const job = await deps.backupQueue.add("restore", { action: "restore", backupId: backup.id, targetAddonId: target.id });
  await recordAudit({ action: "backup.restore", app: { id: app.id, name: app.name }, details: { addon: addon.name, backup: backup.name, into: target.name } }, actor, deps);
  const outcome = await waitForJob(deps.backupQueue, job.id!, RESTORE_WAIT_MS);
  if (!outcome.ok) throw new UseCaseError("conflict", `Restore of ${backup.name} into ${target.name} failed: ${outcome.message}`);
  return { backup, target, outcome };
}
