import { backupsToPrune, dueForBackup, type ScheduledAddon } from "@pier/backup-core";
import { captureBackup, type BackupDeps } from "./backups-capture.js";
import { createBackupRecord, scheduleOf } from "./backups.js";
import { backupTargetOf } from "./backups-target.js";

export interface BackupPass {
  captured: string[];
  failed: string[];
  pruned: string[];
}

/** Available add-ons with what the schedule planner needs to know about each. */
async function scheduledAddons(deps: BackupDeps): Promise<ScheduledAddon[]> {
  const addons = await deps.prisma.addon.findMany({ where: { state: "available" }, select: { id: true } });
  const lastScheduled = await deps.prisma.addonBackup.groupBy({ by: ["addonId"], where: { trigger: "scheduled" }, _max: { createdAt: true } });
  const busy = new Set((await deps.prisma.addonBackup.findMany({ where: { state: { in: ["pending", "running"] } }, select: { addonId: true } })).map((b) => b.addonId));
  const last = new Map(lastScheduled.map((g) => [g.addonId, g._max.createdAt]));
  return Promise.all(addons.map(async (a) => ({ addonId: a.id, schedule: await scheduleOf(a.id, deps), lastScheduledAt: last.get(a.id) ?? null, busy: busy.has(a.id) })));
}

/** Deletes what retention no longer keeps: each file first, then its record. */
async function prune(addonId: string, retain: number, deps: BackupDeps): Promise<string[]> {
  const backups = await deps.prisma.addonBackup.findMany({ where: { addonId } });
  const doomed = new Set(backupsToPrune(backups, retain));
  const pruned: string[] = [];
  for (const b of backups.filter((x) => doomed.has(x.id))) {
    await (await backupTargetOf(deps, b.target)).remove(b.targetKey);
    await deps.prisma.addonBackup.delete({ where: { id: b.id } });
    pruned.push(b.id);
  }
  return pruned;
}

/**
 * The worker's daily backups: captures every add-on whose slot has come (one at a time: dumps
 * are heavy), then applies its retention. Failures are recorded on the backup like manual ones.
 */
export async function runScheduledBackups(deps: BackupDeps, now = new Date()): Promise<BackupPass> {
  const addons = await scheduledAddons(deps);
  const pass: BackupPass = { captured: [], failed: [], pruned: [] };
  for (const addonId of dueForBackup(now, addons)) {
    const addon = await deps.prisma.addon.findUniqueOrThrow({ where: { id: addonId } });
    const record = await createBackupRecord(addon, "scheduled", deps);
    const done = await captureBackup({ backupId: record.id }, deps);
    (done.state === "succeeded" ? pass.captured : pass.failed).push(done.id);
    const schedule = addons.find((a) => a.addonId === addonId)!.schedule;
    pass.pruned.push(...(await prune(addonId, schedule.retain, deps)));
  }
  return pass;
}
