import { backupKey, backupName, checkSchedule, defaultScheduleFromEnv, isFinished, nextBackupNumber, ScheduleError, type BackupSchedule } from "@pier/backup-core";
import { type Addon, type AddonBackup, type App } from "@pier/db";
import type { Queue } from "bullmq";
import { recordAudit } from "./audit.js";
import { findBackupAddon, findBackup, type AddonWithHost } from "./backups-addon.js";
import type { BackupJob } from "./backups-queue.js";
import { backupTargetOf, currentTargetName, type BackupTargetDeps } from "./backups-target.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { isUniqueViolation } from "./unique-violation.js";

type AddonRef = { app: string; addon: string };

/** An add-on's backups, newest first. */
export async function listBackups(params: AddonRef, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ app: App; addon: AddonWithHost; backups: AddonBackup[] }> {
  const { app, addon } = await findBackupAddon(params, actor, deps);
  const backups = await deps.prisma.addonBackup.findMany({ where: { addonId: addon.id }, orderBy: { number: "desc" }, take: 1000 });
  return { app, addon, backups };
}

export async function getBackup(params: AddonRef & { backup: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ app: App; addon: AddonWithHost; backup: AddonBackup }> {
  const { app, addon } = await findBackupAddon(params, actor, deps);
  return { app, addon, backup: await findBackup(addon, params.backup, deps) };
}

/** A pending backup record with the add-on's next number (numbers are never reused). */
export async function createBackupRecord(addon: Pick<Addon, "id" | "kind">, trigger: "manual" | "scheduled", deps: Pick<Deps, "prisma" | "config"> & BackupTargetDeps): Promise<AddonBackup> {
  for (let attempt = 0; ; attempt++) {
    const last = await deps.prisma.addonBackup.aggregate({ where: { addonId: addon.id }, _max: { number: true } });
    const number = nextBackupNumber(last._max.number);
    const name = backupName(number);
    try {
      return await deps.prisma.addonBackup.create({ data: { addonId: addon.id, number, name, trigger, target: currentTargetName(deps), targetKey: backupKey(addon.id, name, addon.kind) } });
    } catch (err) {
      // Two backups started at once took the same number: the later one takes the next.
      if (attempt < 5 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}

/** `pier backups:capture`: records a pending backup and queues it for the worker. */
export async function requestBackup(params: AddonRef, actor: Actor, deps: Pick<Deps, "prisma" | "config"> & BackupTargetDeps & { backupQueue: Queue<BackupJob> }): Promise<{ app: App; addon: AddonWithHost; backup: AddonBackup }> {
  const { app, addon } = await findBackupAddon(params, actor, deps);
  if (addon.state !== "available") throw new UseCaseError("conflict", `${addon.name} is ${addon.state}: only an available add-on can be backed up.`);
  const busy = await deps.prisma.addonBackup.findFirst({ where: { addonId: addon.id, state: { in: ["pending", "running"] } } });
  if (busy) throw new UseCaseError("conflict", `Backup ${busy.name} of ${addon.name} is ${busy.state}: wait until it finishes (pier backups --addon ${addon.name}).`);
  const backup = await createBackupRecord(addon, "manual", deps);
  // The backup's id as the job's: queuing it again (requeuePendingBackups) never runs it twice.
  await deps.backupQueue.add("capture", { action: "capture", backupId: backup.id }, { jobId: backup.id });
  await recordAudit({ action: "backup.capture", app: { id: app.id, name: app.name }, details: { addon: addon.name, backup: backup.name } }, actor, deps);
  return { app, addon, backup };
}

/**
 * Queues every pending backup again (at worker start): a job lost with Redis would otherwise
 * leave its backup pending for ever, blocking new ones. Jobs still queued are not duplicated.
 */
export async function requeuePendingBackups(deps: Pick<Deps, "prisma"> & { backupQueue: Queue<BackupJob> }): Promise<number> {
  const pending = await deps.prisma.addonBackup.findMany({ where: { state: "pending" }, select: { id: true } });
  for (const b of pending) await deps.backupQueue.add("capture", { action: "capture", backupId: b.id }, { jobId: b.id });
  return pending.length;
}

/** Removes a finished backup: its file first, then its record (a failure leaves both). */
export async function deleteBackup(params: AddonRef & { backup: string }, actor: Actor, deps: Pick<Deps, "prisma" | "config"> & BackupTargetDeps): Promise<AddonBackup> {
  const { app, addon, backup } = await getBackup(params, actor, deps);
  if (!isFinished(backup.state)) throw new UseCaseError("conflict", `Backup ${backup.name} is ${backup.state}: it can be deleted once it has finished.`);
  await (await backupTargetOf(deps, backup.target)).remove(backup.targetKey);
  await deps.prisma.addonBackup.delete({ where: { id: backup.id } });
  await recordAudit({ action: "backup.delete", app: { id: app.id, name: app.name }, details: { addon: addon.name, backup: backup.name } }, actor, deps);
  return backup;
}

export type ScheduleView = BackupSchedule & { custom: boolean };

/** The add-on's own schedule, or the installation's default. */
export async function scheduleOf(addonId: string, deps: Pick<Deps, "prisma">): Promise<ScheduleView> {
  const own = await deps.prisma.addonBackupSchedule.findUnique({ where: { addonId } });
  if (own) return { enabled: own.enabled, hourUtc: own.hourUtc, retain: own.retain, custom: true };
  return { ...defaultScheduleFromEnv(process.env), custom: false };
}

export async function getBackupSchedule(params: AddonRef, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ addon: AddonWithHost; schedule: ScheduleView }> {
  const { addon } = await findBackupAddon(params, actor, deps);
  return { addon, schedule: await scheduleOf(addon.id, deps) };
}

/** `pier backups:schedule`: changes what is given, keeping the rest. */
export async function updateBackupSchedule(
  params: AddonRef & { hourUtc?: number; retain?: number; enabled?: boolean },
  actor: Actor,
  deps: Pick<Deps, "prisma">,
): Promise<{ addon: AddonWithHost; schedule: ScheduleView }> {
  const { app, addon } = await findBackupAddon(params, actor, deps);
  const current = await scheduleOf(addon.id, deps);
  let next: BackupSchedule;
  try {
    next = checkSchedule({ enabled: params.enabled ?? current.enabled, hourUtc: params.hourUtc ?? current.hourUtc, retain: params.retain ?? current.retain });
  } catch (err) {
    if (err instanceof ScheduleError) throw new UseCaseError("invalid_params", `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.`);
    throw err;
  }
  await deps.prisma.addonBackupSchedule.upsert({ where: { addonId: addon.id }, create: { addonId: addon.id, ...next }, update: next });
  await recordAudit({ action: "backup.schedule", app: { id: app.id, name: app.name }, details: { addon: addon.name, ...next } }, actor, deps);
  return { addon, schedule: { ...next, custom: true } };
}
