/** When an add-on is backed up automatically and how many successful backups are kept. */
export interface BackupSchedule {
  enabled: boolean;
  /** Hour of the day (UTC, 0-23) at which the daily backup becomes due. */
  hourUtc: number;
  /** Successful backups kept; older ones are deleted after each scheduled backup. */
  retain: number;
}

export interface ScheduledAddon {
  addonId: string;
  schedule: BackupSchedule;
  /** Start of the newest scheduled backup attempt (any outcome), if any. */
  lastScheduledAt: Date | null;
  /** Whether a backup of this add-on is pending or running now. */
  busy: boolean;
}

/** The most recent moment at `hourUtc` at or before `now`: today's if it has passed, else yesterday's. */
export function latestSlot(now: Date, hourUtc: number): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (slot.getTime() > now.getTime()) slot.setUTCDate(slot.getUTCDate() - 1);
  return slot;
}

/**
 * Add-ons whose daily backup is due: enabled, not busy, and no scheduled attempt since the latest
 * slot. A failed attempt is not retried until the next slot (the failure is shown, not hammered);
 * an add-on created after the slot waits for the next one unless it has never been backed up.
 */
export function dueForBackup(now: Date, addons: readonly ScheduledAddon[]): string[] {
  return addons
    .filter((a) => a.schedule.enabled && !a.busy)
    .filter((a) => a.lastScheduledAt === null || a.lastScheduledAt.getTime() < latestSlot(now, a.schedule.hourUtc).getTime())
    .map((a) => a.addonId);
}

export class ScheduleError extends Error {
  override name = "ScheduleError";
}

/** Validates a schedule change from a person (CLI, API), naming the bad value. */
export function checkSchedule(s: BackupSchedule): BackupSchedule {
  if (!Number.isInteger(s.hourUtc) || s.hourUtc < 0 || s.hourUtc > 23) throw new ScheduleError(`the hour must be a whole number from 0 to 23 (UTC), got ${s.hourUtc}`);
  if (!Number.isInteger(s.retain) || s.retain < 1 || s.retain > 1000) throw new ScheduleError(`retention must keep from 1 to 1000 backups, got ${s.retain}`);
  return s;
}

type Env = Record<string, string | undefined>;

/** The default schedule for add-ons without their own: PIER_BACKUP_HOUR (UTC, default 2), PIER_BACKUP_RETAIN (default 7), PIER_BACKUP_SCHEDULE=off disables. */
export function defaultScheduleFromEnv(env: Env): BackupSchedule {
  const num = (key: string, fallback: number) => {
    const raw = env[key];
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d+$/.test(raw)) throw new ScheduleError(`${key} must be a whole number, got "${raw}"`);
    return Number(raw);
  };
  try {
    return checkSchedule({ enabled: env.PIER_BACKUP_SCHEDULE !== "off", hourUtc: num("PIER_BACKUP_HOUR", 2), retain: num("PIER_BACKUP_RETAIN", 7) });
  } catch (err) {
    throw new ScheduleError(`PIER_BACKUP_HOUR/PIER_BACKUP_RETAIN: ${(err as Error).message}`);
  }
}
